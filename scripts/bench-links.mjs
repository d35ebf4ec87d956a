// Link checker benchmark (issue: 2,000 links, ≈1,700 unique, over 20 hosts, 50 ms per response,
// 429s, redirects and slow links mixed in, per-host limit 6). Runs paperlist and linkinator as
// whole processes against the same local server and reports wall time against the lower bound,
// peak RSS, and whether every dead link was found without false positives.
// Usage: npm run bench:links
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLinkServer } from '../tests/link-server.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LATENCY = 50;
const PER_HOST = 6;
const HOSTS = Array.from({ length: 20 }, (_, i) => `127.0.0.${10 + i}`);

const server = await startLinkServer(HOSTS, LATENCY);
const dir = await mkdtemp(join(tmpdir(), 'paperlist-bench-links-'));

// The plan: what each unique link is. Links go round the hosts; the k-th link of each host has
// the same kind everywhere, so every host has the same mix: 404s, redirect chains, slow pages,
// and on a quarter of the hosts one rate-limited page (host-wide 429 with Retry-After: 1).
const plan = new Map(); // url → kind
for (let i = 0; plan.size < 1700; i++) {
  const h = i % HOSTS.length;
  const k = Math.floor(i / HOSTS.length);
  const base = server.base(HOSTS[h]);
  const kind = k === 10 && h % 4 === 0 ? '429' : k % 25 === 1 ? '404' : k % 20 === 2 ? 'redirect' : k % 30 === 3 ? 'slow' : 'ok';
  const path = { 429: `/429?i=${i}`, 404: `/404?i=${i}`, redirect: `/redirect/2?i=${i}`, slow: `/slow?ms=300&i=${i}`, ok: `/ok?i=${i}` }[kind];
  plan.set(`${base}${path}`, kind);
}
// 2,000 links in all: 300 repeats of earlier ones (the same paper under two sections).
const unique = [...plan.keys()];
const all = [...unique, ...unique.slice(0, 300)];
const markdown = all.map((u, i) => `- [link ${i}](${u})`).join('\n') + '\n';
await writeFile(join(dir, 'links.md'), markdown);

function run(command, args) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = execFile('/usr/bin/time', ['-f', '%M', command, ...args], { cwd: dir, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const rssKb = Number(stderr.trim().split('\n').at(-1));
      resolve({ seconds, rssMb: rssKb / 1024, stdout, code: error?.code ?? 0 });
    });
    child.stdin?.end();
  });
}

/**
 * The issue's lower bound: the most loaded host's service time over its PER_HOST slots, or the
 * longest chain of requests one link needs (a 429, the Retry-After second, the retry), whichever
 * is longer. A host that answers 429 can do nothing during its Retry-After, so for such a host the
 * least possible time is that second plus its work: reported too, as the rate-limit-aware bound.
 */
function lowerBounds(requests) {
  const work = new Map();
  for (const r of requests) {
    const extra = r.path.startsWith('/slow') ? 300 : 0;
    work.set(r.host, (work.get(r.host) ?? 0) + LATENCY + extra);
  }
  const limited = new Set(requests.filter((r) => r.path.startsWith('/429')).map((r) => r.host));
  const chain = (LATENCY + 1000 + LATENCY) / 1000;
  const issue = Math.max(Math.max(...work.values()) / PER_HOST / 1000, chain);
  const aware = Math.max(...[...work].map(([host, ms]) => ms / PER_HOST / 1000 + (limited.has(host) ? 1 : 0)), chain);
  return { issue, aware };
}

function accuracy(states) {
  let deadFound = 0;
  let deadMissed = 0;
  let falseAlarms = 0;
  for (const [url, kind] of plan) {
    const state = states.get(url);
    if (kind === '404') state === 'dead' ? deadFound++ : deadMissed++;
    else if (state === 'dead' || state === undefined) falseAlarms++;
  }
  return { deadFound, deadMissed, falseAlarms };
}

const deadPlanned = [...plan.values()].filter((k) => k === '404').length;
console.log(`${all.length} links, ${unique.length} unique, ${HOSTS.length} hosts, ${LATENCY} ms per response, ${deadPlanned} dead`);

// paperlist
server.requests.length = 0;
const ours = await run(process.execPath, [join(ROOT, 'bin/paperlist.js'), 'links', 'links.md', '--root', dir, '--allow-private', '--per-host', String(PER_HOST), '--concurrency', String(PER_HOST * HOSTS.length), '--format', 'json']);
const bounds = lowerBounds(server.requests);
const report = JSON.parse(ours.stdout);
const ourStates = new Map(report.links.map((l) => [l.url, l.state]));
const ourAccuracy = accuracy(ourStates);
const peak = Math.max(...server.maxInFlight.values());
console.log(`paperlist   ${ours.seconds.toFixed(2)} s (lower bound ${bounds.issue.toFixed(2)} s: ${(ours.seconds / bounds.issue).toFixed(2)}× [target ≤ 1.25×]; with the Retry-After second on rate-limited hosts ${bounds.aware.toFixed(2)} s: ${(ours.seconds / bounds.aware).toFixed(2)}×), peak RSS ${ours.rssMb.toFixed(0)} MB (target < 150), ${server.requests.length} requests, max ${peak} in flight per host; dead found ${ourAccuracy.deadFound}/${deadPlanned}, false alarms ${ourAccuracy.falseAlarms}`);

// linkinator, same file, same server
server.requests.length = 0;
server.maxInFlight.clear();
const theirs = await run(process.execPath, [join(ROOT, 'node_modules/linkinator/build/src/cli.js'), 'links.md', '--markdown', '--format', 'json', '--concurrency', String(PER_HOST * HOSTS.length), '--timeout', '15000', '--retry']);
let theirStates = new Map();
try {
  const data = JSON.parse(theirs.stdout);
  theirStates = new Map(data.links.map((l) => [l.url, l.state === 'BROKEN' ? 'dead' : l.state === 'OK' ? 'ok' : 'skipped']));
} catch {
  console.log('linkinator output could not be read');
}
const theirAccuracy = accuracy(theirStates);
const theirPeak = Math.max(0, ...server.maxInFlight.values());
console.log(`linkinator  ${theirs.seconds.toFixed(2)} s, peak RSS ${theirs.rssMb.toFixed(0)} MB, ${server.requests.length} requests, max ${theirPeak} in flight per host; dead found ${theirAccuracy.deadFound}/${deadPlanned}, false alarms ${theirAccuracy.falseAlarms}`);

await server.close();
await rm(dir, { recursive: true, force: true });
