// The hosts a run talks to: one keep-alive pool for all, a global limit, and per host a limit, a
// minimum interval and a gate that Retry-After closes for the whole host. `send` makes one request
// within all of them and returns the answer's headers; it never reads a body.
import pLimit, { type LimitFunction } from 'p-limit';
import { Agent, request } from 'undici';
import { createLookup, type Lookup } from '../http/address.js';
import { parseRetryAfter, RunDeadline, sleep } from '../http/timing.js';
import { headerValue } from '../http/headers.js';
import type { HeadersAnswer } from './classify.js';
import type { CheckOptions } from './options.js';

interface Host {
  limit: LimitFunction;
  minInterval: number;
  /** No request starts before this time (minimum interval, Retry-After). */
  notBefore: number;
}

export class HostPool {
  readonly names: Lookup;
  private readonly agent: Agent;
  private readonly global: LimitFunction;
  private readonly hosts = new Map<string, Host>();

  constructor(private readonly options: CheckOptions, private readonly deadlineAt: number) {
    this.names = createLookup(options.allowPrivate, options.resolve);
    this.agent = new Agent({
      connections: Math.max(options.perHost, ...Object.values(options.hosts).map((h) => h.concurrency ?? 0)),
      pipelining: 1,
      keepAliveTimeout: 10_000,
      headersTimeout: options.timeout,
      bodyTimeout: options.timeout,
      connectTimeout: options.timeout,
      connect: { timeout: options.timeout, lookup: this.names.lookup },
    });
    this.global = pLimit(options.concurrency);
  }

  /** How many requests (and links) a host may have in flight: its override, or --per-host. */
  concurrencyOf(hostname: string): number {
    return this.options.hosts[hostname]?.concurrency ?? this.options.perHost;
  }

  private hostOf(url: URL): Host {
    let host = this.hosts.get(url.host);
    if (!host) {
      host = { limit: pLimit(this.concurrencyOf(url.hostname)), minInterval: this.options.hosts[url.hostname]?.minInterval ?? 0, notBefore: 0 };
      this.hosts.set(url.host, host);
    }
    return host;
  }

  /** One request, within the host's and the global limits, after the host's gate opens. */
  send(url: URL, method: 'HEAD' | 'GET', onAttempt: () => void): Promise<HeadersAnswer> {
    const host = this.hostOf(url);
    return host.limit(async () => {
      // A name that did not resolve will not reach the host: its other links need not wait their
      // turn at the gate (offline, 100 arXiv links one a second would take 100 s to say nothing).
      const failed = this.names.failure(url.hostname);
      if (failed) throw failed;
      // Wait for the host's gate (minimum interval, Retry-After) before taking a global slot.
      for (let wait = host.notBefore - Date.now(); wait > 0; wait = host.notBefore - Date.now()) {
        if (Date.now() + wait > this.deadlineAt) throw new RunDeadline();
        await sleep(wait);
      }
      host.notBefore = Math.max(host.notBefore, Date.now() + host.minInterval);
      return this.global(async () => {
        if (Date.now() > this.deadlineAt) throw new RunDeadline();
        onAttempt();
        const response = await request(url, {
          method,
          dispatcher: this.agent,
          // undici closes the connection after every HEAD (for servers that wrongly send a body),
          // so each HEAD would cost a new connection. It still closes unless the answer says
          // keep-alive, and stray bytes would only fail the next request, which is retried.
          reset: false,
          headers: { 'user-agent': this.options.userAgent },
          // The Agent's connect and headers timeouts bound the request; no timer of our own.
        });
        const header = (name: string): string | undefined => headerValue(response.headers, name);
        const retryAfter = parseRetryAfter(header('retry-after'));
        // Close the host's gate as soon as the headers say so, before the body is dealt with and
        // the slot released: a request started meanwhile would only earn a 429 that pushes the gate
        // later (the links bench saw one sent 16 ms after the 429 came back, when this came last).
        if ((response.statusCode === 429 || response.statusCode === 503) && retryAfter !== undefined && retryAfter <= this.options.maxRetryAfter) {
          host.notBefore = Math.max(host.notBefore, Date.now() + retryAfter);
        }
        // Never read a body: the headers are the answer. Destroying the stream drops the
        // connection for a GET with a body, which is the point (no 50 MB downloads).
        if (method === 'HEAD') await response.body.dump();
        else {
          response.body.on('error', () => {}); // destroying an unread body reports an abort: expected
          response.body.destroy();
        }
        return { status: response.statusCode, ...(header('location') ? { location: header('location')! } : {}), ...(retryAfter !== undefined ? { retryAfter } : {}) };
      });
    });
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
