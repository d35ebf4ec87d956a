// Reads a work from Crossref's REST API (api.crossref.org/works/<doi>): {"status": "ok",
// "message-type": "work", "message": {DOI, title: [..], subtitle: [..], author: [{given, family,
// ...}], issued: {"date-parts": [[y, m, d]]}, container-title: [..], short-container-title: [..],
// ...}}, minding what recorded answers show (tests/fixtures/records/SOURCES.md): titles in HTML
// pretty-printed across lines, a subtitle deposited apart (ACM), and `issued` as [[null]].
import { plainFromHtml } from './plain-title.js';
import { personFamily, personName, type CslName, type DoiWork } from './record.js';
import { tidySpaces } from '../text/spacing.js';
import { normalizeTitle } from '../text/normalize.js';

/** A Crossref work, as the list reads it. */
export type CrossrefWork = DoiWork;

type DateField = { 'date-parts'?: unknown } | undefined;

interface Message {
  DOI?: unknown;
  title?: unknown;
  subtitle?: unknown;
  author?: unknown;
  issued?: DateField;
  published?: DateField;
  'published-print'?: DateField;
  'published-online'?: DateField;
  created?: DateField;
  event?: { name?: unknown };
  'container-title'?: unknown;
  'short-container-title'?: unknown;
}

const first = (v: unknown): string | undefined => (Array.isArray(v) && typeof v[0] === 'string' ? tidySpaces(v[0]) || undefined : undefined);
const yearOf = (d: DateField): number | undefined => {
  const year = Array.isArray(d?.['date-parts']) && Array.isArray(d['date-parts'][0]) ? d['date-parts'][0][0] : undefined;
  return Number.isInteger(year) ? (year as number) : undefined;
};
/** The last year a proceedings name states ("…Workshops, 2003."). */
const yearNamed = (name: string | undefined): number | undefined => {
  const years = name?.match(/\b(?:19|20)\d{2}\b/g);
  return years ? Number(years.at(-1)) : undefined;
};

/**
 * The year of publication: `issued`, which Crossref derives from the print and online dates; when
 * that is [[null]] (recorded for proceedings papers), the dates it would come from, then the year
 * the proceedings name, and last the year the record was created (a deposit can come a year late).
 */
function publicationYear(m: Message): number | undefined {
  return yearOf(m.issued) ?? yearOf(m.published) ?? yearOf(m['published-print']) ?? yearOf(m['published-online'])
    ?? yearNamed(typeof m.event?.name === 'string' ? m.event.name : undefined) ?? yearNamed(first(m['container-title'])) ?? yearOf(m.created);
}

/**
 * The title as the list shows it: HTML made plain, and a subtitle deposited apart joined with
 * ": " (ACM: "TUBE" + "time-dependent pricing for mobile data"), unless it is empty or only
 * repeats the title (a running head).
 */
function fullTitle(m: Message): string | undefined {
  const rawTitle = first(m.title);
  const title = rawTitle && plainFromHtml(rawTitle);
  if (!title) return undefined;
  const rawSubtitle = first(m.subtitle);
  const subtitle = rawSubtitle && plainFromHtml(rawSubtitle);
  return subtitle && !normalizeTitle(title).includes(normalizeTitle(subtitle)) ? `${title}: ${subtitle}` : title;
}

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
  const title = fullTitle(m);
  const year = publicationYear(m);
  if (typeof m.DOI !== 'string' || !title || year === undefined) return { malformed: 'a work without DOI, title or year' };
  const people = (Array.isArray(m.author) ? (m.author as CslName[]) : []).filter((a) => a && typeof a === 'object' && personName(a));
  const authors = people.map(personName);
  const families = people.map(personFamily);
  const container = first(m['container-title']) && plainFromHtml(first(m['container-title'])!);
  const short = first(m['short-container-title']) && plainFromHtml(first(m['short-container-title'])!);
  return { doi: m.DOI.toLowerCase(), title, authors, families, year, ...(container ? { containerTitle: container } : {}), ...(short ? { shortContainerTitle: short } : {}) };
}

/**
 * The spacing Crossref asks for, from the rate-limit headers every answer carries
 * (`x-rate-limit-limit: 5`, `x-rate-limit-interval: 1s` in the public pool; 10 a second in the
 * polite pool, which a contact address in the User-Agent joins): milliseconds between two
 * requests, or undefined when the headers are absent or unreadable.
 */
export function crossrefSpacing(headers: Record<string, string | string[] | undefined>): number | undefined {
  const one = (name: string): string | undefined => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const limit = Number(one('x-rate-limit-limit'));
  const interval = /^(\d+)(ms|s|m)$/.exec(one('x-rate-limit-interval')?.trim() ?? '');
  if (!Number.isInteger(limit) || limit < 1 || !interval) return undefined;
  const ms = Number(interval[1]) * (interval[2] === 'ms' ? 1 : interval[2] === 's' ? 1000 : 60_000);
  // Never faster than 20 a second, whatever the headers say.
  return Math.max(50, Math.ceil(ms / limit));
}
