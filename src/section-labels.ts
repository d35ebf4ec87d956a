// What a section is called where a person picks it (the issue forms, the site's filter): a paper
// section by its title (their titles are distinct), a dataset section with its parent's
// ("Multilingual SFT Data: Manual Creation"), since two dataset groups both have a "Manual
// Creation". Decided here for every place that offers a choice.
import type { EntryKind, SectionsFile } from './model.js';

export interface SectionChoice {
  id: string;
  label: string;
}

export function sectionChoices(sections: SectionsFile | undefined, kind: EntryKind): SectionChoice[] {
  return sections?.groups.filter((g) => g.kind === kind).flatMap((g) => g.sections.flatMap((s) =>
    s.sections
      ? s.sections.map((c) => ({ id: c.id, label: kind === 'paper' ? c.title : `${s.title}: ${c.title}` }))
      : [{ id: s.id, label: kind === 'paper' ? s.title : `${g.title}: ${s.title}` }])) ?? [];
}
