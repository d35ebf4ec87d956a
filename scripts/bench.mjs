// Benchmarks, as whole processes (what a user or CI waits for). Targets from the issues:
//   generate, 10,000 papers: ≤ 3 s     lint, 10,000 entries: ≤ 3 s, and 10× the entries ≤ 12× the time
//   import of the upstream README: < 1 s
// Usage: npm run bench [-- generate|lint|import ...]
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calibrate } from './calibrate.mjs';
import { makeRepo } from './synth.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/paperlist.js');

/** Median wall time of `runs` runs of the CLI, in seconds. */
function time(args, runs = 3) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    try {
      execFileSync(process.execPath, [BIN, ...args], { stdio: 'ignore' });
    } catch (error) {
      if (error.status !== 1) throw error; // 1 = problems found: still a complete run
    }
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

const report = (name, seconds, target) =>
  console.log(`${name.padEnd(44)} ${seconds.toFixed(2).padStart(6)} s${target ? `   (target ≤ ${target} s: ${seconds <= target ? 'ok' : 'MISSED'})` : ''}`);

calibrate();

const which = process.argv.slice(2);
const want = (name) => which.length === 0 || which.includes(name);

if (want('import')) {
  const out = join(tmpdir(), `paperlist-bench-import-${process.pid}`);
  const upstream = join(ROOT, 'tests/fixtures/upstream/README.md');
  report('import upstream README (229 items)', time(['import', upstream, '--out', out, '--force']), 1);
  await rm(out, { recursive: true, force: true });
}

if (want('generate') || want('lint')) {
  const small = await makeRepo(10_000);
  if (want('generate')) report('generate, 10,000 papers + 2,000 datasets', time(['generate', '--root', small]), 3);
  let t10k;
  if (want('lint')) {
    t10k = time(['lint', '--root', small]);
    report('lint, 10,000 papers + 2,000 datasets', t10k, 3);
  }
  await rm(small, { recursive: true, force: true });
  if (want('lint')) {
    const big = await makeRepo(100_000);
    const t100k = time(['lint', '--root', big], 1);
    report('lint, 100,000 papers + 20,000 datasets', t100k);
    console.log(`lint scaling, 10× entries: ${(t100k / t10k).toFixed(1)}× the time (target ≤ 12×: ${t100k / t10k <= 12 ? 'ok' : 'MISSED'})`);
    await rm(big, { recursive: true, force: true });
  }
}
