// Benchmarks, as whole processes (what a user or CI waits for). Targets from the issues:
//   lint and generate on 10,000 papers: no slower than the plain-library pipeline on the same list
//     (../shared/bench/yardstick.mjs, or $YARDSTICK), timed side by side in one run, medians
//   lint of the real list: ≤ 0.6 s      lint, 10× the entries: ≤ 12× the time
//   import of the upstream README: < 1 s
// Usage: npm run bench [-- yardstick|real|generate|lint|import ...]
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calibrate } from './calibrate.mjs';
import { makeRepo } from './synth.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/paperlist.js');

/** Wall time of one process, in seconds; exit 1 (problems found) is still a complete run. */
function once(file, args) {
  const start = process.hrtime.bigint();
  try {
    execFileSync(process.execPath, [file, ...args], { stdio: 'ignore', cwd: ROOT });
  } catch (error) {
    if (error.status !== 1) throw error;
  }
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median wall time of `runs` runs of the CLI, in seconds. */
function time(args, runs = 3) {
  return median(Array.from({ length: runs }, () => once(BIN, args)));
}

const YARDSTICK = process.env.YARDSTICK ?? join(ROOT, '..', 'shared', 'bench', 'yardstick.mjs');

const report = (name, seconds, target) =>
  console.log(`${name.padEnd(44)} ${seconds.toFixed(2).padStart(6)} s${target ? `   (target ≤ ${target} s: ${seconds <= target ? 'ok' : 'MISSED'})` : ''}`);

calibrate();

const which = process.argv.slice(2);
const want = (name) => which.length === 0 || which.includes(name);

if (want('real')) {
  report('lint, the real list (whole process)', time(['lint', '--root', ROOT], 7), 0.6);
}

if (want('yardstick')) {
  if (!existsSync(YARDSTICK)) console.log(`yardstick: ${YARDSTICK} not found (set YARDSTICK=path/to/yardstick.mjs)`);
  else {
    // Side by side: each round runs the three in turn, so drift of the machine's speed hits all alike.
    const repo = await makeRepo(10_000);
    once(BIN, ['generate', '--root', repo]); // writes README.md once; the timed runs render and compare
    const t = { yardstick: [], lint: [], generate: [] };
    for (let round = 0; round < 7; round++) {
      t.yardstick.push(once(YARDSTICK, [repo]));
      t.lint.push(once(BIN, ['lint', '--root', repo]));
      t.generate.push(once(BIN, ['generate', '--root', repo]));
    }
    const y = median(t.yardstick);
    report('yardstick (plain libraries), 10,000 papers', y);
    for (const name of ['lint', 'generate']) {
      const m = median(t[name]);
      console.log(`${`${name}, 10,000 papers`.padEnd(44)} ${m.toFixed(2).padStart(6)} s   ${(m / y).toFixed(2)}× the yardstick (target ≤ 1.00×: ${m <= y ? 'ok' : 'MISSED'})`);
    }
    await rm(repo, { recursive: true, force: true });
  }
}

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
