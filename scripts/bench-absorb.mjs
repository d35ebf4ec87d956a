// Benchmark of absorb, as whole processes. Targets (entries-from-sources issue):
//   absorb of the real README with 10 edits: ≤ 1 s
//   absorb on the 10,000-paper synthetic list: ≤ 2× generate on it, in the same run
//   absorb and generate --check with a 20,000-line template edited on every line: ≤ 2 s each
// absorb reads the edit against the last commit, so each list is a git repository, committed once.
// Runs alternate (absorb, generate, absorb, ...) so that both see the same machine; medians.
// Usage: npm run bench:absorb [-- ROUNDS]
import { execFileSync } from 'node:child_process';
import { cp, readFile, rm, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calibrate } from './calibrate.mjs';
import { makeRepo } from './synth.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/paperlist.js');
const ROUNDS = Number(process.argv[2] ?? 5);

function seconds(args) {
  const start = process.hrtime.bigint();
  try {
    execFileSync(process.execPath, [BIN, ...args], { stdio: 'ignore' });
  } catch (error) {
    if (error.status !== 1) throw error;
  }
  return Number(process.hrtime.bigint() - start) / 1e9;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Commits everything in `dir` as a new git repository (absorb reads the edit against it). */
function commitAll(dir, message = 'bench') {
  const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.invalid' } });
  if (message === 'bench') git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', message);
}

/** Ten edits of the kinds contributors make: new lines, changed fields, removed and moved lines, a typo. */
function tenEdits(text) {
  const lines = text.split('\n');
  const items = lines.flatMap((l, i) => (/^- \[\d{4}\] \*\*/.test(l) ? [i] : []));
  const datasets = lines.flatMap((l, i) => (/^- \[\*\*/.test(l) ? [i] : []));
  const at = (list, f) => list[Math.floor(list.length * f)];
  lines[at(items, 0.1)] = lines[at(items, 0.1)].replace('`arXiv`', '`Arxiv`').replace(/\.\*\* /, '** ');
  lines[at(items, 0.2)] = `${lines[at(items, 0.2)]} [[code](https://github.com/example/bench-code)]`;
  lines[at(items, 0.3)] = lines[at(items, 0.3)].replace(/^- \[(\d{4})\]/, (_, y) => `- [${Number(y) + 1}]`);
  const moved = lines[at(items, 0.4)];
  lines[at(items, 0.4)] = '';
  lines.splice(at(items, 0.9), 0, moved);
  lines[at(items, 0.5)] = '';
  if (datasets.length) lines[at(datasets, 0.5)] = '';
  for (let n = 0; n < 3; n++) lines.splice(at(items, 0.6) + 1, 0, `- [2025] **A Benchmark Paper Number ${n} For Absorb** *Bench et al.* \`arXiv\` [[paper](https://arxiv.org/abs/2501.${String(90000 + n)})]`);
  const prose = lines.findIndex((l) => /^[A-Z][a-z]+ .{60,}/.test(l));
  if (prose >= 0) lines[prose] = lines[prose].replace(/ the /, ' teh ');
  return lines.filter((l, i) => l !== '' || lines[i - 1] !== '').join('\n');
}

calibrate();

// The real list.
const real = await mkdtemp(join(tmpdir(), 'paperlist-bench-absorb-'));
for (const part of ['entries', 'templates', 'docs', 'README.md', '.paperlist.yml']) await cp(join(ROOT, part), join(real, part), { recursive: true });
commitAll(real);
await writeFile(join(real, 'README.md'), tenEdits(await readFile(join(real, 'README.md'), 'utf8')));
const out = JSON.parse(execFileSync(process.execPath, [BIN, 'absorb', '--dry-run', '--format', 'json', '--root', real], { encoding: 'utf8' }));
const realTimes = Array.from({ length: ROUNDS }, () => seconds(['absorb', '--dry-run', '--root', real]));
const t = median(realTimes);
console.log(`absorb --dry-run, this list with 10 edits (${out.changes.length} changes): median ${t.toFixed(2)} s of ${ROUNDS}   (target ≤ 1 s: ${t <= 1 ? 'ok' : 'MISSED'})`);
await rm(real, { recursive: true, force: true });

// The synthetic 10,000-paper list.
const big = await makeRepo(10_000);
seconds(['generate', '--root', big]);
commitAll(big);
const generated = await readFile(join(big, 'README.md'), 'utf8');
await writeFile(join(big, 'README.md'), tenEdits(generated));
const absorbTimes = [];
const generateTimes = [];
for (let r = 0; r < ROUNDS; r++) {
  absorbTimes.push(seconds(['absorb', '--dry-run', '--root', big]));
  generateTimes.push(seconds(['generate', '--check', '--root', big]));
}
const a = median(absorbTimes);
const g = median(generateTimes);
console.log(`absorb --dry-run, 10,000 papers + 2,000 datasets, 10 edits: median ${a.toFixed(2)} s; generate --check on it: ${g.toFixed(2)} s; ratio ${(a / g).toFixed(2)}   (target ≤ 2: ${a / g <= 2 ? 'ok' : 'MISSED'})`);
await rm(big, { recursive: true, force: true });

// A 20,000-line template, edited on every line: the line diff is bounded (text/line-diff.ts).
const long = await mkdtemp(join(tmpdir(), 'paperlist-bench-absorb-'));
await cp(join(ROOT, 'tests/fixtures/lint-base'), long, { recursive: true });
const template = await readFile(join(long, 'templates/README.md'), 'utf8');
await writeFile(join(long, 'templates/README.md'), template.replace('# Test list\n', `# Test list\n\n${Array.from({ length: 20_000 }, (_, i) => `w${i % 97}`).join('\n')}\n`));
seconds(['generate', '--root', long]);
commitAll(long);
await writeFile(join(long, 'README.md'), (await readFile(join(long, 'README.md'), 'utf8')).replace(/^w(\d+)$/gm, 'v$1'));
const longAbsorb = [];
const longCheck = [];
for (let r = 0; r < ROUNDS; r++) {
  longAbsorb.push(seconds(['absorb', '--dry-run', '--root', long]));
  longCheck.push(seconds(['generate', '--check', '--root', long]));
}
const la = median(longAbsorb);
const lc = median(longCheck);
console.log(`20,000-line template edited on every line: absorb --dry-run median ${la.toFixed(2)} s, generate --check ${lc.toFixed(2)} s   (target ≤ 2 s: ${la <= 2 && lc <= 2 ? 'ok' : 'MISSED'})`);
await rm(long, { recursive: true, force: true });
