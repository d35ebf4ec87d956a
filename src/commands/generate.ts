// `paperlist generate`: render README.md (and the chart) from the template and entries, or check
// they are current. Refuses, writing nothing, whenever lint would report an error, and when
// README.md carries hand edits (readme-state.ts) that regenerating would throw away.
import { createTwoFilesPatch } from 'diff';
import type { Diagnostic } from '../core/diagnostics.js';
import { README_FILE } from '../core/model.js';
import { checkRepository } from '../pipeline/pipeline.js';
import { CHART_FILE } from '../core/model.js';
import { readmeState, type ReadmeState } from '../pipeline/readme-state.js';
import { gateWrites } from '../pipeline/write-gate.js';
import { MAX_EDITS } from '../text/line-diff.js';

export interface GenerateOutcome {
  diagnostics: Diagnostic[];
  /**
   * 'written' | 'unchanged' | 'stale' (with --check) | 'refused' (errors: nothing written) |
   * 'hand-edited' (README.md has edits by hand: nothing written without --force).
   */
  status: 'written' | 'unchanged' | 'stale' | 'refused' | 'hand-edited';
  /** The files written ('written') or that differ ('stale', 'hand-edited'), relative to the root. */
  files: string[];
  diff?: string;
  /** What README.md was: a hand edit calls for absorb, a stale file for generate. */
  readme?: ReadmeState;
}

/** The unified diff of a stale file; past MAX_EDITS changed lines, a line that says so instead (the search is bounded). */
export function fileDiff(file: string, current: string | undefined, expected: string): string {
  const patch = createTwoFilesPatch(`a/${file}`, `b/${file}`, current ?? '', expected, 'committed', 'generated', { context: 2, maxEditLength: MAX_EDITS });
  return patch ?? `--- a/${file}\tcommitted\n+++ b/${file}\tgenerated\n(${file} differs from what the entries generate in more than ${MAX_EDITS} lines: no line diff is shown.)\n`;
}

export async function generate(root: string, options: { check: boolean; force?: boolean }): Promise<GenerateOutcome> {
  if (options.check) {
    const checked = await checkRepository(root, { render: true });
    const { diagnostics, rendered, project } = checked;
    if (!rendered || diagnostics.some((d) => d.severity === 'error')) return { diagnostics, status: 'refused', files: [] };
    const outputs = [{ file: README_FILE, current: project.workspace.readme, expected: rendered.text }];
    if (rendered.chart !== undefined) outputs.push({ file: CHART_FILE, current: project.workspace.chart, expected: rendered.chart });
    const stale = outputs.filter((o) => o.current !== o.expected);
    if (!stale.length) return { diagnostics, status: 'unchanged', files: [] };
    const { state } = await readmeState(root, checked);
    return { diagnostics, status: 'stale', files: stale.map((o) => o.file), diff: stale.map((o) => fileDiff(o.file, o.current, o.expected)).join(''), readme: state };
  }
  const gate = await gateWrites({ root, writes: new Map(), dryRun: false, readme: options.force ? 'always' : 'if-generated' });
  const diagnostics = gate.candidate.diagnostics;
  if (gate.status === 'refused') return { diagnostics, status: 'refused', files: [] };
  const readme = gate.readme ? { readme: gate.readme } : {};
  if (gate.readme === 'hand-edited' || gate.readme === 'unknown') {
    const { rendered, project } = gate.candidate;
    const differ = [README_FILE, ...(rendered?.chart !== undefined && rendered.chart !== project.workspace.chart ? [CHART_FILE] : [])];
    return { diagnostics, status: 'hand-edited', files: differ, ...readme };
  }
  return { diagnostics, status: gate.status === 'written' ? 'written' : 'unchanged', files: [...gate.files.keys()], ...readme };
}
