import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnthologyBib } from '../src/records/anthology-bib.js';
import { parseArxivFeed } from '../src/records/arxiv-feed.js';
import { parseS2Batch } from '../src/records/semantic-scholar.js';
import { loadVenues } from '../src/core/package-files.js';
import { copyFixture, FIXTURES, listenLocal, runCli, RULES_DOC } from './helpers.js';

const fixture = (name: string): Promise<string> => readFile(join(FIXTURES, 'verify', name), 'utf8');

interface Logged {
  path: string;
  at: number;
  method?: string;
  body?: string;
  headers?: Record<string, string | string[] | undefined>;
}

/**
 * Replays recorded-format answers: `arxiv` answers in turn (the last one repeats), Anthology
 * BibTeX by path, Semantic Scholar's batch endpoint (`s2`: the answer; by default one null per id
 * asked, as it answers for papers it does not have), Crossref works by DOI.
 */
async function replay(
  arxiv: Array<{ status?: number; body: string }>, anthology: Record<string, string>,
  more: { s2?: { status?: number; body: string }; crossref?: Record<string, string> } = {},
): Promise<{ base: string; log: Logged[]; close: () => Promise<void> }> {
  const log: Logged[] = [];
  let turn = 0;
  const server = await listenLocal(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    log.push({ path: req.url ?? '', at: Date.now(), method: req.method ?? '', ...(body ? { body } : {}), headers: req.headers });
    if (req.url?.startsWith('/graph/v1/paper/batch')) {
      const answer = more.s2 ?? { body: JSON.stringify((JSON.parse(body) as { ids: string[] }).ids.map(() => null)) };
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
      return res.end(answer.body);
    }
    if (req.url?.startsWith('/works/')) {
      const work = more.crossref?.[decodeURIComponent(req.url.slice('/works/'.length))];
      res.writeHead(work ? 200 : 404, { 'content-type': 'application/json' });
      return res.end(work ?? 'Resource not found.');
    }
    if (req.url?.startsWith('/api/query')) {
      const answer = arxiv[Math.min(turn++, arxiv.length - 1)]!;
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/atom+xml' });
      return res.end(answer.body);
    }
    const bib = anthology[(req.url ?? '').slice(1)];
    res.writeHead(bib ? 200 : 404);
    res.end(bib ?? 'not found');
  });
  return { ...server, log };
}

const verifyArgs = (root: string, base: string, ...more: string[]) => [
  'verify', '--root', root, '--arxiv-api', `${base}/api/query`, '--anthology', base, '--crossref', base, '--semantic-scholar', `${base}/graph/v1`,
  '--interval', '200', '--format', 'json', ...more,
];

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
    expect(parseArxivFeed('<feed><entry>').kind).toBe('malformed');
  });

  it('reads the API\'s recorded answers: an Error entry names the id it rejects, an absent id is absent, a title may be "0"', async () => {
    const recorded = (name: string): Promise<string> => readFile(join(FIXTURES, 'records/arxiv', name), 'utf8');
    expect(parseArxivFeed(await recorded('rejected-abc.xml'))).toEqual({ kind: 'records', records: [], errors: [{ message: 'incorrect id format for abc', id: 'abc' }] });
    expect(parseArxivFeed(await recorded('empty-0000.0000.xml'))).toEqual({ kind: 'records', records: [], errors: [] });
    const batch = parseArxivFeed(await recorded('batch-0808.05394-1707.08567.xml'));
    expect(batch.kind === 'records' && batch.records.map((r) => [r.id, r.title, r.year, r.authors.length, r.authors.at(-2)])).toEqual([
      ['1707.08567', 'Proceedings of Workshop AEW10: Concepts in Information Theory and Communications', 2017, 34, 'Dirk Wübben'],
    ]);
    const zero = parseArxivFeed(await recorded('title-zero-2104.12255v1.xml'));
    expect(zero.kind === 'records' && zero.records.map((r) => [r.id, r.title])).toEqual([['2104.12255', '0']]);
  });

  it('reads the DOI of a published version from a recorded search feed, and TeX titles as the list shows them', async () => {
    const feed = parseArxivFeed(await readFile(join(FIXTURES, 'records/arxiv/search-testing.xml'), 'utf8'));
    if (feed.kind !== 'records') throw new Error(feed.kind);
    expect(feed.records).toHaveLength(100);
    expect(feed.errors).toEqual([]);
    const withDoi = feed.records.filter((r) => r.doi);
    expect(withDoi).toHaveLength(32);
    // DOIs are kept lowercase, as every DOI comparison here expects.
    expect(withDoi.slice(0, 2).map((r) => r.doi)).toEqual(['10.1109/icstw55395.2022.00035', '10.1109/icstw58534.2023.00023']);
    // Sent as "$ω$Test: …": the math delimiters are markup, not title.
    expect(feed.records.filter((r) => /ω/.test(r.title)).map((r) => r.title)).toEqual(['ωTest: WebView-Oriented Testing for Android Applications']);
    expect(feed.records.filter((r) => /[$\\{}]/.test(r.title))).toEqual([]);
  });

  it('reads a recorded Semantic Scholar batch: null for an unknown id, papers without an arXiv id left out', async () => {
    expect(parseS2Batch(await fixture('s2-batch-recorded.json'))).toEqual({ kind: 'papers', papers: [] });
  });

  it('reads the Anthology BibTeX', async () => {
    expect(parseAnthologyBib(await fixture('anthology.bib'))).toEqual({
      title: 'Overcoming Catastrophic Forgetting in Zero-Shot Cross-Lingual Generation',
      year: 2022,
      authors: ['Tu Vu', 'Aditya Barua', 'Brian Lester', 'Daniel Cer', 'Mohit Iyyer', 'Noah Constant'],
      families: ['Vu', 'Barua', 'Lester', 'Cer', 'Iyyer', 'Constant'],
      booktitle: 'Proceedings of the 2022 Conference on Empirical Methods in Natural Language Processing',
    });
    expect(parseAnthologyBib('<html>not bibtex</html>')).toBeUndefined();
  });
});

describe('a hostile feed', () => {
  it('a DOCTYPE (an external entity, a parameter entity) is malformed, never a crash', () => {
    for (const doctype of ['<!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>', '<!DOCTYPE feed [<!ELEMENT feed ANY><!ENTITY % p "x">]>', '<!DOCTYPE feed [<!ENTITY a "a"><!ENTITY b "&a;&a;&a;&a;">]>']) {
      expect(parseArxivFeed(`<?xml version="1.0"?>${doctype}<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2401.00001v1</id><title>&x;</title></entry></feed>`)).toEqual({ kind: 'malformed', reason: 'a document type declaration (<!DOCTYPE>), which the arXiv API never sends' });
    }
  });
});

describe('paperlist verify against a replay server', () => {
  it('a throttled Semantic Scholar batch is one warning for the source, not one per preprint', async () => {
    const server = await replay([{ body: await fixture('arxiv-feed-published.xml') }], { '2022.emnlp-main.630.bib': await fixture('anthology.bib') }, { s2: { status: 429, body: await fixture('s2-throttled.json') } });
    const root = await copyFixture('lint-base');
    const result = await runCli(verifyArgs(root, server.base, '--format', 'json'), root);
    const unavailable = JSON.parse(result.stdout).diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'verify/unavailable');
    expect(unavailable).toEqual([{
      file: 'entries/papers/mistral-7b.yml', line: 7, column: 10, endLine: 7, endColumn: 42, ruleId: 'verify/unavailable', severity: 'warning',
      message: 'Semantic Scholar kept throttling (HTTP 429): the published versions of 2 preprints were not looked up this run.',
      hint: 'They are looked up again on the next run; a SEMANTIC_SCHOLAR_API_KEY gives Semantic Scholar a higher rate.',
      url: `${RULES_DOC}#verify-unavailable`,
    }]);
  }, 60_000); // the 429 carries no Retry-After: the source's own backoff is waited out, as it would be


  it('reports a link that points at another paper, and nothing for matching records', async () => {
    const server = await replay([{ body: await fixture('arxiv-feed.xml') }], { '2022.emnlp-main.630.bib': await fixture('anthology.bib') });
    const root = await copyFixture('lint-base');
    const result = await runCli(verifyArgs(root, server.base), root);
    const report = JSON.parse(result.stdout);
    expect(report.diagnostics).toEqual([
      {
        file: 'entries/papers/question-translation-training-for-better-multilingual.yml', line: 2, column: 8, endLine: 2, endColumn: 71, ruleId: 'verify/title', severity: 'error',
        message: 'arXiv 2401.07817 is titled "A Survey of Something Entirely Different from the Entry", not "Question Translation Training for Better Multilingual Reasoning": the link probably points at another paper.',
        hint: 'Check the paper link; if it is right, correct the title.',
        related: [{ file: 'entries/papers/question-translation-training-for-better-multilingual.yml', line: 7, column: 10, endLine: 7, endColumn: 42 }],
        url: `${RULES_DOC}#verify-title`,
      },
    ]);
    expect(report.summary).toMatchObject({ arxiv: 2, anthology: 1, checked: 3 });
    expect(result.code).toBe(1);
    expect(server.log.map((r) => `${r.method} ${r.path}${r.body ? ` ${r.body}` : ''}`)).toEqual([
      'GET /api/query?id_list=2310.06825,2401.07817&max_results=2',
      'POST /graph/v1/paper/batch?fields=externalIds,title,year,venue,authors {"ids":["ARXIV:2310.06825","ARXIV:2401.07817"]}',
      'GET /2022.emnlp-main.630.bib',
    ]);
  });

  it('waits and retries when arXiv throttles, and caches records for the next run', async () => {
    // arXiv throttles with HTTP 429, the body "Rate exceeded." and no Retry-After (SOURCES.md).
    const server = await replay([{ status: 429, body: 'Rate exceeded.' }, { body: await fixture('arxiv-feed.xml') }], { '2022.emnlp-main.630.bib': await fixture('anthology.bib') });
    const root = await copyFixture('lint-base');
    await runCli(verifyArgs(root, server.base, '--cache', 'verify-cache.json'), root);
    const queries = server.log.filter((r) => r.path.startsWith('/api/query'));
    expect(queries).toHaveLength(2);
    expect(queries[1]!.at - queries[0]!.at).toBeGreaterThanOrEqual(990); // 2 × the interval, at least 500 ms
    const cache = JSON.parse(await readFile(join(root, 'verify-cache.json'), 'utf8'));
    expect(Object.keys(cache.records)).toEqual(['acl:2022.emnlp-main.630', 'arxiv:2310.06825', 'arxiv:2401.07817']);
    const before = server.log.length;
    const again = await runCli(verifyArgs(root, server.base, '--cache', 'verify-cache.json'), root);
    expect(server.log.length).toBe(before);
    expect(JSON.parse(again.stdout).diagnostics.map((d: { ruleId: string }) => d.ruleId)).toEqual(['verify/title']);
  });

  it('arXiv throttling that outlasts the retries is one warning for the papers left unchecked, not one each', async () => {
    const server = await replay([{ status: 429, body: 'Rate exceeded.' }], { '2022.emnlp-main.630.bib': await fixture('anthology.bib') });
    const root = await copyFixture('lint-base');
    const result = await runCli(verifyArgs(root, server.base, '--interval', '0'), root);
    const unavailable = JSON.parse(result.stdout).diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'verify/unavailable');
    expect(unavailable.map((d: { file: string; message: string }) => `${d.file} ${d.message}`)).toEqual([
      'entries/papers/mistral-7b.yml arXiv API kept throttling (HTTP 429, "Rate exceeded."): 2 papers were not checked this run.',
    ]);
    // Asked once and three times again, then no more.
    expect(server.log.filter((r) => r.path.startsWith('/api/query'))).toHaveLength(4);
    expect(result.code).toBe(0);
  }, 20_000);

  it('a malformed answer is a warning on each entry, not a crash', async () => {
    const server = await replay([{ body: '<feed><entry><title>broken' }], { '2022.emnlp-main.630.bib': await fixture('anthology.bib') });
    const root = await copyFixture('lint-base');
    const result = await runCli(verifyArgs(root, server.base), root);
    expect(result.code).toBe(0);
    const diagnostics = JSON.parse(result.stdout).diagnostics;
    expect(diagnostics.map((d: { ruleId: string; severity: string }) => `${d.ruleId} ${d.severity}`)).toEqual(['verify/unavailable warning', 'verify/unavailable warning']);
    expect(diagnostics[0].message).toMatch(/^arXiv API: malformed answer: /);
  });

  it('--entry and --from-issue (the "Report a correction" form) verify only the paper named, by file, link or title', async () => {
    const server = await replay([{ body: await fixture('arxiv-feed.xml') }], { '2022.emnlp-main.630.bib': await fixture('anthology.bib') });
    const root = await copyFixture('lint-base');
    // By link: only the Anthology paper is asked for; nothing of arXiv or Semantic Scholar.
    const byLink = await runCli(verifyArgs(root, server.base, '--entry', 'https://aclanthology.org/2022.emnlp-main.630/'), root);
    expect(JSON.parse(byLink.stdout).summary).toMatchObject({ arxiv: 0, anthology: 1, checked: 1 });
    expect(server.log.map((r) => r.path)).toEqual(['/2022.emnlp-main.630.bib']);
    // By its title, as a reporter would paste it (case and punctuation aside), in the form's answer.
    await writeFile(join(root, 'issue.md'), '### Entry\n\nquestion translation training for better multilingual reasoning\n\n### What is wrong\n\nThe title.\n\n### Evidence\n\n_No response_\n');
    const byTitle = await runCli(verifyArgs(root, server.base, '--from-issue', 'issue.md'), root);
    expect(JSON.parse(byTitle.stdout).diagnostics.map((d: { file: string; ruleId: string }) => `${d.file} ${d.ruleId}`)).toEqual(['entries/papers/question-translation-training-for-better-multilingual.yml verify/title']);
    expect(server.log.map((r) => r.path).slice(1)).toEqual(['/api/query?id_list=2401.07817&max_results=1', '/graph/v1/paper/batch?fields=externalIds,title,year,venue,authors']);
    // A name that finds nothing is a usage error that says how to name an entry.
    const none = await runCli(verifyArgs(root, server.base, '--entry', 'entries/papers/nope.yml'), root);
    expect([none.code, none.stderr.split('\n')[0]]).toEqual([2, 'paperlist: no listed paper is "entries/papers/nope.yml": name its file (entries/papers/<id>.yml), its paper link or its exact title.']);
  });

  it('an id arXiv does not know is an error at the link', async () => {
    // A well-formed id the API does not have: a feed without entries (recorded for 0000.0000).
    const server = await replay([{ body: await readFile(join(FIXTURES, 'records/arxiv/empty-0000.0000.xml'), 'utf8') }], {});
    const root = await copyFixture('lint-base');
    for (const f of ['mistral-7b.yml', 'question-translation-training-for-better-multilingual.yml', 'overcoming-catastrophic-forgetting-in-zero-shot-cross.yml']) {
      const path = join(root, 'entries/papers', f);
      const text = await readFile(path, 'utf8');
      if (f === 'mistral-7b.yml') await writeFile(path, text.replace('2310.06825', '2310.99999'));
      else await writeFile(path, text.replace(/  paper: .*\n/, '  project: https://example.org/p\n'));
    }
    const result = await runCli(verifyArgs(root, server.base), root);
    expect(JSON.parse(result.stdout).diagnostics.map((d: { ruleId: string; message: string }) => `${d.ruleId} ${d.message}`)).toEqual([
      'verify/missing arXiv has no paper 2310.99999.',
    ]);
    expect(result.code).toBe(1);
  });

  it('a cache is input: a record of the wrong type, one under another key, a time in 2999 are dropped or clamped, with one warning, and fetched again', async () => {
    const server = await replay([{ body: await fixture('arxiv-feed.xml') }], { '2022.emnlp-main.630.bib': await fixture('anthology.bib') });
    const root = await copyFixture('lint-base');
    await writeFile(join(root, 'records.json'), JSON.stringify({
      version: 2,
      records: {
        // Was exit 70 ("internal error"): a record that is not an object.
        'arxiv:2310.06825': { record: 42, fetchedAt: '2026-12-01T00:00:00.000Z' },
        // Another paper's record under this paper's key.
        'acl:2022.emnlp-main.630': { record: { source: 'ACL Anthology', id: '2024.findings-acl.498', title: 'T', authors: ['A B'], year: 2024 }, fetchedAt: '2026-12-01T00:00:00.000Z' },
      },
      // "No published version", dated so that it would never expire.
      published: { 'arxiv:2401.07817': { to: null, fetchedAt: '2999-01-01T00:00:00.000Z' } },
    }));
    const result = await runCli(verifyArgs(root, server.base, '--cache', 'records.json'), root);
    const warning = JSON.parse(result.stdout).diagnostics.find((d: { file: string }) => d.file === 'records.json');
    expect(warning).toEqual({
      file: 'records.json', line: null, column: null, ruleId: 'records', severity: 'warning',
      message: 'The record cache: 2 entries were dropped (records "arxiv:2310.06825": record must be object, …); 1 time after now was taken as now. What was dropped is fetched again.',
      hint: 'What was dropped was not used; the file is rewritten with what was kept at the end of the run.',
      url: `${RULES_DOC}#other-diagnostics`,
    });
    // The dropped records are fetched again; the clamped answer is used (Semantic Scholar is asked for the other preprint only).
    expect(server.log.map((r) => `${r.path} ${r.body ?? ''}`)).toEqual([
      '/api/query?id_list=2310.06825,2401.07817&max_results=2 ', '/graph/v1/paper/batch?fields=externalIds,title,year,venue,authors {"ids":["ARXIV:2310.06825"]}', '/2022.emnlp-main.630.bib ',
    ]);
    expect(result.code).toBe(1); // the fixture feed's other title for 2401.07817: verify/title
    const saved = JSON.parse(await readFile(join(root, 'records.json'), 'utf8'));
    expect(Date.parse(saved.published['arxiv:2401.07817'].fetchedAt)).toBeLessThanOrEqual(Date.now());
    expect(saved.records['acl:2022.emnlp-main.630'].record.id).toBe('2022.emnlp-main.630');
  });

  it('finds the published version of an arXiv entry, and --fix applies it and fills author lists', async () => {
    const s2 = await fixture('s2-batch.json');
    // Semantic Scholar joins Mistral 7B to a DOI whose record is another paper: no finding, no fix.
    const joined = s2.replace('"DOI": "10.48550/arXiv.2310.06825"', '"DOI": "10.1145/3442188.3445922"');
    const server = await replay([{ body: await fixture('arxiv-feed-published.xml') }], {
      '2022.emnlp-main.630.bib': await fixture('anthology.bib'), '2024.findings-acl.498.bib': await fixture('qalign.bib'),
    }, { s2: { body: joined }, crossref: { '10.1145/3442188.3445922': await readFile(join(FIXTURES, 'records', 'crossref-work.json'), 'utf8') } });
    const root = await copyFixture('lint-base');
    const qalign = 'entries/papers/question-translation-training-for-better-multilingual.yml';
    const result = await runCli(verifyArgs(root, server.base, '--cache', 'records.json'), root);
    const report = JSON.parse(result.stdout);
    expect(report.diagnostics).toEqual([
      {
        file: qalign, line: 5, column: 8, endLine: 5, endColumn: 13, ruleId: 'verify/published', severity: 'warning',
        message: 'Published as Findings of ACL 2024: https://aclanthology.org/2024.findings-acl.498 (Semantic Scholar; ACL Anthology record checked).',
        hint: '`npx paperlist verify --fix` sets the venue, year and paper link from that record and regenerates README.md; commit the files it names.',
        url: `${RULES_DOC}#verify-published`,
      },
    ]);
    expect(report.summary).toMatchObject({ arxiv: 2, anthology: 1, crossref: 0, checked: 3, published: 1, fillable: 3 });
    expect(result.stderr).toBe("3 entries can take more from the records (published version, full author list, DOI): run 'npx paperlist verify --fix'.\n");
    expect(result.code).toBe(0);
    expect(server.log.map((r) => r.path)).toEqual([
      '/api/query?id_list=2310.06825,2401.07817&max_results=2', '/graph/v1/paper/batch?fields=externalIds,title,year,venue,authors',
      '/2022.emnlp-main.630.bib', '/2024.findings-acl.498.bib', '/works/10.1145%2F3442188.3445922',
    ]);

    const fixed = await runCli(verifyArgs(root, server.base, '--cache', 'records.json', '--fix', '--changes', 'changes.md'), root);
    expect(fixed.code).toBe(0);
    // The weekly pull request's body: every change with the record it comes from.
    expect(await readFile(join(root, 'changes.md'), 'utf8')).toBe(`### verify --fix: 3 entries

| entry | change | evidence |
| --- | --- | --- |
| \`entries/papers/mistral-7b.yml\` | \`authorList: 2 names from arXiv\` | \`arXiv 2310.06825 (https://arxiv.org/abs/2310.06825)\` |
| \`entries/papers/overcoming-catastrophic-forgetting-in-zero-shot-cross.yml\` | \`authorList: 6 names from ACL Anthology\` | \`ACL Anthology 2022.emnlp-main.630 (https://aclanthology.org/2022.emnlp-main.630)\` |
| \`${qalign}\` | \`venue: arXiv → Findings of ACL\`<br>\`links.paper: https://arxiv.org/abs/2401.07817 → https://aclanthology.org/2024.findings-acl.498\`<br>\`doi: (none) → 10.18653/v1/2024.findings-acl.498\`<br>\`authorList: 6 names from ACL Anthology\` | \`ACL Anthology 2024.findings-acl.498 (https://aclanthology.org/2024.findings-acl.498), the published version named by Semantic Scholar\` |

`);
    expect(server.log).toHaveLength(5); // every record from the cache
    expect(fixed.stderr).toBe([
      'fixed entries/papers/mistral-7b.yml: authorList: 2 names from arXiv',
      'fixed entries/papers/overcoming-catastrophic-forgetting-in-zero-shot-cross.yml: authorList: 6 names from ACL Anthology',
      `fixed ${qalign}: venue: arXiv → Findings of ACL, links.paper: https://arxiv.org/abs/2401.07817 → https://aclanthology.org/2024.findings-acl.498, doi: (none) → 10.18653/v1/2024.findings-acl.498, authorList: 6 names from ACL Anthology`,
      `Commit: entries/papers/mistral-7b.yml, entries/papers/overcoming-catastrophic-forgetting-in-zero-shot-cross.yml, ${qalign}, README.md.`,
      '',
    ].join('\n'));
    expect(await readFile(join(root, qalign), 'utf8')).toBe(`# yaml-language-server: $schema=../../schema/paper.schema.json
title: Question Translation Training for Better Multilingual Reasoning
authors: Zhu et al.
authorList:
  - Wenhao Zhu
  - Shujian Huang
  - Fei Yuan
  - Shuaijie She
  - Jiajun Chen
  - Alexandra Birch
year: 2024
venue: Findings of ACL
doi: 10.18653/v1/2024.findings-acl.498
links:
  paper: https://aclanthology.org/2024.findings-acl.498
  code: https://github.com/NJUNLP/Qalign
sections:
  - sft
`);
    expect((await runCli(['lint', '--root', root], root)).code).toBe(0);
    // Applied: a second run finds nothing more to take.
    const again = await runCli(verifyArgs(root, server.base, '--cache', 'records.json', '--fix'), root);
    expect(JSON.parse(again.stdout).diagnostics).toEqual([]);
    expect(again.stderr).toBe('');
  });

  it('Semantic Scholar throttling or a malformed answer leaves the entries unchecked for published versions, with a warning', async () => {
    for (const s2 of [{ status: 400, body: '{"error": "Unrecognized or unsupported fields: [venu]"}' }, { body: '{"data": []}' }]) {
      const server = await replay([{ body: await fixture('arxiv-feed-published.xml') }], { '2022.emnlp-main.630.bib': await fixture('anthology.bib') }, { s2 });
      const root = await copyFixture('lint-base');
      const result = await runCli(verifyArgs(root, server.base), root);
      await server.close();
      expect(JSON.parse(result.stdout).diagnostics.map((d: { ruleId: string; severity: string; message: string; line: number }) => `${d.line} ${d.ruleId} ${d.severity} ${d.message}`)).toEqual([
        `7 verify/unavailable warning Semantic Scholar: ${s2.status ? 'HTTP 400' : 'malformed answer: not a list of papers'}: the published versions of 2 preprints were not looked up this run.`,
      ]);
      expect(result.code).toBe(0);
    }
  });

  it('offline: each source ends at its first unreachable request, one line each, exit 4', async () => {
    const root = await copyFixture('lint-base');
    const dead = 'http://127.0.0.1:1';
    const result = await runCli(['verify', '--root', root, '--arxiv-api', `${dead}/api/query`, '--anthology', dead, '--crossref', dead, '--semantic-scholar', `${dead}/graph/v1`, '--interval', '0'], root);
    expect(result.code).toBe(4);
    expect(result.stderr.split('\n').filter((l) => l.startsWith('paperlist:'))).toEqual([
      'paperlist: arXiv API unreachable: connection refused; papers not checked this run.',
      'paperlist: Semantic Scholar unreachable: connection refused; published versions not checked this run.',
      'paperlist: ACL Anthology unreachable: connection refused; papers not checked this run.',
      'paperlist: nothing was verified: no source could be reached (offline?). Try again with a network.',
    ]);
    expect(result.stdout).toBe(''); // no "no problems" about papers nobody looked at
    // JSON says the same in one document: nothing checked, offline, and which sources failed.
    const json = await runCli(['verify', '--root', root, '--arxiv-api', `${dead}/api/query`, '--anthology', dead, '--crossref', dead, '--semantic-scholar', `${dead}/graph/v1`, '--interval', '0', '--format', 'json'], root);
    expect(json.code).toBe(4);
    expect(JSON.parse(json.stdout)).toMatchObject({
      summary: { checked: 0, offline: true },
      unreachable: [
        'arXiv API unreachable: connection refused; papers not checked this run',
        'Semantic Scholar unreachable: connection refused; published versions not checked this run',
        'ACL Anthology unreachable: connection refused; papers not checked this run',
      ],
    });
  }, 30_000);

  it('a venue without DOIs: Semantic Scholar\'s DBLP key names it (ICLR 2025, not the arXiv year it gives), held to the title and an author; --fix sets venue and year and keeps the arXiv link', async () => {
    // Recorded: Semantic Scholar's answer for WavTokenizer once ICLR 2025 had accepted it (SOURCES.md).
    const s2 = await fixture('s2-batch-iclr-2408.16532.json');
    const root = await copyFixture('lint-base');
    const file = 'entries/papers/wavtokenizer-an-efficient-acoustic-discrete-codec.yml';
    const entry = (authors: string): string => `# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: "WavTokenizer: an Efficient Acoustic Discrete Codec Tokenizer for Audio Language Modeling"\nauthors: ${authors}\nyear: 2024\nvenue: arXiv\nlinks:\n  paper: https://arxiv.org/abs/2408.16532\nsections:\n  - sft\n`;
    await writeFile(join(root, file), entry('Ji et al.'));
    const server = await replay([{ body: '' }], {}, { s2: { body: s2 } });
    // arXiv is not asked here (no recording of this paper): unreachable, one line.
    const args = (...more: string[]): string[] => ['verify', '--root', root, '--entry', file, '--arxiv-api', 'http://127.0.0.1:1/api/query', '--anthology', server.base, '--crossref', server.base, '--semantic-scholar', `${server.base}/graph/v1`, '--interval', '0', '--format', 'json', '--cache', 'records.json', ...more];
    const result = await runCli(args(), root);
    expect(JSON.parse(result.stdout).diagnostics).toEqual([{
      file, line: 5, column: 8, endLine: 5, endColumn: 13, ruleId: 'verify/published', severity: 'warning',
      message: 'Published as ICLR 2025, as DBLP lists it (conf/iclr/Ji00C0Z0C0LZY0J25; Semantic Scholar: "International Conference on Learning Representations"), with no DOI or Anthology page to read.',
      hint: '`npx paperlist verify --fix` sets venue: ICLR and year: 2025 and keeps the arXiv link; link its ICLR page instead (proceedings or OpenReview) if it has one.',
      url: `${RULES_DOC}#verify-published`,
    }]);
    expect(JSON.parse(result.stdout).summary).toMatchObject({ published: 1, fillable: 1 });
    expect(server.log.map((r) => `${r.method} ${r.path} ${r.body ?? ''}`)).toEqual(['POST /graph/v1/paper/batch?fields=externalIds,title,year,venue,authors {"ids":["ARXIV:2408.16532"]}']);
    // Another author's surname: Semantic Scholar may have joined two papers; nothing is claimed
    // (the claim, kept in the record cache, is read back without asking again).
    const again = (...more: string[]): string[] => args(...more).map((a) => (a === `${server.base}/graph/v1` ? 'http://127.0.0.1:1/graph/v1' : a));
    await writeFile(join(root, file), entry('Smith et al.'));
    expect(JSON.parse((await runCli(again(), root)).stdout).diagnostics).toEqual([]);
    expect(server.log).toHaveLength(1);
    // --fix: the venue and year, the arXiv link kept (no record gives the ICLR page), with DBLP's page as evidence.
    await writeFile(join(root, file), entry('Ji et al.'));
    const fixed = await runCli(again('--fix', '--changes', 'changes.md'), root);
    expect(await readFile(join(root, file), 'utf8')).toBe(entry('Ji et al.').replace('year: 2024\nvenue: arXiv', 'year: 2025\nvenue: ICLR'));
    expect(await readFile(join(root, 'changes.md'), 'utf8')).toContain(`| \`${file}\` | \`venue: arXiv → ICLR\`<br>\`year: 2024 → 2025\` | \`DBLP conf/iclr/Ji00C0Z0C0LZY0J25 (https://dblp.org/rec/conf/iclr/Ji00C0Z0C0LZY0J25), named by Semantic Scholar\` |`);
    expect(fixed.stderr).toContain(`fixed ${file}`);
    // Fixed, the entry is no preprint: nothing more to say of it.
    expect(JSON.parse((await runCli(again(), root)).stdout).diagnostics).toEqual([]);
  }, 60_000);

  it('a DBLP key names its venue and year by its stream; arXiv\'s stream (journals/corr) and unknown streams name none', () => {
    const venues = loadVenues();
    expect(venues.forDblpKey('conf/iclr/Ji00C0Z0C0LZY0J25', 2026)).toMatchObject({ venue: { name: 'ICLR' }, year: 2025 });
    expect(venues.forDblpKey('conf/nips/VaswaniSPUJGKP17', 2026)).toMatchObject({ venue: { name: 'NeurIPS' }, year: 2017 });
    expect(venues.forDblpKey('conf/icml/SmithJ99a', 2026)).toMatchObject({ venue: { name: 'ICML' }, year: 1999 });
    // Recorded before ICLR took the paper: DBLP's arXiv stream.
    expect(venues.forDblpKey('journals/corr/abs-2408-16532', 2026)).toBeUndefined();
    expect(venues.forDblpKey('conf/somewhere/Ji25', 2026)).toBeUndefined();
    expect(venues.forDblpKey('conf/iclr', 2026)).toBeUndefined();
  });

  it('reads the Semantic Scholar batch answer by arXiv id, skipping nulls and arXiv DOIs', async () => {
    expect(parseS2Batch(await fixture('s2-batch.json'))).toEqual({
      kind: 'papers',
      papers: [
        { arxiv: '2310.06825', title: 'Mistral 7B', authors: ['Albert Qiaochu Jiang', 'Alexandre Sablayrolles'], year: 2023, venue: 'arXiv.org', dblp: 'journals/corr/abs-2310-06825' },
        {
          arxiv: '2401.07817', title: 'Question Translation Training for Better Multilingual Reasoning', authors: ['Wenhao Zhu', 'Shujian Huang'], year: 2024,
          venue: 'Annual Meeting of the Association for Computational Linguistics', acl: '2024.findings-acl.498', doi: '10.18653/v1/2024.findings-acl.498', dblp: 'conf/acl/ZhuHYSCB24',
        },
      ],
    });
    expect(parseS2Batch('[null, null]')).toEqual({ kind: 'papers', papers: [] });
    expect(parseS2Batch('{"message": "Too Many Requests"}')).toEqual({ kind: 'malformed', reason: 'not a list of papers' });
    expect(parseS2Batch('<html>')).toEqual({ kind: 'malformed', reason: 'not JSON' });
  });
});
