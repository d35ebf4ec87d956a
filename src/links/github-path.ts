// GitHub repository links checked the way GitHub asks to be asked: through its GraphQL API with a
// token, up to 100 repositories a query, within the rate-limit headers. A HEAD to the page says
// nothing of a repository that was archived or renamed; the API says both. Whatever the API cannot
// answer (no answer, token refused, rate limit reached, malformed) goes back to the HTTP check.
import { readRepositories, repositoriesQuery, type RepositoryAnswer } from '../records/github-graphql.js';
import { githubRepoFromUrl, repositoryName, type RepositoryName } from '../core/paper-identifiers.js';
import { isAnswer, politeRequest, type Manners } from '../http/polite-request.js';
import { headerValue } from '../http/headers.js';
import { groupLinks } from './group-links.js';
import type { LinkResult, PathChecked, PathNote } from './options.js';
import { count } from '../text/count.js';

export interface GithubPathOptions extends Manners {
  /** The GraphQL endpoint: https://api.github.com/graphql (tests: a loopback server). */
  api: string;
  /** Sent as the Authorization header to `api` only; never printed, logged or cached. */
  token: string;
  /** Repositories per query. */
  batch: number;
  /** Milliseconds between two queries (GitHub asks integrators not to run requests concurrently). */
  interval: number;
}

/** The token goes over TLS, or to this machine (tests); never in clear text across a network. */
export function tokenMayGoTo(api: string): boolean {
  try {
    const u = new URL(api);
    return u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname));
  } catch {
    return false;
  }
}

/** A result from GitHub's answer: the new URL after a rename is built from the new name, not taken as sent. */
function resultOf(url: string, asked: RepositoryName, repo: RepositoryAnswer): LinkResult {
  const base = { url, attempts: 0, via: 'github-api' as const, ...(repo.isArchived ? { archived: true } : {}) };
  const now = repo.nameWithOwner;
  if (now.toLowerCase() === `${asked.owner}/${asked.name}`.toLowerCase()) return { ...base, state: 'ok' };
  return { ...base, state: 'redirected', permanent: true, finalUrl: `https://github.com/${now}` };
}

export async function checkGithubLinks(urls: readonly string[], options: GithubPathOptions): Promise<PathChecked> {
  const notes: PathNote[] = [];
  if (!tokenMayGoTo(options.api)) {
    notes.push({ severity: 'warning', message: `The GitHub token was not sent to ${options.api}: a token goes over https only.`, hint: 'Give --github-api an https address; these repository links were checked over HTTP.' });
    return { results: [], fallback: [...urls], notes };
  }
  // One question per repository, whatever the number of links to it (case differs, .git, slash).
  const keyOf = (url: string): string | undefined => {
    const repo = githubRepoFromUrl(url);
    return repo && `${repo.owner}/${repo.name}`.toLowerCase();
  };
  const groups = [...groupLinks(urls, keyOf).values()].map((links) => ({ repo: githubRepoFromUrl(links[0]!)!, links }));
  const results: LinkResult[] = [];
  const fallback: string[] = [];
  const gate = { nextAt: 0 };
  const headers = { authorization: `bearer ${options.token}`, accept: 'application/json' };
  const giveUp = (from: number, note: PathNote): void => {
    for (const g of groups.slice(from)) fallback.push(...g.links);
    notes.push({ ...note, message: `${note.message}; ${count(groups.length - from, 'repository was', 'repositories were')} checked over HTTP instead.` });
  };
  for (let i = 0; i < groups.length; i += options.batch) {
    const batch = groups.slice(i, i + options.batch);
    const answer = await politeRequest(options.api, options, gate, options.interval, 'GitHub API', { json: repositoriesQuery(batch.map((g) => g.repo)), headers });
    if (!isAnswer(answer)) {
      giveUp(i, { severity: 'info', message: answer.message });
      break;
    }
    if (answer.status === 401) {
      giveUp(i, { severity: 'warning', message: 'The GitHub API refused the token (HTTP 401)', hint: 'Check the GITHUB_TOKEN given to paperlist (in Actions: secrets.GITHUB_TOKEN), or set links.githubApi: false in .paperlist.yml.' });
      break;
    }
    const read = answer.status === 200 ? readRepositories(answer.body, batch.length) : undefined;
    const remaining = headerValue(answer.headers, 'x-ratelimit-remaining');
    if (answer.status === 403 || answer.status === 429 || read?.kind === 'rate-limited') {
      giveUp(i, { severity: 'info', message: `The GitHub API's rate limit is reached${resetTime(answer.headers)}` });
      break;
    }
    if (!read || read.kind !== 'answer') {
      for (const g of batch) fallback.push(...g.links);
      notes.push({ severity: 'info', message: `The GitHub API gave no usable answer (${read ? `malformed: ${read.reason}` : `HTTP ${answer.status}`}); ${count(batch.length, 'repository was', 'repositories were')} checked over HTTP instead.` });
      continue;
    }
    batch.forEach((g, k) => {
      const repo = read.repos[k]!;
      if (repo === 'unknown') fallback.push(...g.links);
      else if (repo === 'missing') for (const url of g.links) results.push({ url, state: 'dead', attempts: 0, via: 'github-api', error: `GitHub has no repository ${g.repo.owner}/${g.repo.name}` });
      // A new name that is not a repository name cannot become a link: asked over HTTP instead.
      else if (!repositoryName(repo.nameWithOwner)) fallback.push(...g.links);
      else for (const url of g.links) results.push(resultOf(url, g.repo, repo));
    });
    // Within the headers: no query is sent that the remaining points cannot pay for.
    if (remaining === '0' && i + options.batch < groups.length) {
      giveUp(i + options.batch, { severity: 'info', message: `The GitHub API's rate limit is used up${resetTime(answer.headers)}` });
      break;
    }
  }
  return { results, fallback, notes };
}

/** " (it resets at 05:40 UTC)" from x-ratelimit-reset (epoch seconds), when it is there. */
function resetTime(headers: Record<string, string | string[] | undefined>): string {
  const reset = Number(headerValue(headers, 'x-ratelimit-reset'));
  if (!Number.isFinite(reset) || reset <= 0) return '';
  return ` (it resets at ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC)`;
}
