import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../src/http/address.js';
import { checkLinks, DEFAULT_CHECK_OPTIONS, parseRetryAfter, type CheckOptions, type LinkResult } from '../src/links/checker.js';
import { Progress } from '../src/cli/progress.js';
import { classifyAnswer, classifyError, shouldRetry } from '../src/links/classify.js';
import { isOffline } from '../src/commands/links.js';
import { linksMarkdown, type CheckedLink } from '../src/links/report.js';
import { gitFixture, runCli, tempDir, RULES_DOC } from './helpers.js';
import { startLinkServer, type LinkServer } from './link-server.mjs';

let server: LinkServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const fast: CheckOptions = { ...DEFAULT_CHECK_OPTIONS, allowPrivate: true, timeout: 1500, retries: 2, backoff: 20, deadline: 30_000 };
const byUrl = (results: LinkResult[]): Record<string, Omit<LinkResult, 'url' | 'attempts' | 'network'>> =>
  Object.fromEntries(results.map(({ url, attempts: _a, network: _n, ...rest }) => [url, rest]));

describe('link states against a real local server', () => {
  it('classifies every kind of answer', async () => {
    server = await startLinkServer();
    const b = server.base();
    const results = await checkLinks(
      ['/ok', '/404', '/410', '/redirect/3', '/perm', '/loop-a', '/head-refused', '/head-404', '/forbidden', '/always-500', '/flaky-500', '/reset', 'mailto:a@b.c', 'http://exa mple.com/'].map((p) => (p.startsWith('/') ? `${b}${p}` : p)),
      fast,
    );
    expect(byUrl(results)).toEqual({
      [`${b}/ok`]: { state: 'ok', status: 200 },
      [`${b}/404`]: { state: 'dead', status: 404 },
      [`${b}/410`]: { state: 'dead', status: 410 },
      [`${b}/redirect/3`]: { state: 'redirected', status: 200, finalUrl: `${b}/redirect/0`, permanent: false },
      [`${b}/perm`]: { state: 'redirected', status: 200, finalUrl: `${b}/ok`, permanent: true },
      [`${b}/loop-a`]: { state: 'unreachable', status: 302, finalUrl: `${b}/loop-a`, error: 'redirect loop' },
      [`${b}/head-refused`]: { state: 'ok', status: 200 },
      [`${b}/head-404`]: { state: 'ok', status: 200 },
      [`${b}/forbidden`]: { state: 'unreachable', status: 403, error: 'forbidden (403): often a bot wall, check by hand' },
      [`${b}/always-500`]: { state: 'unreachable', status: 500, error: 'server error (500) after retries' },
      [`${b}/flaky-500`]: { state: 'ok', status: 200 },
      [`${b}/reset`]: { state: 'unreachable', error: 'connection closed by the server' },
      'mailto:a@b.c': { state: 'skipped', error: 'mailto: link' },
      'http://exa mple.com/': { state: 'dead', error: 'malformed URL' },
    });
    // HEAD first; GET only where HEAD was refused or doubtful.
    const methods = (p: string): string[] => server!.requests.filter((r) => r.path === p).map((r) => r.method);
    expect(methods('/ok')).toEqual(['HEAD', 'HEAD']); // itself, and as the target of /perm
    expect(methods('/head-refused')).toEqual(['HEAD', 'GET']);
    expect(methods('/always-500')).toEqual(['HEAD', 'HEAD', 'HEAD']); // 1 + 2 retries
    expect(methods('/404')).toEqual(['HEAD', 'GET']); // a 404 to HEAD is confirmed with GET
  });

  it('follows at most 10 redirects', async () => {
    server = await startLinkServer();
    const [r] = await checkLinks([`${server.base()}/redirect/11`], fast);
    expect(r).toMatchObject({ state: 'unreachable', error: 'more than 10 redirects' });
  });

  it('cuts a hanging host off at the timeout, and does not wait for it', async () => {
    server = await startLinkServer();
    // The host never answers: without the timeout this would outlast the test's own limit.
    const [r] = await checkLinks([`${server.base()}/hang`], { ...fast, timeout: 300, retries: 1 });
    expect(r).toMatchObject({ state: 'unreachable', attempts: 2 });
    expect(r!.error).toMatch(/timed out/);
  });

  it('waits for Retry-After before asking the host again', async () => {
    server = await startLinkServer();
    const [r] = await checkLinks([`${server.base()}/429`], fast);
    expect(r).toMatchObject({ state: 'ok', status: 200, attempts: 2 });
    const times = server.requests.filter((q) => q.path === '/429').map((q) => q.at);
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(990);
  });

  it('holds every request to a rate-limited host until its Retry-After has passed', async () => {
    server = await startLinkServer();
    const b = server.base();
    await checkLinks([`${b}/429`, `${b}/slow?ms=10&a`, `${b}/slow?ms=10&b`], { ...fast, perHost: 1 });
    const first429 = server.requests.find((q) => q.path === '/429')!.at;
    const others = server.requests.filter((q) => q.path.startsWith('/slow')).map((q) => q.at);
    expect(others.every((t) => t >= first429 + 990)).toBe(true);
  });

  it('reports a 429 that persists as unreachable, never dead', async () => {
    server = await startLinkServer();
    const [r] = await checkLinks([`${server.base()}/always-429`], fast);
    expect(r).toMatchObject({ state: 'unreachable', status: 429, error: 'rate limited (429) after retries' });
  });

  it('never downloads a 50 MB body', async () => {
    server = await startLinkServer();
    const [r] = await checkLinks([`${server.base()}/big`], fast);
    expect(r).toMatchObject({ state: 'ok', status: 200 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.bigBytesSent).toBeLessThan(8 * 1024 * 1024);
  });

  it('keeps in-flight requests per host within the limit, measured at the server', async () => {
    server = await startLinkServer(['127.0.0.1', '127.0.0.2', '127.0.0.3']);
    const urls = ['127.0.0.1', '127.0.0.2', '127.0.0.3'].flatMap((a) => Array.from({ length: 12 }, (_, i) => `${server!.base(a)}/slow?ms=60&i=${i}`));
    const results = await checkLinks(urls, { ...fast, perHost: 3, concurrency: 100 });
    expect(results.every((r) => r.state === 'ok')).toBe(true);
    expect([...server.maxInFlight.values()]).toEqual([3, 3, 3]);
  });

  it('reuses keep-alive connections for HEAD requests', async () => {
    server = await startLinkServer(['127.0.0.1']);
    const urls = Array.from({ length: 30 }, (_, i) => `${server!.base()}/ok?i=${i}`);
    const results = await checkLinks(urls, { ...fast, perHost: 3 });
    expect(results.every((r) => r.state === 'ok')).toBe(true);
    expect(server.requests.filter((r) => r.method === 'HEAD')).toHaveLength(30);
    expect(server.connections).toBeLessThanOrEqual(3);
  });

  it('honours a per-host concurrency and minimum interval', async () => {
    server = await startLinkServer(['127.0.0.1']);
    const urls = Array.from({ length: 5 }, (_, i) => `${server!.base()}/ok?i=${i}`);
    await checkLinks(urls, { ...fast, perHost: 4, hosts: { '127.0.0.1': { concurrency: 1, minInterval: 100 } } });
    const times = server.requests.map((q) => q.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(95);
    expect(server.maxInFlight.get(server.base().slice(7))).toBe(1);
  });
});

describe('what an answer means, and whether to ask again (pure)', () => {
  const limits = { retries: 2, maxRetryAfter: 60_000 };
  it('shouldRetry: a reset is retried at once, other network errors after a backoff, final ones never', () => {
    expect(shouldRetry({ method: 'HEAD', attempt: 0, errorCode: 'ECONNRESET' }, limits)).toBe('now');
    expect(shouldRetry({ method: 'HEAD', attempt: 1, errorCode: 'ECONNRESET' }, limits)).toBe('backoff');
    expect(shouldRetry({ method: 'HEAD', attempt: 0, errorCode: 'ECONNREFUSED' }, limits)).toBe('backoff');
    expect(shouldRetry({ method: 'HEAD', attempt: 2, errorCode: 'ECONNREFUSED' }, limits)).toBe('fail');
    expect(shouldRetry({ method: 'HEAD', attempt: 0, errorCode: 'ENOTFOUND' }, limits)).toBe('fail');
    expect(shouldRetry({ method: 'HEAD', attempt: 0, answer: { status: 405 } }, limits)).toBe('get');
    expect(shouldRetry({ method: 'GET', attempt: 0, answer: { status: 404 } }, limits)).toBe('done');
    expect(shouldRetry({ method: 'HEAD', attempt: 0, answer: { status: 503 } }, limits)).toBe('backoff');
    expect(shouldRetry({ method: 'HEAD', attempt: 0, answer: { status: 429, retryAfter: 5_000 } }, limits)).toBe('gate');
    expect(shouldRetry({ method: 'HEAD', attempt: 0, answer: { status: 429, retryAfter: 120_000 } }, limits)).toBe('done');
    expect(shouldRetry({ method: 'HEAD', attempt: 2, answer: { status: 500 } }, limits)).toBe('done');
  });

  it('classify: answers and failures as states', () => {
    expect(classifyAnswer({ status: 200 }, 0, true, 'https://a.example/')).toEqual({ state: 'ok', status: 200 });
    expect(classifyAnswer({ status: 200 }, 2, false, 'https://b.example/')).toEqual({ state: 'redirected', status: 200, finalUrl: 'https://b.example/', permanent: false });
    expect(classifyAnswer({ status: 410 }, 0, true, 'https://a.example/')).toEqual({ state: 'dead', status: 410 });
    expect(classifyAnswer({ status: 403 }, 0, true, 'https://a.example/')).toEqual({ state: 'unreachable', status: 403, error: 'forbidden (403): often a bot wall, check by hand' });
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' });
    expect(classifyError(notFound, true, 'example.com')).toEqual({ state: 'dead', error: 'host name not found (DNS)', network: true });
    expect(classifyError(notFound, false, 'example.com').state).toBe('unreachable');
    expect(classifyError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), undefined, 'example.com')).toEqual({ state: 'unreachable', error: 'connection refused', network: true });
  });

  it('a connection reset is retried at once on a fresh connection, not after the backoff', async () => {
    server = await startLinkServer();
    // A backoff of 60 s: waiting it would outlast the test's own limit, so passing means no wait.
    const [r] = await checkLinks([`${server.base()}/flaky-reset`], { ...fast, backoff: 60_000, retries: 2 });
    expect(r).toMatchObject({ state: 'ok', attempts: 2 });
  });
});

describe('name resolution', () => {
  const notFound = (name: string) => Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });

  it('a host name that does not exist is dead when the resolver works, looked up once per run', async () => {
    const asked: string[] = [];
    const resolve = async (name: string) => {
      asked.push(name);
      if (name === 'example.com') return [{ address: '93.184.215.14', family: 4 }];
      throw notFound(name);
    };
    const results = await checkLinks(['http://gone.example/a', 'http://gone.example/b'], { ...fast, allowPrivate: false, resolve });
    expect(results.map((r) => [r.state, r.error])).toEqual([['dead', 'host name not found (DNS)'], ['dead', 'host name not found (DNS)']]);
    expect(asked).toEqual(['gone.example', 'example.com']); // the probe, once
  });

  it('without a working resolver, a name not found is no verdict: one host is enough to say offline', async () => {
    const asked: string[] = [];
    const resolve = async (name: string) => {
      asked.push(name);
      throw notFound(name);
    };
    const results = await checkLinks(['https://arxiv.org/abs/2402.07827', 'https://github.com/x/y'], { ...fast, allowPrivate: false, resolve });
    expect(results.map((r) => [r.state, r.noResolver])).toEqual([['unreachable', true], ['unreachable', true]]);
    expect(results[0]!.error).toBe('host name not found, and no name resolves (not even example.com): no DNS here');
    expect(asked.sort()).toEqual(['arxiv.org', 'example.com', 'github.com']);
    expect(isOffline(results)).toBe(true);
    expect(isOffline(results.slice(0, 1))).toBe(true);
  });

  it('once a host\'s name has not resolved, its other links get the same answer without waiting at its gate', async () => {
    const resolve = async (name: string) => {
      throw notFound(name);
    };
    // One request a second to arxiv.org, 30 links, a 3 s run deadline: waiting the gate for each
    // would leave most of them "not finished before the run deadline".
    const urls = Array.from({ length: 30 }, (_, i) => `https://arxiv.org/abs/2402.${String(10000 + i)}`);
    const results = await checkLinks(urls, { ...fast, allowPrivate: false, resolve, deadline: 3000, hosts: { 'arxiv.org': { concurrency: 1, minInterval: 1000 } } });
    expect(new Set(results.map((r) => `${r.state}: ${r.error}`))).toEqual(new Set(['unreachable: host name not found, and no name resolves (not even example.com): no DNS here']));
  });

  it('a public name that resolves to a private address is blocked before connecting', async () => {
    server = await startLinkServer();
    const port = new URL(server.base()).port;
    const resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    const [r] = await checkLinks([`http://innocent.example:${port}/ok`], { ...fast, allowPrivate: false, resolve });
    expect(r).toMatchObject({ state: 'blocked', error: 'innocent.example resolves to 127.0.0.1, a private or reserved address' });
    expect(server.requests).toEqual([]);
  });
});

describe('safety: private addresses', () => {
  it('classifies addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00:ec2::254', 'fe80::1', '::ffff:127.0.0.1', '224.0.0.1'])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '140.82.112.3', '2606:4700::6810:84e5']) expect(isPrivateAddress(a), a).toBe(false);
  });

  it('without allowPrivate the server receives no request at all, by IP or by name', async () => {
    server = await startLinkServer();
    const port = new URL(server.base()).port;
    const results = await checkLinks([`http://127.0.0.1:${port}/ok`, `http://localhost:${port}/ok`, `http://2130706433:${port}/ok`], { ...fast, allowPrivate: false });
    expect(results.map((r) => r.state)).toEqual(['blocked', 'blocked', 'blocked']);
    expect(results[1]!.error).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), a private or reserved address$/);
    expect(server.requests).toEqual([]);
  });
});

describe('Retry-After parsing', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('5')).toBe(5000);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('paperlist links (CLI)', () => {
  it('checks relative links and images against the repository\'s files, with no request, offline or not', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'img'), { recursive: true });
    await mkdir(join(dir, 'notes'), { recursive: true });
    await writeFile(join(dir, 'img', 'a b.png'), 'png');
    await writeFile(join(dir, 'notes', 'list.md'), '# Notes\n\n![figure](../img/a%20b.png)\n[missing](../docs/gone.md#part) and [same page](#notes)\n[escape](../../../etc/passwd)\n');
    const result = await runCli(['links', 'notes/list.md', '--root', dir, '--format', 'json'], dir);
    const report = JSON.parse(result.stdout);
    expect(report.links).toEqual([
      { url: './img/a b.png', state: 'ok', via: 'file', origins: [{ file: 'notes/list.md', line: 3 }] },
      { url: './docs/gone.md', state: 'dead', error: 'no such file in the repository', via: 'file', origins: [{ file: 'notes/list.md', line: 4 }] },
      { url: '../../etc/passwd', state: 'dead', error: 'the path leads out of the repository', via: 'file', origins: [{ file: 'notes/list.md', line: 5 }] },
    ]);
    expect(report.diagnostics.map((d: { line: number; message: string }) => `${d.line} ${d.message}`)).toEqual([
      '4 Missing file: docs/gone.md (no such file in the repository).',
      '5 Missing file: ../../etc/passwd (the path leads out of the repository).',
    ]);
    expect(result.code).toBe(1);
  });

  it('offline, the relative links are still judged and reported; the web links are not; exit 4', async () => {
    const dir = await tempDir();
    // Nothing listens on these loopback ports: three hosts that never answer, as offline.
    await writeFile(join(dir, 'list.md'), '- [a](http://127.0.0.5:9/x)\n- [b](http://127.0.0.6:9/y)\n- [c](http://127.0.0.7:9/z)\n- ![d](image/main.png)\n');
    const result = await runCli(['links', 'list.md', '--root', dir, '--allow-private', '--retries', '0', '--format', 'json'], dir);
    expect(result.code).toBe(4); // offline whatever else was found: a weekly job opens no issue from it
    expect(JSON.parse(result.stdout).links.map((l: { url: string; state: string }) => `${l.url} ${l.state}`)).toEqual(['./image/main.png dead']);
    expect(result.stderr).toContain('No web link was judged (the one relative link or image was)');
  });

  /** The test servers are on 127.0.0.1: links to them are allowed here, and the web is not asked. */
  const LOCAL_SETTINGS = 'rules:\n  hygiene/url-private: off\nlinks:\n  exclude: [https://]\n';

  async function repoWithLinks(urls: Record<string, string>): Promise<string> {
    const root = await gitFixture('lint-base');
    for (const [name, url] of Object.entries(urls)) {
      await writeFile(join(root, `entries/papers/${name}.yml`), `# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: ${name}\nauthors: A et al.\nyear: 2023\nlinks:\n  code: ${url}\nsections:\n  - sft\n`);
    }
    return root;
  }

  it('checks the links of an entry whose only schema error is an unknown field', async () => {
    server = await startLinkServer();
    const root = await gitFixture('lint-base');
    await writeFile(join(root, 'entries/papers/typo.yml'), `title: Typo\nauthors: A et al.\nyear: 2023\nlinks:\n  code: ${server.base()}/404\n  slides: ${server.base()}/ok\nsections:\n  - sft\n`);
    await writeFile(join(root, '.paperlist.yml'), `links:\n  exclude:\n    - https://\n`);
    const result = await runCli(['links', '--root', root, '--allow-private', '--format', 'json', '--timeout', '2000'], root);
    expect(JSON.parse(result.stdout).links.filter((l: { state: string }) => l.state !== 'skipped').map((l: { url: string; state: string; origins: Array<{ file: string; line: number }> }) => `${l.url} ${l.state} ${l.origins.map((o) => `${o.file}:${o.line}`).join(' ')}`)).toEqual([
      `${server.base()}/404 dead entries/papers/typo.yml:5`,
    ]);
    expect(result.code).toBe(1);
  });

  it('reports dead links at every origin, with JSON as in DESIGN.md, and exits 1', async () => {
    server = await startLinkServer();
    const b = server.base();
    const root = await gitFixture('lint-base');
    await writeFile(join(root, 'templates/README.md'), `# T\n\nSee [this](${b}/404#section) and [that](${b}/ok).\n\n<!-- paperlist:toc -->\n\n<!-- paperlist:group papers -->\n\n<!-- paperlist:group data -->\n`);
    // The fixture's own links are on the internet: excluded (a prefix and a pattern), never requested.
    await writeFile(join(root, '.paperlist.yml'), `links:\n  exclude:\n    - https://github.com/\n    - /^https:\\/\\/(arxiv|aclanthology|huggingface)\\./\n`);
    const result = await runCli(['links', '--root', root, '--allow-private', '--format', 'json', '--timeout', '2000'], root);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.links.filter((l: { url: string }) => l.url.startsWith(b))).toEqual([
      { url: `${b}/404`, state: 'dead', status: 404, via: 'http', origins: [{ file: 'templates/README.md', line: 3 }] },
      { url: `${b}/ok`, state: 'ok', status: 200, via: 'http', origins: [{ file: 'templates/README.md', line: 3 }] },
    ]);
    expect(report.links.find((l: { url: string }) => l.url === 'https://github.com/NJUNLP/Qalign')).toEqual({
      url: 'https://github.com/NJUNLP/Qalign', state: 'skipped', error: 'excluded by configuration',
      origins: [{ file: 'entries/papers/question-translation-training-for-better-multilingual.yml', line: 8 }],
    });
    expect(report.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([
      {
        file: 'templates/README.md', line: 3, column: 1, ruleId: 'links/dead', severity: 'error',
        message: `Dead link (404): ${b}/404.`,
        hint: "Find where the page moved (the paper's page, the Wayback Machine) and update the link, or remove it.",
        url: `${RULES_DOC}#links-dead`,
      },
    ]);
  });

  it('github format annotates each origin; markdown format gives a report', async () => {
    server = await startLinkServer();
    const b = server.base();
    const root = await repoWithLinks({ 'paper-one': `${b}/404`, 'paper-two': `${b}/perm` });
    await writeFile(join(root, '.paperlist.yml'), LOCAL_SETTINGS);
    const github = await runCli(['links', '--root', root, '--allow-private', '--format', 'github'], root);
    expect(github.stdout).toContain(`::error file=entries/papers/paper-one.yml,line=6,col=1,title=links/dead::Dead link (404): ${b}/404.`);
    expect(github.stdout).toContain(`::notice file=entries/papers/paper-two.yml,line=6,col=1,title=links/redirected::Moved permanently: ${b}/perm → ${b}/ok.%0AUpdate the link to ${b}/ok (in entries, \`npx paperlist links --fix\` does it and names the files to commit).`);
    const markdown = await runCli(['links', '--root', root, '--allow-private', '--format', 'markdown'], root);
    expect(markdown.stdout).toContain(`### Dead (1)\n\n| link | result | where |\n| --- | --- | --- |\n| \`${b}/404\` | \`404\` | \`entries/papers/paper-one.yml:6\` |\n`);
    expect(markdown.code).toBe(1);
  });

  it('--fix gives entries the new URL of a link that moved permanently, writes README.md again, and names the files to commit', async () => {
    server = await startLinkServer();
    const b = server.base();
    const root = await repoWithLinks({ 'paper-one': `${b}/ok`, 'paper-two': `${b}/perm`, 'paper-three': `${b}/redirect/1` });
    await writeFile(join(root, '.paperlist.yml'), LOCAL_SETTINGS);
    expect((await runCli(['generate', '--root', root], root)).code).toBe(0);
    // The report says what --fix will write: the permanent move's new URL is its expected value; a temporary one has none.
    const report = JSON.parse((await runCli(['links', '--root', root, '--allow-private', '--format', 'json'], root)).stdout) as { diagnostics: Array<{ file: string; ruleId: string; expected?: string[] }> };
    expect(report.diagnostics.filter((d) => d.ruleId === 'links/redirected' && d.file.startsWith('entries/')).map((d) => [d.file, d.expected])).toEqual([
      ['entries/papers/paper-three.yml', undefined], ['entries/papers/paper-two.yml', [`${b}/ok`]],
    ]);
    const fixed = await runCli(['links', '--fix', '--changes', 'changes.md', '--root', root, '--allow-private'], root);
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toContain(`fixed entries/papers/paper-two.yml: links.code: ${b}/perm → ${b}/ok\nCommit: entries/papers/paper-two.yml, README.md.\n`);
    expect(await readFile(join(root, 'changes.md'), 'utf8')).toBe(`### links --fix: 1 entry\n\n| entry | change | evidence |\n| --- | --- | --- |\n| \`entries/papers/paper-two.yml\` | \`links.code: ${b}/perm → ${b}/ok\` | \`${b}/perm redirects permanently (301 or 308) to ${b}/ok, which answers 200\` |\n\n`);
    expect(await readFile(join(root, 'entries/papers/paper-two.yml'), 'utf8')).toContain(`  code: ${b}/ok\n`);
    // A temporary redirect (302) is left as it is.
    expect(await readFile(join(root, 'entries/papers/paper-three.yml'), 'utf8')).toContain(`  code: ${b}/redirect/1\n`);
    expect(await readFile(join(root, 'README.md'), 'utf8')).not.toContain(`${b}/perm`);
    // What it wrote passes the gate, and a second run finds nothing to change.
    expect((await runCli(['lint', '--root', root], root)).code).toBe(0);
    expect((await runCli(['generate', '--check', '--root', root], root)).code).toBe(0);
    expect((await runCli(['links', '--fix', '--root', root, '--allow-private'], root)).stderr).toContain('--fix: no entry link moved permanently; nothing changed.\n');
    const files = await runCli(['links', 'README.md', '--fix', '--root', root], root);
    expect(files).toMatchObject({ code: 2, stderr: expect.stringContaining('--fix changes entries: it cannot be used with FILE.md arguments.') });
  });

  it('--fix writes nothing when the list with its change would have an error, and says no "Commit"', async () => {
    server = await startLinkServer();
    const b = server.base();
    const root = await repoWithLinks({ 'paper-two': `${b}/perm` });
    await writeFile(join(root, '.paperlist.yml'), LOCAL_SETTINGS);
    expect((await runCli(['generate', '--root', root], root)).code).toBe(0);
    // An error elsewhere in the list: a year before its arXiv id.
    await writeFile(join(root, 'entries/papers/too-early.yml'), '# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: Too Early\nauthors: A et al.\nyear: 2020\nvenue: arXiv\nlinks:\n  paper: https://arxiv.org/abs/2401.00001\nsections:\n  - sft\n');
    const entry = await readFile(join(root, 'entries/papers/paper-two.yml'), 'utf8');
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const fixed = await runCli(['links', '--fix', '--root', root, '--allow-private'], root);
    expect(fixed.code).toBe(1);
    expect(fixed.stderr).toContain('entries/papers/too-early.yml\n  4:7     error   Year 2020 is earlier than the arXiv id 2401.00001 allows (announced in January 2024, so first submitted in 2023 at the earliest).  mislabels/year-before-arxiv\n');
    expect(fixed.stderr).toContain('entries/papers/paper-two.yml\n  1:1     error   links --fix wrote nothing: with its change the list would have the errors reported.  write-gate\n');
    expect(fixed.stderr).not.toContain('Commit');
    expect(fixed.stderr).not.toContain('nothing changed');
    expect(await readFile(join(root, 'entries/papers/paper-two.yml'), 'utf8')).toBe(entry);
    expect(await readFile(join(root, 'README.md'), 'utf8')).toBe(readme);
  });

  it('keeps successes in the cache and checks failures again', async () => {
    server = await startLinkServer();
    const b = server.base();
    const root = await repoWithLinks({ 'paper-one': `${b}/ok`, 'paper-two': `${b}/404` });
    await writeFile(join(root, '.paperlist.yml'), LOCAL_SETTINGS);
    await runCli(['links', '--root', root, '--allow-private', '--cache', 'cache.json'], root);
    const cache = JSON.parse(await readFile(join(root, 'cache.json'), 'utf8'));
    expect(cache.version).toBe(1);
    expect(Object.keys(cache.links)).toEqual([`${b}/ok`]);
    const before = server.requests.length;
    const again = await runCli(['links', '--root', root, '--allow-private', '--cache', 'cache.json', '--format', 'json'], root);
    const after = server.requests.slice(before).map((r) => r.path);
    expect(after).toEqual(['/404', '/404']); // HEAD and the confirming GET; /ok came from the cache
    expect(JSON.parse(again.stdout).summary).toMatchObject({ cached: 1, checked: 1, ok: 1, dead: 1, offline: false });
  });

  it('a link cache is input: entries that fail its schema are dropped, a time in 2999 is taken as now, a link or another version is not read', async () => {
    const { LinkCache } = await import('../src/links/cache.js');
    const dir = await tempDir();
    const path = join(dir, 'cache.json');
    const now = Date.parse('2026-12-03T00:00:00.000Z');
    await writeFile(path, JSON.stringify({
      version: 1,
      links: {
        'https://example.org/forever': { state: 'ok', checkedAt: '2999-01-01T00:00:00.000Z' },
        'https://example.org/dead': { state: 'dead', checkedAt: '2026-12-01T00:00:00.000Z' },
        'https://example.org/moved': { state: 'redirected', finalUrl: 'https://user:secret@example.net/', checkedAt: '2026-12-01T00:00:00.000Z' },
        'https://example.org/odd': { state: 'ok', checkedAt: '2026-12-01T00:00:00.000Z', note: 'x' },
      },
    }));
    const ttl = 7 * 24 * 3600 * 1000;
    const opened = await LinkCache.open(path, ttl, now);
    expect(opened.warning).toBe('The link cache: 3 entries were dropped (links "https://example.org/dead": state must be equal to one of the allowed values, …); 1 time after now was taken as now. What was dropped is fetched again.');
    expect(opened.cache.get('https://example.org/dead', now)).toBeUndefined();
    expect(opened.cache.get('https://example.org/moved', now)).toBeUndefined();
    // Taken as checked now, so it expires with the time-to-live like any other.
    expect(opened.cache.get('https://example.org/forever', now)).toMatchObject({ state: 'ok' });
    expect(opened.cache.get('https://example.org/forever', now + ttl + 1)).toBeUndefined();

    await writeFile(path, JSON.stringify({ version: 2, links: {} }));
    expect((await LinkCache.open(path, ttl, now)).warning).toBe('The link cache was not read: /version must be equal to constant. Starting a new one.');
    const { symlink, rm } = await import('node:fs/promises');
    await rm(path);
    await symlink('/dev/zero', path);
    expect((await LinkCache.open(path, ttl, now)).warning).toBe('The link cache was not read: The file is a symbolic link; its target was not read. Starting a new one.');
  });

  it('deduplicates URLs before any request, keeping every origin', async () => {
    server = await startLinkServer();
    const b = server.base();
    const root = await repoWithLinks({ 'paper-one': `${b}/ok#a`, 'paper-two': `${b}/ok#b` });
    await writeFile(join(root, '.paperlist.yml'), LOCAL_SETTINGS);
    const result = await runCli(['links', '--root', root, '--allow-private', '--format', 'json'], root);
    expect(server.requests).toHaveLength(1);
    expect(JSON.parse(result.stdout).links.find((l: { url: string }) => l.url === `${b}/ok`).origins).toEqual([
      { file: 'entries/papers/paper-one.yml', line: 6 },
      { file: 'entries/papers/paper-two.yml', line: 6 },
    ]);
  });

  it('checks the links of Markdown files given as arguments', async () => {
    server = await startLinkServer();
    const b = server.base();
    const dir = await tempDir();
    await writeFile(join(dir, 'list.md'), `# A list\n\n- [one](${b}/ok)\n- [two](${b}/410)\n\n[ref]: ${b}/ok\n`);
    const result = await runCli(['links', 'list.md', '--root', dir, '--allow-private', '--format', 'json'], dir);
    expect(JSON.parse(result.stdout).links).toEqual([
      { url: `${b}/ok`, state: 'ok', status: 200, via: 'http', origins: [{ file: 'list.md', line: 3 }, { file: 'list.md', line: 6 }] },
      { url: `${b}/410`, state: 'dead', status: 410, via: 'http', origins: [{ file: 'list.md', line: 4 }] },
    ]);
    expect(result.code).toBe(1);
  });

  it('reports Markdown files it cannot read, too large or binary, and checks the others', async () => {
    server = await startLinkServer();
    const b = server.base();
    const dir = await tempDir();
    await writeFile(join(dir, 'good.md'), `- [one](${b}/ok)\n`);
    await writeFile(join(dir, 'binary.md'), Buffer.from([0x2d, 0x20, 0x00, 0x01]));
    await writeFile(join(dir, 'huge.md'), `- [x](${b}/never)\n`.padEnd(2 * 1024 * 1024 + 1, 'x'));
    const missing = await runCli(['links', 'missing.md', 'good.md', '--root', dir, '--allow-private'], dir);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^paperlist: links: there is no file missing\.md\.\nUsage: paperlist links /) });
    expect(server.requests).toEqual([]);
    const result = await runCli(['links', 'binary.md', 'huge.md', 'good.md', '--root', dir, '--allow-private', '--format', 'json'], dir);
    const report = JSON.parse(result.stdout);
    expect(report.diagnostics.map((d: { file: string; message: string; hint?: string }) => `${d.file}: ${d.message.replace(/'\/.*missing.md'/, "'missing.md'")} ${d.hint ?? ''}`.trim())).toEqual([
      'binary.md: The file has NUL bytes: it is not a Markdown text. Give the Markdown files whose links are to be checked.',
      'huge.md: The file is 2097153 bytes; files over 2097152 bytes are not read. Split it, and check the parts one by one or together.',
    ]);
    expect(report.links).toEqual([{ url: `${b}/ok`, state: 'ok', status: 200, via: 'http', origins: [{ file: 'good.md', line: 1 }] }]);
    expect(server.requests.map((r) => r.path)).toEqual(['/ok']);
    expect(result.code).toBe(1);
  });

  it('says the machine is offline (exit 4) instead of reporting every link dead', async () => {
    // Three hosts, none answering at all (nothing listens on these loopback ports).
    const dir = await tempDir();
    await writeFile(join(dir, 'list.md'), '- [a](http://127.0.0.5:9/x)\n- [b](http://127.0.0.6:9/y)\n- [c](http://127.0.0.7:9/z)\n');
    const result = await runCli(['links', 'list.md', '--root', dir, '--allow-private', '--retries', '0'], dir);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('this machine looks offline');
    expect(result.stdout).toBe('');
    // A script asking for JSON still gets one document, which says so.
    const json = await runCli(['links', 'list.md', '--root', dir, '--allow-private', '--retries', '0', '--format', 'json'], dir);
    expect(json.code).toBe(4);
    expect(JSON.parse(json.stdout)).toMatchObject({ summary: { links: 0, offline: true }, links: [], diagnostics: [] });
  });

  it('rejects bad numbers with exit 2', async () => {
    const result = await runCli(['links', '--per-host', '0'], await tempDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--per-host takes a whole number of at least 1.');
  });
});

describe('progress', () => {
  it('draws done/total, rate and ETA on a TTY only', () => {
    const writes: string[] = [];
    const tty = { isTTY: true, write: (s: string) => writes.push(s) } as unknown as NodeJS.WritableStream & { isTTY: boolean };
    const p = new Progress(4, tty);
    expect(p.line(Date.now())).toMatch(/^\[ {24}\] 0\/4 links {2}0\.0\/s {2}ETA 0:00$/);
    p.tick();
    expect(writes[0]).toMatch(/^\r\[={6} {18}\] 1\/4 links/);
    const silent: string[] = [];
    const pipe = { isTTY: false, write: (s: string) => silent.push(s) } as unknown as NodeJS.WritableStream;
    const q = new Progress(4, pipe);
    q.tick();
    q.finish();
    expect(silent).toEqual([]);
  });

  it('grows its total while sources are still being read', () => {
    const writes: string[] = [];
    const tty = { isTTY: true, write: (s: string) => writes.push(s) } as unknown as NodeJS.WritableStream & { isTTY: boolean };
    const p = new Progress(0, tty);
    p.queue();
    p.queue(2);
    p.tick();
    expect(writes[0]).toMatch(/^\r\[={8} {16}\] 1\/3 links/);
  });
});

describe('Markdown sources', () => {
  it('parsing in chunks finds exactly the links of a whole parse, with the same lines', async () => {
    const { readFile: read } = await import('node:fs/promises');
    const { parseMarkdown } = await import('../src/markdown/parse.js');
    const { LinkCollector, localTarget } = await import('../src/links/collector.js');
    // A link as the collector keys it: a web URL without its fragment, a relative one as a path from the root.
    const key = (url: string): string | undefined => (/^[a-z][a-z0-9+.-]*:/i.test(url) ? url.replace(/#.*$/, '') : localTarget(url, ''));
    const { markdownLinks } = await import('../src/links/markdown-links.js');
    const { markdownChunks } = await import('../src/markdown/chunks.js');
    const { chunkLinks } = await import('../src/links/markdown-links.js');
    const upstream = await read(join(import.meta.dirname, 'fixtures/upstream/README.md'), 'utf8');
    const tricky = ['# T', '', '- [a](https://a.example/1)', '- [b](https://a.example/2)', '```', '- [not a link in code](https://code.example/)', '```', '- [c](https://a.example/3)', '  continued [d](https://a.example/4)', '', '[ref]: https://ref.example/', '- [e][ref]', '1. [f](https://a.example/5)', '2. [g](https://a.example/6)'].join('\n');
    // Where a cut would change the parse: HTML blocks (one ending at a blank line, a comment and a
    // <pre> spanning blank lines), a fence with an info string inside a fence; and items of two
    // kinds in a row (2. after -), between which the chunker does not cut: CommonMark forbids an
    // ordered list that starts at 2 from interrupting a paragraph, so it could be a lazy line.
    const html = ['- [a](https://a.example/1)', '- [a](https://a.example/1b)', '<details>', '- [in html](https://html.example/1)', '- [in html](https://html.example/2)', '', '- [b](https://a.example/2)', '- [b](https://a.example/2b)', '<!--', '- [c](https://comment.example/1)', '', '- [d](https://comment.example/2)', '-->', '- [e](https://a.example/3)', '- [e](https://a.example/3b)', '<pre>', '- [f](https://pre.example/)', '', '- [g](https://pre.example/2)', '</pre>', '- [h](https://a.example/4)', '- [h](https://a.example/4b)'].join('\n');
    const fences = ['- [a](https://a.example/1)', '````', '- [x](https://code.example/1)', '```js', '- [y](https://code.example/2)', '````', '- [b](https://a.example/2)'].join('\n');
    const lazy = ['- [a', '2. b](https://lazy.example/)', '- [c](https://a.example/1)', '- [d', '- e](https://not.example/)'].join('\n');
    // Prose: cut before a line at the margin after a blank line, never before an indented one
    // (a list item's continuation, or indented code, whose link is no link).
    const prose = ['Intro [a](https://p.example/1).', '', 'Second paragraph [b](https://p.example/2)', 'continues [c](https://p.example/3).', '', '- item [d](https://p.example/4)', '', '    still the item [e](https://p.example/5)', '', '    more of the item', '', 'After [f](https://p.example/6)', '', '    indented code [g](https://code.example/)', '', '> quote [h](https://p.example/7)', '', '> quote again [i](https://p.example/8)'].join('\n');
    for (const text of [upstream, tricky, html, fences, lazy, prose, Array.from({ length: 1000 }, (_, i) => `- [x](https://h${i % 7}.example/${i})`).join('\n')]) {
      const whole: string[] = [];
      const visit = (node: { type: string; url?: string; position?: { start: { line: number } }; children?: unknown[] }): void => {
        const found = (node.type === 'link' || node.type === 'definition' || node.type === 'image') && node.url ? key(node.url) : undefined;
        if (found) whole.push(`${node.position!.start.line} ${found}`);
        for (const c of node.children ?? []) visit(c as never);
      };
      visit(parseMarkdown(text) as never);
      const collector = new LinkCollector();
      markdownLinks(text, 'f', collector);
      const chunked = collector.sources().flatMap((s) => s.origins.map((o) => `${o.line} ${s.url}`));
      const expected = [...new Set(whole)].sort();
      expect(chunked.sort()).toEqual(expected);
      // Cut wherever a cut is allowed: still the same links on the same lines.
      const finest = markdownChunks(text, 1).flatMap((c) => chunkLinks(c).flatMap((l) => (key(l.url) ? [`${l.line} ${key(l.url)}`] : [])));
      expect([...new Set(finest)].sort()).toEqual(expected);
    }
    expect(markdownChunks(html, 1).map((c) => c.firstLine)).toEqual([1, 2, 7, 8, 15, 22]);
    expect(markdownChunks(prose, 1).map((c) => c.firstLine)).toEqual([1, 3, 6, 12, 16, 18]);
    expect(chunkLinks({ text: prose, firstLine: 1 }).map((l) => l.line)).toEqual([1, 3, 4, 6, 8, 12, 16, 18]);
    expect(markdownChunks(lazy, 1).map((c) => c.firstLine)).toEqual([1, 4, 5]);
    // 25 lines, then doubling up to 100: 25 + 50 + 100 × 9 + 25.
    expect(markdownChunks(Array.from({ length: 1000 }, (_, i) => `- [x](https://h.example/${i})`).join('\n')).map((c) => c.firstLine)).toEqual([1, 26, 76, 176, 276, 376, 476, 576, 676, 776, 876, 976]);
  });

  it('a parse worker yields the same links, lines and order as this thread, and a failed one loses nothing', async () => {
    const { startMarkdownReader } = await import('../src/links/markdown-reader.js');
    const texts = [
      { file: 'a.md', text: Array.from({ length: 700 }, (_, i) => `- [x](https://h${i % 7}.example/${i}) and [y](https://y.example/${i % 3})`).join('\n') },
      { file: 'b.md', text: '# B\n\nSee [z](https://z.example/) and <https://auto.example/>.\n' },
    ];
    const read = async (options: Parameters<typeof startMarkdownReader>[1]): Promise<string[]> => {
      const reader = startMarkdownReader(texts, options);
      expect(reader.threaded).toBe(options?.workerThreshold === 0);
      const out: string[] = [];
      for await (const { file, links } of reader) out.push(...links.map((l) => `${file}:${l.line} ${l.url}`));
      return out;
    };
    const here = await read({ workerThreshold: Infinity });
    expect(here).toHaveLength(1402);
    expect(here.slice(0, 2)).toEqual(['a.md:1 https://h0.example/0', 'a.md:1 https://y.example/0']);
    expect(here.slice(-2)).toEqual(['b.md:3 https://z.example/', 'b.md:3 https://auto.example/']);
    // The compiled worker (npm test builds first), and one that dies at once: the same answer.
    const compiled = new URL('../dist/links/markdown-worker.js', import.meta.url);
    expect(await read({ workerThreshold: 0, workerUrl: compiled })).toEqual(here);
    const dying = new URL('./fixtures/dying-worker.mjs', import.meta.url);
    expect(await read({ workerThreshold: 0, workerUrl: dying })).toEqual(here);
  });
});

describe('hostile URLs', () => {
  it('sends the request line, Host, a User-Agent and nothing else: no credentials, no fragment', async () => {
    const seen: string[] = [];
    const { createServer } = await import('node:http');
    const spy = createServer((req, res) => {
      const names = req.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
      seen.push(`${req.method} ${req.url} ${names.join(' ')} | ${req.headers['user-agent']}`);
      res.end();
    });
    await new Promise<void>((resolve) => spy.listen(0, '127.0.0.1', () => resolve()));
    const port = (spy.address() as { port: number }).port;
    const [r] = await checkLinks([`http://user:secret@127.0.0.1:${port}/x?q=1#frag`], fast);
    await new Promise<void>((resolve) => spy.close(() => resolve()));
    expect(r!.state).toBe('ok');
    // connection: keep-alive is HTTP/1.1 framing that undici adds, not information about us.
    expect(seen).toEqual([`HEAD /x?q=1 host connection user-agent | ${DEFAULT_CHECK_OPTIONS.userAgent}`]);
  });
});

describe('the links report as an issue body (weekly job)', () => {
  const dead = (url: string, error: string): CheckedLink => ({ url, state: 'dead', error, origins: [{ file: 'entries/papers/x.yml', line: 6 }] }) as CheckedLink;

  it('escapes every cell: no link, image, mention, HTML or column comes out of a URL or an error', () => {
    const report = linksMarkdown([
      dead('https://example.org/a>![x](https://evil.example/p.png)', 'redirected to <img src=x> @octocat | [click](https://evil.example) `code`'),
    ]);
    const row = report.split('\n').find((l) => l.startsWith('| `'))!;
    expect(row).toBe('| `https://example.org/a>![x](https://evil.example/p.png)` | `` redirected to <img src=x> @octocat \\| [click](https://evil.example) `code` `` | `entries/papers/x.yml:6` |');
  });

  it('stays within --max-chars (an issue body holds 65,536 characters), leaving whole rows out and saying so', () => {
    const links = Array.from({ length: 50 }, (_, i) => dead(`https://example.org/${i}`, 'h'.repeat(15_000)));
    const report = linksMarkdown(links, 'Link check', 60_000);
    expect(report.length).toBeLessThanOrEqual(60_000);
    expect(report.endsWith("more rows left out to keep this within 60000 characters: the whole report is the run's `links-report` artifact.*\n")).toBe(true);
    expect(report).toContain('| `https://example.org/0` |');
    expect(linksMarkdown(links).length).toBeGreaterThan(700_000);
  });
});
