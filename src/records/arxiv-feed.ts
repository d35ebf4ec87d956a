// Reads the arXiv API's Atom feed (export.arxiv.org/api/query?id_list=...) into plain records,
// minding its traps: an HTTP-200 "Error" entry for a bad id, versioned https ids, hard-wrapped
// titles, and a bare "Rate exceeded." body when throttled.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseArxivId } from '../paper-identifiers.js';
import type { SourceRecord } from './record.js';

/** What the feed says of a paper: a source record's fields (the year is that of the first version; the DOI is arxiv:doi). */
export type ArxivRecord = Pick<SourceRecord, 'id' | 'title' | 'authors' | 'year' | 'journalRef' | 'doi'>;

export type FeedResult = { kind: 'records'; records: ArxivRecord[]; errors: string[] } | { kind: 'throttled' } | { kind: 'malformed'; reason: string };

const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, isArray: (name) => name === 'entry' || name === 'author', trimValues: true });

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : typeof v === 'object' && v && '#text' in v ? String((v as { '#text': unknown })['#text']) : '').replace(/\s+/g, ' ').trim();

export function parseArxivFeed(body: string): FeedResult {
  if (/^\s*rate exceeded\.?\s*$/i.test(body)) return { kind: 'throttled' };
  // The API never sends a DOCTYPE; one can declare external or recursive entities, which the XML
  // parser either refuses by throwing or expands: such a body is not read at all.
  if (/<!DOCTYPE/i.test(body)) return { kind: 'malformed', reason: 'a document type declaration (<!DOCTYPE>), which the arXiv API never sends' };
  const valid = XMLValidator.validate(body);
  if (valid !== true) return { kind: 'malformed', reason: `${valid.err.msg} (line ${valid.err.line})` };
  let parsed: { feed?: { entry?: unknown[] } };
  try {
    parsed = parser.parse(body) as typeof parsed;
  } catch (error) {
    return { kind: 'malformed', reason: (error as Error).message };
  }
  const feed = parsed.feed;
  if (!feed) return { kind: 'malformed', reason: 'no <feed> element' };
  const records: ArxivRecord[] = [];
  const errors: string[] = [];
  for (const raw of feed.entry ?? []) {
    const e = raw as Record<string, unknown>;
    const title = text(e.title);
    const idUrl = text(e.id);
    if (title === 'Error') {
      errors.push(text(e.summary) || 'arXiv answered with an Error entry');
      continue;
    }
    const m = /arxiv\.org\/abs\/(.+?)(?:v\d+)?$/.exec(idUrl);
    const id = m ? parseArxivId(m[1]!) : undefined;
    const published = /^(\d{4})-/.exec(text(e.published));
    if (!id || !published) {
      errors.push(`an entry without a readable id or date (${idUrl || 'no id'})`);
      continue;
    }
    const authors = ((e.author as unknown[]) ?? []).map((a) => text((a as Record<string, unknown>).name)).filter(Boolean);
    const journalRef = text(e.journal_ref);
    const doi = text(e.doi).toLowerCase();
    records.push({ id: id.id, title, authors, year: Number(published[1]), ...(journalRef ? { journalRef } : {}), ...(/^10\.\d{4,9}\//.test(doi) ? { doi } : {}) });
  }
  return { kind: 'records', records, errors };
}
