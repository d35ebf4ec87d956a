// HTTP with a source's manners, shared by every record source and API path: one request per
// interval through a shared gate, network errors retried with backoff (a name not found is not),
// 429/503 waited out, answers capped in size, problems said as a person would say them.
import { request } from 'undici';
import { errorCode, headerValue } from '../links/classify.js';
import { parseRetryAfter, sleep } from '../links/timing.js';

/** What a request needs to know of its caller. */
export interface Manners {
  userAgent: string;
  /** Per request: until the headers, and between two body chunks. */
  timeout: number;
  /** Retries after a network error or a 429/503. */
  retries: number;
}

export interface FetchProblem {
  id: string;
  /** unreachable: no answer at all (network, DNS); missing: the source has no such paper; the rest: an answer that could not be used. */
  kind: 'unreachable' | 'missing' | 'throttled' | 'malformed' | 'http';
  message: string;
}

/** Larger answers are cut off and refused: a record is a few kilobytes, a batch of 50 under 200 KB. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

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

async function get(url: string, options: Manners, send: Send = {}): Promise<Answer> {
  const headers = { 'user-agent': options.userAgent, ...send.headers, ...(send.json !== undefined ? { 'content-type': 'application/json' } : {}) };
  const response = await request(url, {
    method: send.json !== undefined ? 'POST' : 'GET', headers, headersTimeout: options.timeout, bodyTimeout: options.timeout,
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
 * network errors retried with backoff, 429/503 waited out (Retry-After, capped at 2 minutes).
 * Returns the answer, or the problem after the last try.
 */
export async function politeRequest(url: string, options: Manners, gate: { nextAt: number }, interval: number, label: string, send: Send = {}): Promise<Answer | Omit<FetchProblem, 'id'>> {
  for (let attempt = 0; ; attempt++) {
    await sleep(gate.nextAt - Date.now());
    gate.nextAt = Date.now() + interval;
    let answer: Answer;
    try {
      answer = await get(url, options, send);
    } catch (error) {
      // A name that does not resolve will not resolve a second later: no retry, no wait.
      if (attempt >= options.retries || isNameNotFound(error)) return { kind: 'unreachable', message: `${label} unreachable: ${networkReason(error)}` };
      gate.nextAt = Date.now() + Math.max(interval, 500 * 2 ** attempt);
      continue;
    }
    if (answer.status === 429 || answer.status === 503) {
      if (attempt >= options.retries) return { kind: 'throttled', message: `${label} kept throttling (HTTP ${answer.status})` };
      gate.nextAt = Date.now() + Math.min(answer.retryAfter ?? interval * 2 ** (attempt + 1), 120_000);
      continue;
    }
    return answer;
  }
}

const isNameNotFound = (error: unknown): boolean => errorCode(error) === 'ENOTFOUND';

/** A network error in one line, as a person would say it. */
function networkReason(error: unknown): string {
  const code = errorCode(error);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name not found (no network, or no DNS)';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'timed out';
  return (error as { message?: string }).message ?? String(error);
}

export const isAnswer = (x: Answer | Omit<FetchProblem, 'id'>): x is Answer => 'status' in x;
