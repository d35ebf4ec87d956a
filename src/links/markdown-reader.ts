// Links of Markdown files, read off the main thread when the files are long: micromark parses a
// 2,000-line list in ~0.4 s and allocates heavily, which would hold up the first request and grow
// the checker's heap. A worker parses chunk by chunk and posts each chunk's links at once; the
// main thread checks them meanwhile.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FoundLink } from './collector.js';
import { markdownChunks } from '../markdown/chunks.js';

export interface MarkdownText {
  file: string;
  text: string;
}

export interface ReaderOptions {
  /** Below this many characters in all, the main thread parses (a worker takes ~0.1 s to start). */
  workerThreshold?: number;
  /** The compiled worker; from the TypeScript sources there is none and the main thread parses. */
  workerUrl?: URL;
}

const DEFAULT_WORKER = new URL('./markdown-worker.js', import.meta.url);

export interface MarkdownReader extends AsyncIterable<{ file: string; links: FoundLink[] }> {
  /** A worker thread was started for the parse. */
  readonly threaded: boolean;
  /** Stops the parse worker, for a caller that will not read the links after all. */
  close(): Promise<void>;
}

/**
 * Starts reading at once (a worker, if any, boots while the caller loads the rest) and yields, in
 * file and chunk order, the links of each chunk. Same links, same lines and same order whether a
 * worker parses or not; a worker that fails (out of memory, cannot start) leaves the remaining
 * chunks to the main thread.
 */
export function startMarkdownReader(texts: readonly MarkdownText[], options: ReaderOptions = {}): MarkdownReader {
  const chunks = texts.flatMap(({ file, text }) => markdownChunks(text).map((chunk) => ({ file, ...chunk })));
  const size = texts.reduce((n, t) => n + t.text.length, 0);
  const workerUrl = options.workerUrl ?? DEFAULT_WORKER;
  const received: FoundLink[][] = [];
  let wake: (() => void) | undefined;
  let worker: Worker | undefined;
  let ended = true;
  if (size >= (options.workerThreshold ?? 32_000) && !workerUrl.pathname.endsWith('.ts') && existsSync(workerUrl)) {
    ended = false;
    const stop = (): void => {
      ended = true;
      wake?.();
    };
    // A small heap: the parse's garbage is collected as it goes instead of growing RSS (chunks
    // bound what one parse needs; a worker that runs out anyway leaves the rest to this thread).
    worker = new Worker(workerUrl, { resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 } });
    worker.on('message', (links: FoundLink[]) => {
      received.push(links);
      wake?.();
    });
    worker.once('error', stop);
    worker.once('exit', stop);
    worker.postMessage(chunks.map(({ text, firstLine }) => ({ text, firstLine })));
  }
  return {
    threaded: worker !== undefined,
    close: async () => {
      await worker?.terminate();
    },
    async *[Symbol.asyncIterator]() {
      let next = 0;
      try {
        while (next < chunks.length && (received.length || !ended)) {
          if (received.length) yield { file: chunks[next++]!.file, links: received.shift()! };
          else await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        await worker?.terminate();
      }
      if (next === chunks.length) return;
      // The parser is loaded here only when this thread parses (~50 ms saved otherwise).
      const { chunkLinks } = await import('./markdown-links.js');
      for (; next < chunks.length; next++) {
        yield { file: chunks[next]!.file, links: chunkLinks(chunks[next]!) };
        await new Promise((resolve) => setImmediate(resolve)); // let the requests just queued go out
      }
    },
  };
}
