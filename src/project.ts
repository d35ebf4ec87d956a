// Load + validate: the checked view of a repository that every command starts from.
import type { Diagnostic } from './diagnostics.js';
import { loadWorkspace, locate, type LoadedEntry, type Workspace } from './load.js';
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
  if (project.sections) diagnostics.push(...checkSectionRefs(project, project.sections));
  if (!workspace.template && !workspace.diagnostics.some((d) => d.file === TEMPLATE_FILE))
    diagnostics.push({ file: TEMPLATE_FILE, ruleId: 'template', severity: 'error', message: 'The README template is missing.', hint: 'Create templates/README.md with <!-- paperlist:group ID --> markers.' });
  return project;
}

/** Every section id an entry names must be a section without subsections, in a group of its kind. */
function checkSectionRefs(project: Project, sections: SectionsFile): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const leaves = new Map<string, 'paper' | 'dataset'>();
  const parents = new Set<string>();
  const seen = new Set<string>();
  sections.groups.forEach((g, gi) => {
    g.sections.forEach((s, si) => {
      const place = (id: string, path: Array<string | number>): void => {
        if (seen.has(id)) {
          diagnostics.push({
            file: project.workspace.sections!.file, ...locate(project.workspace.sections!, [...path, 'id']), ruleId: 'sections', severity: 'error',
            message: `Section id "${id}" is used twice.`, hint: 'Give each section its own id.',
          });
        }
        seen.add(id);
      };
      place(s.id, ['groups', gi, 'sections', si]);
      if (s.sections) {
        parents.add(s.id);
        s.sections.forEach((c, ci) => {
          place(c.id, ['groups', gi, 'sections', si, 'sections', ci]);
          leaves.set(c.id, g.kind);
        });
      } else leaves.set(s.id, g.kind);
    });
  });
  const all = [...project.papers.map((p) => ({ ...p, kind: 'paper' as const, sections: p.paper.sections })), ...project.datasets.map((d) => ({ ...d, kind: 'dataset' as const, sections: d.dataset.sections }))];
  const known = [...leaves.keys()];
  for (const e of all) {
    e.sections.forEach((id, i) => {
      const kind = leaves.get(id);
      if (kind === e.kind) return;
      const where = { file: e.entry.source.file, ...locate(e.entry.source, ['sections', i]), ruleId: 'hygiene/unknown-section', severity: 'error' as const };
      if (parents.has(id)) {
        diagnostics.push({ ...where, message: `Section "${id}" has subsections; entries go in one of them.`, hint: `Use a subsection of "${id}" from entries/sections.yml.` });
      } else if (!kind) {
        diagnostics.push({ ...where, message: `Unknown section "${id}".`, hint: `Known ${e.kind} sections: ${known.filter((k) => leaves.get(k) === e.kind).join(', ')}.` });
      } else {
        diagnostics.push({ ...where, message: `Section "${id}" lists ${kind}s, not ${e.kind}s.`, hint: `Use a section of a ${e.kind} group.` });
      }
    });
  }
  return diagnostics;
}

/** The sections entries of `kind` go in (those without subsections), in README order. */
export function leafSections(sections: SectionsFile | undefined, kind: EntryKind): SubSection[] {
  return sections?.groups.filter((g) => g.kind === kind).flatMap((g) => g.sections.flatMap((s) => s.sections ?? [s])) ?? [];
}
