// URLs with all their file:line origins, deduplicated (fragment dropped) as they are found.

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

/** Adds found links to a collector; returns the URLs seen for the first time. */
export function collect(found: readonly FoundLink[], file: string, into: LinkCollector): string[] {
  const fresh: string[] = [];
  for (const { url, line } of found) {
    const added = into.add(url, { file, line });
    if (added) fresh.push(added);
  }
  return fresh;
}
