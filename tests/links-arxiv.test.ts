// links, the arXiv path: arXiv links checked through the arXiv API's id_list batches (replayed by a
// local server in the API's Atom format), not one page request each; what the API cannot answer
// goes back to the HTTP check.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkArxivLinks } from '../src/links/arxiv-path.js';
import { DEFAULT_SOURCE_OPTIONS } from '../src/records/sources.js';
import { FIXTURES, listenLocal, runCli, tempDir } from './helpers.js';

const fixture = (path: string): Promise<string> => readFile(join(FIXTURES, path), 'utf8');

type Reply = { status?: number; body: string } | 'stall';

/**
 * An arXiv API that answers each query with `reply(id_list)` (a recorded answer, or a stall: no
 * answer at all), logging the queries.
 */
async function arxivApi(reply: string | ((ids: string[], turn: number) => Reply)): Promise<{ base: string; queries: string[] }> {
  const queries: string[] = [];
  const server = await listenLocal((req, res) => {
    queries.push(req.url ?? '');
    const ids = new URL(req.url ?? '', 'http://x').searchParams.get('id_list')?.split(',') ?? [];
    const answer = typeof reply === 'string' ? { body: reply } : reply(ids, queries.length - 1);
    if (answer === 'stall') return void setTimeout(() => res.destroy(), 2000);
    res.writeHead(answer.status ?? 200, { 'content-type': answer.status === 429 ? 'text/plain' : 'application/atom+xml' }).end(answer.body);
  });
  return { base: `${server.base}/api/query`, queries };
}

const recorded = (name: string): Promise<string> => fixture(`records/arxiv/${name}`);

describe('links through the arXiv API', () => {
  it('a record means ok, with no request to arxiv.org; the report says how it was checked', async () => {
    const api = await arxivApi(await fixture('verify/arxiv-feed.xml'));
    const dir = await tempDir();
    await writeFile(join(dir, 'list.md'), '- [a](https://arxiv.org/abs/2310.06825)\n- [b](http://arxiv.org/pdf/2401.07817v2.pdf)\n- [a again](https://arxiv.org/abs/2310.06825v1)\n');
    const result = await runCli(['links', 'list.md', '--root', dir, '--arxiv-api', api.base, '--format', 'json'], dir);
    expect(JSON.parse(result.stdout).links).toEqual([
      { url: 'https://arxiv.org/abs/2310.06825', state: 'ok', finalUrl: 'https://arxiv.org/abs/2310.06825', via: 'arxiv-api', origins: [{ file: 'list.md', line: 1 }] },
      { url: 'http://arxiv.org/pdf/2401.07817v2.pdf', state: 'ok', finalUrl: 'https://arxiv.org/abs/2401.07817', via: 'arxiv-api', origins: [{ file: 'list.md', line: 2 }] },
      { url: 'https://arxiv.org/abs/2310.06825v1', state: 'ok', finalUrl: 'https://arxiv.org/abs/2310.06825', via: 'arxiv-api', origins: [{ file: 'list.md', line: 3 }] },
    ]);
    expect(api.queries).toEqual(['/api/query?id_list=2310.06825,2401.07817&max_results=2']);
    expect(result.code).toBe(0);
  });

  it('an id the API does not have is dead', async () => {
    // The API's answer for a well-formed id it does not have: a feed with no entry (recorded).
    const api = await arxivApi(await recorded('empty-0000.0000.xml'));
    const dir = await tempDir();
    await writeFile(join(dir, 'list.md'), '- [x](https://arxiv.org/abs/2310.99999)\n');
    const result = await runCli(['links', 'list.md', '--root', dir, '--arxiv-api', api.base, '--format', 'json'], dir);
    const report = JSON.parse(result.stdout);
    expect(report.links).toEqual([{ url: 'https://arxiv.org/abs/2310.99999', state: 'dead', error: 'arXiv has no paper 2310.99999', via: 'arxiv-api', origins: [{ file: 'list.md', line: 1 }] }]);
    expect(result.code).toBe(1);
  });

  it('100 arXiv links take 2 requests (50 ids each), not 100', async () => {
    const api = await arxivApi(await recorded('empty-0000.0000.xml'));
    const urls = Array.from({ length: 100 }, (_, i) => `https://arxiv.org/abs/2401.${String(10000 + i)}`);
    const checked = await checkArxivLinks(urls, { ...DEFAULT_SOURCE_OPTIONS, arxivApi: api.base, interval: 50 });
    expect(api.queries).toHaveLength(2);
    expect(checked.results).toHaveLength(100);
    expect(checked.fallback).toEqual([]);
  });

  it('a batch the API rejects (HTTP 400, an Error entry) is split until the rejected id is alone; the others are answered', async () => {
    const [rejected, batch, empty] = await Promise.all([recorded('rejected-abc.xml'), recorded('batch-0808.05394-1707.08567.xml'), recorded('empty-0000.0000.xml')]);
    // The recorded answers: any batch holding the bad id is refused whole; 1707.08567 exists; 0808.05394 does not.
    const api = await arxivApi((ids) => ids.includes('2401.99999') ? { status: 400, body: rejected } : { body: ids.includes('1707.08567') ? batch : empty });
    const urls = ['https://arxiv.org/abs/1707.08567', 'https://arxiv.org/abs/0808.05394', 'https://arxiv.org/abs/2401.99999'];
    const checked = await checkArxivLinks(urls, { ...DEFAULT_SOURCE_OPTIONS, arxivApi: api.base, interval: 0 });
    expect(api.queries).toEqual([
      '/api/query?id_list=0808.05394,1707.08567,2401.99999&max_results=3',
      '/api/query?id_list=0808.05394,1707.08567&max_results=2',
      '/api/query?id_list=2401.99999&max_results=1',
    ]);
    expect(checked).toEqual({
      results: [
        { url: urls[0], state: 'ok', attempts: 0, via: 'arxiv-api', finalUrl: 'https://arxiv.org/abs/1707.08567' },
        { url: urls[1], state: 'dead', attempts: 0, via: 'arxiv-api', error: 'arXiv has no paper 0808.05394' },
        { url: urls[2], state: 'dead', attempts: 0, via: 'arxiv-api', error: 'arXiv has no paper 2401.99999' },
      ],
      fallback: [], notes: [],
    });
  });

  it('an Error entry that names an id of the batch: that id is missing, the rest are asked again, none is taken for dead', async () => {
    const [rejected, batch] = await Promise.all([recorded('rejected-abc.xml'), recorded('batch-0808.05394-1707.08567.xml')]);
    // The recorded Error names "abc"; here the batch holds an id the API would print that way.
    const api = await arxivApi((ids) => ids.includes('abc') ? { status: 400, body: rejected } : { body: batch });
    const { RecordCache } = await import('../src/records/record-cache.js');
    const { fetchArxiv } = await import('../src/records/sources.js');
    const cache = await RecordCache.open(undefined);
    const problems = await fetchArxiv(['1707.08567', 'abc'], cache, { ...DEFAULT_SOURCE_OPTIONS, arxivApi: api.base, interval: 0 });
    expect(problems).toEqual([{ id: 'abc', kind: 'missing', message: 'arXiv has no paper abc (incorrect id format for abc)' }]);
    expect(api.queries).toEqual(['/api/query?id_list=1707.08567,abc&max_results=2', '/api/query?id_list=1707.08567&max_results=1']);
    expect(cache.get('arxiv:1707.08567')).toMatchObject({ source: 'arXiv', title: 'Proceedings of Workshop AEW10: Concepts in Information Theory and Communications' });
  });

  it('throttling: a 429 "Rate exceeded." without Retry-After is waited out and asked again; a stall is throttling, not "unreachable"', async () => {
    const url = 'https://arxiv.org/abs/1707.08567';
    const batch = await recorded('batch-0808.05394-1707.08567.xml');
    // As recorded (SOURCES.md): HTTP 429, body "Rate exceeded.", no Retry-After.
    const once = await arxivApi((_, turn) => turn === 0 ? { status: 429, body: 'Rate exceeded.' } : { body: batch });
    const started = Date.now();
    expect((await checkArxivLinks([url], { ...DEFAULT_SOURCE_OPTIONS, arxivApi: once.base, interval: 0 })).results.map((r) => r.state)).toEqual(['ok']);
    expect(once.queries).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990); // twice the interval, at least 500 ms
    // A stall past the timeout, then an answer: waited out and asked again.
    const stallOnce = await arxivApi((_, turn) => turn === 0 ? 'stall' : { body: batch });
    expect((await checkArxivLinks([url], { ...DEFAULT_SOURCE_OPTIONS, arxivApi: stallOnce.base, interval: 0, timeout: 200 })).results.map((r) => r.state)).toEqual(['ok']);
    // Stalling throughout: the links are unreachable, said as throttling, and not sent to arxiv.org pages.
    const stalls = await arxivApi(() => 'stall');
    expect(await checkArxivLinks([url, 'https://arxiv.org/abs/2401.07817'], { ...DEFAULT_SOURCE_OPTIONS, arxivApi: stalls.base, interval: 0, timeout: 200, retries: 0 })).toEqual({
      results: [
        { url, state: 'unreachable', attempts: 0, via: 'arxiv-api', error: 'arXiv API kept stalling (no whole answer within 0.4 s): busy or throttling' },
        { url: 'https://arxiv.org/abs/2401.07817', state: 'unreachable', attempts: 0, via: 'arxiv-api', error: 'arXiv API kept stalling (no whole answer within 0.4 s): busy or throttling' },
      ],
      fallback: [], notes: [],
    });
    expect(stalls.queries).toHaveLength(1);
  });

  it('nothing is asked after the run\'s deadline', async () => {
    const api = await arxivApi(await recorded('empty-0000.0000.xml'));
    const url = 'https://arxiv.org/abs/1707.08567';
    expect(await checkArxivLinks([url], { ...DEFAULT_SOURCE_OPTIONS, arxivApi: api.base, interval: 0, deadlineAt: Date.now() - 1 })).toEqual({
      results: [{ url, state: 'unreachable', attempts: 0, via: 'arxiv-api', error: 'not finished before the run deadline' }], fallback: [], notes: [],
    });
    expect(api.queries).toEqual([]);
  });

  it('what the API cannot answer goes back to the HTTP check', async () => {
    const urls = ['https://arxiv.org/abs/2310.06825', 'https://arxiv.org/abs/2401.07817'];
    const unreachable = await checkArxivLinks(urls, { ...DEFAULT_SOURCE_OPTIONS, arxivApi: 'http://127.0.0.1:1/api/query', interval: 0, retries: 0 });
    expect(unreachable).toEqual({
      results: [], fallback: urls,
      notes: [{ severity: 'info', message: 'arXiv API unreachable: connection refused; arXiv links it could not answer were checked over HTTP instead (2 in all).' }],
    });
  });

  it('links.arxivApi in .paperlist.yml is a boolean; false sends arXiv links to the HTTP check', async () => {
    const { loadConfig } = await import('../src/check/config.js');
    const { arxivLinkId } = await import('../src/links/arxiv-path.js');
    const dir = await tempDir();
    await writeFile(join(dir, '.paperlist.yml'), 'links:\n  arxivApi: false\n');
    expect((await loadConfig(dir)).config.links.arxivApi).toBe(false);
    await writeFile(join(dir, '.paperlist.yml'), 'links:\n  arxivApi: "no"\n');
    expect((await loadConfig(dir)).diagnostics.map((d) => d.message)).toEqual(['Configuration /links/arxivApi must be boolean.']);
    // Which links take the API path: arXiv abs and pdf pages in any version, nothing else.
    expect(['https://arxiv.org/abs/2310.06825v2', 'https://arxiv.org/pdf/2310.06825', 'https://github.com/x/y', 'https://arxiv.org/list/cs.CL/recent'].map(arxivLinkId)).toEqual(['2310.06825', '2310.06825', undefined, undefined]);
  });
});
