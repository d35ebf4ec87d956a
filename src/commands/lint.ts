// `paperlist lint`: schema, rules and README drift over the whole repository; `--fix` for safe fixes.
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import type { Diagnostic } from '../diagnostics.js';
import { fixDataset, fixPaper, type EntryFix } from '../fix.js';
import { writeFileAtomic } from '../fs-atomic.js';
import { loadVenues } from '../package-files.js';
import { loadProject } from '../project.js';
import { RULES, runRules } from '../rules/index.js';
import { readme } from '../rules/readme.js';
import { renderInput, startRenderer } from './generate.js';
import type { RenderResult } from '../render/readme.js';
import { hasErrors } from '../diagnostics.js';

export interface LintOutcome {
  diagnostics: Diagnostic[];
  fixed: EntryFix[];
  counts: { papers: number; datasets: number; files: number };
}

/** The safe fixes every valid entry needs; written when `write` (lint --fix, fmt), else only listed (fmt --check). */
export async function applyFixes(root: string, write: boolean): Promise<EntryFix[]> {
  const venues = loadVenues();
  const project = await loadProject(root);
  const fixes = [...project.papers.map((p) => fixPaper(p, venues)), ...project.datasets.map(fixDataset)].filter((f): f is EntryFix => f !== undefined);
  if (write) for (const fix of fixes) await writeFileAtomic(join(root, fix.file), fix.text);
  return fixes;
}

export async function lint(root: string, options: { fix: boolean }): Promise<LintOutcome> {
  const venues = loadVenues();
  const fixed = options.fix ? await applyFixes(root, true) : [];
  // Rendering (for the README drift check) is the slowest step: it runs on the other core while
  // this one runs the other rules.
  const renderer = startRenderer();
  const { config, diagnostics: configDiagnostics } = await loadConfig(root);
  const project = await loadProject(root);
  const input = renderInput(project);
  const context = { project, venues };
  let ruleDiagnostics: Diagnostic[] = [];
  const runOtherRules = (): void => {
    ruleDiagnostics = runRules(context, config, RULES.filter((r) => r !== readme));
  };
  let result: RenderResult | undefined;
  try {
    // The worker takes two thirds of the list lines: this thread has the rules to run first.
    if (input) result = await renderer.render(input, 2 / 3, runOtherRules);
    else runOtherRules();
  } finally {
    await renderer.close();
  }
  const rendered: { text?: string; chart?: string; diagnostics: Diagnostic[] } = result && !hasErrors(result.diagnostics) ? result : { diagnostics: result?.diagnostics ?? [] };
  const diagnostics = [
    ...configDiagnostics,
    ...project.diagnostics,
    ...rendered.diagnostics,
    ...ruleDiagnostics,
    ...runRules({ ...context, ...(rendered.text !== undefined ? { expectedReadme: rendered.text } : {}), ...(rendered.chart !== undefined ? { expectedChart: rendered.chart } : {}) }, config, [readme]),
  ];
  return {
    diagnostics,
    fixed,
    counts: { papers: project.papers.length, datasets: project.datasets.length, files: project.workspace.entries.length },
  };
}
