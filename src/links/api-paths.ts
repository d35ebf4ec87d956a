// The ways a link can be checked other than by requesting it: arXiv links through the arXiv API,
// GitHub repositories through GitHub's GraphQL API (with a token), DOI links through the DOI
// resolver's handle API. Each is on unless .paperlist.yml turns it off; the addresses and the token
// come from the command line and the environment only, never from the repository's files (a pull
// request could otherwise send the token anywhere).
import type { LinkSettings } from '../config.js';
import { DEFAULT_SOURCE_OPTIONS, RecordCache } from '../records/sources.js';
import { arxivLinkId, checkArxivLinks } from './arxiv-path.js';
import { checkDoiLinks, DEFAULT_DOI_API, doiOfLink } from './doi-path.js';
import { checkGithubLinks, DEFAULT_GITHUB_API, githubRepoOfLink } from './github-path.js';
import type { LinkVia, PathChecked } from './options.js';

export interface ApiPath {
  name: LinkVia;
  claims(url: string): boolean;
  check(urls: readonly string[]): Promise<PathChecked>;
  /** Saves what the path keeps (the record cache); the reason it could not, if so. */
  close(): Promise<string | undefined>;
}

export interface PathRequest {
  arxivApi?: string;
  githubApi?: string;
  doiApi?: string;
  githubToken?: string;
  /** The record cache file shared with verify. */
  records?: string;
}

const nothingToSave = async (): Promise<undefined> => undefined;

export async function apiPaths(settings: LinkSettings, request: PathRequest): Promise<ApiPath[]> {
  const { userAgent, timeout } = DEFAULT_SOURCE_OPTIONS;
  const paths: ApiPath[] = [];
  if (settings.arxivApi !== false) {
    const records = await RecordCache.open(request.records);
    paths.push({
      name: 'arxiv-api',
      claims: (url) => arxivLinkId(url) !== undefined,
      check: (urls) => checkArxivLinks(urls, { ...DEFAULT_SOURCE_OPTIONS, ...(request.arxivApi ? { arxivApi: request.arxivApi } : {}) }, records),
      close: () => records.save(),
    });
  }
  const token = request.githubToken?.trim();
  if (token && settings.githubApi !== false) {
    paths.push({
      name: 'github-api',
      claims: (url) => githubRepoOfLink(url) !== undefined,
      // One retry: a rate-limited or failing API sends the links to HTTP rather than hold the run.
      check: (urls) => checkGithubLinks(urls, { api: request.githubApi ?? DEFAULT_GITHUB_API, token, batch: 100, interval: 1000, userAgent, timeout, retries: 1 }),
      close: nothingToSave,
    });
  }
  if (settings.doiApi !== false) {
    paths.push({
      name: 'doi-api',
      claims: (url) => doiOfLink(url) !== undefined,
      check: (urls) => checkDoiLinks(urls, { api: request.doiApi ?? DEFAULT_DOI_API, interval: 200, userAgent, timeout, retries: 1 }),
      close: nothingToSave,
    });
  }
  return paths;
}
