// paperlist add <link or id>: entries written from records, replayed by a local server in each
// service's format (the arXiv API's Atom feed, the Anthology's BibTeX, Crossref's works JSON).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnthologyBib } from '../src/records/anthology-bib.js';
import { identifyPaper } from '../src/core/identify.js';
import { readIssueForm } from '../src/check/issue-form.js';
import { gitFixture, FIXTURES, listenLocal, runCli } from './helpers.js';

const fixture = (name: string): Promise<string> => readFile(join(FIXTURES, 'records', name), 'utf8');

interface Route { status?: number; headers?: Record<string, string>; body: string }

/** Answers by path (query included); a list answers in turn, its last answer repeating. */
async function serve(routes: Record<string, Route | Route[]>): Promise<{ base: string; log: string[]; close: () => Promise<void> }> {
  const log: string[] = [];
  const turns = new Map<string, number>();
  const server = await listenLocal((req, res) => {
    const path = req.url ?? '';
    log.push(path);
    const route = routes[path];
    const list = Array.isArray(route) ? route : route ? [route] : [{ status: 404, body: 'Resource not found.' }];
    const turn = turns.get(path) ?? 0;
    turns.set(path, turn + 1);
    const answer = list[Math.min(turn, list.length - 1)]!;
    res.writeHead(answer.status ?? 200, answer.headers ?? {});
    res.end(answer.body);
  });
  return { ...server, log };
}

const AYA_QUERY = '/api/query?id_list=2402.07827&max_results=1';
const sources = (base: string): string[] => ['--arxiv-api', `${base}/api/query`, '--anthology', base, '--crossref', base, '--datacite', base, '--doi-api', `${base}/api/handles`];

describe('identifiers a contributor pastes', () => {
  it('reads arXiv, Anthology and DOI links and bare ids', () => {
    expect(['https://arxiv.org/abs/2402.07827', 'https://arxiv.org/pdf/2402.07827v2', 'arXiv:2402.07827v1', '2402.07827'].map(identifyPaper)).toEqual(Array(4).fill({ kind: 'arxiv', id: '2402.07827' }));
    expect(identifyPaper('https://arxiv.org/abs/cs/0112017v1')).toEqual({ kind: 'arxiv', id: 'cs/0112017' });
    expect(identifyPaper('hep-th/9901001')).toEqual({ kind: 'arxiv', id: 'hep-th/9901001' });
    expect(identifyPaper('https://aclanthology.org/2023.emnlp-main.226/')).toEqual({ kind: 'acl', id: '2023.emnlp-main.226' });
    expect(identifyPaper('P19-1001')).toEqual({ kind: 'acl', id: 'P19-1001' });
    expect(identifyPaper('https://doi.org/10.18653/v1/2023.emnlp-main.226')).toEqual({ kind: 'acl', id: '2023.emnlp-main.226' });
    expect(identifyPaper('doi:10.1145/3442188.3445922')).toEqual({ kind: 'doi', doi: '10.1145/3442188.3445922' });
    expect(identifyPaper('https://example.org/paper')).toBeUndefined();
  });

  it('reads TeX accents and braces in the Anthology BibTeX', async () => {
    expect(parseAnthologyBib(await fixture('holmstrom.bib'))).toEqual({
      title: 'Bridging the Resource Gap: Exploring the Efficacy of English and Multilingual LLMs for Swedish',
      year: 2023,
      authors: ['Oskar Holmström', 'Jenny Kunz', 'Marco Kuhlmann'],
      families: ['Holmström', 'Kunz', 'Kuhlmann'],
      booktitle: 'Proceedings of the Second Workshop on Resources and Representations for Under-Resourced Languages and Domains (RESOURCEFUL-2023)',
    });
  });

  it('keeps a family name as the Anthology\'s generator states it: hyphen and accent group', async () => {
    // tests/fixtures/records/SOURCES.md: the Anthology's own test of its BibTeX generator.
    expect(parseAnthologyBib(await fixture('alvarez-mellado.bib'))).toEqual({
      title: 'Detecting Unassimilated Borrowings in Spanish: An Annotated Corpus and Approaches to Modeling',
      year: 2022,
      authors: ['Elena Álvarez-Mellado', 'Constantine Lignos'],
      families: ['Álvarez-Mellado', 'Lignos'],
      booktitle: 'Proceedings of the 60th Annual Meeting of the Association for Computational Linguistics (Volume 1: Long Papers)',
      doi: '10.18653/v1/2022.acl-long.268',
    });
  });
});

describe('paperlist add from a record', () => {
  it('writes "Álvarez-Mellado et al." from the Anthology record, not "Mellado et al."', async () => {
    const server = await serve({ '/2022.acl-long.268.bib': { body: await fixture('alvarez-mellado.bib') } });
    const root = await gitFixture('lint-base');
    const result = await runCli(['add', '2022.acl-long.268', '--section', 'sft', ...sources(server.base), '--dry-run', '--root', root, '--format', 'json'], root);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).entry).toBe('# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: "Detecting Unassimilated Borrowings in Spanish: An Annotated Corpus and Approaches to Modeling"\nauthors: Álvarez-Mellado et al.\nauthorList:\n  - Elena Álvarez-Mellado\n  - Constantine Lignos\nyear: 2022\nvenue: ACL\ndoi: 10.18653/v1/2022.acl-long.268\nlinks:\n  paper: https://aclanthology.org/2022.acl-long.268\nsections:\n  - sft\n');
  });

  it('writes the entry of an arXiv link from the feed: folded title, "Üstün et al.", the full list', async () => {
    const server = await serve({ [AYA_QUERY]: { headers: { 'content-type': 'application/atom+xml' }, body: await fixture('aya-feed.xml') } });
    const root = await gitFixture('lint-base');
    const result = await runCli(['add', 'https://arxiv.org/pdf/2402.07827v1', '--section', 'sft', ...sources(server.base), '--root', root], root);
    expect(result.stderr).toBe('created entries/papers/aya-model-an-instruction-finetuned-open-access-multilingual.yml\nwrote README.md with it. Commit entries/papers/aya-model-an-instruction-finetuned-open-access-multilingual.yml, README.md.\n');
    expect(result.code).toBe(0);
    expect(await readFile(join(root, 'entries/papers/aya-model-an-instruction-finetuned-open-access-multilingual.yml'), 'utf8')).toBe(
      '# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: "Aya Model: An Instruction Finetuned Open-Access Multilingual Language Model"\nauthors: Üstün et al.\nauthorList:\n  - Ahmet Üstün\n  - Viraat Aryabumi\n  - Zheng-Xin Yong\nyear: 2024\nvenue: arXiv\nlinks:\n  paper: https://arxiv.org/abs/2402.07827\nsections:\n  - sft\n',
    );
    expect((await runCli(['generate', '--root', root], root)).code).toBe(0);
    expect(await readFile(join(root, 'README.md'), 'utf8')).toContain('- [2024] **Aya Model: An Instruction Finetuned Open-Access Multilingual Language Model.** *Üstün et al.* `arXiv` [[paper](https://arxiv.org/abs/2402.07827)]\n');
    expect((await runCli(['lint', '--root', root], root)).code).toBe(0);
    expect(server.log).toEqual([AYA_QUERY]);
  });

  it('lets flags override the record', async () => {
    const server = await serve({ [AYA_QUERY]: { body: await fixture('aya-feed.xml') } });
    const root = await gitFixture('lint-base');
    const result = await runCli(['add', '2402.07827', '--section', 'sft', '--title', 'Aya Model', '--code', 'https://github.com/for-ai/aya', '--dry-run', '--format', 'json', ...sources(server.base), '--root', root], root);
    expect(result.code).toBe(0);
    const entry: string = JSON.parse(result.stdout).entry;
    expect(entry).toContain('title: Aya Model\n');
    expect(entry).toContain('  code: https://github.com/for-ai/aya\n');
    expect(await readdir(join(root, 'entries/papers'))).not.toContain('aya-model.yml');
  });

  it('refuses the Anthology version of a paper listed under arXiv, naming the file and the fields to set', async () => {
    const server = await serve({ '/2024.findings-acl.498.bib': { body: await fixture('qalign.bib') } });
    const root = await gitFixture('lint-base');
    const before = await readdir(join(root, 'entries/papers'));
    const result = await runCli(['add', 'https://aclanthology.org/2024.findings-acl.498/', '--section', 'sft', '--format', 'json', ...sources(server.base), '--root', root], root);
    expect(result.code).toBe(1);
    const [d] = JSON.parse(result.stdout).diagnostics;
    expect(d).toMatchObject({
      file: 'entries/papers/question-translation-training-for-better-multilingual.yml', ruleId: 'duplicates/title', severity: 'error',
      message: 'This paper is listed already: entries/papers/question-translation-training-for-better-multilingual.yml ("Question Translation Training for Better Multilingual Reasoning") has the same title.',
      hint: 'To list it in another section too, add the section to `sections` in entries/papers/question-translation-training-for-better-multilingual.yml; nothing was written. It is listed under its arXiv preprint: to link this published version instead, set in entries/papers/question-translation-training-for-better-multilingual.yml: venue: Findings of ACL, year: 2024, links.paper: https://aclanthology.org/2024.findings-acl.498 (`npx paperlist verify --fix` does the same when Semantic Scholar links the two versions), then run `npm run generate`.',
    });
    expect(await readdir(join(root, 'entries/papers'))).toEqual(before);
  });

  it('refuses an arXiv id already listed before asking arXiv anything', async () => {
    const server = await serve({});
    const root = await gitFixture('lint-base');
    const result = await runCli(['add', 'arXiv:2310.06825', '--section', 'sft', '--format', 'json', ...sources(server.base), '--root', root], root);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).diagnostics[0].message).toBe('This paper is listed already: entries/papers/mistral-7b.yml ("Mistral 7B") has the same arXiv id 2310.06825.');
    expect(server.log).toEqual([]);
  });

  it('writes a DOI from Crossref, and says when the venue is not one it knows', async () => {
    const server = await serve({ '/works/10.1145%2F3442188.3445922': { headers: { 'content-type': 'application/json' }, body: await fixture('crossref-work.json') } });
    const root = await gitFixture('lint-base');
    const result = await runCli(['add', 'https://doi.org/10.1145/3442188.3445922', '--section', 'prompting', '--dry-run', '--format', 'json', ...sources(server.base), '--root', root], root);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.entry).toBe('# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: "On the Dangers of Stochastic Parrots: Can Language Models Be Too Big? 🦜"\nauthors: Bender et al.\nauthorList:\n  - Emily M. Bender\n  - Timnit Gebru\n  - Angelina McMillan-Major\n  - Shmargaret Shmitchell\nyear: 2021\ndoi: 10.1145/3442188.3445922\nlinks:\n  paper: https://doi.org/10.1145/3442188.3445922\nsections:\n  - prompting\n');
    expect(report.diagnostics.map((d: { message: string }) => d.message)).toEqual(['The venue of DOI 10.1145/3442188.3445922 ("Proceedings of the 2021 ACM Conference on Fairness, Accountability, and Transparency") is not one of schema/venues.json; the entry has none.']);
  });

  it('waits out arXiv\'s throttling (HTTP 429 "Rate exceeded.", no Retry-After), then writes the entry', async () => {
    const server = await serve({ [AYA_QUERY]: [{ status: 429, body: 'Rate exceeded.' }, { body: await fixture('aya-feed.xml') }] });
    const root = await gitFixture('lint-base');
    const started = Date.now();
    const result = await runCli(['add', '2402.07827', '--section', 'sft', '--dry-run', ...sources(server.base), '--root', root], root);
    expect(result.code).toBe(0);
    expect(server.log).toEqual([AYA_QUERY, AYA_QUERY]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(5990); // twice arXiv's 3 s interval
  }, 15_000);

  it('an unknown id, a malformed answer and an unreachable source: one line each, no file', async () => {
    const server = await serve({
      '/api/query?id_list=2402.99999&max_results=1': { body: await fixture('arxiv/empty-0000.0000.xml') },
      '/2023.emnlp-main.9999.bib': { body: '<html><body>Oops</body></html>' },
    });
    const root = await gitFixture('lint-base');
    const before = await readdir(join(root, 'entries/papers'));
    const unknown = await runCli(['add', '2402.99999', '--section', 'sft', ...sources(server.base), '--root', root], root);
    expect(unknown).toEqual({ code: 1, stdout: '', stderr: 'paperlist: arXiv has no paper 2402.99999. Nothing was written. To add it by hand: npx paperlist add --title T --authors A --year 2024 --venue arXiv --paper https://arxiv.org/abs/2402.99999 --section sft\n' });
    const malformed = await runCli(['add', '2023.emnlp-main.9999', '--section', 'sft', ...sources(server.base), '--root', root], root);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toBe('paperlist: ACL Anthology: unreadable BibTeX. Nothing was written. To add it by hand: npx paperlist add --title T --authors A --year 2023 --venue EMNLP --paper https://aclanthology.org/2023.emnlp-main.9999 --section sft\n');
    const offline = await runCli(['add', '2402.07827', '--section', 'sft', '--arxiv-api', 'http://127.0.0.1:1/api/query', '--root', root], root);
    expect(offline.code).toBe(4);
    expect(offline.stderr).toBe('paperlist: arXiv API unreachable: connection refused. Nothing was written. To add it by hand: npx paperlist add --title T --authors A --year 2024 --venue arXiv --paper https://arxiv.org/abs/2402.07827 --section sft\n');
    const offlineJson = await runCli(['add', '2402.07827', '--section', 'sft', '--arxiv-api', 'http://127.0.0.1:1/api/query', '--root', root, '--format', 'json'], root);
    expect(offlineJson.code).toBe(4);
    expect(JSON.parse(offlineJson.stdout)).toMatchObject({
      summary: { errors: 0, file: null },
      problem: { kind: 'unreachable', message: 'arXiv API unreachable: connection refused', byHand: 'npx paperlist add --title T --authors A --year 2024 --venue arXiv --paper https://arxiv.org/abs/2402.07827 --section sft' },
    });
    // What was given goes into the by-hand command too, quoted where the shell needs it; a DOI implies nothing.
    const given = await runCli(['add', '10.1145/3442188.3445922', '--section', 'sft', '--title', "On the Dangers: Stochastic Parrots' Tale", '--code', 'https://github.com/a/b', ...sources(server.base), '--root', root], root);
    expect(given.stderr).toMatch(/^paperlist: [^\n]*\. Nothing was written\. To add it by hand: npx paperlist add --title 'On the Dangers: Stochastic Parrots'\\''\ Tale' --authors A --year Y --venue V --paper https:\/\/doi\.org\/10\.1145\/3442188\.3445922 --code https:\/\/github\.com\/a\/b --section sft\n$/);
    expect(await readdir(join(root, 'entries/papers'))).toEqual(before);
  }, 20_000);
});

describe('the issue form', () => {
  const sections = [{ id: 'sft', label: 'SFT Alignment' }, { id: 'rlhf', label: 'RLHF Alignment' }, { id: 'odd', label: 'Odd, With Comma' }];

  it('reads the answers as GitHub writes them', () => {
    const body = '### Paper link\n\nhttps://arxiv.org/abs/2402.07827\n\n### Sections\n\nSFT Alignment, Odd, With Comma\n\n### Code link\n\n_No response_\n\n### Anything else\n\n_No response_';
    expect(readIssueForm(body, sections)).toEqual({ link: 'https://arxiv.org/abs/2402.07827', sections: ['sft', 'odd'], problems: [] });
    expect(readIssueForm(body.replace(/\n/g, '\r\n').replace('_No response_', 'https://github.com/for-ai/aya'), sections)).toEqual({ link: 'https://arxiv.org/abs/2402.07827', sections: ['sft', 'odd'], code: 'https://github.com/for-ai/aya', problems: [] });
  });

  it('says what is missing or unknown', () => {
    expect(readIssueForm('### Paper link\n\n_No response_\n\n### Sections\n\nNope', sections).problems).toEqual([
      'the paper\'s link (the "Paper link" answer is empty or missing)',
      'which sections: "Nope" is not a section of entries/sections.yml',
    ]);
  });

  it('add --from-issue writes the entry the form asks for', async () => {
    const server = await serve({ [AYA_QUERY]: { body: await fixture('aya-feed.xml') } });
    const root = await gitFixture('lint-base');
    await writeFile(join(root, 'issue.md'), '### Paper link\n\nhttps://arxiv.org/abs/2402.07827\n\n### Sections\n\nSFT\n\n### Code link\n\nhttps://github.com/for-ai/aya\n');
    const result = await runCli(['add', '--from-issue', 'issue.md', '--dry-run', '--format', 'json', ...sources(server.base), '--root', root], root);
    expect(result.code).toBe(0);
    const entry: string = JSON.parse(result.stdout).entry;
    expect(entry).toContain('  paper: https://arxiv.org/abs/2402.07827\n  code: https://github.com/for-ai/aya\nsections:\n  - sft\n');
  });
});
