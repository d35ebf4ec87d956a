// What the link checker is told and what it answers: types and defaults, apart from the checker
// itself so that callers can read them without loading undici (~0.1 s).
import { MAX_RETRY_AFTER } from '../http/retry-policy.js';
import type { Resolve } from '../http/address.js';

export type LinkState = 'ok' | 'redirected' | 'dead' | 'unreachable' | 'blocked' | 'skipped';

export interface LinkResult {
  url: string;
  state: LinkState;
  status?: number;
  error?: string;
  /** Where the redirects ended. */
  finalUrl?: string;
  /** Every hop was a permanent redirect (301/308): the entry should link the final URL. */
  permanent?: boolean;
  /** Requests made for this link, retries and redirects included. */
  attempts: number;
  /** The failure was at the network level (no HTTP answer at all): used to tell "offline". */
  network?: boolean;
  /** The name did not resolve, and neither did any other name this run: no DNS, so no verdict. */
  noResolver?: boolean;
  /** How it was checked when not by a request to the link itself: through an API's record of it. */
  via?: LinkVia;
  /** The link is a code repository that its owners archived (read-only): still there, no longer kept up. */
  archived?: boolean;
}

/** The APIs a link can be checked through instead of a request to the link itself. */
export type LinkVia = 'arxiv-api' | 'github-api' | 'doi-api';

/** Something a path wants said about the run (why links went back to HTTP, a token refused). */
export interface PathNote {
  severity: 'warning' | 'info';
  message: string;
  hint?: string;
}

/** What a path (arXiv, GitHub, DOI) answered, and what it leaves to the HTTP check. */
export interface PathChecked {
  results: LinkResult[];
  fallback: string[];
  notes: PathNote[];
}

export interface HostSettings {
  concurrency?: number;
  /** Milliseconds between the starts of two requests to the host. */
  minInterval?: number;
}

export interface CheckOptions {
  concurrency: number;
  perHost: number;
  /** Per request: time allowed for connecting and receiving the response headers. */
  timeout: number;
  /** For the whole run: links not finished by then are reported unreachable. */
  deadline: number;
  retries: number;
  /** Base delay of the exponential backoff. */
  backoff: number;
  /** Longest Retry-After honoured; a longer one ends the retries. */
  maxRetryAfter: number;
  maxRedirects: number;
  allowPrivate: boolean;
  userAgent: string;
  hosts: Record<string, HostSettings>;
  onResult?: (result: LinkResult) => void;
  /** Name resolution (tests replace it); dns.lookup by default. */
  resolve?: Resolve;
  /**
   * A name that always resolves where there is DNS, asked once when a link's name does not resolve
   * and no other name has this run: only a working resolver's "not found" makes a link dead.
   */
  probeName: string;
}

export const DEFAULT_CHECK_OPTIONS: CheckOptions = {
  concurrency: 64,
  perHost: 4,
  timeout: 15_000,
  deadline: 10 * 60_000,
  retries: 2,
  backoff: 1_000,
  maxRetryAfter: MAX_RETRY_AFTER,
  maxRedirects: 10,
  allowPrivate: false,
  userAgent: 'paperlist-link-checker/0.1 (+https://github.com/LightChen233/Awesome-Multilingual-LLM)',
  probeName: 'example.com',
  hosts: {},
};
