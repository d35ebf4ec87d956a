// `paperlist generate`: render README.md from the template and entries, or check it is current.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createTwoFilesPatch } from 'diff';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { writeFileAtomic } from '../fs-atomic.js';
import { README_FILE } from '../model.js';
import { loadProject, type Project } from '../project.js';
import { renderLines, renderReadme, type RenderInput, type RenderResult } from '../render/readme.js';
import { CHART_FILE } from '../render/chart.js';

export interface GenerateOutcome {
  diagnostics: Diagnostic[];
  /** 'written' | 'unchanged' | 'stale' (with --check) | 'refused' (errors: nothing written). */
  status: 'written' | 'unchanged' | 'stale' | 'refused';
  diff?: string;
}

/** What a render needs, as plain data (it crosses to a worker thread). */
export function renderInput(project: Project): RenderInput | undefined {
  if (hasErrors(project.diagnostics) || !project.sections || !project.workspace.template) return undefined;
  return {
    sections: project.sections,
    papers: project.papers.map(({ id, paper }) => ({ id, paper })),
    datasets: project.datasets.map(({ id, dataset }) => ({ id, dataset })),
    template: project.workspace.template.text,
    templateFile: project.workspace.template.file,
  };
}

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
 * reading of the entries. From the TypeScript sources (tests) there is no compiled worker: it
 * renders in this thread instead, with the same result.
 */
export function startRenderer(): BackgroundRenderer {
  const workerUrl = new URL('../render-worker.js', import.meta.url);
  if (import.meta.url.endsWith('.ts') || !existsSync(workerUrl)) {
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

export function fileDiff(file: string, current: string | undefined, expected: string): string {
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, current ?? '', expected, 'committed', 'generated', { context: 2 });
}

export async function generate(root: string, check: boolean): Promise<GenerateOutcome> {
  const renderer = startRenderer();
  const project = await loadProject(root);
  const input = renderInput(project);
  let rendered: { text?: string; chart?: string; diagnostics: Diagnostic[] } = { diagnostics: [] };
  try {
    if (input) {
      const result = await renderer.render(input, 0.5);
      rendered = hasErrors(result.diagnostics) ? { diagnostics: result.diagnostics } : result;
    }
  } finally {
    await renderer.close();
  }
  const text = rendered.text;
  const diagnostics = [...project.diagnostics, ...rendered.diagnostics];
  if (text === undefined) return { diagnostics, status: 'refused' };
  const outputs: Array<{ file: string; current: string | undefined; expected: string }> = [{ file: README_FILE, current: project.workspace.readme, expected: text }];
  if (rendered.chart !== undefined) outputs.push({ file: CHART_FILE, current: project.workspace.chart, expected: rendered.chart });
  const stale = outputs.filter((o) => o.current !== o.expected);
  if (!stale.length) return { diagnostics, status: 'unchanged' };
  if (check) return { diagnostics, status: 'stale', diff: stale.map((o) => fileDiff(o.file, o.current, o.expected)).join('') };
  for (const o of stale) await writeFileAtomic(join(root, o.file), o.expected);
  return { diagnostics, status: 'written' };
}
