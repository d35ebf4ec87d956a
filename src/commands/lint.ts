// `paperlist lint`: schema, rules and README drift over the whole repository; `--fix` for safe fixes.
import type { Diagnostic } from '../diagnostics.js';
import { fixDataset, fixPaper, type EntryFix } from '../fix.js';
import { loadVenues } from '../package-files.js';
import { gateWrites } from '../write-gate.js';
import { baseSettings } from '../base-settings.js';
import { diskTree, type FileTree } from '../file-tree.js';
import { loadProject } from '../project.js';
import { checkRepository, readmeDrift } from '../pipeline.js';

export interface LintOutcome {
  diagnostics: Diagnostic[];
  fixed: EntryFix[];
  counts: { papers: number; datasets: number; files: number };
}

export interface AppliedFixes {
  /** The fixes written (or, without `write`, found). Empty when the gate refused them. */
  fixes: EntryFix[];
  /** The files written with them (README.md and the chart, regenerated). */
  generated: string[];
  /** The gate's refusal (the candidate's errors and why nothing was written) or its warnings. */
  diagnostics: Diagnostic[];
}

/**
 * The safe fixes every valid entry needs; written through the write gate when `write` (lint --fix,
 * fmt), else only listed (fmt --check). With an error anywhere in the fixed list, none is written.
 */
export async function applyFixes(root: string, write: boolean): Promise<AppliedFixes> {
  const venues = loadVenues();
  const project = await loadProject(root);
  const fixes = [...project.papers.map((p) => fixPaper(p, venues)), ...project.datasets.map(fixDataset)].filter((f): f is EntryFix => f !== undefined);
  if (!write || !fixes.length) return { fixes, generated: [], diagnostics: [] };
  const gate = await gateWrites({ root, writes: new Map(fixes.map((f) => [f.file, f.text])), dryRun: false, readme: 'if-generated' });
  if (gate.status === 'refused') {
    return { fixes: [], generated: [], diagnostics: [...gate.diagnostics, { file: fixes[0]!.file, line: 1, column: 1, ruleId: 'write-gate', severity: 'error', message: `No fix was written: with ${fixes.length === 1 ? 'it' : `the ${fixes.length} fixes`} the list would still have errors (the other errors reported).`, hint: "Fix those first ('npm run lint' lists them with hints), then run it again." }] };
  }
  const fixed = new Set(fixes.map((f) => f.file));
  return { fixes, generated: [...gate.files.keys()].filter((f) => !fixed.has(f)), diagnostics: gate.diagnostics };
}

export async function lint(root: string, options: { fix: boolean; base?: string }): Promise<LintOutcome> {
  const applied = options.fix ? await applyFixes(root, true) : undefined;
  const fixed = applied?.fixes ?? [];
  let added: Set<string> | undefined;
  let settings: { settings: FileTree; diagnostics: Diagnostic[] } | undefined;
  if (options.base !== undefined) {
    const { assertCommit, filesSince } = await import('../git.js');
    await assertCommit(root, options.base, '--base');
    added = new Set(await filesSince(root, options.base, 'A', ['entries']));
    // The pull request is judged by the base's settings, not its own.
    settings = await baseSettings(root, options.base, diskTree(root), '--base');
  }
  const checked = await checkRepository(root, { render: true, ...(added ? { added } : {}), ...(settings ? { settings: settings.settings } : {}) });
  const { project } = checked;
  return {
    // A refused --fix adds only its own word: the errors that stopped it are lint's own.
    diagnostics: [...(settings?.diagnostics ?? []), ...checked.diagnostics, ...readmeDrift(checked), ...(applied?.diagnostics.filter((d) => d.ruleId === 'write-gate' || d.ruleId === 'readme/kept') ?? [])],
    fixed,
    counts: { papers: project.papers.length, datasets: project.datasets.length, files: project.workspace.entries.length },
  };
}
