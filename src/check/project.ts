// Load + validate: a repository's entries, sections and template as data, each entry with the
// schema's verdict (valid, partial, or reported and left out). The rules and the render come after
// (pipeline.ts).
import type { Diagnostic } from '../core/diagnostics.js';
import type { FileTree } from '../core/file-tree.js';
import { loadWorkspace, type LoadedEntry, type Workspace } from './load.js';
import { TEMPLATE_FILE, type Dataset, type Paper, type SectionsFile } from '../core/model.js';
import { sharedValidator } from './validate.js';

export interface PaperEntry {
  id: string;
  paper: Paper;
  entry: LoadedEntry;
  /** Checked without its unknown fields (see Project.partial). */
  partial?: true;
}

export interface DatasetEntry {
  id: string;
  dataset: Dataset;
  entry: LoadedEntry;
  partial?: true;
}

export interface Project {
  workspace: Workspace;
  sections?: SectionsFile;
  /** Entries that passed the schema (others are reported and left out). */
  papers: PaperEntry[];
  datasets: DatasetEntry[];
  /**
   * Entries whose only schema errors are unknown fields, without those fields: the rules check
   * them too (a typo'd key should not hide a wrong year) and links checks their links, but nothing
   * renders, exports or rewrites them (generate and export refuse while the errors stand; the fixes
   * of lint, verify and links only touch valid entries).
   */
  partial: { papers: PaperEntry[]; datasets: DatasetEntry[] };
  diagnostics: Diagnostic[];
}

export async function loadProject(root: string, tree?: FileTree): Promise<Project> {
  const workspace = await loadWorkspace(root, tree);
  const validator = sharedValidator();
  const diagnostics: Diagnostic[] = [...workspace.diagnostics];
  const project: Project = { workspace, papers: [], datasets: [], partial: { papers: [], datasets: [] }, diagnostics };

  if (workspace.sections?.data !== undefined) {
    const problems = validator.validate('sections', workspace.sections);
    diagnostics.push(...problems);
    if (!problems.length) project.sections = workspace.sections.data as SectionsFile;
  }
  for (const entry of workspace.entries) {
    if (entry.source.data === undefined) continue; // YAML errors already reported
    const { problems, checkable } = validator.check(entry.kind, entry.source);
    diagnostics.push(...problems);
    if (checkable === undefined) continue;
    const into = problems.length ? project.partial : project;
    const partial = problems.length ? { partial: true as const } : {};
    if (entry.kind === 'paper') into.papers.push({ id: entry.id, paper: checkable as Paper, entry, ...partial });
    else into.datasets.push({ id: entry.id, dataset: checkable as Dataset, entry, ...partial });
  }
  if (!workspace.template && !workspace.diagnostics.some((d) => d.file === TEMPLATE_FILE))
    diagnostics.push({ file: TEMPLATE_FILE, ruleId: 'template', severity: 'error', message: 'The README template is missing.', hint: 'Create templates/README.md with <!-- paperlist:group ID --> markers.' });
  return project;
}

/**
 * The entries the rules check: the valid ones and the partial ones (see Project.partial), in file
 * order, as one project. Commands that write (generate, export, fixes) use the project itself.
 */
export function withPartialEntries(project: Project): Project {
  if (!project.partial.papers.length && !project.partial.datasets.length) return project;
  const order = new Map(project.workspace.entries.map((e, i) => [e, i]));
  const byFile = <T extends { entry: LoadedEntry }>(a: T, b: T): number => order.get(a.entry)! - order.get(b.entry)!;
  return {
    ...project,
    papers: [...project.papers, ...project.partial.papers].sort(byFile),
    datasets: [...project.datasets, ...project.partial.datasets].sort(byFile),
    partial: { papers: [], datasets: [] },
  };
}

export { leafSections } from '../core/section-tree.js';
