// Reads a work from Crossref's REST API (api.crossref.org/works/<doi>): {"status": "ok",
// "message-type": "work", "message": {DOI, title: [..], author: [{given, family, ...}],
// issued: {"date-parts": [[y, m, d]]}, container-title: [..], short-container-title: [..], ...}}.
import { foldWhitespace, personFamily, personName, type CslName } from './record.js';

export interface CrossrefWork {
  doi: string;
  title: string;
  authors: string[];
  /** Each author's family name as Crossref states it ("van der Goot"). */
  families: string[];
  year: number;
  containerTitle?: string;
  shortContainerTitle?: string;
}

interface Message {
  DOI?: unknown;
  title?: unknown;
  author?: unknown;
  issued?: { 'date-parts'?: unknown };
  published?: { 'date-parts'?: unknown };
  'container-title'?: unknown;
  'short-container-title'?: unknown;
}

const first = (v: unknown): string | undefined => (Array.isArray(v) && typeof v[0] === 'string' ? foldWhitespace(v[0]) || undefined : undefined);
const yearOf = (d: { 'date-parts'?: unknown } | undefined): number => Number(Array.isArray(d?.['date-parts']) && Array.isArray(d['date-parts'][0]) ? d['date-parts'][0][0] : NaN);

/** The work in a Crossref answer, or why it cannot be read. */
export function parseCrossrefWork(body: string): CrossrefWork | { malformed: string } {
  let json: { status?: unknown; 'message-type'?: unknown; message?: Message };
  try {
    json = JSON.parse(body) as typeof json;
  } catch {
    return { malformed: 'not JSON' };
  }
  const m = json?.message;
  if (json?.status !== 'ok' || json['message-type'] !== 'work' || !m || typeof m !== 'object') return { malformed: 'not a Crossref work' };
  const title = first(m.title);
  const year = Number.isInteger(yearOf(m.issued)) ? yearOf(m.issued) : yearOf(m.published);
  if (typeof m.DOI !== 'string' || !title || !Number.isInteger(year)) return { malformed: 'a work without DOI, title or year' };
  const people = (Array.isArray(m.author) ? (m.author as CslName[]) : []).filter((a) => a && typeof a === 'object' && personName(a));
  const authors = people.map(personName);
  const families = people.map(personFamily);
  const container = first(m['container-title']);
  const short = first(m['short-container-title']);
  return { doi: m.DOI.toLowerCase(), title, authors, families, year, ...(container ? { containerTitle: container } : {}), ...(short ? { shortContainerTitle: short } : {}) };
}
