// The link cache: successes with the time they were seen, kept for a time-to-live; failures are
// never kept (they are always checked again). A versioned JSON file, written atomically.
import { readFile } from 'node:fs/promises';
import { compareStrings } from '../diagnostics.js';
import { writeFileAtomic } from '../fs-atomic.js';
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

export class LinkCache {
  private constructor(
    private readonly path: string,
    private readonly links: Map<string, CachedLink>,
    private readonly ttlMs: number,
  ) {}

  /** Reads the cache; a missing, unreadable or other-version file starts an empty one. */
  static async open(path: string, ttlMs: number): Promise<{ cache: LinkCache; warning?: string }> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return { cache: new LinkCache(path, new Map(), ttlMs) };
    }
    try {
      const data = JSON.parse(text) as CacheFile;
      if (data.version !== VERSION || typeof data.links !== 'object' || data.links === null) throw new Error(`version ${String(data.version)}`);
      return { cache: new LinkCache(path, new Map(Object.entries(data.links)), ttlMs) };
    } catch (error) {
      return { cache: new LinkCache(path, new Map(), ttlMs), warning: `the link cache ${path} could not be read (${(error as Error).message}); starting a new one` };
    }
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
