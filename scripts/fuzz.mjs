#!/usr/bin/env node
// A bounded fuzz run over every command: mutated entries, sections, settings, templates, READMEs to
// import, hand edits of README.md to absorb (in a committed repository), `add` flags, Markdown for
// `links`, and the API answers links and verify read. Not part of `npm test` (it takes minutes).
//
//   npm run fuzz -- [--cases N] [--seed S]
//
// Each case runs the CLI in this process (as the tests do) and checks: no stack trace or
// "internal error", no run over 10 s, an exit code from the documented set (0, 1, 2, 3, 4), exactly
// one JSON document on stdout with --format json, README.md untouched when generate refuses, and no
// file changed when absorb refuses.
// One case in 40 also runs the built CLI as its own process, which must exit by itself (a leaked
// worker thread would keep it alive). Exits 1 when any check failed, listing the cases.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/paperlist.js');
const BASE = join(ROOT, 'tests/fixtures/lint-base');
const UPSTREAM = join(ROOT, 'tests/fixtures/upstream/README.md');
const { main } = await import(join(ROOT, 'dist/cli.js'));
const run = promisify(execFile);

const { values } = parseArgs({ options: { cases: { type: 'string', default: '2000' }, seed: { type: 'string', default: '1' } } });
const CASES = Number(values.cases);
let state = Number(values.seed) >>> 0 || 1;
/** xorshift32: the same seed gives the same cases on any machine. */
const random = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 2 ** 32;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const int = (n) => Math.floor(random() * n);

const HOSTILE = [
  '', ' ', '\t', '\u0000', '\u001b[31m', '\u202e', '\u200b', '\ufeff', '\r\n', '\n', '\\', '"', "'", ':', ': ', '#', '- ', '&a', '*a', '!!binary', '!!js/function',
  '{', '}', '[', ']', '|', '>', '%', '@', '`', '~', 'null', 'true', '0x10', '1e400', '-1', '9999', 'javascript:alert(1)', 'vbscript:x', 'file:///etc/passwd',
  'data:text/html,x', 'http://127.0.0.1:9/', 'http://[::1]/', 'http://169.254.169.254/', 'https://exa mple.org/', 'https://example.org/%zz', '<script>alert(1)</script>',
  '<!-- paperlist:toc -->', '<!-- paperlist:group papers -->', '<!-- paperlist:tok -->', '```', '- [2099] **Fake.** *Me.*', '[x](javascript:alert(1))', '![i](x.png)',
  'Ã©', '�', 'é', '日本語', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'x'.repeat(500), 'x'.repeat(5000), '>'.repeat(3000), '- '.repeat(300), '*'.repeat(1000), '['.repeat(1000),
];

function mutateText(text) {
  let lines = text.split('\n');
  const steps = 1 + int(3);
  for (let s = 0; s < steps; s++) {
    const i = int(lines.length);
    switch (int(8)) {
      case 0: lines.splice(i, 1); break;
      case 1: lines.splice(i, 0, lines[int(lines.length)] ?? ''); break;
      case 2: lines[i] = `${lines[i] ?? ''}${pick(HOSTILE)}`; break;
      case 3: { const l = lines[i] ?? ''; const at = int(l.length + 1); lines[i] = l.slice(0, at) + pick(HOSTILE) + l.slice(at); break; }
      case 4: lines[i] = (lines[i] ?? '').replace(/: .*/, `: ${pick(HOSTILE)}`); break;
      case 5: lines = lines.slice(0, i); break;
      case 6: lines[i] = ` ${lines[i] ?? ''}`; break;
      default: lines.splice(i, 0, `${pick(['title', 'year', 'links', 'venue', 'sections', 'extra', 'url', 'name'])}: ${pick(HOSTILE)}`);
    }
  }
  return lines.join('\n');
}

function mutateBytes(text) {
  const bytes = Buffer.from(mutateText(text));
  if (random() < 0.2 && bytes.length) bytes[int(bytes.length)] = pick([0x00, 0xe9, 0xff, 0xc3, 0x80]);
  return bytes;
}

class Capture extends Writable {
  text = '';
  isTTY = false;
  _write(chunk, _enc, done) {
    this.text += chunk.toString();
    done();
  }
}

async function cli(argv, cwd) {
  const stdout = new Capture();
  const stderr = new Capture();
  let timer;
  const hang = new Promise((resolve) => (timer = setTimeout(() => resolve('hang'), 10_000)));
  const code = await Promise.race([main(argv, { stdout, stderr, cwd, env: { NO_COLOR: '1' } }).catch((e) => `threw ${e?.stack ?? e}`), hang]);
  clearTimeout(timer);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const failures = [];
const counts = { cases: 0, runs: 0, processes: 0, byKind: {} };

function check(kind, argv, result, { json = false } = {}) {
  counts.runs++;
  const problems = [];
  if (result.code === 'hang') problems.push('ran over 10 s');
  else if (typeof result.code === 'string') problems.push(result.code.split('\n')[0]);
  else if (![0, 1, 2, 3, 4].includes(result.code)) problems.push(`exit code ${result.code}`);
  const all = result.stdout + result.stderr;
  if (/internal error|\n\s+at .+:\d+:\d+\)?\n/.test(all)) problems.push('stack trace or internal error');
  if (json && result.code !== 2) {
    try {
      JSON.parse(result.stdout);
    } catch {
      problems.push('stdout is not one JSON document');
    }
  }
  if (problems.length) failures.push({ kind, argv: argv.join(' '), problems, output: all.slice(0, 400) });
}

async function scratch() {
  const dir = await mkdtemp(join(tmpdir(), 'paperlist-fuzz-'));
  await cp(BASE, dir, { recursive: true });
  return dir;
}

const entryFiles = ['entries/papers/mistral-7b.yml', 'entries/papers/question-translation-training-for-better-multilingual.yml', 'entries/datasets/mc4.yml', 'entries/datasets/jw300.yml'];
const upstream = await readFile(UPSTREAM, 'utf8');

const kinds = {
  async entry(dir) {
    const file = pick(entryFiles);
    await writeFile(join(dir, file), mutateBytes(await readFile(join(dir, file), 'utf8')));
    if (random() < 0.3) await writeFile(join(dir, 'entries/papers/new-one.yml'), mutateBytes(await readFile(join(dir, entryFiles[0]), 'utf8')));
  },
  async sections(dir) {
    const file = join(dir, 'entries/sections.yml');
    let text = await readFile(file, 'utf8');
    if (random() < 0.5) text = text.replace('            title: SFT\n', `            title: SFT\n            description: ${JSON.stringify(pick(HOSTILE))}\n`);
    await writeFile(file, mutateBytes(text));
  },
  async config(dir) {
    const options = [
      `links:\n  exclude:\n    - ${JSON.stringify(pick(['/[/', '/(a+)+$/', 'https://', '/^https:\\/\\//', pick(HOSTILE)]))}\n`,
      `rules:\n  ${pick(['duplicates', 'hygiene/markup', 'nope', 'readme/drift', 'x/y/z'])}: ${pick(['off', 'warning', 'error', 'loud', '1', '[]'])}\n`,
      `links:\n  concurrency: ${pick(['0', '-1', '99999', '"4"', '1.5', '[]'])}\n`,
      mutateText('links:\n  hosts:\n    arxiv.org:\n      concurrency: 1\n      minInterval: 1000\n'),
    ];
    await writeFile(join(dir, '.paperlist.yml'), mutateBytes(pick(options)));
  },
  async template(dir) {
    const file = join(dir, 'templates/README.md');
    await writeFile(file, mutateBytes(await readFile(file, 'utf8')));
  },
};

const readmeOf = (dir) => readFile(join(dir, 'README.md'), 'utf8').catch(() => undefined);

// The API answers links and verify read (arXiv's feed, GitHub's GraphQL, the DOI handle API,
// Semantic Scholar's batch), mutated: a reader returns a verdict or says malformed, never throws.
const { readRepositories } = await import(join(ROOT, 'dist/records/github-graphql.js'));
const { readHandleAnswer } = await import(join(ROOT, 'dist/records/doi-handle.js'));
const { parseArxivFeed } = await import(join(ROOT, 'dist/records/arxiv-feed.js'));
const { parseS2Batch } = await import(join(ROOT, 'dist/records/semantic-scholar.js'));
const { parseCrossrefWork } = await import(join(ROOT, 'dist/records/crossref.js'));
const { parseDataciteDoi } = await import(join(ROOT, 'dist/records/datacite.js'));
const ANSWERS = {
  github: [JSON.stringify({ data: { r0: { nameWithOwner: 'a/b', url: 'https://github.com/a/b', isArchived: false }, r1: null }, errors: [{ type: 'NOT_FOUND', path: ['r1'], message: 'x' }] }), await readFile(join(ROOT, 'tests/fixtures/links/github-rate-limited.json'), 'utf8')],
  doi: [await readFile(join(ROOT, 'tests/fixtures/links/doi-found.json'), 'utf8'), await readFile(join(ROOT, 'tests/fixtures/links/doi-not-found.json'), 'utf8')],
  arxiv: [await readFile(join(ROOT, 'tests/fixtures/verify/arxiv-feed.xml'), 'utf8'), await readFile(join(ROOT, 'tests/fixtures/records/arxiv/rejected-abc.xml'), 'utf8'), await readFile(join(ROOT, 'tests/fixtures/records/arxiv/batch-0808.05394-1707.08567.xml'), 'utf8')],
  s2: [await readFile(join(ROOT, 'tests/fixtures/verify/s2-batch.json'), 'utf8'), await readFile(join(ROOT, 'tests/fixtures/verify/s2-batch-recorded.json'), 'utf8')],
  crossref: [await readFile(join(ROOT, 'tests/fixtures/records/crossref/work-10.1109-icdcsw.2003.1203662.json'), 'utf8'), await readFile(join(ROOT, 'tests/fixtures/records/crossref/work-10.1136-jclinpath-2020-206745.json'), 'utf8')],
  datacite: [JSON.stringify({ data: JSON.parse(await readFile(join(ROOT, 'tests/fixtures/records/datacite/list-dois-page1.json'), 'utf8')).data[0] })],
};
function answersCase() {
  const api = pick(Object.keys(ANSWERS));
  const body = pick([mutateBytes(pick(ANSWERS[api])).toString('utf8'), pick(HOSTILE), JSON.stringify(pick([null, [], {}, { data: [] }, { data: { r0: pick(HOSTILE) } }, { responseCode: pick(HOSTILE) }]))]);
  counts.runs++;
  try {
    const read = { github: () => readRepositories(body, 1 + int(3)), doi: () => readHandleAnswer(pick([200, 404, 500]), body), arxiv: () => parseArxivFeed(body), s2: () => parseS2Batch(body), crossref: () => parseCrossrefWork(body), datacite: () => parseDataciteDoi(body) }[api]();
    if (read === undefined) failures.push({ kind: 'answers', argv: api, problems: ['no verdict'], output: body.slice(0, 200) });
  } catch (error) {
    failures.push({ kind: 'answers', argv: api, problems: [`threw: ${error?.message ?? error}`], output: body.slice(0, 200) });
  }
}

for (let n = 0; n < CASES; n++) {
  counts.cases++;
  const kind = pick(['entry', 'entry', 'sections', 'config', 'template', 'import', 'add', 'links', 'answers', 'absorb']);
  counts.byKind[kind] = (counts.byKind[kind] ?? 0) + 1;
  if (kind === 'answers') {
    answersCase();
    continue;
  }
  const dir = await scratch();
  try {
    if (kind in kinds) {
      await kinds[kind](dir);
      const before = await readmeOf(dir);
      check(kind, ['lint'], await cli(['lint', '--root', dir, '--format', 'json'], dir), { json: true });
      const generated = await cli(['generate', '--root', dir, '--format', 'json'], dir);
      check(kind, ['generate'], generated, { json: true });
      if (generated.code !== 0 && (await readmeOf(dir)) !== before) failures.push({ kind, argv: 'generate', problems: ['README.md changed although generate refused'], output: '' });
      const exported = await cli(['export', '--format', pick(['json', 'bibtex', 'csv']), '--root', dir], dir);
      check(kind, ['export'], exported);
      if (exported.code !== 0 && exported.stdout !== '') failures.push({ kind, argv: 'export', problems: ['refused, yet wrote to stdout'], output: exported.stdout.slice(0, 200) });
      check(kind, ['site'], await cli(['site', '--out', 'site', '--root', dir], dir));
      check(kind, ['fmt', '--check'], await cli(['fmt', '--check', '--root', dir], dir));
      if (n % 40 === 0) {
        counts.processes++;
        try {
          await run(process.execPath, [BIN, 'lint', '--root', dir], { timeout: 10_000, killSignal: 'SIGKILL' });
        } catch (error) {
          if (error.killed) failures.push({ kind, argv: 'lint (process)', problems: ['the process did not exit within 10 s'], output: '' });
          else if (![1, 2].includes(error.code)) failures.push({ kind, argv: 'lint (process)', problems: [`exit code ${error.code}`], output: String(error.stderr).slice(0, 300) });
        }
      }
    } else if (kind === 'absorb') {
      // A hand edit of README.md in a committed repository: absorb never crashes, always says one
      // JSON document, and writes nothing (entries, README.md) when it refuses.
      const git = (...args) => run('git', args, { cwd: dir, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'f', GIT_AUTHOR_EMAIL: 'f@example.invalid', GIT_COMMITTER_NAME: 'f', GIT_COMMITTER_EMAIL: 'f@example.invalid' } });
      await git('init', '-q');
      await git('add', '-A');
      await git('commit', '-qm', 'base');
      const lines = (await readmeOf(dir)).split('\n');
      const at = int(lines.length);
      const line = pick([mutateText(lines[at] ?? ''), `- [2024] **${pick(HOSTILE)}** *${pick(HOSTILE)}* \`${pick(['arXiv', 'ACL', pick(HOSTILE)])}\` [[paper](${pick(['https://arxiv.org/abs/2401.07817', 'https://arxiv.org/abs/2402.07827', pick(HOSTILE)])})]`, `- [**${pick(HOSTILE)}**](${pick(HOSTILE)}). ${pick(HOSTILE)}`]);
      if (random() < 0.5) lines.splice(at, 0, line);
      else lines[at] = line;
      await writeFile(join(dir, 'README.md'), mutateBytes(lines.join('\n')));
      const edited = await readmeOf(dir);
      const argv = ['absorb', '--root', dir, '--format', 'json'];
      const result = await cli(argv, dir);
      check(kind, argv, result, { json: true });
      if (result.code !== 0) {
        const { stdout } = await git('status', '--porcelain');
        if (stdout.split('\n').filter(Boolean).some((l) => l !== ' M README.md') || (await readmeOf(dir)) !== edited) failures.push({ kind, argv: 'absorb', problems: ['files changed although absorb refused'], output: stdout });
      }
    } else if (kind === 'import') {
      const lines = upstream.split('\n');
      const start = int(lines.length);
      const piece = lines.slice(start, start + 20 + int(200)).join('\n');
      await writeFile(join(dir, 'in.md'), mutateBytes(`# L\n\n## Papers\n\n### 1. S\n\n${piece}`));
      const argv = ['import', 'in.md', '--out', 'out', '--format', 'json'];
      check(kind, argv, await cli(argv, dir), { json: true });
    } else if (kind === 'add') {
      const argv = ['add', '--title', pick(HOSTILE.concat(['A Fine Title'])), '--authors', pick(HOSTILE.concat(['Zhu et al.'])), '--year', pick(['2024', '1', 'x', '20245', '']),
        '--paper', pick(HOSTILE.concat(['https://arxiv.org/abs/2402.07827'])), '--section', pick(['sft', 'nope', '', 'corpora']), '--dry-run', '--root', dir, '--format', pick(['json', 'github', 'stylish'])];
      check(kind, argv, await cli(argv, dir), { json: argv.at(-1) === 'json' });
    } else {
      const links = Array.from({ length: 1 + int(5) }, () => `[${pick(HOSTILE)}](${pick(['http://127.0.0.1:9/', 'mailto:x@y', 'https://exa mple.org', 'http://[::1]:9/x', pick(HOSTILE)])})`);
      await writeFile(join(dir, 'l.md'), mutateBytes(`${pick(HOSTILE)}\n\n${links.join('\n')}\n`));
      const argv = ['links', 'l.md', '--root', dir, '--timeout', '300', '--retries', '0', '--format', 'json'];
      check(kind, argv, await cli(argv, dir), { json: true });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (process.stderr.isTTY) process.stderr.write(`\r${n + 1}/${CASES} cases, ${failures.length} failures`);
}
if (process.stderr.isTTY) process.stderr.write('\n');

console.log(`fuzz: ${counts.cases} cases (${Object.entries(counts.byKind).map(([k, v]) => `${v} ${k}`).join(', ')}), ${counts.runs} runs in process, ${counts.processes} as processes; ${failures.length} failures`);
for (const f of failures.slice(0, 30)) console.log(`- ${f.kind}: paperlist ${f.argv}: ${f.problems.join('; ')}\n  ${f.output.replace(/\n/g, '\n  ')}`);
process.exitCode = failures.length ? 1 : 0;
