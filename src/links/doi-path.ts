// DOI links checked against the DOI system itself: the DOI resolver's handle API
// (doi.org/api/handles/<doi>) says whether the DOI exists. The publisher's page is not fetched:
// ACM, IEEE and Springer answer bots with 403, which said "unreachable" every week and nothing else.
// A link counts as a DOI link when its DOI is in its path (doi.org, dl.acm.org/doi/…, Springer
// chapters): paper-identifiers.ts decides, as it does for every rule. Whatever the API cannot answer
// goes back to the HTTP check.
import { doiFromUrl } from '../core/paper-identifiers.js';
import { handleUrl, readHandleAnswer } from '../records/doi-handle.js';
import { isAnswer, politeRequest, type Manners } from '../http/polite-request.js';
import { groupLinks } from './group-links.js';
import type { LinkResult, PathChecked } from './options.js';

export interface DoiPathOptions extends Manners {
  /** The handle API: https://doi.org/api/handles (tests: a loopback server). */
  api: string;
  /** Milliseconds between two requests (one DOI a request: the API has no batches). */
  interval: number;
}

const isResolverLink = (url: string): boolean => /^https?:\/\/(?:dx\.|www\.)?doi\.org\//i.test(url);

export async function checkDoiLinks(urls: readonly string[], options: DoiPathOptions): Promise<PathChecked> {
  const byDoi = groupLinks(urls, doiFromUrl);
  const results: LinkResult[] = [];
  const fallback: string[] = [];
  const notes: PathChecked['notes'] = [];
  const gate = { nextAt: 0 };
  const dois = [...byDoi.keys()].sort();
  for (const [i, doi] of dois.entries()) {
    const links = byDoi.get(doi)!;
    const address = handleUrl(options.api, doi);
    const answer = await politeRequest(address, options, gate, options.interval, 'the DOI resolver');
    if (!isAnswer(answer)) {
      // No answer at all (offline, no DNS): the HTTP check says so, with its offline rules.
      for (const rest of dois.slice(i)) fallback.push(...byDoi.get(rest)!);
      notes.push({ severity: 'info', message: `${answer.message}; ${dois.length - i} DOI links were checked over HTTP instead.` });
      break;
    }
    const verdict = readHandleAnswer(answer.status, answer.body);
    if (verdict === 'exists') for (const url of links) results.push({ url, state: 'ok', attempts: 0, via: 'doi-api' });
    else if (verdict === 'missing') {
      // On doi.org the DOI is the link: dead. A publisher's link may carry more than its DOI in the
      // path (a supplement under /doi/10.1145/…/suppl_file/…): its own page decides.
      for (const url of links) {
        if (isResolverLink(url)) results.push({ url, state: 'dead', attempts: 0, via: 'doi-api', error: `the DOI system has no DOI ${doi}` });
        else fallback.push(url);
      }
    }
    else {
      fallback.push(...links);
      notes.push({ severity: 'info', message: `The DOI resolver gave no usable answer for ${doi} (${verdict.problem}); checked over HTTP instead.` });
    }
  }
  return { results, fallback, notes };
}
