// arXiv links checked the way arXiv asks to be asked: through its API, ids in batches (the feed
// verify reads, one request per interval), not one page request each. A record means the paper
// exists (ok); an id the API says it does not have is dead; throttling and the run's deadline
// leave a link unreachable with the reason (page requests to arxiv.org are the load the API path
// exists to avoid, and meet the same throttling); whatever else the API cannot answer (no answer,
// a malformed one) goes back to the HTTP check.
import { arxivIdFromUrl } from '../core/paper-identifiers.js';
import { RecordCache } from '../records/record-cache.js';
import { fetchArxiv, type SourceOptions } from '../records/sources.js';
import { groupLinks } from './group-links.js';
import type { LinkResult, PathChecked } from './options.js';

/** The arXiv id of a link this path can check (abs and pdf pages, any version), if any. */
export function arxivLinkId(url: string): string | undefined {
  return arxivIdFromUrl(url)?.id;
}

export async function checkArxivLinks(urls: readonly string[], sources: SourceOptions, cache?: RecordCache): Promise<PathChecked> {
  const records = cache ?? (await RecordCache.open(undefined));
  const byId = groupLinks(urls, arxivLinkId);
  const problems = new Map((await fetchArxiv([...byId.keys()].sort(), records, sources)).map((p) => [p.id, p]));
  const results: LinkResult[] = [];
  const fallback: string[] = [];
  for (const [id, links] of byId) {
    const record = records.get(`arxiv:${id}`);
    const problem = problems.get(id);
    for (const url of links) {
      // The canonical abstract page goes with it: a PDF or versioned link can be told where the paper lives.
      if (record) results.push({ url, state: 'ok', attempts: 0, via: 'arxiv-api', finalUrl: `https://arxiv.org/abs/${id}` });
      else if (record === null || problem?.kind === 'missing') results.push({ url, state: 'dead', attempts: 0, via: 'arxiv-api', error: `arXiv has no paper ${id}` });
      else if (problem?.kind === 'throttled') results.push({ url, state: 'unreachable', attempts: 0, via: 'arxiv-api', error: problem.message });
      else if (problem?.kind === 'deadline') results.push({ url, state: 'unreachable', attempts: 0, via: 'arxiv-api', error: 'not finished before the run deadline' });
      else fallback.push(url);
    }
  }
  // One note per kind of failure (the source stops at its first unreachable request).
  const why = [...new Set([...problems.values()].filter((p) => p.kind !== 'missing' && p.kind !== 'throttled' && p.kind !== 'deadline').map((p) => p.message))];
  const notes = fallback.length ? why.map((message) => ({ severity: 'info' as const, message: `${message}; arXiv links it could not answer were checked over HTTP instead (${fallback.length} in all).` })) : [];
  return { results, fallback, notes };
}
