import { createServer, type Server } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAnthologyBib } from '../src/records/anthology-bib.js';
import { parseArxivFeed } from '../src/records/arxiv-feed.js';
import { copyFixture, FIXTURES, runCli } from './helpers.js';

const fixture = (name: string): Promise<string> => readFile(join(FIXTURES, 'verify', name), 'utf8');

/** Replays recorded-format answers: `arxiv` answers in turn (the last one repeats), Anthology by id. */
async function replay(arxiv: Array<{ status?: number; body: string }>, anthology: Record<string, string>): Promise<{ base: string; log: Array<{ path: string; at: number }>; close: () => Promise<void> }> {
  const log: Array<{ path: string; at: number }> = [];
  let turn = 0;
  const server: Server = createServer((req, res) => {
    log.push({ path: req.url ?? '', at: Date.now() });
    if (req.url?.startsWith('/api/query')) {
      const answer = arxiv[Math.min(turn++, arxiv.length - 1)]!;
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/atom+xml' });
      return res.end(answer.body);
    }
    const bib = anthology[(req.url ?? '').slice(1)];
    res.writeHead(bib ? 200 : 404);
    res.end(bib ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, log, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

const verifyArgs = (root: string, base: string, ...more: string[]) => ['verify', '--root', root, '--arxiv-api', `${base}/api/query`, '--anthology', base, '--interval', '200', '--format', 'json', ...more];

describe('arXiv feed and Anthology BibTeX', () => {
  it('reads records, folding wrapped titles; an Error entry and throttling are recognised', async () => {
    const feed = parseArxivFeed(await fixture('arxiv-feed.xml'));
    expect(feed).toEqual({
      kind: 'records',
      errors: [],
      records: [
        { id: '2310.06825', title: 'Mistral 7B', authors: ['Albert Q. Jiang', 'Alexandre Sablayrolles'], year: 2023 },
        { id: '2401.07817', title: 'A Survey of Something Entirely Different from the Entry', authors: ['Someone Else'], year: 2024, journalRef: 'ACL 2024' },
      ],
    });
    expect(parseArxivFeed(await fixture('arxiv-error.xml'))).toEqual({ kind: 'records', records: [], errors: ['incorrect id format for 2310.99999'] });
    expect(parseArxivFeed('Rate exceeded.')).toEqual({ kind: 'throttled' });
    expect(parseArxivFeed('<feed><entry>').kind).toBe('malformed');
  });

  it('reads the Anthology BibTeX', async () => {
    expect(parseAnthologyBib(await fixture('anthology.bib'))).toEqual({
      title: 'Overcoming Catastrophic Forgetting in Zero-Shot Cross-Lingual Generation',
      year: 2022,
      authors: ['Tu Vu', 'Aditya Barua', 'Brian Lester', 'Daniel Cer', 'Mohit Iyyer', 'Noah Constant'],
      booktitle: 'Proceedings of the 2022 Conference on Empirical Methods in Natural Language Processing',
    });
    expect(parseAnthologyBib('<html>not bibtex</html>')).toBeUndefined();
  });
});

describe('paperlist verify against a replay server', () => {
  it('reports a link that points at another paper, and nothing for matching records', async () => {
    const server = await replay([{ body: await fixture('arxiv-feed.xml') }], { '2022.emnlp-main.630.bib': await fixture('anthology.bib') });
    stop = server.close;
    const root = await copyFixture('lint-base');
    const result = await runCli(verifyArgs(root, server.base), root);
    const report = JSON.parse(result.stdout);
    expect(report.diagnostics).toEqual([
      {
        file: 'entries/papers/question-translation-training-for-better-multilingual.yml', line: 2, column: 8, ruleId: 'verify/title', severity: 'error',
        message: 'arXiv 2401.07817 is titled "A Survey of Something Entirely Different from the Entry", not "Question Translation Training for Better Multilingual Reasoning": the link probably points at another paper.',
        hint: 'Check the paper link; if it is right, correct the title.',
        related: [{ file: 'entries/papers/question-translation-training-for-better-multilingual.yml', line: 7, column: 10 }],
      },
    ]);
    expect(report.summary).toMatchObject({ arxiv: 2, anthology: 1, checked: 3 });
    expect(result.code).toBe(1);
    expect(server.log.map((r) => r.path)).toEqual(['/api/query?id_list=2310.06825,2401.07817&max_results=2', '/2022.emnlp-main.630.bib']);
  });

  it('waits and retries when arXiv throttles, and caches records for the next run', async () => {
    const server = await replay([{ body: 'Rate exceeded.' }, { body: await fixture('arxiv-feed.xml') }], { '2022.emnlp-main.630.bib': await fixture('anthology.bib') });
    stop = server.close;
    const root = await copyFixture('lint-base');
    await runCli(verifyArgs(root, server.base, '--cache', 'verify-cache.json'), root);
    const queries = server.log.filter((r) => r.path.startsWith('/api/query'));
    expect(queries).toHaveLength(2);
    expect(queries[1]!.at - queries[0]!.at).toBeGreaterThanOrEqual(390); // 2 × the 200 ms interval
    const cache = JSON.parse(await readFile(join(root, 'verify-cache.json'), 'utf8'));
    expect(Object.keys(cache.records)).toEqual(['acl:2022.emnlp-main.630', 'arxiv:2310.06825', 'arxiv:2401.07817']);
    const before = server.log.length;
    const again = await runCli(verifyArgs(root, server.base, '--cache', 'verify-cache.json'), root);
    expect(server.log.length).toBe(before);
    expect(JSON.parse(again.stdout).diagnostics.map((d: { ruleId: string }) => d.ruleId)).toEqual(['verify/title']);
  });

  it('a malformed answer is a warning on each entry, not a crash', async () => {
    const server = await replay([{ body: '<feed><entry><title>broken' }], { '2022.emnlp-main.630.bib': await fixture('anthology.bib') });
    stop = server.close;
    const root = await copyFixture('lint-base');
    const result = await runCli(verifyArgs(root, server.base), root);
    expect(result.code).toBe(0);
    const diagnostics = JSON.parse(result.stdout).diagnostics;
    expect(diagnostics.map((d: { ruleId: string; severity: string }) => `${d.ruleId} ${d.severity}`)).toEqual(['verify/unavailable warning', 'verify/unavailable warning']);
    expect(diagnostics[0].message).toMatch(/^arXiv API: malformed answer: /);
  });

  it('an id arXiv does not know is an error at the link', async () => {
    const server = await replay([{ body: await fixture('arxiv-error.xml') }], {});
    stop = server.close;
    const root = await copyFixture('lint-base');
    for (const f of ['mistral-7b.yml', 'question-translation-training-for-better-multilingual.yml', 'overcoming-catastrophic-forgetting-in-zero-shot-cross.yml']) {
      const path = join(root, 'entries/papers', f);
      const text = await readFile(path, 'utf8');
      if (f === 'mistral-7b.yml') await writeFile(path, text.replace('2310.06825', '2310.99999'));
      else await writeFile(path, text.replace(/  paper: .*\n/, '  project: https://example.org/p\n'));
    }
    const result = await runCli(verifyArgs(root, server.base), root);
    expect(JSON.parse(result.stdout).diagnostics.map((d: { ruleId: string; message: string }) => `${d.ruleId} ${d.message}`)).toEqual([
      'verify/missing arXiv has no paper 2310.99999 (incorrect id format for 2310.99999).',
    ]);
    expect(result.code).toBe(1);
  });
});
