// links, the GitHub and DOI paths: repository links through GitHub's GraphQL API (a local server
// answering in its format: data per alias, NOT_FOUND errors with their path, rate-limit headers),
// DOI links through the DOI resolver's handle API (responseCode 1 / 100), the token kept to the API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkGithubLinks, type GithubPathOptions } from '../src/links/github-path.js';
import { doiFromUrl, githubRepoFromUrl } from '../src/core/paper-identifiers.js';
import { checkDoiLinks } from '../src/links/doi-path.js';
import { readHandleAnswer } from '../src/records/doi-handle.js';
import { apiPaths } from '../src/links/api-paths.js';
import { loadConfig, type LinkSettings } from '../src/check/config.js';
import { readRepositories, repositoriesQuery } from '../src/records/github-graphql.js';
import { FIXTURES, listenLocal, runCli, tempDir } from './helpers.js';

const TOKEN = 'ghp_test0123456789abcdefSECRET';
const fixture = (name: string): Promise<string> => readFile(join(FIXTURES, 'links', name), 'utf8');

interface Asked {
  authorization: string | undefined;
  variables: Record<string, string>;
  query: string;
}

type Repo = { nameWithOwner: string; isArchived: boolean };

const body = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => resolve(text));
  });

/**
 * GitHub's GraphQL endpoint for the repositories given (keyed by lowercased owner/name, as GitHub
 * resolves them): each alias gets its repository, or null and a NOT_FOUND error naming its path.
 */
async function githubApi(repos: Record<string, Repo>, answer?: (res: ServerResponse) => Promise<void>): Promise<{ base: string; asked: Asked[] }> {
  const asked: Asked[] = [];
  const server = await listenLocal(async (req, res) => {
    const { query, variables } = JSON.parse(await body(req)) as { query: string; variables: Record<string, string> };
    asked.push({ authorization: req.headers.authorization, variables, query });
    if (answer) return answer(res);
    const data: Record<string, unknown> = {};
    const errors: unknown[] = [];
    for (let i = 0; variables[`o${i}`] !== undefined; i++) {
      const repo = repos[`${variables[`o${i}`]}/${variables[`n${i}`]}`.toLowerCase()];
      data[`r${i}`] = repo ? { nameWithOwner: repo.nameWithOwner, url: `https://github.com/${repo.nameWithOwner}`, isArchived: repo.isArchived } : null;
      if (!repo) errors.push({ type: 'NOT_FOUND', path: [`r${i}`], locations: [{ line: i + 2, column: 3 }], message: `Could not resolve to a Repository with the name '${variables[`o${i}`]}/${variables[`n${i}`]}'.` });
    }
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', 'x-ratelimit-used': '1', 'x-ratelimit-reset': '1796100000', 'x-ratelimit-resource': 'graphql',
    }).end(JSON.stringify({ data, ...(errors.length ? { errors } : {}) }));
  });
  return { base: `${server.base}/graphql`, asked };
}

/** The DOI handle API: the DOIs given exist, any other is "handle not found". */
async function doiApi(existing: string[]): Promise<{ base: string; paths: string[] }> {
  const found = await fixture('doi-found.json');
  const paths: string[] = [];
  const server = await listenLocal((req, res) => {
    paths.push(req.url ?? '');
    const doi = decodeURIComponent((req.url ?? '').replace(/^\/api\/handles\//, '').replace(/\?.*$/, ''));
    if (existing.includes(doi)) res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' }).end(found.replace(/10\.1145\/3581783\.3611992/g, doi));
    else res.writeHead(404, { 'content-type': 'application/json;charset=UTF-8' }).end(JSON.stringify({ responseCode: 100, handle: doi }));
  });
  return { base: `${server.base}/api/handles`, paths };
}

const REPOS: Record<string, Repo> = {
  'njunlp/qalign': { nameWithOwner: 'NJUNLP/QAlign', isArchived: false },
  'old-owner/old-name': { nameWithOwner: 'new-owner/new-name', isArchived: false },
  'someone/archived-repo': { nameWithOwner: 'someone/archived-repo', isArchived: true },
};

const options = (api: string, extra: Partial<GithubPathOptions> = {}): GithubPathOptions => ({ api, token: TOKEN, batch: 100, interval: 0, userAgent: 'test', timeout: 5000, retries: 0, ...extra });

describe('links through GitHub and the DOI resolver', () => {
  it('tells missing, renamed and archived repositories apart, checks DOIs without the publisher, and keeps the token to the API', async () => {
    const github = await githubApi(REPOS);
    const doi = await doiApi(['10.1145/3581783.3611992']);
    const pageHeaders: IncomingMessage['headers'][] = [];
    const pages = await listenLocal((req, res) => {
      pageHeaders.push(req.headers);
      res.writeHead(200).end();
    });
    const b = pages.base;
    const dir = await tempDir();
    await writeFile(join(dir, 'list.md'), [
      '- [ok](https://github.com/NJUNLP/QAlign)',
      '- [renamed](https://github.com/old-owner/old-name)',
      '- [archived](https://github.com/someone/archived-repo.git)',
      '- [missing](https://github.com/gone/away/)',
      '- [same repository](https://github.com/njunlp/qalign)',
      '- [paper](https://dl.acm.org/doi/abs/10.1145/3581783.3611992)',
      '- [no such DOI](https://doi.org/10.1145/0000000.0000000)',
      `- [a page](${b}/ok)`,
      '',
    ].join('\n'));
    const args = ['links', 'list.md', '--root', dir, '--allow-private', '--github-api', github.base, '--doi-api', doi.base, '--cache', 'cache.json'];
    const result = await runCli([...args, '--format', 'json'], dir, { GITHUB_TOKEN: TOKEN });
    const report = JSON.parse(result.stdout);
    const at = (line: number): Array<{ file: string; line: number }> => [{ file: 'list.md', line }];
    expect(report.links).toEqual([
      { url: 'https://github.com/NJUNLP/QAlign', state: 'ok', via: 'github-api', origins: at(1) },
      { url: 'https://github.com/old-owner/old-name', state: 'redirected', finalUrl: 'https://github.com/new-owner/new-name', via: 'github-api', origins: at(2) },
      { url: 'https://github.com/someone/archived-repo.git', state: 'ok', via: 'github-api', archived: true, origins: at(3) },
      { url: 'https://github.com/gone/away/', state: 'dead', error: 'GitHub has no repository gone/away', via: 'github-api', origins: at(4) },
      { url: 'https://github.com/njunlp/qalign', state: 'ok', via: 'github-api', origins: at(5) },
      { url: 'https://dl.acm.org/doi/abs/10.1145/3581783.3611992', state: 'ok', via: 'doi-api', origins: at(6) },
      { url: 'https://doi.org/10.1145/0000000.0000000', state: 'dead', error: 'the DOI system has no DOI 10.1145/0000000.0000000', via: 'doi-api', origins: at(7) },
      { url: `${b}/ok`, state: 'ok', status: 200, via: 'http', origins: at(8) },
    ]);
    expect(report.diagnostics.map((d: { line: number; ruleId: string; severity: string; message: string }) => `${d.line} ${d.severity} ${d.ruleId}: ${d.message}`)).toEqual([
      '2 info links/redirected: Moved permanently: https://github.com/old-owner/old-name → https://github.com/new-owner/new-name.',
      '3 warning links/archived: Code repository archived: https://github.com/someone/archived-repo.git is read-only, no longer kept up by its owners.',
      '4 error links/dead: Dead link: https://github.com/gone/away/ (GitHub has no repository gone/away).',
      '7 error links/dead: Dead link: https://doi.org/10.1145/0000000.0000000 (the DOI system has no DOI 10.1145/0000000.0000000).',
    ]);
    expect(result.code).toBe(1);
    // One query for the four repositories, owner and name as variables; the token only there.
    expect(github.asked).toHaveLength(1);
    expect(github.asked[0]!.variables).toEqual({ o0: 'NJUNLP', n0: 'QAlign', o1: 'old-owner', n1: 'old-name', o2: 'someone', n2: 'archived-repo', o3: 'gone', n3: 'away' });
    expect(github.asked[0]!.authorization).toBe(`bearer ${TOKEN}`);
    expect(doi.paths.sort()).toEqual(['/api/handles/10.1145/0000000.0000000?type=URL', '/api/handles/10.1145/3581783.3611992?type=URL']);
    expect(pageHeaders.map((h) => h.authorization)).toEqual([undefined]);
    // Never printed, never cached: not in the stylish report, the JSON, or the cache file.
    const stylish = await runCli(args, dir, { GITHUB_TOKEN: TOKEN });
    expect(stylish.stderr).toContain('8 links: 5 ok, 1 redirected, 2 dead (6 from the cache); checked 5 through GitHub\'s API, 2 through the DOI resolver, 1 over HTTP');
    for (const text of [result.stdout, result.stderr, stylish.stdout, stylish.stderr, await readFile(join(dir, 'cache.json'), 'utf8')]) expect(text).not.toContain(TOKEN);
  });

  it('the links checks take their severity from .paperlist.yml, and the exit code follows', async () => {
    const github = await githubApi(REPOS);
    const dir = await tempDir();
    await writeFile(join(dir, 'list.md'), '- [archived](https://github.com/someone/archived-repo)\n- [missing](https://github.com/gone/away)\n');
    const args = ['links', 'list.md', '--root', dir, '--github-api', github.base, '--format', 'json'];
    const levels = async (rules: string): Promise<{ code: number; raised: string[] }> => {
      await writeFile(join(dir, '.paperlist.yml'), rules);
      const result = await runCli(args, dir, { GITHUB_TOKEN: TOKEN });
      return { code: result.code, raised: JSON.parse(result.stdout).diagnostics.map((d: { ruleId: string; severity: string }) => `${d.ruleId} ${d.severity}`) };
    };
    expect(await levels('links: {}\n')).toEqual({ code: 1, raised: ['links/archived warning', 'links/dead error'] });
    expect(await levels('rules:\n  links/archived: "off"\n  links/dead: warning\n')).toEqual({ code: 0, raised: ['links/dead warning'] });
    expect(await levels('rules:\n  links/archived: error\n  links/dead: "off"\n')).toEqual({ code: 1, raised: ['links/archived error'] });
  });

  it('the GitHub path needs a token; each path can be turned off in .paperlist.yml', async () => {
    const names = async (settings: LinkSettings, token?: string): Promise<string[]> => (await apiPaths(settings, token ? { githubToken: token } : {})).map((p) => p.name);
    expect(await names({})).toEqual(['arxiv-api', 'doi-api']);
    expect(await names({}, '  ')).toEqual(['arxiv-api', 'doi-api']);
    expect(await names({}, TOKEN)).toEqual(['arxiv-api', 'github-api', 'doi-api']);
    expect(await names({ githubApi: false, doiApi: false }, TOKEN)).toEqual(['arxiv-api']);
    expect(await names({ arxivApi: false, githubApi: false, doiApi: false }, TOKEN)).toEqual([]);
    const dir = await tempDir();
    await writeFile(join(dir, '.paperlist.yml'), 'links:\n  githubApi: false\n  doiApi: "no"\n');
    expect((await loadConfig(dir)).diagnostics.map((d) => d.message)).toEqual(['Configuration /links/doiApi must be boolean.']);
  });

  it('a rate-limit answer, a refused token, a malformed body or no answer send the links to HTTP, and say why', async () => {
    const urls = ['https://github.com/NJUNLP/QAlign', 'https://github.com/gone/away'];
    const limited = await fixture('github-rate-limited.json');
    const rateLimited = await githubApi({}, async (res) => void res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1796100000' }).end(limited));
    expect(await checkGithubLinks(urls, options(rateLimited.base))).toEqual({
      results: [], fallback: urls,
      notes: [{ severity: 'info', message: 'The GitHub API\'s rate limit is reached (it resets at 04:40 UTC); 2 repositories were checked over HTTP instead.' }],
    });
    const refusing = await githubApi({}, async (res) => void res.writeHead(401, { 'content-type': 'application/json' }).end(await fixture('github-bad-credentials.json')));
    const refused = await checkGithubLinks(urls, options(refusing.base));
    expect(refused.fallback).toEqual(urls);
    expect(refused.notes).toEqual([{
      severity: 'warning', message: 'The GitHub API refused the token (HTTP 401); 2 repositories were checked over HTTP instead.',
      hint: 'Check the GITHUB_TOKEN given to paperlist (in Actions: secrets.GITHUB_TOKEN), or set links.githubApi: false in .paperlist.yml.',
    }]);
    const broken = await githubApi({}, async (res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>unicorn</html>'));
    expect((await checkGithubLinks(urls, options(broken.base))).notes.map((n) => n.message)).toEqual(['The GitHub API gave no usable answer (malformed: not JSON); 2 repositories were checked over HTTP instead.']);
    const gone = await checkGithubLinks(urls, options('http://127.0.0.1:1/graphql'));
    expect(gone).toEqual({ results: [], fallback: urls, notes: [{ severity: 'info', message: 'GitHub API unreachable: connection refused; 2 repositories were checked over HTTP instead.' }] });
  });

  it('stays within the rate-limit headers: no query once the remaining points are 0', async () => {
    let answered = 0;
    const api = await githubApi({}, async (res) => {
      answered++;
      res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1796100000' })
        .end(JSON.stringify({ data: { r0: { nameWithOwner: 'NJUNLP/QAlign', url: 'https://github.com/NJUNLP/QAlign', isArchived: false } } }));
    });
    const checked = await checkGithubLinks(['https://github.com/NJUNLP/QAlign', 'https://github.com/b/c', 'https://github.com/d/e'], options(api.base, { batch: 1 }));
    expect(answered).toBe(1);
    expect(checked.results).toEqual([{ url: 'https://github.com/NJUNLP/QAlign', state: 'ok', attempts: 0, via: 'github-api' }]);
    expect(checked.fallback).toEqual(['https://github.com/b/c', 'https://github.com/d/e']);
    expect(checked.notes.map((n) => n.message)).toEqual(['The GitHub API\'s rate limit is used up (it resets at 04:40 UTC); 2 repositories were checked over HTTP instead.']);
  });

  it('a new name that is not a repository name never becomes a link', async () => {
    const api = await githubApi({ 'a/b': { nameWithOwner: 'evil/x"><script>', isArchived: false }, 'c/d': { nameWithOwner: '../../etc', isArchived: false }, 'e/f': { nameWithOwner: 'owner/..', isArchived: false } });
    const urls = ['https://github.com/a/b', 'https://github.com/c/d', 'https://github.com/e/f'];
    expect(await checkGithubLinks(urls, options(api.base))).toEqual({ results: [], fallback: urls, notes: [] });
  });

  it('a new name with a character the URL parser would drop or reinterpret (tab, line break, #) never becomes a link', async () => {
    const api = await githubApi({ 'a/b': { nameWithOwner: 'owner/name\n', isArchived: false }, 'c/d': { nameWithOwner: 'owner/na\tme', isArchived: false }, 'e/f': { nameWithOwner: 'owner/name#x', isArchived: false } });
    const urls = ['https://github.com/a/b', 'https://github.com/c/d', 'https://github.com/e/f'];
    expect(await checkGithubLinks(urls, options(api.base))).toEqual({ results: [], fallback: urls, notes: [] });
  });

  it('a DOI link whose encoded path holds dot segments is not read as a DOI (it would ask the handle API for another one)', async () => {
    expect(doiFromUrl('https://doi.org/10.9999/dead%2F..%2F..%2F10.1000%2F1')).toBeUndefined();
    expect(doiFromUrl('https://doi.org/10.1145/3442188.3445922')).toBe('10.1145/3442188.3445922');
    // Not a DOI, so the DOI path takes no part in it (the link is checked over HTTP): the handle API is asked nothing.
    const doi = await doiApi(['10.1000/1']);
    await checkDoiLinks(['https://doi.org/10.9999/dead%2F..%2F..%2F10.1000%2F1'], { api: doi.base, interval: 0, userAgent: 'test', timeout: 5000, retries: 0 });
    expect(doi.paths).toEqual([]);
  });

  it('sends the token over https or to this machine only', async () => {
    const checked = await checkGithubLinks(['https://github.com/a/b'], options('http://api.example.com/graphql'));
    expect(checked).toEqual({
      results: [], fallback: ['https://github.com/a/b'],
      notes: [{ severity: 'warning', message: 'The GitHub token was not sent to http://api.example.com/graphql: a token goes over https only.', hint: 'Give --github-api an https address; these repository links were checked over HTTP.' }],
    });
  });

  it('takes repository links only: deeper paths and GitHub\'s own pages stay with HTTP', () => {
    expect(['https://github.com/NJUNLP/QAlign', 'http://www.github.com/a/b.git', 'https://github.com/a/b/', 'https://github.com/a/b/tree/main/x', 'https://github.com/topics/nlp', 'https://github.com/a', 'https://gist.github.com/a/b', 'https://github.com/a/b?tab=readme', 'https://github.com/a/..']
      .map((u) => githubRepoFromUrl(u) ?? null)).toEqual([
      { owner: 'NJUNLP', name: 'QAlign' }, { owner: 'a', name: 'b' }, { owner: 'a', name: 'b' }, null, null, null, null, null, null,
    ]);
  });

  it('a DOI the resolver does not have is dead on doi.org; a publisher\'s link goes to its own page', async () => {
    const doi = await doiApi([]);
    const checked = await checkDoiLinks(['https://doi.org/10.1145/0000000.0000000', 'https://dl.acm.org/doi/10.1145/3581783.3611992/suppl_file/video.mp4'], { api: doi.base, interval: 0, userAgent: 'test', timeout: 5000, retries: 0 });
    expect(checked).toEqual({
      results: [{ url: 'https://doi.org/10.1145/0000000.0000000', state: 'dead', attempts: 0, via: 'doi-api', error: 'the DOI system has no DOI 10.1145/0000000.0000000' }],
      fallback: ['https://dl.acm.org/doi/10.1145/3581783.3611992/suppl_file/video.mp4'], notes: [],
    });
  });

  it('reads GitHub\'s answer by alias, and the handle API by responseCode', () => {
    const { query, variables } = repositoriesQuery([{ owner: 'a"){x}', name: 'b' }]);
    expect(query).toBe('query($o0: String!, $n0: String!) {\n  r0: repository(owner: $o0, name: $n0, followRenames: true) { nameWithOwner url isArchived }\n}');
    expect(variables).toEqual({ o0: 'a"){x}', n0: 'b' });
    expect(readRepositories('{"data":{"r0":null,"r1":{"nameWithOwner":"x/y","url":"https://github.com/x/y","isArchived":false}},"errors":[{"type":"NOT_FOUND","path":["r0"],"message":"Could not resolve"}]}', 3)).toEqual({
      kind: 'answer', repos: ['missing', { nameWithOwner: 'x/y', url: 'https://github.com/x/y', isArchived: false }, 'unknown'],
    });
    expect(readRepositories('[]', 1)).toEqual({ kind: 'malformed', reason: 'not a JSON object' });
    expect(readHandleAnswer(200, '{"responseCode":1,"handle":"10.1/x","values":[]}')).toBe('exists');
    expect(readHandleAnswer(200, '{"responseCode":200,"handle":"10.1/x"}')).toBe('exists');
    expect(readHandleAnswer(404, '{"responseCode":100,"handle":"10.1/x"}')).toBe('missing');
    expect(readHandleAnswer(500, '{"responseCode":2,"message":"Error"}')).toEqual({ problem: 'HTTP 500, responseCode 2' });
    expect(readHandleAnswer(404, '<html>')).toEqual({ problem: 'HTTP 404, not JSON' });
  });

  it('keeps the arXiv records it fetched in the record cache verify reads (--records)', async () => {
    const feed = await readFile(join(FIXTURES, 'verify', 'arxiv-feed.xml'), 'utf8');
    const queries: string[] = [];
    const arxiv = await listenLocal((req, res) => {
      queries.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(feed);
    });
    const dir = await tempDir();
    await writeFile(join(dir, 'list.md'), '- [a](https://arxiv.org/abs/2310.06825)\n');
    const args = ['links', 'list.md', '--root', dir, '--arxiv-api', `${arxiv.base}/api/query`, '--records', 'records.json'];
    expect((await runCli(args, dir)).code).toBe(0);
    const records = JSON.parse(await readFile(join(dir, 'records.json'), 'utf8'));
    expect(records.version).toBe(2);
    expect(Object.keys(records.records)).toEqual(['arxiv:2310.06825', 'arxiv:2401.07817']);
    expect((await runCli(args, dir)).code).toBe(0);
    expect(queries).toHaveLength(1); // the second run read the record from the cache
  });
});
