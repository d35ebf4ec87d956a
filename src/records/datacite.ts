// Reads a DOI from DataCite's REST API (api.datacite.org/dois/<doi>, JSON:API): {"data": {"id",
// "type": "dois", "attributes": {doi, titles: [{title, titleType?}], creators: [{name, nameType?,
// givenName?, familyName?}], publicationYear, container: {title?}, publisher, ...}}}. arXiv's own
// DOIs (10.48550) and Zenodo's are DataCite DOIs: Crossref answers 404 for them.
import { plainFromHtml } from './plain-title.js';
import { type DoiWork } from './record.js';
import { tidySpaces } from '../text/spacing.js';

/** A DataCite DOI, as the list reads it. */
export type DataciteWork = DoiWork;

interface Creator {
  name?: unknown;
  nameType?: unknown;
  givenName?: unknown;
  familyName?: unknown;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && tidySpaces(v) ? tidySpaces(v) : undefined);

/** "Given Family" for a person with both parts; the name as given otherwise (a team, "Family, Given" without parts). */
function creatorName(c: Creator): { full: string; family: string } | undefined {
  const given = text(c.givenName);
  const family = text(c.familyName);
  if (family) return { full: given ? `${given} ${family}` : family, family };
  const name = text(c.name);
  return name ? { full: name, family: name } : undefined;
}

/** The DOI's record in a DataCite answer, or why it cannot be read. */
export function parseDataciteDoi(body: string): DataciteWork | { malformed: string } {
  let json: { data?: { type?: unknown; attributes?: Record<string, unknown> } };
  try {
    json = JSON.parse(body) as typeof json;
  } catch {
    return { malformed: 'not JSON' };
  }
  const a = json?.data?.attributes;
  if (json?.data?.type !== 'dois' || !a || typeof a !== 'object') return { malformed: 'not a DataCite DOI' };
  // The main title has no titleType (the others are Subtitle, AlternativeTitle, TranslatedTitle…).
  const titles = Array.isArray(a.titles) ? (a.titles as Array<{ title?: unknown; titleType?: unknown }>) : [];
  const main = titles.find((t) => t && t.titleType === undefined) ?? titles[0];
  const subtitle = titles.find((t) => t && t.titleType === 'Subtitle');
  const plain = (v: unknown): string | undefined => {
    const t = text(v);
    return t && plainFromHtml(t);
  };
  const title = plain(main?.title);
  const sub = plain(subtitle?.title);
  const year = Number(a.publicationYear);
  if (typeof a.doi !== 'string' || !title || !Number.isInteger(year)) return { malformed: 'a DOI without title or year' };
  const people = (Array.isArray(a.creators) ? (a.creators as Creator[]) : []).map((c) => (c && typeof c === 'object' ? creatorName(c) : undefined)).filter((c) => c !== undefined);
  const container = text((a.container as { title?: unknown } | undefined)?.title);
  return {
    doi: a.doi.toLowerCase(), title: sub ? `${title}: ${sub}` : title, authors: people.map((p) => p.full), families: people.map((p) => p.family), year,
    ...(container ? { containerTitle: container } : {}),
  };
}
