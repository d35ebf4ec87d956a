// The ways a link can be checked other than by requesting it: arXiv links through the arXiv API,
// GitHub repositories through GitHub's GraphQL API (with a token), DOI links through the DOI
// resolver's handle API. Each is on unless .paperlist.yml turns it off; the addresses and the token
// come from the command line and the environment only, never from the repository's files (a pull
// request could otherwise send the token anywhere). Which links a path takes is decided with
// paper-identifiers.ts alone; a path's client (undici, the feed reader) loads only when it has
// links to check, so that the Markdown parse starts ~0.2 s sooner.
import type { LinkSettings } from '../check/config.js';
import { arxivIdFromUrl, doiFromUrl, githubRepoFromUrl } from '../core/paper-identifiers.js';
import { RecordCache } from '../records/record-cache.js';
import { DEFAULT_DOI_API } from '../records/doi-handle.js';
import type { LinkVia, PathChecked } from './options.js';

export const DEFAULT_GITHUB_API = 'https://api.github.com/graphql';

export interface ApiPath {
  name: LinkVia;
  claims(url: string): boolean;
  check(urls: readonly string[]): Promise<PathChecked>;
  /** Saves what the path keeps (the record cache); the reason it could not, if so. */
  close(): Promise<string | undefined>;
}

export interface PathRequest {
  /** The APIs' addresses; their defaults otherwise. */
  arxivApi?: string;
  githubApi?: string;
  doiApi?: string;
  /** Repository links go through GitHub's API with it (sent there only, never printed). */
  githubToken?: string;
  /** The record cache verify keeps (verify --cache): arXiv records fetched here are kept there too. */
  records?: string;
  /** The run's deadline (epoch ms; the link checker's): no API request starts after it. */
  deadlineAt?: number;
}

export { DEFAULT_DOI_API } from '../records/doi-handle.js';

const nothingToSave = async (): Promise<undefined> => undefined;

export function apiPaths(settings: LinkSettings, request: PathRequest): ApiPath[] {
  const sources = (): Promise<typeof import('../records/sources.js')> => import('../records/sources.js');
  const paths: ApiPath[] = [];
  // The run's deadline and the settings' per-host intervals hold for the APIs as for every link.
  const manners = { ...(request.deadlineAt !== undefined ? { deadlineAt: request.deadlineAt } : {}), ...(settings.hosts ? { hosts: settings.hosts } : {}) };
  if (settings.arxivApi !== false) {
    let records: RecordCache | undefined;
    paths.push({
      name: 'arxiv-api',
      claims: (url) => arxivIdFromUrl(url) !== undefined,
      check: async (urls) => {
        const [{ DEFAULT_SOURCE_OPTIONS }, { checkArxivLinks }] = await Promise.all([sources(), import('./arxiv-path.js')]);
        records = await RecordCache.open(request.records);
        const checked = await checkArxivLinks(urls, { ...DEFAULT_SOURCE_OPTIONS, ...(request.arxivApi ? { arxivApi: request.arxivApi } : {}), ...manners }, records);
        return records.warning ? { ...checked, notes: [{ severity: 'warning', message: `${records.warning} (${request.records})` }, ...checked.notes] } : checked;
      },
      close: async () => records?.save(),
    });
  }
  const token = request.githubToken?.trim();
  if (token && settings.githubApi !== false) {
    paths.push({
      name: 'github-api',
      claims: (url) => githubRepoFromUrl(url) !== undefined,
      check: async (urls) => {
        const [{ DEFAULT_SOURCE_OPTIONS: { userAgent, timeout } }, { checkGithubLinks }] = await Promise.all([sources(), import('./github-path.js')]);
        // One retry: a rate-limited or failing API sends the links to HTTP rather than hold the run.
        return checkGithubLinks(urls, { api: request.githubApi ?? DEFAULT_GITHUB_API, token, batch: 100, interval: 1000, userAgent, timeout, retries: 1, ...manners });
      },
      close: nothingToSave,
    });
  }
  if (settings.doiApi !== false) {
    paths.push({
      name: 'doi-api',
      claims: (url) => doiFromUrl(url) !== undefined,
      check: async (urls) => {
        const [{ DEFAULT_SOURCE_OPTIONS: { userAgent, timeout } }, { checkDoiLinks }] = await Promise.all([sources(), import('./doi-path.js')]);
        return checkDoiLinks(urls, { api: request.doiApi ?? DEFAULT_DOI_API, interval: 200, userAgent, timeout, retries: 1, ...manners });
      },
      close: nothingToSave,
    });
  }
  return paths;
}
