// Worker thread: parses Markdown chunks for their links (see readMarkdownLinks), posting each
// chunk's links as soon as it is parsed, so that the main thread checks while this one parses.
import { parentPort } from 'node:worker_threads';
import { chunkLinks } from './markdown-links.js';

parentPort!.once('message', (chunks: Array<{ text: string; firstLine: number }>) => {
  for (const chunk of chunks) parentPort!.postMessage(chunkLinks(chunk));
});
