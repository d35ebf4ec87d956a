// Pure decisions of the link checker, as lychee splits them: what an answer or a failure means for
// a link (classify), and whether to ask again (shouldRetry, with the failures and waits of
// http/retry-policy.ts that every request shares). No I/O, no timers: tested directly.
import { errorCode } from '../http/network-error.js';
import { FINAL_NETWORK, STALE_SOCKET } from '../http/retry-policy.js';
import type { LinkResult, LinkState } from './options.js';

export { errorCode } from '../http/network-error.js';

/** What a link check reads of an answer: its status and headers, never its body. */
export interface HeadersAnswer {
  status: number;
  location?: string;
  retryAfter?: number;
}

export const REDIRECT = new Set([301, 302, 303, 307, 308]);
export const PERMANENT = new Set([301, 308]);

/**
 * What to do after one request: `done` (the answer stands), `get` (HEAD was refused or doubtful:
 * ask with GET), `now` (retry at once, on a fresh connection), `backoff` (retry after the
 * exponential backoff), `gate` (retry when the host's Retry-After gate opens), `fail` (give up with
 * the error).
 */
export type Next = 'done' | 'get' | 'now' | 'backoff' | 'gate' | 'fail';

export function shouldRetry(step: { method: 'HEAD' | 'GET'; attempt: number; answer?: HeadersAnswer; errorCode?: string }, options: { retries: number; maxRetryAfter: number }): Next {
  const { method, attempt, answer } = step;
  if (!answer) {
    const code = step.errorCode ?? 'ERROR';
    if (FINAL_NETWORK.has(code) || attempt >= options.retries) return 'fail';
    return attempt === 0 && STALE_SOCKET.has(code) ? 'now' : 'backoff';
  }
  const { status } = answer;
  // Refused or doubtful HEAD (405, 403, 404 from servers that mishandle HEAD…): GET decides.
  if (method === 'HEAD' && !REDIRECT.has(status) && ((status >= 400 && status !== 429 && status < 500) || status === 501)) return 'get';
  if ((status === 429 || status >= 500) && attempt < options.retries) {
    if (answer.retryAfter === undefined) return 'backoff';
    return answer.retryAfter > options.maxRetryAfter ? 'done' : 'gate'; // too long to wait: unreachable
  }
  return 'done';
}

export type LinkVerdict = { state: LinkState } & Partial<Omit<LinkResult, 'state' | 'url' | 'attempts'>>;

/** The verdict of a final (non-redirect) answer, after `hops` redirects. */
export function classifyAnswer(answer: HeadersAnswer, hops: number, permanent: boolean, finalUrl: string): LinkVerdict {
  const redirected = hops > 0 ? { finalUrl, permanent } : {};
  if (answer.status >= 200 && answer.status < 300) return { state: hops > 0 ? 'redirected' : 'ok', status: answer.status, ...redirected };
  if (answer.status === 404 || answer.status === 410) return { state: 'dead', status: answer.status, ...redirected };
  return { state: 'unreachable', status: answer.status, error: describeStatus(answer.status), ...redirected };
}

/**
 * The verdict of a failure without an answer. A name not found is evidence of a dead link only
 * when the resolver works (`resolverWorks`); otherwise there is no DNS here, and no verdict.
 */
export function classifyError(error: unknown, resolverWorks: boolean | undefined, probeName: string): LinkVerdict {
  const code = errorCode(error);
  if (code === 'EPRIVATE') return { state: 'blocked', error: (error as Error).message };
  if (code === 'ENOTFOUND') {
    if (resolverWorks) return { state: 'dead', error: 'host name not found (DNS)', network: true };
    return { state: 'unreachable', error: `host name not found, and no name resolves (not even ${probeName}): no DNS here`, network: true, noResolver: true };
  }
  return { state: 'unreachable', error: describeError(error), network: true };
}

function describeError(error: unknown): string {
  const code = errorCode(error);
  const names: Record<string, string> = {
    UND_ERR_HEADERS_TIMEOUT: 'timed out waiting for the response',
    UND_ERR_CONNECT_TIMEOUT: 'timed out connecting',
    TimeoutError: 'timed out',
    AbortError: 'timed out',
    ECONNRESET: 'connection reset',
    ECONNREFUSED: 'connection refused',
    UND_ERR_SOCKET: 'connection closed by the server',
    EAI_AGAIN: 'DNS lookup failed (temporary)',
    ENETUNREACH: 'network unreachable',
    EHOSTUNREACH: 'host unreachable',
  };
  return names[code] ?? `${code}: ${(error as Error).message ?? String(error)}`;
}

function describeStatus(status: number): string {
  if (status === 429) return 'rate limited (429) after retries';
  if (status === 403) return 'forbidden (403): often a bot wall, check by hand';
  if (status >= 500) return `server error (${status}) after retries`;
  return `HTTP ${status}`;
}
