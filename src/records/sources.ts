// Fetching records from the arXiv API, the ACL Anthology, Crossref and Semantic Scholar: batched,
// at most one arXiv request per interval, throttling and Retry-After honoured (polite-http.ts), each
// record kept in the record cache (record-cache.ts).
import { parseAnthologyBib } from './anthology-bib.js';
import { parseArxivFeed } from './arxiv-feed.js';
import { crossrefSpacing, parseCrossrefWork } from './crossref.js';
import { parseDataciteDoi } from './datacite.js';
import { DEFAULT_DOI_API, handleUrl, readHandleAnswer } from './doi-handle.js';
import { identifyPaper, recordKey } from '../core/identify.js';
import { parseS2Batch, S2_FIELDS } from './semantic-scholar.js';
import { doiRecord, type DoiWork, type SourceRecord } from './record.js';
import type { RecordCache } from './record-cache.js';
import { isAnswer, politeRequest, type Answer, type FetchProblem } from '../http/polite-request.js';

export type { FetchProblem } from '../http/polite-request.js';

export interface SourceOptions {
  arxivApi: string;
  anthology: string;
  /** Crossref's REST API, for DOIs. */
  crossref: string;
  /** DataCite's REST API, for the DOIs Crossref does not hold (arXiv's 10.48550, Zenodo). */
  datacite: string;
  /** The DOI resolver's handle API: whether a DOI neither holds exists at all. */
  doiApi: string;
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
  /** Epoch milliseconds after which nothing more is asked (links --deadline). */
  deadlineAt?: number;
  /** A contact address (.paperlist.yml `contact`), sent in the User-Agent as the services ask. */
  contact?: string;
  /** Told when a source starts on the ids it must fetch, and after each of its requests. */
  progress?: (source: string, done: number, total: number) => void;
}

export const DEFAULT_SOURCE_OPTIONS: SourceOptions = {
  arxivApi: 'https://export.arxiv.org/api/query',
  anthology: 'https://aclanthology.org',
  crossref: 'https://api.crossref.org',
  datacite: 'https://api.datacite.org',
  doiApi: DEFAULT_DOI_API,
  semanticScholar: 'https://api.semanticscholar.org/graph/v1',
  interval: 3000,
  hostInterval: 500,
  batch: 50,
  timeout: 30_000,
  retries: 3,
  userAgent: 'paperlist/0.1 (+https://github.com/LightChen233/Awesome-Multilingual-LLM)',
};


/**
 * The options with a contact address: in the User-Agent as "mailto:", which puts Crossref's
 * requests in its polite pool (10 a second instead of 5, recorded) and identifies them to DataCite
 * and arXiv. The address was validated by the configuration schema.
 */
export function withContact(options: SourceOptions, contact: string | undefined): SourceOptions {
  if (!contact) return options;
  return { ...options, contact, userAgent: options.userAgent.replace(/\)$/, `; mailto:${contact})`) };
}

/**
 * Problems after which a source is not asked again in this run: no answer at all, throttling that
 * outlasted the retries (asking on would only prolong it), the run's deadline.
 */
const endsTheRun = (problem: Omit<FetchProblem, 'id'>): boolean => problem.kind === 'unreachable' || problem.kind === 'throttled' || problem.kind === 'deadline';

/**
 * arXiv records for the ids not in the cache, `batch` ids a request, one request per interval.
 * What the API says of an id, as recorded answers show it: a record (it exists), absence from a
 * clean feed (it does not: cached as such), or an Error entry naming it (the API rejects the id,
 * with HTTP 400 and no records for the rest of the batch). A batch with an Error that names none of
 * its ids is split in halves and asked again, so one bad id never makes fifty unverifiable, nor
 * fifty dead. When the API cannot be reached, keeps throttling or the deadline comes, the ids not
 * yet asked are not tried: one problem each, and no further wait.
 */
export async function fetchArxiv(ids: readonly string[], cache: RecordCache, options: SourceOptions): Promise<FetchProblem[]> {
  const problems: FetchProblem[] = [];
  const missing = ids.filter((id) => cache.get(`arxiv:${id}`) === undefined);
  const gate = { nextAt: 0 };
  const queue: string[][] = [];
  for (let i = 0; i < missing.length; i += options.batch) queue.push(missing.slice(i, i + options.batch));
  let done = 0;
  if (missing.length) options.progress?.('arXiv API', 0, missing.length);
  while (queue.length) {
    const batch = queue.shift()!;
    const url = `${options.arxivApi}?id_list=${batch.join(',')}&max_results=${batch.length}`;
    const answer = await politeRequest(url, options, gate, options.interval, 'arXiv API');
    if (!isAnswer(answer)) {
      for (const id of endsTheRun(answer) ? [batch, ...queue].flat() : batch) problems.push({ id, ...answer });
      if (endsTheRun(answer)) break;
      continue;
    }
    const feed = answer.status === 200 || answer.status === 400 ? parseArxivFeed(answer.body) : undefined;
    if (!feed || feed.kind !== 'records' || (answer.status === 400 && !feed.errors.length)) {
      const why = feed?.kind === 'malformed' ? `malformed answer: ${feed.reason}` : `HTTP ${answer.status}`;
      for (const id of batch) problems.push({ id, kind: feed?.kind === 'malformed' ? 'malformed' : 'http', message: `arXiv API: ${why}` });
      continue;
    }
    for (const r of feed.records) cache.set(`arxiv:${r.id}`, { source: 'arXiv', ...r });
    const named = new Map(feed.errors.filter((e) => e.id !== undefined).map((e) => [e.id!.replace(/v\d+$/, ''), e.message]));
    const rejected = new Map(batch.filter((id) => named.has(id)).map((id) => [id, named.get(id)!]));
    const unanswered = batch.filter((id) => cache.get(`arxiv:${id}`) === undefined && !rejected.has(id));
    for (const id of rejected.keys()) {
      cache.set(`arxiv:${id}`, null);
      problems.push({ id, kind: 'missing', message: `arXiv has no paper ${id} (${rejected.get(id)})` });
    }
    if (!feed.errors.length) {
      // A clean feed is the whole answer: an id it leaves out does not exist.
      for (const id of unanswered) {
        cache.set(`arxiv:${id}`, null);
        problems.push({ id, kind: 'missing', message: `arXiv has no paper ${id}` });
      }
    } else if (unanswered.length > 1) {
      // An Error that leaves ids unanswered says nothing of them: ask again, in halves when the
      // Error named none of the batch (one of them is the bad id).
      const half = rejected.size ? unanswered.length : Math.ceil(unanswered.length / 2);
      queue.unshift(...[unanswered.slice(0, half), unanswered.slice(half)].filter((b) => b.length));
    } else if (unanswered.length === 1) {
      const [id] = unanswered as [string];
      if (batch.length > 1) queue.unshift([id]);
      else {
        // Asked alone and answered with an Error: this is the id the API rejects.
        cache.set(`arxiv:${id}`, null);
        problems.push({ id, kind: 'missing', message: `arXiv has no paper ${id} (${feed.errors[0]!.message})` });
      }
    }
    done += batch.length - unanswered.length;
    if (queue.length) options.progress?.('arXiv API', done, missing.length);
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
      for (const rest of endsTheRun(answer) ? missing.slice(i) : [id]) problems.push({ id: rest, ...answer });
      if (endsTheRun(answer)) break;
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

/**
 * The record of each DOI not in the cache, from the agency that holds it: Crossref first (most
 * papers), DataCite when Crossref answers 404 (arXiv's own DOIs, Zenodo), and when neither has it,
 * the DOI resolver's handle API says whether the DOI exists at all. Only a DOI the resolver does
 * not know is missing (and cached so); one it knows is `unrecorded` (another agency, or not yet
 * indexed), never "missing". A source that cannot be reached, keeps throttling or meets the
 * deadline is not asked again this run.
 */
export async function fetchDois(dois: readonly string[], cache: RecordCache, options: SourceOptions): Promise<FetchProblem[]> {
  const problems: FetchProblem[] = [];
  const missing = dois.filter((x) => cache.get(`doi:${x}`) === undefined);
  const gates = { crossref: { nextAt: 0 }, datacite: { nextAt: 0 }, resolver: { nextAt: 0 } };
  // Crossref says in every answer how fast it may be asked (its pools differ): that spacing holds from the next request on.
  const intervals = { crossref: options.hostInterval, datacite: options.hostInterval, resolver: options.hostInterval };
  /** Each agency's end, once it ended the run: what the DOIs it was not asked about are told. */
  const ended: Partial<Record<keyof typeof gates, Omit<FetchProblem, 'id'>>> = {};
  const ask = async (agency: keyof typeof gates, url: string, label: string): Promise<Answer | Omit<FetchProblem, 'id'>> => {
    if (ended[agency]) return ended[agency];
    const answer = await politeRequest(url, options, gates[agency], intervals[agency], label);
    if (!isAnswer(answer) && endsTheRun(answer)) ended[agency] = answer;
    if (agency === 'crossref' && isAnswer(answer)) intervals.crossref = crossrefSpacing(answer.headers) ?? intervals.crossref;
    return answer;
  };
  /** An agency's answer for a DOI: its record cached, or the problem said; false when the agency does not hold the DOI (404), so the next is asked. */
  const settle = (doi: string, answer: Answer | Omit<FetchProblem, 'id'>, source: 'Crossref' | 'DataCite', read: (body: string) => DoiWork | { malformed: string }): boolean => {
    if (isAnswer(answer) && answer.status === 404) return false;
    const work = isAnswer(answer) && answer.status === 200 ? read(answer.body) : undefined;
    if (work && !('malformed' in work)) cache.set(`doi:${doi}`, doiRecord(source, work));
    else problems.push({ id: doi, ...(isAnswer(answer) ? { kind: work ? 'malformed' : 'http', message: `${source}: ${work ? `malformed answer: ${work.malformed}` : `HTTP ${answer.status}`}` } as const : answer) });
    return true;
  };
  for (const [i, doi] of missing.entries()) {
    options.progress?.('Crossref', i, missing.length);
    if (settle(doi, await ask('crossref', `${options.crossref}/works/${encodeURIComponent(doi)}`, 'Crossref'), 'Crossref', parseCrossrefWork)) continue;
    if (settle(doi, await ask('datacite', `${options.datacite}/dois/${encodeURIComponent(doi)}`, 'DataCite'), 'DataCite', parseDataciteDoi)) continue;
    const resolver = await ask('resolver', handleUrl(options.doiApi, doi), 'the DOI resolver');
    if (!isAnswer(resolver)) {
      problems.push({ id: doi, ...resolver });
      continue;
    }
    const verdict = readHandleAnswer(resolver.status, resolver.body);
    if (verdict === 'missing') {
      cache.set(`doi:${doi}`, null);
      problems.push({ id: doi, kind: 'missing', message: `The DOI system has no DOI ${doi}` });
    } else if (verdict === 'exists') problems.push({ id: doi, kind: 'unrecorded', message: `DOI ${doi} exists, but neither Crossref nor DataCite has its record (another registration agency, or not yet indexed)` });
    else problems.push({ id: doi, kind: 'http', message: `the DOI resolver: ${verdict.problem}` });
  }
  return problems;
}

/** Semantic Scholar takes up to 500 ids a batch request. */
const S2_BATCH = 500;

/**
 * The published version of each arXiv paper not in the cache, from Semantic Scholar's batch
 * endpoint: an Anthology id (preferred: its record names the volume) or a DOI, cached as the record
 * key to fetch next ("acl:…", "doi:…"), or null when Semantic Scholar knows none. A paper it has
 * not indexed is not a problem: it only means no published version is known.
 */
/** A DBLP record key as the record cache keeps it (its schema holds the same pattern). */
const DBLP_KEY = /^(conf|journals)\/[a-z0-9]+\/[A-Za-z0-9_-]{1,200}$/;

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
      for (const id of endsTheRun(answer) ? missing.slice(i) : batch) problems.push({ id, ...answer });
      if (endsTheRun(answer)) break;
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
      const to = ref && ref.kind !== 'arxiv' ? recordKey(ref) : null;
      // No record to read, but a DBLP key outside DBLP's arXiv stream (journals/corr): kept with
      // what it comes with, for verify to weigh.
      const claim = !to && paper?.dblp && DBLP_KEY.test(paper.dblp) && !paper.dblp.startsWith('journals/corr/') ? { dblp: paper.dblp, ...(paper.venue ? { venue: paper.venue } : {}), title: paper.title, authors: paper.authors } : undefined;
      cache.setPublished(`arxiv:${id}`, to, Date.now(), claim);
    }
  }
  return problems;
}
