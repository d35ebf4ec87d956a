// Link checker benchmark (issue: 2,000 links, ≈1,700 unique, over 20 hosts, 50 ms per response,
// 429s, redirects and slow links mixed in, per-host limit 6). Runs paperlist and linkinator as
// whole processes against the same local server, in alternating rounds, and reports the median
// wall time against the lower bounds, the check phase as the server saw it, peak RSS, and
// whether every dead link was found without false positives.
// Then the API paths of issue 13 (scripts/bench-arxiv-links.mjs), with as many rounds.
// Usage: npm run bench:links [-- ROUNDS]   (default 3 rounds)
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLinkServer } from '../tests/link-server.mjs';
import { calibrate } from './calibrate.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LATENCY = 50;
const PER_HOST = 6;
const RETRY_AFTER = 1000;
const ROUNDS = Number(process.argv[2] ?? 3);
const HOSTS = Array.from({ length: 20 }, (_, i) => `127.0.0.${10 + i}`);

calibrate();
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
await writeFile(join(dir, 'links.md'), all.map((u, i) => `- [link ${i}](${u})`).join('\n') + '\n');
const deadPlanned = [...plan.values()].filter((k) => k === '404').length;

function run(command, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    execFile('/usr/bin/time', ['-f', '%M', command, ...args], { cwd: dir, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const rssKb = Number(stderr.trim().split('\n').at(-1));
      resolve({ started, seconds: (Date.now() - started) / 1000, rssMb: rssKb / 1024, stdout, code: error?.code ?? 0 });
    });
  });
}

/**
 * Lower bounds from the plan, the same for both tools. A link needs one request, a 404 two (HEAD,
 * then the GET that confirms it: servers that mishandle HEAD exist), a redirect chain three, a slow
 * page 300 ms more, a rate-limited one two (the 429 and the retry). The issue's bound: the most
 * loaded host's work over its PER_HOST slots, or the longest chain one link needs (429,
 * Retry-After, retry), whichever is longer. A host that answers 429 may get no request during its
 * Retry-After (the same issue's rule), which counts from the answer: from the moment the request
 * that opens the server's window arrives until Retry-After after its answer (LATENCY +
 * RETRY_AFTER), any other request to that host is wasted, so its other slots sit that stretch out.
 * The Retry-After-aware bound adds it to that host's work, less the 429 request itself (already in
 * the work, and the one thing the host does meanwhile).
 */
function lowerBounds() {
  const cost = { ok: [1, 0], 404: [2, 0], redirect: [3, 0], slow: [1, 300], 429: [2, 0] };
  const work = new Map();
  const limited = new Set();
  for (const [url, kind] of plan) {
    const host = new URL(url).host;
    const [requests, extra] = cost[kind];
    work.set(host, (work.get(host) ?? 0) + requests * LATENCY + extra);
    if (kind === '429') limited.add(host);
  }
  const chain = (LATENCY + RETRY_AFTER + LATENCY) / 1000;
  const issue = Math.max(Math.max(...work.values()) / PER_HOST / 1000, chain);
  const hostBound = (host, ms) => (limited.has(host) ? (ms - LATENCY) / PER_HOST + LATENCY + RETRY_AFTER : ms / PER_HOST) / 1000;
  const aware = Math.max(...[...work].map(([host, ms]) => hostBound(host, ms)), chain);
  return { issue, aware };
}
const { issue, aware } = lowerBounds();

function accuracy(states) {
  let deadFound = 0;
  let falseAlarms = 0;
  for (const [url, kind] of plan) {
    const state = states.get(url);
    if (kind === '404') deadFound += state === 'dead' ? 1 : 0;
    else if (state === 'dead' || state === undefined) falseAlarms++;
  }
  return { deadFound, falseAlarms };
}

/** One run of a tool against a fresh server state, with what the server saw. */
async function measure(command, args, statesOf) {
  server.reset();
  const result = await run(command, args);
  const requests = server.requests;
  let states = new Map();
  try {
    states = statesOf(result.stdout);
  } catch {
    console.log(`  ${command} output could not be read`);
  }
  const first = Math.min(...requests.map((r) => r.at));
  const last = Math.max(...requests.map((r) => r.done ?? r.at));
  return {
    seconds: result.seconds,
    rssMb: result.rssMb,
    firstRequest: (first - result.started) / 1000,
    checkPhase: (last - first) / 1000,
    requests: requests.length,
    connections: server.connections,
    peak: Math.max(0, ...server.maxInFlight.values()),
    ...accuracy(states),
  };
}

const ours = () =>
  measure(process.execPath, [join(ROOT, 'bin/paperlist.js'), 'links', 'links.md', '--root', dir, '--allow-private', '--per-host', String(PER_HOST), '--concurrency', String(PER_HOST * HOSTS.length), '--format', 'json'], (stdout) => new Map(JSON.parse(stdout).links.map((l) => [l.url, l.state])));
const theirs = () =>
  measure(process.execPath, [join(ROOT, 'node_modules/linkinator/build/src/cli.js'), 'links.md', '--markdown', '--format', 'json', '--concurrency', String(PER_HOST * HOSTS.length), '--timeout', '15000', '--retry'], (stdout) => new Map(JSON.parse(stdout).links.map((l) => [l.url, l.state === 'BROKEN' ? 'dead' : l.state === 'OK' ? 'ok' : 'skipped'])));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const line = (name, m) =>
  `  ${name.padEnd(10)} ${m.seconds.toFixed(2)} s, first request at ${m.firstRequest.toFixed(2)} s, check phase ${m.checkPhase.toFixed(2)} s, RSS ${m.rssMb.toFixed(0)} MB, ${m.requests} requests on ${m.connections} connections, max ${m.peak} in flight per host, dead found ${m.deadFound}/${deadPlanned}, false alarms ${m.falseAlarms}`;

console.log(`${all.length} links, ${unique.length} unique, ${HOSTS.length} hosts, ${LATENCY} ms per response, ${deadPlanned} dead, per-host limit ${PER_HOST}, ${ROUNDS} rounds`);
const rounds = { paperlist: [], linkinator: [] };
// No process can answer before Node itself has started: its start, measured the same way in each
// round, is part of a whole run's floor.
const nodeStarts = [];
for (let round = 1; round <= ROUNDS; round++) {
  nodeStarts.push((await run(process.execPath, ['-e', '0'])).seconds);
  console.log(`round ${round} (Node's own start ${nodeStarts.at(-1).toFixed(2)} s)`);
  const a = await ours();
  rounds.paperlist.push(a);
  console.log(line('paperlist', a));
  const b = await theirs();
  rounds.linkinator.push(b);
  console.log(line('linkinator', b));
}

const nodeStart = median(nodeStarts);
const floor = aware + nodeStart;
const summary = (name, runs) => {
  const m = (key) => median(runs.map((r) => r[key]));
  const wall = m('seconds');
  const check = m('checkPhase');
  console.log(
    `${name.padEnd(10)} median ${wall.toFixed(2)} s: ${(wall / floor).toFixed(2)}× the whole-process floor (${floor.toFixed(2)} s: the Retry-After-aware bound ${aware.toFixed(2)} s + Node's start ${nodeStart.toFixed(2)} s; target ≤ 1.25×), ` +
      `${(wall / aware).toFixed(2)}× the aware bound alone, ${(wall / issue).toFixed(2)}× the issue's bound (${issue.toFixed(2)} s); ` +
      `check phase ${check.toFixed(2)} s (${(check / aware).toFixed(2)}× aware); peak RSS ${Math.max(...runs.map((r) => r.rssMb)).toFixed(0)} MB (target < 150); ` +
      `dead found ${Math.min(...runs.map((r) => r.deadFound))}/${deadPlanned} in every round, false alarms ${Math.max(...runs.map((r) => r.falseAlarms))}, max ${Math.max(...runs.map((r) => r.peak))} in flight per host`,
  );
};
console.log('summary');
summary('paperlist', rounds.paperlist);
summary('linkinator', rounds.linkinator);

await server.close();
await rm(dir, { recursive: true, force: true });

// The API paths (issue 13): arXiv links through a replayed arXiv API, repositories through a
// replayed GitHub GraphQL endpoint, the whole command as a process.
console.log('API paths');
await new Promise((resolve) => {
  const child = execFile(process.execPath, [join(ROOT, 'scripts/bench-arxiv-links.mjs'), String(ROUNDS)], (error) => resolve(error));
  child.stdout.pipe(process.stdout);
  child.stderr.pipe(process.stderr);
});
