// Rendering on the other core: a worker thread renders part of the list lines while the main
// thread renders the rest, or runs lint's rules.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { renderLines, renderReadme, type RenderInput, type RenderResult } from './readme.js';

export interface BackgroundRenderer {
  /**
   * Renders the README of `input`. The worker renders the list lines of the first `share` of the
   * entries while this thread runs `meanwhile` and then renders the rest; the lines do not depend
   * on each other, and every byte of the README is assembled here.
   */
  render(input: RenderInput, share: number, meanwhile?: () => void): Promise<RenderResult>;
  close(): Promise<void>;
}

/**
 * A worker thread for rendering, started early so that its module loading overlaps the caller's
 * reading of the entries. The caller must close() it whatever happens (a running worker keeps
 * the process alive). From the TypeScript sources (tests) there is no compiled worker: it renders
 * in this thread instead, with the same result; so it does when `useWorker` is false (a small
 * list, where starting the worker costs more than it saves).
 */
export function startRenderer(useWorker = true): BackgroundRenderer {
  const workerUrl = new URL('./worker.js', import.meta.url);
  if (!useWorker || import.meta.url.endsWith('.ts') || !existsSync(workerUrl)) {
    return {
      render: async (input, _share, meanwhile) => {
        meanwhile?.();
        return renderReadme(input);
      },
      close: async () => {},
    };
  }
  const worker = new Worker(workerUrl, { resourceLimits: { maxYoungGenerationSizeMb: 64 } });
  const failed = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the render worker exited with code ${code}`)));
  });
  failed.catch(() => {}); // observed through render() when it matters
  return {
    render: async (input, share, meanwhile) => {
      const cut = (n: number): number => Math.round(n * share);
      const papers = input.papers.slice(0, cut(input.papers.length));
      const datasets = input.datasets.slice(0, cut(input.datasets.length));
      const answer = new Promise<Array<[string, string]>>((resolve) => worker.once('message', resolve));
      worker.postMessage({ papers, datasets });
      meanwhile?.();
      const local = renderLines(input.papers.slice(papers.length), input.datasets.slice(datasets.length));
      const remote = await Promise.race([answer, failed]);
      return renderReadme(input, new Map([...remote, ...local]));
    },
    close: async () => {
      await worker.terminate();
    },
  };
}
