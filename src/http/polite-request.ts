// HTTP with a source's manners, shared by every record source and API path: one request per
// interval through a shared gate, network errors retried with backoff (a name not found is not),
// throttling waited out (429/503, a "Rate exceeded." body, a server that stalls past the timeout),
// answers capped in size and in time, nothing started after the run's deadline, problems said as
// a person would say them.
import { Agent, request } from 'undici';
import { createLookup } from './address.js';
import { headerValue } from './headers.js';
import { errorCode, networkReason } from './network-error.js';
import { backoffDelay, FINAL_NETWORK, MAX_RETRY_AFTER, THROTTLING } from './retry-policy.js';
import { parseRetryAfter, sleep } from './timing.js';

/** What a request needs to know of its caller. */
export interface Manners {
  userAgent: string;
  /** Per request: until the headers, and between two body chunks. */
  timeout: number;
  /** Retries after a network error or throttling. */
  retries: number;
  /** Epoch milliseconds after which no request starts and no wait ends (links --deadline). */
  deadlineAt?: number;
  /**
   * Per-host settings (.paperlist.yml `links.hosts`, the same the link check keeps to): a host's
   * `minInterval` is the least time between two requests to it, whatever the caller's interval.
   */
  hosts?: Record<string, { minInterval?: number }>;
}

/**
 * The hosts of the built-in service addresses (records/sources.ts DEFAULT_SOURCE_OPTIONS,
 * links/api-paths.ts; a test holds the two to this list). Requests to them go through the link
 * checker's guard: each name resolved once per run, and refused when it resolves to a private,
 * loopback or reserved address. Any other address was given on the command line by the operator
 * (a test server, a mirror), never by the repository, and is asked as given.
 */
export const SERVICE_HOSTS: ReadonlySet<string> = new Set(['export.arxiv.org', 'aclanthology.org', 'api.crossref.org', 'api.datacite.org', 'doi.org', 'api.semanticscholar.org', 'api.github.com']);

export interface FetchProblem {
  id: string;
  /**
   * unreachable: no answer at all (network, DNS); missing: the source has no such paper;
   * throttled: the source kept refusing or stalling; deadline: not asked before the run's
   * deadline; unrecorded: the identifier exists but no source asked holds its record; the rest:
   * an answer that could not be used.
   */
  kind: 'unreachable' | 'missing' | 'throttled' | 'deadline' | 'unrecorded' | 'malformed' | 'http';
  message: string;
}

/** Larger answers are cut off and refused: a record is a few kilobytes, a batch of 50 under 200 KB. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * A whole answer, headers to last byte, gets this many timeouts: the per-chunk timeout alone lets
 * a body that drips a byte a second run for days.
 */
const ANSWER_TIMEOUTS = 2;

/** arXiv's answer when it throttles: HTTP 429 with this plain body and no Retry-After (recorded: SOURCES.md). */
const THROTTLING_BODY = /^\s*rate exceeded\.?\s*$/i;

/** Waits after throttling without Retry-After: doubling from twice the source's interval, at least a second. */
const throttleWait = (interval: number, attempt: number): number => backoffDelay(attempt + 1, Math.max(interval, 500), false);

export interface Answer {
  status: number;
  body: string;
  retryAfter?: number;
  /** The answer's headers (rate-limit headers are read from them). */
  headers: Record<string, string | string[] | undefined>;
}

/** A POST's JSON body and the headers only that request carries (an API key). */
export interface Send {
  json?: unknown;
  headers?: Record<string, string>;
}

/** One pool for the run's API requests, with the link checker's guard: names resolved once, private addresses refused. */
let guarded: Agent | undefined;
const guardedAgent = (): Agent => (guarded ??= new Agent({ connect: { lookup: createLookup(false).lookup } }));

/** Thrown when a whole answer took longer than ANSWER_TIMEOUTS timeouts. */
class AnswerTimeout extends Error {
  readonly code = 'ANSWER_TIMEOUT';
}

async function get(url: string, options: Manners, send: Send = {}): Promise<Answer> {
  const headers = { 'user-agent': options.userAgent, ...send.headers, ...(send.json !== undefined ? { 'content-type': 'application/json' } : {}) };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new AnswerTimeout(`no whole answer within ${(ANSWER_TIMEOUTS * options.timeout) / 1000} s`)), ANSWER_TIMEOUTS * options.timeout);
  try {
    return await read(url, options, send, headers, controller.signal);
  } catch (error) {
    throw controller.signal.aborted ? controller.signal.reason : error;
  } finally {
    clearTimeout(timer);
  }
}

async function read(url: string, options: Manners, send: Send, headers: Record<string, string>, signal: AbortSignal): Promise<Answer> {
  const response = await request(url, {
    method: send.json !== undefined ? 'POST' : 'GET', headers, headersTimeout: options.timeout, bodyTimeout: options.timeout, signal,
    ...(SERVICE_HOSTS.has(new URL(url).host) ? { dispatcher: guardedAgent() } : {}),
    ...(send.json !== undefined ? { body: JSON.stringify(send.json) } : {}),
  });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      response.body.destroy();
      throw new Error(`the answer is over ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  const retryAfter = parseRetryAfter(headerValue(response.headers, 'retry-after'));
  return { status: response.statusCode, body: Buffer.concat(chunks).toString('utf8'), headers: response.headers, ...(retryAfter !== undefined ? { retryAfter } : {}) };
}

/**
 * One request with the source's manners: at most one per `interval` (shared through `gate`),
 * network errors retried with backoff, throttling waited out (Retry-After up to a minute, or
 * doubling waits; retry-policy.ts), nothing started or waited for past `options.deadlineAt`. Returns the answer,
 * or the problem after the last try.
 */
export async function politeRequest(url: string, options: Manners, gate: { nextAt: number }, interval: number, label: string, send: Send = {}): Promise<Answer | Omit<FetchProblem, 'id'>> {
  const deadlineAt = options.deadlineAt ?? Infinity;
  interval = Math.max(interval, hostFloor(url, options.hosts));
  for (let attempt = 0; ; attempt++) {
    if (Math.max(gate.nextAt, Date.now()) >= deadlineAt) return { kind: 'deadline', message: `${label}: not asked before the run's deadline` };
    await sleep(gate.nextAt - Date.now());
    gate.nextAt = Date.now() + interval;
    let answer: Answer;
    try {
      answer = await get(url, options, send);
    } catch (error) {
      // A server that accepted the connection and then said nothing is busy, as arXiv is when it
      // throttles (answers took up to two minutes): waited out like a 429, never "unreachable".
      if (isStall(error)) {
        if (attempt >= options.retries) return { kind: 'throttled', message: `${label} kept stalling (${networkReason(error)}): busy or throttling` };
        gate.nextAt = Date.now() + throttleWait(interval, attempt);
        continue;
      }
      // A name that does not resolve will not resolve a second later, nor will a private address
      // become public (retry-policy.ts FINAL_NETWORK): no retry, no wait.
      if (errorCode(error) === 'EPRIVATE') return { kind: 'unreachable', message: `${label} refused: ${(error as Error).message}` };
      if (attempt >= options.retries || FINAL_NETWORK.has(errorCode(error))) return { kind: 'unreachable', message: `${label} unreachable: ${networkReason(error)}` };
      gate.nextAt = Date.now() + Math.max(interval, backoffDelay(attempt, 500, false));
      continue;
    }
    const throttlingBody = answer.body.length < 64 && THROTTLING_BODY.test(answer.body);
    if (THROTTLING.has(answer.status) || throttlingBody) {
      const said = throttlingBody ? `HTTP ${answer.status}, "${answer.body.trim()}"` : `HTTP ${answer.status}`;
      // Out of tries, or asked to wait longer than any run waits: throttled, for now.
      if (attempt >= options.retries || (answer.retryAfter ?? 0) > MAX_RETRY_AFTER) return { kind: 'throttled', message: `${label} kept throttling (${said})` };
      gate.nextAt = Date.now() + (answer.retryAfter ?? throttleWait(interval, attempt));
      continue;
    }
    return answer;
  }
}

/** The least interval the settings give the URL's host (0 when they say nothing of it). */
function hostFloor(url: string, hosts: Manners['hosts']): number {
  if (!hosts) return 0;
  try {
    return hosts[new URL(url).hostname]?.minInterval ?? 0;
  } catch {
    return 0;
  }
}

const STALLS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ANSWER_TIMEOUT']);
const isStall = (error: unknown): boolean => STALLS.has(errorCode(error));

export const isAnswer = (x: Answer | Omit<FetchProblem, 'id'>): x is Answer => 'status' in x;
