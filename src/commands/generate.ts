// `paperlist generate`: render README.md from the template and entries, or check it is current.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createTwoFilesPatch } from 'diff';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { writeFileAtomic } from '../fs-atomic.js';
import { README_FILE } from '../model.js';
import { loadProject, type Project } from '../project.js';
import { renderReadme, type RenderInput, type RenderResult } from '../render/readme.js';
import { CHART_FILE } from '../render/chart.js';

export interface GenerateOutcome {
  diagnostics: Diagnostic[];
  /** 'written' | 'unchanged' | 'stale' (with --check) | 'refused' (errors: nothing written). */
  status: 'written' | 'unchanged' | 'stale' | 'refused';
  diff?: string;
}

/**
 * The README the project renders to, or undefined when it cannot be rendered (errors in the entries
 * or the template). `diagnostics` are the renderer's own (template markers); the project's are in
 * project.diagnostics.
 */
export function renderProject(project: Project): { text?: string; chart?: string; diagnostics: Diagnostic[] } {
  const input = renderInput(project);
  if (!input) return { diagnostics: [] };
  const result = renderReadme(input);
  return hasErrors(result.diagnostics) ? { diagnostics: result.diagnostics } : result;
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
  render(input: RenderInput): Promise<RenderResult>;
  close(): Promise<void>;
}

/**
 * A worker thread that renders while the caller (lint) runs the rules on this core. Started early
 * so that its module loading overlaps the caller's reading of the entries; it is then handed the
 * entries already read. From the TypeScript sources (tests) there is no compiled worker: it renders
 * in this thread instead, with the same result.
 */
export function startRenderer(): BackgroundRenderer {
  const workerUrl = new URL('../render-worker.js', import.meta.url);
  if (import.meta.url.endsWith('.ts') || !existsSync(workerUrl)) {
    return { render: async (input) => renderReadme(input), close: async () => {} };
  }
  const worker = new Worker(workerUrl, { resourceLimits: { maxYoungGenerationSizeMb: 64 } });
  const failed = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the render worker exited with code ${code}`)));
  });
  failed.catch(() => {}); // observed through render() when it matters
  return {
    render: (input) => {
      const answer = new Promise<RenderResult>((resolve) => worker.once('message', resolve));
      worker.postMessage(input);
      return Promise.race([answer, failed]);
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
  const project = await loadProject(root);
  const rendered = renderProject(project);
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
