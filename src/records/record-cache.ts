// The record cache: records fetched from the sources (and the published versions Semantic Scholar
// names), kept 30 days in a versioned JSON file shared by verify, add and links. Apart from the
// sources so that a command can name it without loading their clients and readers.
import { compareStrings, type Diagnostic } from '../core/diagnostics.js';
import { FileError } from '../core/errors.js';
import { writeFileAtomic } from '../core/fs-atomic.js';
import { readCacheFile } from '../core/cache-input.js';
import { schemaValidators } from '../core/validators.js';
import type { SourceRecord } from './record.js';

/** 2: records carry the DOI and venue, and Anthology names are "Given Family" (version 1 had neither). */
const CACHE_VERSION = 2;

interface CacheFile {
  version: typeof CACHE_VERSION;
  records: Record<string, { record: SourceRecord | null; fetchedAt: string }>;
  /** arXiv key → the record key of its published version (null: none known), from Semantic Scholar. */
  published?: Record<string, { to: string | null; fetchedAt: string; venue?: VenueClaim }>;
}

/**
 * What Semantic Scholar says of a paper published where there is no DOI or Anthology page to read
 * (ICLR, NeurIPS): the DBLP key it gives, the venue as it names it, and its title and authors, to
 * hold against the entry before anything is said (verify/published.ts venueOnlyVersion).
 */
export interface VenueClaim {
  dblp: string;
  venue?: string;
  title: string;
  authors: string[];
}

const SOURCES_OF_PREFIX: Record<string, ReadonlyArray<SourceRecord['source']>> = { arxiv: ['arXiv'], acl: ['ACL Anthology'], doi: ['Crossref', 'DataCite'] };

/** A record is kept under its own key: arxiv:<its id> from arXiv, and so on (a DOI in any case). */
function recordMatchesKey(collection: string, key: string, entry: Record<string, unknown>): string | undefined {
  if (collection !== 'records' || entry.record === null) return undefined;
  const record = entry.record as SourceRecord;
  const [prefix, ...rest] = key.split(':');
  const id = rest.join(':');
  if (!SOURCES_OF_PREFIX[prefix!]?.includes(record.source)) return `a ${record.source} record under a ${prefix} key`;
  const same = prefix === 'doi' ? record.id.toLowerCase() === id.toLowerCase() : record.id === id;
  return same ? undefined : `the record of ${JSON.stringify(record.id.slice(0, 80))} under another key`;
}

const byKey = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => compareStrings(a, b)));

export class RecordCache {
  private constructor(
    private readonly path: string | undefined,
    private readonly data: CacheFile,
    private readonly ttlMs: number,
    /** What was dropped or not read of the file, in one sentence; undefined when it was whole. */
    readonly warning?: string,
  ) {}

  /**
   * Reads the cache file (untrusted: cache-input.ts validates it, drops what fails and says so in
   * `warning`); a missing file starts an empty cache.
   */
  static async open(path: string | undefined, ttlMs = 30 * 24 * 3600 * 1000, now = Date.now()): Promise<RecordCache> {
    let data: CacheFile = { version: CACHE_VERSION, records: {} };
    let warning: string | undefined;
    if (path) {
      const read = readCacheFile(path, 'The record cache', schemaValidators.recordCache, { collections: ['records', 'published'], timeField: 'fetchedAt', consistent: recordMatchesKey }, now);
      if (read.data) data = read.data as unknown as CacheFile;
      warning = read.warning;
    }
    return new RecordCache(path, data, ttlMs, warning);
  }

  /** undefined: not cached (or stale); null: the source said there is no such paper. */
  get(key: string, now = Date.now()): SourceRecord | null | undefined {
    const hit = this.data.records[key];
    return hit && now - Date.parse(hit.fetchedAt) <= this.ttlMs ? hit.record : undefined;
  }

  set(key: string, record: SourceRecord | null, now = Date.now()): void {
    this.data.records[key] = { record, fetchedAt: new Date(now).toISOString() };
  }

  /** The published version of an arXiv paper: a record key, null when none is known, undefined when not cached. */
  publishedOf(arxivKey: string, now = Date.now()): string | null | undefined {
    return this.publishedEntry(arxivKey, now)?.to;
  }

  setPublished(arxivKey: string, to: string | null, now = Date.now(), venue?: VenueClaim): void {
    (this.data.published ??= {})[arxivKey] = { to, fetchedAt: new Date(now).toISOString(), ...(venue ? { venue } : {}) };
  }

  /** Semantic Scholar's word on a venue without DOIs, when it gave one with no record to read. */
  venueClaimOf(arxivKey: string, now = Date.now()): VenueClaim | undefined {
    return this.publishedEntry(arxivKey, now)?.venue;
  }

  /** What Semantic Scholar said of an arXiv paper, unless older than the cache keeps things. */
  private publishedEntry(arxivKey: string, now: number): NonNullable<CacheFile['published']>[string] | undefined {
    const hit = this.data.published?.[arxivKey];
    return hit && now - Date.parse(hit.fetchedAt) <= this.ttlMs ? hit : undefined;
  }

  /**
   * Writes the cache; a file that cannot be written is the reason why, not an error (the records
   * were fetched and used: only the next run pays for it).
   */
  async save(): Promise<string | undefined> {
    if (!this.path) return undefined;
    const file: CacheFile = { version: CACHE_VERSION, records: byKey(this.data.records), ...(this.data.published ? { published: byKey(this.data.published) } : {}) };
    try {
      await writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`);
      return undefined;
    } catch (error) {
      if (error instanceof FileError) return error.reason;
      throw error;
    }
  }
}

/** The warning for a record cache that was not written; `option` is the one that named the file. */
export function cacheNotSaved(file: string, reason: string, option = '--cache', ruleId = 'records'): Diagnostic {
  return { file, ruleId, severity: 'warning', message: `The record cache was not saved: ${reason}.`, hint: `Give ${option} a path that can be written; the next run fetches these records again.` };
}
