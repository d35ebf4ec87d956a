// The section tree of entries/sections.yml, walked in one place: every section and subsection in
// order, with its group, its parent, its place in the file (for positions) and its heading number
// as the README prints it. The README, the site, the chart, the forms and the section checks all
// read the tree through this walk.
import type { Root } from 'mdast';
import { parseMarkdown } from '../markdown/parse.js';
import type { EntryKind, Group, Section, SectionsFile, SubSection } from './model.js';

export interface SectionNode {
  group: Group;
  section: SubSection;
  /** The section this one is under, for a subsection. */
  parent?: Section;
  /** Where it is in entries/sections.yml: ['groups', g, 'sections', s(, 'sections', c)]. */
  path: Array<string | number>;
  /** Its heading number in the README: "2" for a section, "2.1" for a subsection (counted per group). */
  number: string;
  /** No subsections: entries are listed in it. */
  leaf: boolean;
}

export function walkSections(sections: SectionsFile | undefined): SectionNode[] {
  const nodes: SectionNode[] = [];
  sections?.groups.forEach((group, gi) =>
    group.sections.forEach((section, si) => {
      const path = ['groups', gi, 'sections', si];
      nodes.push({ group, section, path, number: String(si + 1), leaf: !section.sections });
      section.sections?.forEach((sub, ci) => nodes.push({ group, section: sub, parent: section, path: [...path, 'sections', ci], number: `${si + 1}.${ci + 1}`, leaf: true }));
    }),
  );
  return nodes;
}

/** The sections entries of a kind go in (those without subsections), in order. */
export function leafSections(sections: SectionsFile | undefined, kind: EntryKind): SubSection[] {
  return walkSections(sections).filter((n) => n.leaf && n.group.kind === kind).map((n) => n.section);
}

const descriptionTrees = new WeakMap<SubSection, Root>();

/**
 * A section's description as Markdown, parsed once per run whoever asks (the README's render, the
 * markup check, lint's check of relative links). The tree is shared: read it, do not change it.
 */
export function descriptionTree(section: SubSection): Root | undefined {
  if (section.description === undefined) return undefined;
  let tree = descriptionTrees.get(section);
  if (!tree) descriptionTrees.set(section, (tree = parseMarkdown(section.description)));
  return tree;
}
