// JSON (with a published schema) and CSV exports of the list.
import { paperIdentifiers } from '../core/paper-identifiers.js';
import { LINK_KINDS, type Dataset, type Paper } from '../core/model.js';

export const EXPORT_SCHEMA_ID = 'https://github.com/LightChen233/Awesome-Multilingual-LLM/schema/export.schema.json';

export function toJson(papers: ReadonlyArray<{ id: string; paper: Paper }>, datasets: ReadonlyArray<{ id: string; dataset: Dataset }>): string {
  return `${JSON.stringify(
    {
      $schema: EXPORT_SCHEMA_ID,
      papers: papers.map(({ id, paper }) => {
        const { arxiv, acl } = paperIdentifiers(paper.links.paper);
        return { id, ...paper, ...(arxiv ? { arxiv: arxiv.id } : {}), ...(acl ? { acl: acl.id } : {}) };
      }),
      datasets: datasets.map(({ id, dataset }) => ({ id, ...dataset })),
    },
    null,
    2,
  )}\n`;
}

/**
 * A cell a spreadsheet would run as a formula: it starts with =, +, -, @, a tab or a carriage
 * return (OWASP, "CSV Injection"). Such a cell is written with a leading apostrophe, which
 * spreadsheets show as text and do not keep.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; CRLF line ends. */
export function csvField(raw: string): string {
  const value = FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(papers: ReadonlyArray<{ id: string; paper: Paper }>): string {
  const header = ['id', 'title', 'authors', 'year', 'venue', ...LINK_KINDS, 'sections'];
  const rows = papers.map(({ id, paper }) => [id, paper.title, paper.authors, String(paper.year), paper.venue ?? '', ...LINK_KINDS.map((k) => paper.links[k] ?? ''), paper.sections.join(' ')]);
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
