// Bench for the API paths of `links` (issue 13), the whole command as a process: 100 arXiv links
// against a local server replaying the arXiv API's Atom feed at arXiv's own spacing (one request
// every 3 s), and 80 GitHub repository links against a local GraphQL endpoint in GitHub's format.
// Target: the arXiv links in ≤ 3 API requests and ≤ 10 s, against ≥ 100 s for one page request a
// second (this repository's arxiv.org setting). Usage: npm run bench:arxiv-links [-- ROUNDS]
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = Number(process.argv[2] ?? 3);
// The replayed feed: the fixture's first entry (the API's real format), once per id asked for.
const fixture = await readFile(join(ROOT, 'tests/fixtures/verify/arxiv-feed.xml'), 'utf8');
const entry = /<entry>[\s\S]*?<\/entry>/.exec(fixture)[0];
const feedFor = (ids) => fixture.replace(/<entry>[\s\S]*<\/entry>/, ids.map((id) => entry.replaceAll('2310.06825', id)).join('\n  '));
const config = await readFile(join(ROOT, '.paperlist.yml'), 'utf8');
const perPage = Number(/arxiv\.org:\s*\n\s*concurrency: \d+\s*\n\s*minInterval: (\d+)/.exec(config)?.[1] ?? 1000);

const counts = { arxiv: 0, github: 0 };
const server = createServer((req, res) => {
  if (req.url?.startsWith('/api/query')) {
    counts.arxiv++;
    const ids = new URL(req.url, 'http://x').searchParams.get('id_list').split(',');
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(feedFor(ids)), 200); // a slow-ish API
    return;
  }
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    counts.github++;
    const { variables } = JSON.parse(body);
    const data = {};
    for (let i = 0; variables[`o${i}`] !== undefined; i++) {
      const nameWithOwner = `${variables[`o${i}`]}/${variables[`n${i}`]}`;
      data[`r${i}`] = { nameWithOwner, url: `https://github.com/${nameWithOwner}`, isArchived: i % 10 === 0 };
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': '1796100000' }).end(JSON.stringify({ data }));
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const dir = await mkdtemp(join(tmpdir(), 'paperlist-bench-api-links-'));
const arxiv = Array.from({ length: 100 }, (_, i) => `https://arxiv.org/abs/2401.${String(10000 + i)}`);
const github = Array.from({ length: 80 }, (_, i) => `https://github.com/owner-${i}/repo-${i}`);
await writeFile(join(dir, 'list.md'), [...arxiv, ...github].map((u, i) => `- [link ${i}](${u})`).join('\n') + '\n');
await writeFile(join(dir, '.paperlist.yml'), config);

const run = () =>
  new Promise((resolve) => {
    const started = Date.now();
    execFile(process.execPath, [join(ROOT, 'bin/paperlist.js'), 'links', 'list.md', '--arxiv-api', `${base}/api/query`, '--github-api', `${base}/graphql`, '--format', 'json'],
      { cwd: dir, env: { ...process.env, GITHUB_TOKEN: 'bench-token' }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
        resolve({ seconds: (Date.now() - started) / 1000, code: error?.code ?? 0, links: JSON.parse(stdout).links });
      });
  });

const seconds = [];
for (let round = 1; round <= ROUNDS; round++) {
  counts.arxiv = counts.github = 0;
  const { seconds: s, code, links } = await run();
  seconds.push(s);
  const via = (name) => links.filter((l) => l.via === name && l.state === 'ok').length;
  console.log(`round ${round}: ${s.toFixed(2)} s, exit ${code}; arXiv: ${counts.arxiv} API requests, ${via('arxiv-api')}/100 answered; GitHub: ${counts.github} queries, ${via('github-api')}/80 answered, ${links.filter((l) => l.archived).length} archived`);
}
const median = seconds.sort((a, b) => a - b)[Math.floor(seconds.length / 2)];
const baseline = (arxiv.length * perPage) / 1000;
console.log(`median ${median.toFixed(2)} s for 100 arXiv links (target ≤ 10 s: ${median <= 10 ? 'ok' : 'MISSED'}) and 80 repositories; last round ${counts.arxiv} arXiv API requests (target ≤ 3: ${counts.arxiv <= 3 ? 'ok' : 'MISSED'}); one page a second (arxiv.org minInterval ${perPage} ms) would take ≥ ${baseline.toFixed(0)} s`);
server.close();
await rm(dir, { recursive: true, force: true });
