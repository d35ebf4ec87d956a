// Fetching records from the arXiv API and the ACL Anthology: batched, at most one arXiv request
// per interval, throttling and Retry-After honoured, a cache of records for 30 days.
import { readFile } from 'node:fs/promises';
import { request } from 'undici';
import { writeFileAtomic } from '../fs-atomic.js';
import { parseRetryAfter } from '../links/checker.js';
import { parseAnthologyBib } from './anthology-bib.js';
import { parseArxivFeed } from './arxiv-feed.js';
import type { SourceRecord } from './compare.js';

export interface SourceOptions {
  arxivApi: string;
  anthology: string;
  /** Milliseconds between two arXiv API requests (arXiv asks for 3 s). */
  interval: number;
  batch: number;
  timeout: number;
  retries: number;
  userAgent: string;
}

export const DEFAULT_SOURCE_OPTIONS: SourceOptions = {
  arxivApi: 'https://export.arxiv.org/api/query',
  anthology: 'https://aclanthology.org',
  interval: 3000,
  batch: 50,
  timeout: 30_000,
  retries: 3,
  userAgent: 'paperlist-verify/0.1 (+https://github.com/LightChen233/Awesome-Multilingual-LLM)',
};

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

interface CacheFile {
  version: 1;
  records: Record<string, { record: SourceRecord | null; fetchedAt: string }>;
}

export class RecordCache {
  private constructor(private readonly path: string | undefined, private readonly data: CacheFile, private readonly ttlMs: number) {}

  static async open(path: string | undefined, ttlMs = 30 * 24 * 3600 * 1000): Promise<RecordCache> {
    let data: CacheFile = { version: 1, records: {} };
    if (path) {
      try {
        const parsed = JSON.parse(await readFile(path, 'utf8')) as CacheFile;
        if (parsed.version === 1 && parsed.records && typeof parsed.records === 'object') data = parsed;
      } catch {
        // missing or unreadable: start afresh
      }
    }
    return new RecordCache(path, data, ttlMs);
  }

  /** undefined: not cached (or stale); null: the source said there is no such paper. */
  get(key: string, now = Date.now()): SourceRecord | null | undefined {
    const hit = this.data.records[key];
    return hit && now - Date.parse(hit.fetchedAt) <= this.ttlMs ? hit.record : undefined;
  }

  set(key: string, record: SourceRecord | null, now = Date.now()): void {
    this.data.records[key] = { record, fetchedAt: new Date(now).toISOString() };
  }

  async save(): Promise<void> {
    if (!this.path) return;
    const records = Object.fromEntries(Object.entries(this.data.records).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    await writeFileAtomic(this.path, `${JSON.stringify({ version: 1, records }, null, 2)}\n`);
  }
}

export interface FetchProblem {
  id: string;
  message: string;
}

async function get(url: string, options: SourceOptions): Promise<{ status: number; body: string; retryAfter?: number }> {
  const response = await request(url, { headers: { 'user-agent': options.userAgent }, headersTimeout: options.timeout, bodyTimeout: options.timeout });
  const body = await response.body.text();
  const retry = response.headers['retry-after'];
  const retryAfter = parseRetryAfter(Array.isArray(retry) ? retry[0] : retry);
  return { status: response.statusCode, body, ...(retryAfter !== undefined ? { retryAfter } : {}) };
}

/** arXiv records for the ids not in the cache, `batch` ids a request, one request per interval. */
export async function fetchArxiv(ids: readonly string[], cache: RecordCache, options: SourceOptions): Promise<FetchProblem[]> {
  const problems: FetchProblem[] = [];
  const missing = ids.filter((id) => cache.get(`arxiv:${id}`) === undefined);
  let nextAt = 0;
  for (let i = 0; i < missing.length; i += options.batch) {
    const batch = missing.slice(i, i + options.batch);
    const url = `${options.arxivApi}?id_list=${batch.join(',')}&max_results=${batch.length}`;
    let done = false;
    for (let attempt = 0; attempt <= options.retries && !done; attempt++) {
      await sleep(nextAt - Date.now());
      nextAt = Date.now() + options.interval;
      let answer: Awaited<ReturnType<typeof get>>;
      try {
        answer = await get(url, options);
      } catch (error) {
        if (attempt === options.retries) for (const id of batch) problems.push({ id, message: `arXiv API unreachable: ${(error as Error).message}` });
        continue;
      }
      const feed = answer.status === 200 ? parseArxivFeed(answer.body) : undefined;
      if (answer.status === 429 || answer.status === 503 || feed?.kind === 'throttled') {
        nextAt = Date.now() + Math.min(answer.retryAfter ?? options.interval * 2 ** (attempt + 1), 120_000);
        if (attempt === options.retries) for (const id of batch) problems.push({ id, message: 'arXiv API kept throttling' });
        continue;
      }
      if (!feed || feed.kind !== 'records') {
        const why = feed?.kind === 'malformed' ? `malformed answer: ${feed.reason}` : `HTTP ${answer.status}`;
        for (const id of batch) problems.push({ id, message: `arXiv API: ${why}` });
        done = true;
        continue;
      }
      for (const r of feed.records) cache.set(`arxiv:${r.id}`, { source: 'arXiv', id: r.id, title: r.title, authors: r.authors, year: r.year, ...(r.journalRef ? { journalRef: r.journalRef } : {}) });
      for (const id of batch) if (cache.get(`arxiv:${id}`) === undefined) cache.set(`arxiv:${id}`, null);
      if (feed.errors.length) for (const id of batch) if (cache.get(`arxiv:${id}`) === null) problems.push({ id, message: `arXiv has no paper ${id} (${feed.errors[0]})` });
      done = true;
    }
  }
  return problems;
}

/** Anthology records (one BibTeX request each) for the ids not in the cache. */
export async function fetchAnthology(ids: readonly string[], cache: RecordCache, options: SourceOptions): Promise<FetchProblem[]> {
  const problems: FetchProblem[] = [];
  for (const id of ids.filter((x) => cache.get(`acl:${x}`) === undefined)) {
    try {
      const answer = await get(`${options.anthology}/${id}.bib`, options);
      if (answer.status === 404) {
        cache.set(`acl:${id}`, null);
        problems.push({ id, message: `the ACL Anthology has no paper ${id}` });
        continue;
      }
      const bib = answer.status === 200 ? parseAnthologyBib(answer.body) : undefined;
      if (!bib) {
        problems.push({ id, message: `ACL Anthology: ${answer.status === 200 ? 'unreadable BibTeX' : `HTTP ${answer.status}`}` });
        continue;
      }
      cache.set(`acl:${id}`, { source: 'ACL Anthology', id, title: bib.title, authors: bib.authors.map((a) => a.split(',').reverse().join(' ').trim()), year: bib.year });
    } catch (error) {
      problems.push({ id, message: `ACL Anthology unreachable: ${(error as Error).message}` });
    }
  }
  return problems;
}
