// `paperlist generate`: render README.md from the template and entries, or check it is current.
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { writeFileAtomic } from '../fs-atomic.js';
import { README_FILE } from '../model.js';
import { loadProject, type Project } from '../project.js';
import { renderReadme } from '../render/readme.js';

export interface GenerateOutcome {
  diagnostics: Diagnostic[];
  /** 'written' | 'unchanged' | 'stale' (with --check) | 'refused' (errors: nothing written). */
  status: 'written' | 'unchanged' | 'stale' | 'refused';
  diff?: string;
}

/** The README the project renders to, or the reasons it cannot be rendered. */
export function renderProject(project: Project): { text?: string; diagnostics: Diagnostic[] } {
  if (hasErrors(project.diagnostics) || !project.sections || !project.workspace.template) return { diagnostics: project.diagnostics };
  const result = renderReadme({
    sections: project.sections,
    papers: project.papers,
    datasets: project.datasets,
    template: project.workspace.template.text,
    templateFile: project.workspace.template.file,
  });
  const diagnostics = [...project.diagnostics, ...result.diagnostics];
  return hasErrors(result.diagnostics) ? { diagnostics } : { text: result.text, diagnostics };
}

export function readmeDiff(current: string | undefined, expected: string): string {
  return createTwoFilesPatch(`a/${README_FILE}`, `b/${README_FILE}`, current ?? '', expected, 'committed', 'generated', { context: 2 });
}

export async function generate(root: string, check: boolean): Promise<GenerateOutcome> {
  const project = await loadProject(root);
  const { text, diagnostics } = renderProject(project);
  if (text === undefined) return { diagnostics, status: 'refused' };
  const current = project.workspace.readme;
  if (current === text) return { diagnostics, status: 'unchanged' };
  if (check) return { diagnostics, status: 'stale', diff: readmeDiff(current, text) };
  await writeFileAtomic(join(root, README_FILE), text);
  return { diagnostics, status: 'written' };
}
