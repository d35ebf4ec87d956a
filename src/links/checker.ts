// The link checker: each unique URL checked with HEAD (GET when HEAD is refused, reading headers
// only), following redirects, politely: the host pool (host-pool.ts) holds the limits and gates,
// classify.ts decides what each answer means and whether to ask again; this module runs the loop.
import pLimit, { type LimitFunction } from 'p-limit';
import { literalAddressRefusal } from '../http/address.js';
import { classifyAnswer, classifyError, errorCode, PERMANENT, REDIRECT, shouldRetry, type HeadersAnswer } from './classify.js';
import { HostPool } from './host-pool.js';
import type { CheckOptions, LinkResult, LinkState } from './options.js';
import { backoffDelay } from '../http/retry-policy.js';
import { RunDeadline, sleep } from '../http/timing.js';

export { DEFAULT_CHECK_OPTIONS, type CheckOptions, type HostSettings, type LinkResult, type LinkState } from './options.js';
export { parseRetryAfter } from '../http/timing.js';

export interface LinkChecker {
  /** Checks one URL, as soon as its host has a free slot; URLs may be added while others run. */
  check(url: string): Promise<LinkResult>;
  /** Closes the connection pools; call once every check has settled. */
  close(): Promise<void>;
  /** When the run's deadline falls (epoch ms): the API paths keep to it too. */
  readonly deadlineAt: number;
}

/**
 * A checker that takes URLs as they are found (so requests start while a long file is still being
 * parsed). Each host works through its URLs with as many links in progress as it may have requests
 * in flight: hosts proceed independently (no head-of-line blocking behind a slow one), and only
 * that many links are in progress per host, which keeps memory flat however long the list.
 */
export function createLinkChecker(options: CheckOptions): LinkChecker {
  const deadlineAt = Date.now() + options.deadline;
  const pool = new HostPool(options, deadlineAt);
  /** One URL (no redirects): HEAD, GET when HEAD is refused, with retries as shouldRetry says. */
  const fetchOnce = async (url: URL, result: LinkResult): Promise<HeadersAnswer> => {
    let method: 'HEAD' | 'GET' = 'HEAD';
    for (let attempt = 0; ; attempt++) {
      let answer: HeadersAnswer | undefined;
      let failure: unknown;
      try {
        answer = await pool.send(url, method, () => result.attempts++);
      } catch (error) {
        if (error instanceof RunDeadline) throw error;
        failure = error;
      }
      const next = shouldRetry({ method, attempt, ...(answer ? { answer } : { errorCode: errorCode(failure) }) }, options);
      if (next === 'fail') throw failure;
      if (next === 'done') return answer!;
      if (next === 'get') {
        method = 'GET';
        attempt--; // the GET is the same attempt, asked the way the server takes it
      } else if (next === 'backoff') await backoffSleep(attempt);
      // 'now': at once, on a fresh connection; 'gate': the host's gate (set in send) holds the retry.
    }
  };

  const backoffSleep = async (attempt: number): Promise<void> => {
    const delay = backoffDelay(attempt, options.backoff, true);
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
        const { state, ...verdict } = classifyAnswer(answer, hops, permanent, url.href);
        return finish(result, state, verdict);
      }
    } catch (error) {
      if (error instanceof RunDeadline) return finish(result, 'unreachable', { error: 'not finished before the run deadline' });
      // Only a name not found needs to know whether the resolver works (it may ask a known name once).
      const resolverWorks = errorCode(error) === 'ENOTFOUND' ? await pool.names.resolverWorks(options.probeName) : undefined;
      const { state, ...verdict } = classifyError(error, resolverWorks, options.probeName);
      return finish(result, state, verdict);
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
        limit = pLimit(pool.concurrencyOf(parsed?.hostname ?? ''));
        linkLimits.set(key, limit);
      }
      return limit(async () => {
        const result = await checkOne(url);
        options.onResult?.(result);
        return result;
      });
    },
    close: () => pool.close(),
    deadlineAt,
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
