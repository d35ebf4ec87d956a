// Load + validate: the checked view of a repository that every command starts from.
import type { Diagnostic } from './diagnostics.js';
import { loadWorkspace, type LoadedEntry, type Workspace } from './load.js';
import { TEMPLATE_FILE, type Dataset, type EntryKind, type Paper, type SectionsFile, type SubSection } from './model.js';
import { sharedValidator } from './validate.js';

export interface PaperEntry {
  id: string;
  paper: Paper;
  entry: LoadedEntry;
}

export interface DatasetEntry {
  id: string;
  dataset: Dataset;
  entry: LoadedEntry;
}

export interface Project {
  workspace: Workspace;
  sections?: SectionsFile;
  /** Entries that passed the schema (others are reported and left out). */
  papers: PaperEntry[];
  datasets: DatasetEntry[];
  diagnostics: Diagnostic[];
}

export async function loadProject(root: string): Promise<Project> {
  const workspace = await loadWorkspace(root);
  const validator = sharedValidator();
  const diagnostics: Diagnostic[] = [...workspace.diagnostics];
  const project: Project = { workspace, papers: [], datasets: [], diagnostics };

  if (workspace.sections?.data !== undefined) {
    const problems = validator.validate('sections', workspace.sections);
    diagnostics.push(...problems);
    if (!problems.length) project.sections = workspace.sections.data as SectionsFile;
  }
  for (const entry of workspace.entries) {
    if (entry.source.data === undefined) continue; // YAML errors already reported
    const problems = validator.validate(entry.kind, entry.source);
    diagnostics.push(...problems);
    if (problems.length) continue;
    if (entry.kind === 'paper') project.papers.push({ id: entry.id, paper: entry.source.data as Paper, entry });
    else project.datasets.push({ id: entry.id, dataset: entry.source.data as Dataset, entry });
  }
  if (!workspace.template && !workspace.diagnostics.some((d) => d.file === TEMPLATE_FILE))
    diagnostics.push({ file: TEMPLATE_FILE, ruleId: 'template', severity: 'error', message: 'The README template is missing.', hint: 'Create templates/README.md with <!-- paperlist:group ID --> markers.' });
  return project;
}

/** The sections entries of `kind` go in (those without subsections), in README order. */
export function leafSections(sections: SectionsFile | undefined, kind: EntryKind): SubSection[] {
  return sections?.groups.filter((g) => g.kind === kind).flatMap((g) => g.sections.flatMap((s) => s.sections ?? [s])) ?? [];
}
