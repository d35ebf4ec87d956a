// `paperlist absorb`: README.md edited by hand → the entry and template changes that make generate
// write it, then README.md regenerated. Writes nothing when a line cannot be read.
import { planAbsorb, type Change } from '../absorb/plan.js';
import { compareStrings, hasErrors, type Diagnostic } from '../diagnostics.js';
import { loadVenues } from '../package-files.js';
import { checkRepository } from '../pipeline.js';
import { writeEntriesAndGenerate } from './write-entries.js';

export interface AbsorbOutcome {
  status: 'nothing' | 'planned' | 'written' | 'refused';
  changes: Change[];
  /** What each changed file becomes (null: deleted). */
  files: Record<string, string | null>;
  /** The files generate wrote afterwards. */
  generated: string[];
  diagnostics: Diagnostic[];
}

export async function absorb(root: string, options: { dryRun: boolean }): Promise<AbsorbOutcome> {
  const checked = await checkRepository(root, { render: true });
  const { project, rendered } = checked;
  const none = { changes: [], files: {}, generated: [] };
  if (!rendered || !project.sections || !project.workspace.template) {
    return { status: 'refused', ...none, diagnostics: checked.diagnostics.filter((d) => d.severity === 'error') };
  }
  if (project.workspace.readme === undefined) return { status: 'nothing', ...none, diagnostics: [] };
  const plan = planAbsorb({
    papers: project.papers, datasets: project.datasets, sections: project.sections, template: project.workspace.template.text,
    expected: rendered, edited: project.workspace.readme, venues: loadVenues(),
  });
  const files = Object.fromEntries([...plan.files].sort(([a], [b]) => compareStrings(a, b)));
  const outcome = { changes: plan.changes, files, generated: [] as string[], diagnostics: plan.diagnostics };
  if (hasErrors(plan.diagnostics)) return { ...outcome, status: 'refused' };
  if (!plan.changes.length && project.workspace.readme === rendered.text) return { ...outcome, status: 'nothing' };
  if (options.dryRun) return { ...outcome, status: 'planned' };
  const regenerated = await writeEntriesAndGenerate(root, [...plan.files].map(([file, text]) => ({ file, text })));
  return { ...outcome, status: 'written', generated: regenerated.generated, diagnostics: [...plan.diagnostics, ...regenerated.diagnostics] };
}
