// The canonical text of an entry file: fixed key order, one schema comment, no folding, LF, final newline.
import { Document } from 'yaml';
import { LINK_KINDS, type Dataset, type EntryKind, type Paper, type SectionsFile } from './model.js';

export const SCHEMA_COMMENT: Record<EntryKind | 'sections', string> = {
  paper: '# yaml-language-server: $schema=../../schema/paper.schema.json',
  dataset: '# yaml-language-server: $schema=../../schema/dataset.schema.json',
  sections: '# yaml-language-server: $schema=../schema/sections.schema.json',
};

function dump(value: unknown, comment: string): string {
  const doc = new Document(value);
  return `${comment}\n${doc.toString({ lineWidth: 0, indentSeq: true, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' })}`;
}

/** Canonical key order; unknown keys are not written (the schema rejects them anyway). */
export function formatPaper(p: Paper): string {
  const links: Record<string, string> = {};
  for (const kind of LINK_KINDS) if (p.links[kind]) links[kind] = p.links[kind]!;
  return dump(
    {
      title: p.title,
      authors: p.authors,
      year: p.year,
      ...(p.venue !== undefined ? { venue: p.venue } : {}),
      links,
      sections: p.sections,
    },
    SCHEMA_COMMENT.paper,
  );
}

export function formatDataset(d: Dataset): string {
  return dump(
    { name: d.name, ...(d.url !== undefined ? { url: d.url } : {}), description: d.description, sections: d.sections },
    SCHEMA_COMMENT.dataset,
  );
}

export function formatSections(s: SectionsFile): string {
  return dump(
    {
      groups: s.groups.map((g) => ({
        id: g.id,
        title: g.title,
        kind: g.kind,
        sections: g.sections.map((sec) => ({
          id: sec.id,
          title: sec.title,
          ...(sec.description ? { description: sec.description } : {}),
          ...(sec.sections ? { sections: sec.sections.map((c) => ({ id: c.id, title: c.title, ...(c.description ? { description: c.description } : {}) })) } : {}),
        })),
      })),
    },
    SCHEMA_COMMENT.sections,
  );
}
