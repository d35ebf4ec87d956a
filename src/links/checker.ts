// The link checker: the only concurrent stage and the only module that imports undici.
// Each unique URL is checked with HEAD (GET when HEAD is refused, reading headers only), politely:
// a global limit, a per-host limit and minimum interval, keep-alive pools, Retry-After honoured
// for the whole host, retries with exponential backoff and jitter on 429, 5xx and network errors.
import pLimit, { type LimitFunction } from 'p-limit';
import { Agent, request } from 'undici';
import { createLookup, literalAddressRefusal } from './address.js';
import type { CheckOptions, LinkResult, LinkState } from './options.js';

export { DEFAULT_CHECK_OPTIONS, type CheckOptions, type HostSettings, type LinkResult, type LinkState } from './options.js';

const REDIRECT = new Set([301, 302, 303, 307, 308]);
const PERMANENT = new Set([301, 308]);
// Network errors that a retry may cure; a name that does not exist is final.
const FINAL_NETWORK = new Set(['ENOTFOUND', 'EPRIVATE', 'ERR_INVALID_URL', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);

interface Host {
  limit: LimitFunction;
  minInterval: number;
  /** No request starts before this time (minimum interval, Retry-After). */
  notBefore: number;
}

interface Answer {
  status: number;
  location?: string;
  retryAfter?: number;
}

class RunDeadline extends Error {}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Parses Retry-After (seconds or an HTTP date) into milliseconds from now. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface LinkChecker {
  /** Checks one URL, as soon as its host has a free slot; URLs may be added while others run. */
  check(url: string): Promise<LinkResult>;
  /** Closes the connection pools; call once every check has settled. */
  close(): Promise<void>;
}

/**
 * A checker that takes URLs as they are found (so requests start while a long file is still being
 * parsed). Each host works through its URLs with as many links in progress as it may have requests
 * in flight: hosts proceed independently (no head-of-line blocking behind a slow one), and only
 * that many links are in progress per host, which keeps memory flat however long the list.
 */
export function createLinkChecker(options: CheckOptions): LinkChecker {
  const started = Date.now();
  const deadlineAt = started + options.deadline;
  const names = createLookup(options.allowPrivate, options.resolve);
  const agent = new Agent({
    connections: Math.max(options.perHost, ...Object.values(options.hosts).map((h) => h.concurrency ?? 0)),
    pipelining: 1,
    keepAliveTimeout: 10_000,
    headersTimeout: options.timeout,
    bodyTimeout: options.timeout,
    connectTimeout: options.timeout,
    connect: { timeout: options.timeout, lookup: names.lookup },
  });
  const global = pLimit(options.concurrency);
  const hosts = new Map<string, Host>();
  /** How many requests (and links) a host may have in flight: its override, or --per-host. */
  const concurrencyOf = (hostname: string): number => options.hosts[hostname]?.concurrency ?? options.perHost;
  const hostOf = (url: URL): Host => {
    let host = hosts.get(url.host);
    if (!host) {
      host = { limit: pLimit(concurrencyOf(url.hostname)), minInterval: options.hosts[url.hostname]?.minInterval ?? 0, notBefore: 0 };
      hosts.set(url.host, host);
    }
    return host;
  };

  /** One request, within the host's and the global limits, after the host's gate opens. */
  const send = (url: URL, method: 'HEAD' | 'GET', result: LinkResult): Promise<Answer> => {
    const host = hostOf(url);
    return host.limit(async () => {
      // Wait for the host's gate (minimum interval, Retry-After) before taking a global slot.
      for (let wait = host.notBefore - Date.now(); wait > 0; wait = host.notBefore - Date.now()) {
        if (Date.now() + wait > deadlineAt) throw new RunDeadline();
        await sleep(wait);
      }
      host.notBefore = Math.max(host.notBefore, Date.now() + host.minInterval);
      return global(async () => {
        if (Date.now() > deadlineAt) throw new RunDeadline();
        result.attempts++;
        const response = await request(url, {
          method,
          dispatcher: agent,
          // undici closes the connection after every HEAD (for servers that wrongly send a body),
          // so each HEAD would cost a new connection. It still closes unless the answer says
          // keep-alive, and stray bytes would only fail the next request, which is retried.
          reset: false,
          headers: { 'user-agent': options.userAgent },
          // The Agent's connect and headers timeouts bound the request; no timer of our own.
        });
        // Never read a body: the headers are the answer. Destroying the stream drops the
        // connection for a GET with a body, which is the point (no 50 MB downloads).
        if (method === 'HEAD') await response.body.dump();
        else {
          response.body.on('error', () => {}); // destroying an unread body reports an abort: expected
          response.body.destroy();
        }
        const header = (name: string): string | undefined => {
          const v = response.headers[name];
          return Array.isArray(v) ? v[0] : v;
        };
        const retryAfter = parseRetryAfter(header('retry-after'));
        // Close the host's gate before this slot is released, so that no queued request slips in.
        if ((response.statusCode === 429 || response.statusCode === 503) && retryAfter !== undefined && retryAfter <= options.maxRetryAfter) {
          host.notBefore = Math.max(host.notBefore, Date.now() + retryAfter);
        }
        return { status: response.statusCode, ...(header('location') ? { location: header('location')! } : {}), ...(retryAfter !== undefined ? { retryAfter } : {}) };
      });
    });
  };

  /** One URL (no redirects): HEAD, GET when HEAD is refused, with retries. */
  const fetchOnce = async (url: URL, result: LinkResult): Promise<Answer> => {
    let method: 'HEAD' | 'GET' = 'HEAD';
    for (let attempt = 0; ; attempt++) {
      let answer: Answer;
      try {
        answer = await send(url, method, result);
      } catch (error) {
        if (error instanceof RunDeadline) throw error;
        const code = errorCode(error);
        if (FINAL_NETWORK.has(code) || attempt >= options.retries) throw error;
        await backoffSleep(attempt);
        continue;
      }
      if (method === 'HEAD' && !REDIRECT.has(answer.status) && (answer.status >= 400 && answer.status !== 429 && answer.status < 500 || answer.status === 501)) {
        // Refused or doubtful HEAD (405, 403, 404 from servers that mishandle HEAD…): GET decides.
        method = 'GET';
        attempt--;
        continue;
      }
      if ((answer.status === 429 || answer.status >= 500) && attempt < options.retries) {
        if (answer.retryAfter !== undefined) {
          if (answer.retryAfter > options.maxRetryAfter) return answer; // too long to wait: unreachable
          // The host's gate (set in send) holds the retry until Retry-After has passed.
        } else await backoffSleep(attempt);
        continue;
      }
      return answer;
    }
  };

  const backoffSleep = async (attempt: number): Promise<void> => {
    const delay = options.backoff * 2 ** attempt * (0.5 + Math.random());
    if (Date.now() + delay > deadlineAt) throw new RunDeadline();
    await sleep(delay);
  };

  const checkOne = async (original: string): Promise<LinkResult> => {
    const result: LinkResult = { url: original, state: 'ok', attempts: 0 };
    let url: URL;
    try {
      url = new URL(original);
    } catch {
      return { ...result, state: 'dead', error: 'malformed URL' };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ...result, state: 'skipped', error: `${url.protocol} link` };
    const seen = new Set<string>();
    let permanent = true;
    try {
      for (let hops = 0; ; hops++) {
        // Only the request line and our headers are sent: never a fragment, nor credentials
        // written into the URL (they would become an Authorization header).
        url.hash = '';
        url.username = '';
        url.password = '';
        if (!options.allowPrivate) {
          const refusal = literalAddressRefusal(url);
          if (refusal) return finish(result, 'blocked', { error: refusal.message, ...(hops ? { finalUrl: url.href } : {}) });
        }
        seen.add(url.href);
        const answer = await fetchOnce(url, result);
        if (REDIRECT.has(answer.status) && answer.location) {
          permanent &&= PERMANENT.has(answer.status);
          let next: URL;
          try {
            next = new URL(answer.location, url);
          } catch {
            return finish(result, 'unreachable', { status: answer.status, error: `redirect to a malformed URL: ${answer.location}` });
          }
          next.hash = '';
          if (next.protocol !== 'http:' && next.protocol !== 'https:') return finish(result, 'unreachable', { status: answer.status, error: `redirect to a ${next.protocol} URL` });
          if (seen.has(next.href)) return finish(result, 'unreachable', { status: answer.status, finalUrl: next.href, error: 'redirect loop' });
          if (hops + 1 > options.maxRedirects) return finish(result, 'unreachable', { status: answer.status, finalUrl: next.href, error: `more than ${options.maxRedirects} redirects` });
          url = next;
          continue;
        }
        const redirected = hops > 0 ? { finalUrl: url.href, permanent } : {};
        if (answer.status >= 200 && answer.status < 300) return finish(result, hops > 0 ? 'redirected' : 'ok', { status: answer.status, ...redirected });
        if (answer.status === 404 || answer.status === 410) return finish(result, 'dead', { status: answer.status, ...redirected });
        return finish(result, 'unreachable', { status: answer.status, error: describeStatus(answer.status), ...redirected });
      }
    } catch (error) {
      if (error instanceof RunDeadline) return finish(result, 'unreachable', { error: 'not finished before the run deadline' });
      const code = errorCode(error);
      if (code === 'EPRIVATE') return finish(result, 'blocked', { error: (error as Error).message });
      if (code === 'ENOTFOUND') {
        if (await names.resolverWorks(options.probeName)) return finish(result, 'dead', { error: 'host name not found (DNS)', network: true });
        return finish(result, 'unreachable', { error: `host name not found, and no name resolves (not even ${options.probeName}): no DNS here`, network: true, noResolver: true });
      }
      return finish(result, 'unreachable', { error: describeError(error), network: true });
    }
  };

  const finish = (result: LinkResult, state: LinkState, extra: Partial<LinkResult>): LinkResult => Object.assign(result, { state }, extra);

  const linkLimits = new Map<string, LimitFunction>();
  return {
    check(url: string): Promise<LinkResult> {
      let parsed: URL | undefined;
      try {
        parsed = new URL(url);
      } catch {
        // malformed: checked (and reported) in its own queue
      }
      const key = parsed?.host ?? '';
      let limit = linkLimits.get(key);
      if (!limit) {
        limit = pLimit(concurrencyOf(parsed?.hostname ?? ''));
        linkLimits.set(key, limit);
      }
      return limit(async () => {
        const result = await checkOne(url);
        options.onResult?.(result);
        return result;
      });
    },
    close: () => agent.close(),
  };
}

/** Checks a list of URLs; results in the same order. */
export async function checkLinks(urls: readonly string[], options: CheckOptions): Promise<LinkResult[]> {
  const checker = createLinkChecker(options);
  try {
    return await Promise.all(urls.map((url) => checker.check(url)));
  } finally {
    await checker.close();
  }
}

function errorCode(error: unknown): string {
  const e = error as { code?: unknown; cause?: { code?: unknown }; name?: string };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return e.name; // DOMException: numeric code
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return e?.name ?? 'ERROR';
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
