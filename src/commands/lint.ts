// `paperlist lint`: schema, rules and README drift over the whole repository; `--fix` for safe fixes.
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { fixDataset, fixPaper, type EntryFix } from '../fix.js';
import { writeFileAtomic } from '../fs-atomic.js';
import { loadVenues } from '../package-files.js';
import { loadProject } from '../project.js';
import { checkRepository, readmeDrift } from '../pipeline.js';

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

export async function lint(root: string, options: { fix: boolean; base?: string }): Promise<LintOutcome> {
  const fixed = options.fix ? await applyFixes(root, true) : [];
  let added: Set<string> | undefined;
  if (options.base !== undefined) {
    const { assertCommit, filesSince } = await import('../git.js');
    await assertCommit(root, options.base, '--base');
    added = new Set(await filesSince(root, options.base, 'A', ['entries']));
  }
  const checked = await checkRepository(root, { render: true, ...(added ? { added } : {}) });
  const { project } = checked;
  return {
    diagnostics: [...checked.diagnostics, ...readmeDrift(checked)],
    fixed,
    counts: { papers: project.papers.length, datasets: project.datasets.length, files: project.workspace.entries.length },
  };
}
