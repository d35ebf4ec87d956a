// Worker thread for lint: loads the project and renders README.md while the main thread runs the rules.
import { parentPort, workerData } from 'node:worker_threads';
import { renderProject } from './commands/generate.js';
import { loadProject } from './project.js';

const { root } = workerData as { root: string };
parentPort!.postMessage(renderProject(await loadProject(root)));
