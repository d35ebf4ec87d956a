// The one request every record source and API path makes (records/polite-http.ts): bounded in
// time as a whole, kept to the run's deadline.
import { describe, expect, it } from 'vitest';
import { politeRequest } from '../src/http/polite-request.js';
import { listenLocal } from './helpers.js';

const manners = { userAgent: 'paperlist-test', timeout: 300, retries: 0 };

describe('politeRequest', () => {
  it('a body that drips a byte at a time ends at twice the timeout, as a stall (busy or throttling)', async () => {
    let sent = 0;
    const server = await listenLocal((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // Each chunk comes well within the per-chunk timeout; the whole never ends.
      const timer = setInterval(() => {
        if (res.destroyed) return clearInterval(timer);
        res.write(' ');
        sent++;
      }, 100);
      res.on('close', () => clearInterval(timer));
    });
    // Without the whole-answer limit this never returns (the test's own timeout would fail it).
    const answer = await politeRequest(`${server.base}/works/x`, manners, { nextAt: 0 }, 0, 'Crossref');
    expect(answer).toEqual({ kind: 'throttled', message: 'Crossref kept stalling (no whole answer within 0.6 s): busy or throttling' });
    expect(sent).toBeGreaterThanOrEqual(3);
  });

  it('nothing starts, and no wait is begun, past the deadline', async () => {
    const asked: string[] = [];
    const server = await listenLocal((req, res) => {
      asked.push(req.url ?? '');
      res.end('{}');
    });
    expect(await politeRequest(`${server.base}/a`, { ...manners, deadlineAt: Date.now() - 1 }, { nextAt: 0 }, 0, 'Crossref')).toEqual({ kind: 'deadline', message: "Crossref: not asked before the run's deadline" });
    // The gate would open after the deadline: no wait for it (a minute's wait would time the test out).
    expect(await politeRequest(`${server.base}/b`, { ...manners, deadlineAt: Date.now() + 100 }, { nextAt: Date.now() + 60_000 }, 0, 'Crossref')).toMatchObject({ kind: 'deadline' });
    expect(asked).toEqual([]);
  });

  it("a host's minInterval in the settings holds for API requests too, whatever the caller's interval", async () => {
    const at: number[] = [];
    const server = await listenLocal((_req, res) => {
      at.push(Date.now());
      res.end('{}');
    });
    const gate = { nextAt: 0 };
    const settings = { ...manners, hosts: { '127.0.0.1': { minInterval: 300 } } };
    for (let i = 0; i < 2; i++) await politeRequest(`${server.base}/works/${i}`, settings, gate, 0, 'Crossref');
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(290);
  });

  it('the built-in service addresses are the hosts that go through the address guard, and no other', async () => {
    const { SERVICE_HOSTS } = await import('../src/http/polite-request.js');
    const { DEFAULT_SOURCE_OPTIONS } = await import('../src/records/sources.js');
    const { DEFAULT_DOI_API, DEFAULT_GITHUB_API } = await import('../src/links/api-paths.js');
    const { arxivApi, anthology, crossref, datacite, doiApi, semanticScholar } = DEFAULT_SOURCE_OPTIONS;
    const hosts = [arxivApi, anthology, crossref, datacite, doiApi, semanticScholar, DEFAULT_DOI_API, DEFAULT_GITHUB_API].map((u) => new URL(u).host);
    expect(new Set(hosts)).toEqual(SERVICE_HOSTS);
  });

  it('one retry policy (http/retry-policy.ts): a Retry-After longer than a minute ends the tries at once; a refused or missing name is not retried', async () => {
    // A generic server speaking HTTP (RFC 9110 Retry-After), not a replay of a service.
    let asked = 0;
    const server = await listenLocal((_req, res) => {
      asked++;
      res.writeHead(429, { 'retry-after': '3600' }).end();
    });
    expect(await politeRequest(`${server.base}/x`, { ...manners, retries: 3 }, { nextAt: 0 }, 0, 'Crossref')).toEqual({ kind: 'throttled', message: 'Crossref kept throttling (HTTP 429)' });
    expect(asked).toBe(1);
    const { FINAL_NETWORK } = await import('../src/http/retry-policy.js');
    expect([...FINAL_NETWORK].filter((c) => c === 'ENOTFOUND' || c === 'EPRIVATE')).toEqual(['ENOTFOUND', 'EPRIVATE']);
  });
});
