// Reads the arXiv API's Atom feed (export.arxiv.org/api/query?id_list=...) into plain records,
// minding its traps, each seen in recorded answers (tests/fixtures/records/SOURCES.md): an id the
// API rejects gets an "Error" entry (with HTTP 400), a well-formed id it does not have is simply
// absent, ids are versioned URLs, titles are hard-wrapped TeX source (a title may be "0"), and
// a paper with several DOIs has them space-separated or in several elements.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseArxivId } from '../core/paper-identifiers.js';
import { plainFromTex } from './plain-title.js';
import { tidySpaces } from '../text/spacing.js';
import type { SourceRecord } from './record.js';

/** What the feed says of a paper: a source record's fields (the year is that of the first version; the DOI is arxiv:doi). */
export type ArxivRecord = Pick<SourceRecord, 'id' | 'title' | 'authors' | 'year' | 'journalRef' | 'doi'>;

/** An Error entry: what the API said, and the id it names when it names one ("incorrect id format for abc"). */
export interface FeedError {
  message: string;
  id?: string;
}

export type FeedResult = { kind: 'records'; records: ArxivRecord[]; errors: FeedError[] } | { kind: 'malformed'; reason: string };

// Values stay strings: a title "0" or an id "0123" must not become a number.
const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false, isArray: (name) => name === 'entry' || name === 'author' || name === 'doi', trimValues: true });

/** The id an Error entry names: its summary ends "for <id>", its id URL "_for_<id>". */
function namedId(summary: string, idUrl: string): string | undefined {
  return (/ for (\S+)$/.exec(summary) ?? /_for_([^#\s]+)$/.exec(idUrl))?.[1];
}

/** Every DOI of an entry, in order: one element each, or several in one element separated by spaces (the older form). */
function doisOf(values: unknown): string[] {
  const all = ((values as unknown[] | undefined) ?? []).flatMap((v) => text(v).split(/[\s,;]+/));
  return [...new Set(all.map((d) => d.toLowerCase()).filter((d) => /^10\.\d{4,9}\/\S+$/.test(d)))];
}

const text = (v: unknown): string => tidySpaces(typeof v === 'string' ? v : typeof v === 'number' ? String(v) : typeof v === 'object' && v && '#text' in v ? String((v as { '#text': unknown })['#text']) : '');

export function parseArxivFeed(body: string): FeedResult {
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
  const errors: FeedError[] = [];
  for (const raw of feed.entry ?? []) {
    const e = raw as Record<string, unknown>;
    const title = text(e.title);
    const idUrl = text(e.id);
    if (title === 'Error') {
      const message = text(e.summary) || 'arXiv answered with an Error entry';
      const id = namedId(message, idUrl);
      errors.push({ message, ...(id ? { id } : {}) });
      continue;
    }
    const m = /arxiv\.org\/abs\/(.+?)(?:v\d+)?$/.exec(idUrl);
    const id = m ? parseArxivId(m[1]!) : undefined;
    const published = /^(\d{4})-/.exec(text(e.published));
    if (!id || !published) {
      errors.push({ message: `an entry without a readable id or date (${idUrl || 'no id'})` });
      continue;
    }
    const authors = ((e.author as unknown[]) ?? []).map((a) => text((a as Record<string, unknown>).name)).filter(Boolean);
    const journalRef = text(e.journal_ref);
    // The first DOI is the published article's (arXiv asks submitters to put it first).
    const [doi] = doisOf(e.doi);
    records.push({ id: id.id, title: plainFromTex(title), authors, year: Number(published[1]), ...(journalRef ? { journalRef } : {}), ...(doi ? { doi } : {}) });
  }
  return { kind: 'records', records, errors };
}
