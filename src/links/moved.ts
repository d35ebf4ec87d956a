// Which links moved for good, and where to: the one answer for `links --fix` (which rewrites
// them in entries) and for the report (each such links/redirected finding's expected value).
import type { LinkResult } from './options.js';

/** The new URL of each link that moved permanently, with the answer that says so. */
export function movedLinks(links: readonly LinkResult[]): Map<string, { to: string; evidence: string }> {
  return new Map(links.filter((l) => l.state === 'redirected' && l.permanent && l.finalUrl && /^https?:\/\//.test(l.finalUrl)).map((l) => [l.url, {
    to: l.finalUrl!,
    evidence: l.via === 'github-api' ? `GitHub's API names the repository of ${l.url} ${l.finalUrl}` : `${l.url} redirects permanently (301 or 308) to ${l.finalUrl}${l.status ? `, which answers ${l.status}` : ''}`,
  }]));
}

