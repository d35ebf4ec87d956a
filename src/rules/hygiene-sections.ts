// hygiene, the checks of section ids: every id an entry names is a section without subsections of a
// group of its kind (hygiene/unknown-section), every id in entries/sections.yml is used once
// (hygiene/duplicate-section-id), and each issue form offers exactly the sections of its kind
// (hygiene/issue-form). Part of the hygiene rule: severities from the configuration.
import { locate } from '../check/load.js';
import { ISSUE_FORMS, type EntryKind } from '../core/model.js';
import type { Project } from '../check/project.js';
import { sectionChoices } from '../core/section-labels.js';
import { walkSections } from '../core/section-tree.js';
import type { Finding } from '../check/findings.js';

/**
 * Each form's section choices are the labels of the sections of its kind, in order
 * (section-labels.ts): a section added to entries/sections.yml and not to the form cannot be
 * chosen by the form's bot.
 */
export function issueFormFindings(project: Project): Finding[] {
  const findings: Finding[] = [];
  for (const [kind, form] of Object.entries(project.workspace.issueForms) as Array<[EntryKind, NonNullable<Project['workspace']['issueForms'][EntryKind]>]>) {
    if (!project.sections || form.data === undefined) continue;
    const body = (form.data as { body?: unknown }).body;
    const index = Array.isArray(body) ? body.findIndex((b) => (b as { id?: unknown })?.id === 'sections') : -1;
    if (index < 0) continue;
    const options = (body as Array<{ attributes?: { options?: unknown } }>)[index]!.attributes?.options;
    const wanted = sectionChoices(project.sections, kind).map((s) => s.label);
    if (Array.isArray(options) && options.length === wanted.length && options.every((o, i) => o === wanted[i])) continue;
    findings.push({
      check: 'hygiene/issue-form', file: ISSUE_FORMS[kind], ...locate(form, ['body', index, 'attributes', 'options']),
      message: `The issue form's section choices are not the ${kind} sections of entries/sections.yml.`,
      hint: `List exactly these, in this order: ${wanted.map((t) => JSON.stringify(t)).join(', ')}.`,
    });
  }
  return findings;
}

export function sectionFindings(project: Project): Finding[] {
  const { sections } = project;
  const file = project.workspace.sections;
  if (!sections || !file) return [];
  const findings: Finding[] = [];
  const leaves = new Map<string, 'paper' | 'dataset'>();
  const parents = new Set<string>();
  const seen = new Set<string>();
  for (const node of walkSections(sections)) {
    const { id } = node.section;
    if (seen.has(id)) {
      findings.push({ check: 'hygiene/duplicate-section-id', file: file.file, ...locate(file, [...node.path, 'id']), message: `Section id "${id}" is used twice.`, hint: 'Give each section its own id.' });
    }
    seen.add(id);
    if (node.leaf) leaves.set(id, node.group.kind);
    else parents.add(id);
  }
  const all = [...project.papers.map((p) => ({ ...p, kind: 'paper' as const, sections: p.paper.sections })), ...project.datasets.map((d) => ({ ...d, kind: 'dataset' as const, sections: d.dataset.sections }))];
  const known = [...leaves.keys()];
  for (const e of all) {
    e.sections.forEach((id, i) => {
      const kind = leaves.get(id);
      if (kind === e.kind) return;
      const where = { check: 'hygiene/unknown-section' as const, file: e.entry.source.file, ...locate(e.entry.source, ['sections', i]) };
      if (parents.has(id)) {
        findings.push({ ...where, message: `Section "${id}" has subsections; entries go in one of them.`, hint: `Use a subsection of "${id}" from entries/sections.yml.` });
      } else if (!kind) {
        findings.push({ ...where, message: `Unknown section "${id}".`, hint: `Known ${e.kind} sections: ${known.filter((k) => leaves.get(k) === e.kind).join(', ')}.` });
      } else {
        findings.push({ ...where, message: `Section "${id}" lists ${kind}s, not ${e.kind}s.`, hint: `Use a section of a ${e.kind} group.` });
      }
    });
  }
  return findings;
}
