// Worker thread: renders the list lines of the entries it is sent (see startRenderer), so that the
// main thread can render the others, or run lint's rules, at the same time.
import { parentPort } from 'node:worker_threads';
import { renderLines, type RenderInput } from './readme.js';

parentPort!.on('message', ({ papers, datasets }: Pick<RenderInput, 'papers' | 'datasets'>) => parentPort!.postMessage([...renderLines(papers, datasets)]));
