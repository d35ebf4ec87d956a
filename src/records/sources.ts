// Fetching records from the arXiv API, the ACL Anthology, Crossref and Semantic Scholar: batched,
// at most one arXiv request per interval, throttling and Retry-After honoured (polite-http.ts), each
// record kept in the record cache (record-cache.ts).
import { parseAnthologyBib } from './anthology-bib.js';
import { parseArxivFeed } from './arxiv-feed.js';
import { parseCrossrefWork } from './crossref.js';
import { identifyPaper, recordKey } from './identify.js';
import { parseS2Batch, S2_FIELDS } from './semantic-scholar.js';
import type { SourceRecord } from './record.js';
import type { RecordCache } from './record-cache.js';
import { isAnswer, politeRequest, type FetchProblem } from './polite-http.js';

export type { FetchProblem } from './polite-http.js';

export interface SourceOptions {
  arxivApi: string;
  anthology: string;
  /** Crossref's REST API, for DOIs. */
  crossref: string;
  /** Semantic Scholar's Graph API, which maps arXiv ids to published versions. */
  semanticScholar: string;
  /** A Semantic Scholar API key (sent as x-api-key to that API only), for its higher rate. */
  semanticScholarKey?: string;
  /** Milliseconds between two arXiv API requests (arXiv asks for 3 s). */
  interval: number;
  /** Milliseconds between two requests to the Anthology or to Crossref. */
  hostInterval: number;
  batch: number;
  timeout: number;
  retries: number;
  userAgent: string;
  /** Told when a source starts on the ids it must fetch, and after each of its requests. */
  progress?: (source: string, done: number, total: number) => void;
}

export const DEFAULT_SOURCE_OPTIONS: SourceOptions = {
  arxivApi: 'https://export.arxiv.org/api/query',
  anthology: 'https://aclanthology.org',
  crossref: 'https://api.crossref.org',
  semanticScholar: 'https://api.semanticscholar.org/graph/v1',
  interval: 3000,
  hostInterval: 500,
  batch: 50,
  timeout: 30_000,
  retries: 3,
  userAgent: 'paperlist/0.1 (+https://github.com/LightChen233/Awesome-Multilingual-LLM)',
};


/**
 * arXiv records for the ids not in the cache, `batch` ids a request, one request per interval.
 * When the API cannot be reached at all, the remaining ids are not tried: one problem each, kind
 * 'unreachable', and no further wait.
 */
export async function fetchArxiv(ids: readonly string[], cache: RecordCache, options: SourceOptions): Promise<FetchProblem[]> {
  const problems: FetchProblem[] = [];
  const missing = ids.filter((id) => cache.get(`arxiv:${id}`) === undefined);
  const gate = { nextAt: 0 };
  if (missing.length) options.progress?.('arXiv API', 0, missing.length);
  for (let i = 0; i < missing.length; i += options.batch) {
    if (i) options.progress?.('arXiv API', i, missing.length);
    const batch = missing.slice(i, i + options.batch);
    const url = `${options.arxivApi}?id_list=${batch.join(',')}&max_results=${batch.length}`;
    let answer = await politeRequest(url, options, gate, options.interval, 'arXiv API');
    // "Rate exceeded." comes as a 200 with a plain body: waited out like a 429.
    for (let attempt = 0; isAnswer(answer) && answer.status === 200 && parseArxivFeed(answer.body).kind === 'throttled'; attempt++) {
      if (attempt >= options.retries) {
        answer = { kind: 'throttled', message: 'arXiv API kept throttling ("Rate exceeded.")' };
        break;
      }
      gate.nextAt = Date.now() + Math.min(answer.retryAfter ?? options.interval * 2 ** (attempt + 1), 120_000);
      answer = await politeRequest(url, options, gate, options.interval, 'arXiv API');
    }
    if (!isAnswer(answer)) {
      const rest = answer.kind === 'unreachable' ? missing.slice(i) : batch;
      for (const id of rest) problems.push({ id, ...answer });
      if (answer.kind === 'unreachable') break;
      continue;
    }
    const feed = answer.status === 200 ? parseArxivFeed(answer.body) : undefined;
    if (!feed || feed.kind !== 'records') {
      const why = feed?.kind === 'malformed' ? `malformed answer: ${feed.reason}` : `HTTP ${answer.status}`;
      for (const id of batch) problems.push({ id, kind: feed ? 'malformed' : 'http', message: `arXiv API: ${why}` });
      continue;
    }
    for (const r of feed.records) cache.set(`arxiv:${r.id}`, { source: 'arXiv', ...r });
    for (const id of batch) {
      if (cache.get(`arxiv:${id}`) !== undefined) continue;
      cache.set(`arxiv:${id}`, null);
      problems.push({ id, kind: 'missing', message: `arXiv has no paper ${id}${feed.errors[0] ? ` (${feed.errors[0]})` : ''}` });
    }
  }
  return problems;
}

/**
 * Records fetched one request each (the Anthology, Crossref), for the ids not in the cache: a 404
 * means the source has no such paper; `read` turns a 200 into a record or says why it cannot;
 * when the source cannot be reached at all, the remaining ids are not tried.
 */
async function fetchEach(
  ids: readonly string[], cache: RecordCache, options: SourceOptions,
  source: { prefix: string; label: string; url: (id: string) => string; missing: (id: string) => string; read: (body: string, id: string) => SourceRecord | { problem: string } },
): Promise<FetchProblem[]> {
  const problems: FetchProblem[] = [];
  const missing = ids.filter((x) => cache.get(`${source.prefix}:${x}`) === undefined);
  const gate = { nextAt: 0 };
  for (const [i, id] of missing.entries()) {
    options.progress?.(source.label, i, missing.length);
    const answer = await politeRequest(source.url(id), options, gate, options.hostInterval, source.label);
    if (!isAnswer(answer)) {
      for (const rest of answer.kind === 'unreachable' ? missing.slice(i) : [id]) problems.push({ id: rest, ...answer });
      if (answer.kind === 'unreachable') break;
      continue;
    }
    if (answer.status === 404) {
      cache.set(`${source.prefix}:${id}`, null);
      problems.push({ id, kind: 'missing', message: source.missing(id) });
      continue;
    }
    const record = answer.status === 200 ? source.read(answer.body, id) : undefined;
    if (!record || 'problem' in record) {
      problems.push({ id, kind: record ? 'malformed' : 'http', message: `${source.label}: ${record ? record.problem : `HTTP ${answer.status}`}` });
      continue;
    }
    cache.set(`${source.prefix}:${id}`, record);
  }
  return problems;
}

/** Anthology records (one BibTeX request each) for the ids not in the cache; stops when the Anthology cannot be reached. */
export function fetchAnthology(ids: readonly string[], cache: RecordCache, options: SourceOptions): Promise<FetchProblem[]> {
  return fetchEach(ids, cache, options, {
    prefix: 'acl', label: 'ACL Anthology', url: (id) => `${options.anthology}/${id}.bib`, missing: (id) => `the ACL Anthology has no paper ${id}`,
    read: (body, id) => {
      const bib = parseAnthologyBib(body);
      if (!bib) return { problem: 'unreadable BibTeX' };
      return { source: 'ACL Anthology', id, title: bib.title, authors: bib.authors, families: bib.families, year: bib.year, ...(bib.doi ? { doi: bib.doi } : {}), ...(bib.booktitle ? { publishedIn: bib.booktitle } : {}) };
    },
  });
}

/** Crossref works (one request each) for the DOIs not in the cache; stops when Crossref cannot be reached. */
export function fetchCrossref(dois: readonly string[], cache: RecordCache, options: SourceOptions): Promise<FetchProblem[]> {
  return fetchEach(dois, cache, options, {
    prefix: 'doi', label: 'Crossref', url: (doi) => `${options.crossref}/works/${encodeURIComponent(doi)}`, missing: (doi) => `Crossref has no work with DOI ${doi}`,
    read: (body) => {
      const work = parseCrossrefWork(body);
      if ('malformed' in work) return { problem: `malformed answer: ${work.malformed}` };
      return {
        source: 'Crossref', id: work.doi, title: work.title, authors: work.authors, families: work.families, year: work.year, doi: work.doi,
        ...(work.containerTitle ? { publishedIn: work.containerTitle } : {}), ...(work.shortContainerTitle ? { publishedInShort: work.shortContainerTitle } : {}),
      };
    },
  });
}

/** Semantic Scholar takes up to 500 ids a batch request. */
const S2_BATCH = 500;

/**
 * The published version of each arXiv paper not in the cache, from Semantic Scholar's batch
 * endpoint: an Anthology id (preferred: its record names the volume) or a DOI, cached as the record
 * key to fetch next ("acl:…", "doi:…"), or null when Semantic Scholar knows none. A paper it has
 * not indexed is not a problem: it only means no published version is known.
 */
export async function fetchPublished(arxivIds: readonly string[], cache: RecordCache, options: SourceOptions): Promise<FetchProblem[]> {
  const problems: FetchProblem[] = [];
  const missing = arxivIds.filter((id) => cache.publishedOf(`arxiv:${id}`) === undefined);
  const gate = { nextAt: 0 };
  const headers = options.semanticScholarKey ? { 'x-api-key': options.semanticScholarKey } : undefined;
  for (let i = 0; i < missing.length; i += S2_BATCH) {
    options.progress?.('Semantic Scholar', i, missing.length);
    const batch = missing.slice(i, i + S2_BATCH);
    const url = `${options.semanticScholar}/paper/batch?fields=${S2_FIELDS}`;
    const answer = await politeRequest(url, options, gate, options.hostInterval, 'Semantic Scholar', { json: { ids: batch.map((id) => `ARXIV:${id}`) }, ...(headers ? { headers } : {}) });
    if (!isAnswer(answer)) {
      for (const id of answer.kind === 'unreachable' ? missing.slice(i) : batch) problems.push({ id, ...answer });
      if (answer.kind === 'unreachable') break;
      continue;
    }
    const parsed = answer.status === 200 ? parseS2Batch(answer.body) : undefined;
    if (!parsed || parsed.kind === 'malformed') {
      const why = parsed ? `malformed answer: ${parsed.reason}` : `HTTP ${answer.status}`;
      for (const id of batch) problems.push({ id, kind: parsed ? 'malformed' : 'http', message: `Semantic Scholar: ${why}` });
      continue;
    }
    const found = new Map(parsed.papers.map((p) => [p.arxiv.replace(/v\d+$/, ''), p]));
    for (const id of batch) {
      const paper = found.get(id);
      const ref = paper?.acl ? identifyPaper(paper.acl) : paper?.doi ? identifyPaper(paper.doi) : undefined;
      cache.setPublished(`arxiv:${id}`, ref && ref.kind !== 'arxiv' ? recordKey(ref) : null);
    }
  }
  return problems;
}
