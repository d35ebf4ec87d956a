// URLs with all their file:line origins, deduplicated (fragment dropped) as they are found.
import { posix } from 'node:path';

export interface FoundLink {
  url: string;
  line: number;
}

export interface Origin {
  file: string;
  line: number;
}

export interface LinkSource {
  /** The URL as checked: without its fragment. */
  url: string;
  origins: Origin[];
}

/** Drops the fragment (the page is the same) and keeps everything else as written. */
export function checkableUrl(raw: string): string {
  const hash = raw.indexOf('#');
  return hash === -1 ? raw : raw.slice(0, hash);
}

export class LinkCollector {
  private readonly byUrl = new Map<string, Origin[]>();

  /** Records an origin of a URL; returns the URL when it is seen for the first time. */
  add(raw: string, origin: Origin): string | undefined {
    const url = checkableUrl(raw.trim());
    if (!url) return undefined;
    const origins = this.byUrl.get(url);
    if (!origins) {
      this.byUrl.set(url, [origin]);
      return url;
    }
    if (!origins.some((o) => o.file === origin.file && o.line === origin.line)) origins.push(origin);
    return undefined;
  }

  /** Unique URLs in first-seen order. */
  sources(): LinkSource[] {
    return [...this.byUrl].map(([url, origins]) => ({ url, origins }));
  }
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * A relative link (`image/main.png`, `../docs/x.md#part`) as the path it names from the root,
 * written "./image/main.png" so that it can never read as a URL; `base` is the folder the link is
 * relative to (the root's "" for the template, which becomes README.md). Undefined for a link to
 * a part of the same page (`#intro`), a protocol-relative one (`//host/x`), or an absolute URL.
 */
export function localTarget(raw: string, base: string): string | undefined {
  const url = raw.trim();
  if (!url || SCHEME.test(url) || url.startsWith('#') || url.startsWith('//')) return undefined;
  const path = url.replace(/[?#].*$/s, '');
  if (!path) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  const joined = posix.normalize(posix.join(base, decoded.startsWith('/') ? decoded.slice(1) : decoded));
  return joined.startsWith('../') || joined === '..' ? joined : `./${joined.replace(/^\.\/?/, '')}`;
}

/** A collected link that names a file of the repository rather than a web page. */
export const isLocalTarget = (url: string): boolean => url.startsWith('./') || url.startsWith('../') || url === '..';

/**
 * Adds found links to a collector; returns the URLs seen for the first time. Relative links are
 * resolved against `base` (see localTarget).
 */
export function collect(found: readonly FoundLink[], file: string, into: LinkCollector, base = posix.dirname(file)): string[] {
  const fresh: string[] = [];
  for (const { url: raw, line } of found) {
    const url = SCHEME.test(raw.trim()) ? raw : localTarget(raw, base === '.' ? '' : base);
    if (url === undefined) continue;
    const added = into.add(url, { file, line });
    if (added) fresh.push(added);
  }
  return fresh;
}
