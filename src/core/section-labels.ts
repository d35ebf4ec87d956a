// What a section is called where a person picks it (the issue forms, the site's filter): a paper
// section by its title (their titles are distinct), a dataset section with its parent's
// ("Multilingual SFT Data: Manual Creation"), since two dataset groups both have a "Manual
// Creation". Decided here for every place that offers a choice.
import type { EntryKind, SectionsFile } from './model.js';
import { walkSections } from './section-tree.js';

export interface SectionChoice {
  id: string;
  label: string;
}

export function sectionChoices(sections: SectionsFile | undefined, kind: EntryKind): SectionChoice[] {
  return walkSections(sections).filter((n) => n.leaf && n.group.kind === kind)
    .map((n) => ({ id: n.section.id, label: kind === 'paper' ? n.section.title : `${(n.parent ?? n.group).title}: ${n.section.title}` }));
}
