// `paperlist generate`: render README.md (and the chart) from the template and entries, or check
// they are current. Refuses, writing nothing, whenever lint would report an error.
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { writeFileAtomic } from '../fs-atomic.js';
import { README_FILE } from '../model.js';
import { checkRepository } from '../pipeline.js';
import { CHART_FILE } from '../render/chart.js';

export interface GenerateOutcome {
  diagnostics: Diagnostic[];
  /** 'written' | 'unchanged' | 'stale' (with --check) | 'refused' (errors: nothing written). */
  status: 'written' | 'unchanged' | 'stale' | 'refused';
  /** The files written ('written') or that differ ('stale'), relative to the root. */
  files: string[];
  diff?: string;
}

export function fileDiff(file: string, current: string | undefined, expected: string): string {
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, current ?? '', expected, 'committed', 'generated', { context: 2 });
}

export async function generate(root: string, check: boolean): Promise<GenerateOutcome> {
  const checked = await checkRepository(root, { render: true });
  const { diagnostics, rendered, project } = checked;
  if (!rendered || hasErrors(diagnostics)) return { diagnostics, status: 'refused', files: [] };
  const outputs: Array<{ file: string; current: string | undefined; expected: string }> = [{ file: README_FILE, current: project.workspace.readme, expected: rendered.text }];
  if (rendered.chart !== undefined) outputs.push({ file: CHART_FILE, current: project.workspace.chart, expected: rendered.chart });
  const stale = outputs.filter((o) => o.current !== o.expected);
  const files = stale.map((o) => o.file);
  if (!stale.length) return { diagnostics, status: 'unchanged', files };
  if (check) return { diagnostics, status: 'stale', files, diff: stale.map((o) => fileDiff(o.file, o.current, o.expected)).join('') };
  for (const o of stale) await writeFileAtomic(join(root, o.file), o.expected);
  return { diagnostics, status: 'written', files };
}
