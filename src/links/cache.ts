// The link cache: successes with the time they were seen, kept for a time-to-live; failures are
// never kept (they are always checked again). A versioned JSON file, written atomically.
import { readCacheFile } from '../core/cache-input.js';
import { compareStrings } from '../core/diagnostics.js';
import { writeFileAtomic } from '../core/fs-atomic.js';
import { schemaValidators } from '../core/validators.js';
import type { LinkResult, LinkVia } from './options.js';

const VERSION = 1;

interface CachedLink {
  state: 'ok' | 'redirected';
  status?: number;
  finalUrl?: string;
  permanent?: boolean;
  via?: LinkVia;
  archived?: boolean;
  checkedAt: string;
}

interface CacheFile {
  version: number;
  links: Record<string, CachedLink>;
}

/** A final URL a fix may write into an entry: a web address without credentials. */
function finalUrlIsPlain(_collection: string, _key: string, entry: Record<string, unknown>): string | undefined {
  if (entry.finalUrl === undefined) return undefined;
  try {
    const url = new URL(String(entry.finalUrl));
    return url.username || url.password ? 'finalUrl carries credentials' : undefined;
  } catch {
    return 'finalUrl is not a URL';
  }
}

export class LinkCache {
  private constructor(
    private readonly path: string,
    private readonly links: Map<string, CachedLink>,
    private readonly ttlMs: number,
  ) {}

  /**
   * Reads the cache (untrusted: cache-input.ts validates it entry by entry, drops what fails and
   * says so in `warning`); a missing file starts an empty one.
   */
  static async open(path: string, ttlMs: number, now = Date.now()): Promise<{ cache: LinkCache; warning?: string }> {
    const read = readCacheFile(path, 'The link cache', schemaValidators.linkCache, { collections: ['links'], timeField: 'checkedAt', consistent: finalUrlIsPlain }, now);
    const links = (read.data as CacheFile | undefined)?.links ?? {};
    return { cache: new LinkCache(path, new Map(Object.entries(links)), ttlMs), ...(read.warning ? { warning: read.warning } : {}) };
  }

  /** A fresh success for the URL, as a result, or undefined. */
  get(url: string, now = Date.now()): LinkResult | undefined {
    const hit = this.links.get(url);
    if (!hit) return undefined;
    if (now - Date.parse(hit.checkedAt) > this.ttlMs) return undefined;
    return {
      url, state: hit.state, attempts: 0, ...(hit.status ? { status: hit.status } : {}), ...(hit.finalUrl ? { finalUrl: hit.finalUrl } : {}),
      ...(hit.permanent !== undefined ? { permanent: hit.permanent } : {}), ...(hit.via ? { via: hit.via } : {}), ...(hit.archived ? { archived: true } : {}),
    };
  }

  record(result: LinkResult, now = Date.now()): void {
    if (result.state === 'ok' || result.state === 'redirected') {
      this.links.set(result.url, {
        state: result.state,
        ...(result.status ? { status: result.status } : {}),
        ...(result.finalUrl ? { finalUrl: result.finalUrl } : {}),
        ...(result.permanent !== undefined ? { permanent: result.permanent } : {}),
        ...(result.via ? { via: result.via } : {}),
        ...(result.archived ? { archived: true } : {}),
        checkedAt: new Date(now).toISOString(),
      });
    } else this.links.delete(result.url);
  }

  async save(): Promise<void> {
    const links = Object.fromEntries([...this.links].sort(([a], [b]) => compareStrings(a, b)));
    await writeFileAtomic(this.path, `${JSON.stringify({ version: VERSION, links } satisfies CacheFile, null, 2)}\n`);
  }
}
