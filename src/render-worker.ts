// Worker thread for lint: renders README.md from the entries the main thread read and sends it,
// while the main thread runs the other rules.
import { parentPort } from 'node:worker_threads';
import { renderReadme, type RenderInput } from './render/readme.js';

parentPort!.on('message', (input: RenderInput) => parentPort!.postMessage(renderReadme(input)));
