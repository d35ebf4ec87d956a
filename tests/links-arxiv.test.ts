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

/** An arXiv API that answers every query with `body`, logging the queries. */
async function arxivApi(body: string): Promise<{ base: string; queries: string[] }> {
  const queries: string[] = [];
  const server = await listenLocal((req, res) => {
    queries.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(body);
  });
  return { base: `${server.base}/api/query`, queries };
}

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
    const api = await arxivApi(await fixture('verify/arxiv-error.xml'));
    const dir = await tempDir();
    await writeFile(join(dir, 'list.md'), '- [x](https://arxiv.org/abs/2310.99999)\n');
    const result = await runCli(['links', 'list.md', '--root', dir, '--arxiv-api', api.base, '--format', 'json'], dir);
    const report = JSON.parse(result.stdout);
    expect(report.links).toEqual([{ url: 'https://arxiv.org/abs/2310.99999', state: 'dead', error: 'arXiv has no paper 2310.99999', via: 'arxiv-api', origins: [{ file: 'list.md', line: 1 }] }]);
    expect(result.code).toBe(1);
  });

  it('100 arXiv links take 2 requests (50 ids each), not 100', async () => {
    const api = await arxivApi(await fixture('records/empty-feed.xml'));
    const urls = Array.from({ length: 100 }, (_, i) => `https://arxiv.org/abs/2401.${String(10000 + i)}`);
    const checked = await checkArxivLinks(urls, { ...DEFAULT_SOURCE_OPTIONS, arxivApi: api.base, interval: 50 });
    expect(api.queries).toHaveLength(2);
    expect(checked.results).toHaveLength(100);
    expect(checked.fallback).toEqual([]);
  });

  it('what the API cannot answer goes back to the HTTP check', async () => {
    const urls = ['https://arxiv.org/abs/2310.06825', 'https://arxiv.org/abs/2401.07817'];
    const throttled = await arxivApi('Rate exceeded.');
    expect(await checkArxivLinks(urls, { ...DEFAULT_SOURCE_OPTIONS, arxivApi: throttled.base, interval: 10, retries: 0 })).toEqual({
      results: [], fallback: urls,
      notes: [{ severity: 'info', message: 'arXiv API kept throttling ("Rate exceeded."); arXiv links it could not answer were checked over HTTP instead (2 in all).' }],
    });
    const unreachable = await checkArxivLinks(urls, { ...DEFAULT_SOURCE_OPTIONS, arxivApi: 'http://127.0.0.1:1/api/query', interval: 0, retries: 0 });
    expect(unreachable).toEqual({
      results: [], fallback: urls,
      notes: [{ severity: 'info', message: 'arXiv API unreachable: connection refused; arXiv links it could not answer were checked over HTTP instead (2 in all).' }],
    });
  });

  it('links.arxivApi in .paperlist.yml is a boolean; false sends arXiv links to the HTTP check', async () => {
    const { loadConfig } = await import('../src/config.js');
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
