// Reads the BibTeX the ACL Anthology serves for a paper (aclanthology.org/<id>.bib), with
// citation-js's BibTeX reader: TeX accents become letters (Holmstr{\"o}m → Holmström), names keep
// their particles and braced surnames ({Moura Ramos}), month macros resolve.
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { plainFromHtml } from './plain-title.js';
import { personFamily, personName, type CslName } from './record.js';
import { tidySpaces } from '../text/spacing.js';

export interface AnthologyRecord {
  title: string;
  year: number;
  /** Full names, "Given Family". */
  authors: string[];
  /** Each author's family name as the record states it (with its particle, its hyphen). */
  families: string[];
  booktitle?: string;
  doi?: string;
}

interface CslItem {
  title?: string;
  author?: CslName[];
  issued?: { 'date-parts'?: Array<Array<number | string>> };
  'container-title'?: string;
  DOI?: string;
}

/** The family part ("before the comma") of each name of the record's author field, as BibTeX text. */
function rawFamilies(body: string): string[] {
  const start = /\bauthor\s*=\s*(["{])/i.exec(body);
  if (!start) return [];
  const close = start[1] === '"' ? '"' : '}';
  let depth = 0;
  let value = '';
  for (let i = start.index + start[0].length; i < body.length; i++) {
    const c = body[i]!;
    if (c === close && depth === 0) break;
    if (c === '{') depth++;
    if (c === '}') depth--;
    value += c;
  }
  // Names are joined by " and " outside braces; a name is "Family, Given" (the Anthology's form).
  const names: string[] = [];
  let current = '';
  depth = 0;
  const words = value.replace(/\s+/g, ' ').split(' ');
  for (const word of words) {
    for (const c of word) depth += c === '{' ? 1 : c === '}' ? -1 : 0;
    if (word === 'and' && depth === 0) {
      names.push(current.trim());
      current = '';
    } else current += ` ${word}`;
  }
  if (current.trim()) names.push(current.trim());
  return names.map((n) => (n.includes(',') ? n.slice(0, n.indexOf(',')) : n).trim());
}

export function parseAnthologyBib(body: string): AnthologyRecord | undefined {
  let items: CslItem[];
  try {
    // forceType: the body is only ever read as BibTeX text (no other input type, nothing fetched).
    items = plugins.input.chain(body, { forceType: '@biblatex/text', generateGraph: false, target: '@csl/list+object', strict: true, maxChainLength: 10 }) as CslItem[];
  } catch {
    return undefined;
  }
  const item = items[0];
  // citation-js turns the TeX of a title (\textit{…}) into HTML tags: made plain here.
  const title = item?.title ? plainFromHtml(item.title) : '';
  const year = Number(item?.issued?.['date-parts']?.[0]?.[0]);
  if (!item || !title || !Number.isInteger(year)) return undefined;
  const names = (item.author ?? []).filter((n) => n && typeof n === 'object');
  const raw = rawFamilies(body);
  // citation-js reads "{\\'A}lvarez-Mellado, Elena" as the particle "Álvarez" and the family
  // "Mellado": where the record's own family part is hyphenated, the two are one hyphenated name.
  const mended = names.map((n, i) => (n['non-dropping-particle'] && n.family && raw[i]?.includes('-') && !raw[i]!.includes(' ') ? { ...n, family: `${n['non-dropping-particle']}-${n.family}`, 'non-dropping-particle': undefined } : n));
  return {
    title,
    year,
    authors: mended.map(personName).filter(Boolean),
    families: mended.map(personFamily),
    ...(item['container-title'] ? { booktitle: tidySpaces(item['container-title']) } : {}),
    ...(item.DOI ? { doi: item.DOI.toLowerCase() } : {}),
  };
}
