// The canonical text of an entry file: fixed key order, one schema comment, no folding, LF, final newline.
import { Document, stringify } from 'yaml';
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

// Strings that every YAML emitter writes plain, unquoted: they start with a letter, hold no
// indicator, comment, quote or escape character, and are not a keyword. Lint formats every entry,
// so entries made only of such strings, or of printable ASCII the yaml package quotes (asked of it
// one scalar at a time), are written directly (10× faster than building a yaml Document);
// anything else goes through the whole document. A test checks both give the same bytes.
// Kept because the bench needs it (issue 12's target: lint and generate no slower than the plain
// yaml + ajv + remark-stringify pipeline, ../shared/bench/yardstick.mjs, on 10,000 papers). Measured
// side by side, medians of 5 (2026-12-01): with this writer and readCanonical, lint 0.93× and
// generate 0.80× the yardstick; with both turned off, lint 1.16× and generate 1.07× (target missed).
const PLAIN_TEXT = /^[A-Za-z][A-Za-z0-9 .,()+/'-]*$/;
const PLAIN_URL = /^https?:\/\/[A-Za-z0-9._~/?=&%+-]+$/;
const KEYWORD = /^(?:true|false|null|yes|no|on|off|y|n)$/i;

function plain(value: unknown): boolean {
  // Not a string (a field left out, a number): only the yaml package decides what it means.
  if (typeof value !== 'string') return false;
  return (PLAIN_TEXT.test(value) || PLAIN_URL.test(value)) && !value.endsWith(' ') && !value.includes('  ') && !KEYWORD.test(value);
}

// Printable ASCII on one line: the yaml package writes such a string plain or in quotes, never as
// a block or with escapes, so asking it for that one scalar gives the bytes it writes in the file
// (a title with ": " is most of the list's quoted values).
const ONE_LINE_ASCII = /^[\x20-\x7E]+$/;

/** A string value as the entry file writes it, or undefined when only the whole-document writer may decide. */
function scalar(value: unknown): string | undefined {
  if (plain(value)) return value as string;
  if (typeof value !== 'string' || !ONE_LINE_ASCII.test(value)) return undefined;
  return stringify(value, { lineWidth: 0, defaultStringType: 'PLAIN' }).slice(0, -1);
}

function fastPaper(p: Paper, links: Record<string, string>): string | undefined {
  // The author list and DOI are rare enough (entries written from records) to leave to the yaml package.
  if (!Array.isArray(p.sections) || p.authorList !== undefined || p.doi !== undefined) return undefined;
  if (!Number.isSafeInteger(p.year) || p.year < 0 || p.sections.length === 0 || Object.keys(links).length === 0) return undefined;
  const title = scalar(p.title);
  const authors = scalar(p.authors);
  const venue = p.venue !== undefined ? scalar(p.venue) : '';
  const linkLines = Object.entries(links).map(([k, v]) => [k, scalar(v)] as const);
  const sections = p.sections.map(scalar);
  if (title === undefined || authors === undefined || venue === undefined || linkLines.some(([, v]) => v === undefined) || sections.some((v) => v === undefined)) return undefined;
  let out = `${SCHEMA_COMMENT.paper}\ntitle: ${title}\nauthors: ${authors}\nyear: ${p.year}\n`;
  if (p.venue !== undefined) out += `venue: ${venue}\n`;
  out += 'links:\n';
  for (const [k, v] of linkLines) out += `  ${k}: ${v}\n`;
  out += 'sections:\n';
  for (const s of sections) out += `  - ${s}\n`;
  return out;
}

function fastDataset(d: Dataset): string | undefined {
  if (!Array.isArray(d.sections) || d.sections.length === 0) return undefined;
  const name = scalar(d.name);
  const url = d.url !== undefined ? scalar(d.url) : '';
  const description = scalar(d.description);
  const sections = d.sections.map(scalar);
  if (name === undefined || url === undefined || description === undefined || sections.some((v) => v === undefined)) return undefined;
  let out = `${SCHEMA_COMMENT.dataset}\nname: ${name}\n`;
  if (d.url !== undefined) out += `url: ${url}\n`;
  out += `description: ${description}\nsections:\n`;
  for (const s of sections) out += `  - ${s}\n`;
  return out;
}

/** Canonical key order; unknown keys are not written (the schema rejects them anyway). */
export function formatPaper(p: Paper): string {
  return formatPaperWith(p, true);
}

/** `fast: false` forces the yaml package, for the test that compares both. */
export function formatPaperWith(p: Paper, fast: boolean): string {
  const links: Record<string, string> = {};
  for (const kind of LINK_KINDS) if (p.links[kind]) links[kind] = p.links[kind]!;
  const quick = fast ? fastPaper(p, links) : undefined;
  if (quick !== undefined) return quick;
  return dump(
    {
      title: p.title,
      authors: p.authors,
      ...(p.authorList !== undefined ? { authorList: p.authorList } : {}),
      year: p.year,
      ...(p.venue !== undefined ? { venue: p.venue } : {}),
      ...(p.doi !== undefined ? { doi: p.doi } : {}),
      links,
      sections: p.sections,
    },
    SCHEMA_COMMENT.paper,
  );
}

export function formatDataset(d: Dataset): string {
  return formatDatasetWith(d, true);
}

export function formatDatasetWith(d: Dataset, fast: boolean): string {
  const quick = fast ? fastDataset(d) : undefined;
  if (quick !== undefined) return quick;
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

/**
 * A scalar as the canonical writer quotes it: "…" without escapes, '…' with '' for a quote. What
 * this makes of anything else is refused by the write-back comparison in readCanonical.
 */
function unquote(text: string): string {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"') && !text.includes('\\')) return text.slice(1, -1);
  if (text.length >= 2 && text.startsWith("'") && text.endsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  return text;
}

/**
 * Reads an entry file that is in canonical form, without the YAML parser: the lines give a
 * candidate, which is accepted only if writing it back gives the very same text. Canonical text is
 * YAML whose meaning the tests pin (formatPaper's output reads back to its input), so an accepted
 * candidate is exactly what the YAML parser would return. Anything else returns undefined and goes
 * through the parser. (12,000 entries: the parser takes ~0.9 s, this ~0.1 s.)
 */
export function readCanonical(kind: EntryKind, text: string): Paper | Dataset | undefined {
  const lines = text.split('\n');
  if (lines[0] !== SCHEMA_COMMENT[kind] || lines.at(-1) !== '') return undefined;
  const data: Record<string, unknown> = {};
  let open: Record<string, string> | string[] | undefined;
  for (let i = 1; i < lines.length - 1; i++) {
    const line = lines[i]!;
    let m: RegExpExecArray | null;
    if ((m = /^([a-z]+):(?: (.*))?$/.exec(line))) {
      const [, key, value] = m;
      if (value === undefined) data[key!] = open = key === 'sections' ? [] : {};
      else {
        data[key!] = key === 'year' && /^\d+$/.test(value) ? Number(value) : unquote(value);
        open = undefined;
      }
    } else if ((m = /^ {2}- (.*)$/.exec(line)) && Array.isArray(open)) open.push(unquote(m[1]!));
    else if ((m = /^ {2}([a-z]+): (.*)$/.exec(line)) && open && !Array.isArray(open)) open[m[1]!] = unquote(m[2]!);
    else return undefined;
  }
  const candidate = data as unknown as Paper & Dataset;
  if (kind === 'paper') {
    if (typeof candidate.year !== 'number' || typeof candidate.links !== 'object' || candidate.links === null || Array.isArray(candidate.links)) return undefined;
    const links: Record<string, string> = {};
    for (const k of LINK_KINDS) if (candidate.links[k]) links[k] = candidate.links[k]!;
    return fastPaper(candidate, links) === text ? candidate : undefined;
  }
  return fastDataset(candidate) === text ? candidate : undefined;
}
