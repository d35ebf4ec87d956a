// docs/rules.md is tested as written, each example on a copy of the list the doc describes
// (tests/fixtures/lint-base), raising exactly the checks its first line names and saying exactly
// what the doc shows: `# invalid:` / `# valid` blocks are linted as a new file (an entry, the
// sections file, an issue form; after `# given:` entries), `# edit` diffs are applied to a
// committed copy and linted, `# verify:` entries are verified against the recorded services
// (record-services.ts), `<!-- links: -->` Markdown is given to `paperlist links`. The tables must be
// what scripts/rules-doc.mjs writes from the check descriptors (src/check/checks.ts), and every
// check has an example but those the doc names as shown only in the tests.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CHECKS, OTHER_DIAGNOSTICS, checkAnchor, checkUrl } from '../src/check/checks.js';
import { DEFAULT_LEVELS } from '../src/check/config.js';
// @ts-expect-error: a plain script, untyped
import { rulesDoc } from '../scripts/rules-doc.mjs';
import { assignIds } from '../src/core/entry-ids.js';
import { PACKAGE_ROOT } from '../src/core/package-files.js';
import { copyFixture, gitFixture, runCli } from './helpers.js';
import { replayRecords } from './record-services.js';

const doc = await readFile(join(PACKAGE_ROOT, 'docs/rules.md'), 'utf8');

/** The ```text block after the example that ends at line `end`, under a "What … says at …:" line, when the doc shows one. */
function saidAfter(lines: readonly string[], end: number): string | undefined {
  let next = end + 1;
  while (lines[next] === '' || /^What (lint|verify|links) says at .+:$/.test(lines[next]!)) next++;
  return lines[next] === '```text' ? lines.slice(next + 1, lines.indexOf('```', next + 1)).join('\n') : undefined;
}

interface Example {
  line: number;
  header: string;
  body: string;
  /** What lint (or verify) says at the example's file (a ```text block right after, under "What lint says at that file:"). */
  said?: string;
  /** Files the example is added beside (```yaml blocks before it that start "# given: entries/…"). */
  given: Array<{ file: string; body: string }>;
}

/** The YAML blocks that start with "# invalid:", "# valid" (lint) or "# verify:", with their line in the doc. */
function examples(): Example[] {
  const found: Example[] = [];
  const lines = doc.split('\n');
  let given: Example['given'] = [];
  for (let i = 0; i < lines.length; i++) {
    const givenFile = lines[i] === '```yaml' ? /^# given: (entries\/(?:papers|datasets)\/[a-z0-9-]+\.yml)$/.exec(lines[i + 1] ?? '')?.[1] : undefined;
    if (givenFile) {
      given.push({ file: givenFile, body: lines.slice(i + 2, lines.indexOf('```', i + 1)).join('\n') + '\n' });
      continue;
    }
    if (lines[i] !== '```yaml' || !/^# ((in)?valid|verify:)/.test(lines[i + 1] ?? '')) continue;
    const end = lines.indexOf('```', i + 1);
    const said = saidAfter(lines, end);
    found.push({ line: i + 2, header: lines[i + 1]!, body: lines.slice(i + 2, end).join('\n') + '\n', given, ...(said !== undefined ? { said } : {}) });
    given = [];
  }
  return found;
}

/**
 * Where an example is saved: the file its header names ("saved as entries/papers/con.yml"), else
 * the file add would write for its title (a paper) or name (a dataset), beside lint-base's entries.
 */
function exampleFile(example: Example): string {
  const named = /\bsaved as (entries\/sections\.yml|entries\/(?:papers|datasets)\/[^\s,;:)]+\.yml|\.github\/ISSUE_TEMPLATE\/[a-z-]+\.yml)/.exec(example.header)?.[1];
  if (named) return named;
  const fields = parse(example.body) as { title?: unknown; name?: unknown; year?: unknown };
  const dataset = fields.name !== undefined;
  const name = String((dataset ? fields.name : fields.title) ?? 'untitled');
  const taken = dataset ? ['jw300', 'mc4'] : ['mistral-7b', 'overcoming-catastrophic-forgetting-in-zero-shot-cross', 'question-translation-training-for-better-multilingual'];
  const [id] = assignIds([{ name, year: typeof fields.year === 'number' ? fields.year : undefined }], taken);
  return `entries/${dataset ? 'datasets' : 'papers'}/${id}.yml`;
}

interface Edit {
  line: number;
  header: string;
  file: string;
  before: string;
  after: string;
  said?: string;
}

/** The ```diff blocks that start with "# edit <file>:": the lines removed and added, and what lint says at README.md after. */
function edits(): Edit[] {
  const lines = doc.split('\n');
  const found: Edit[] = [];
  for (let i = 0; i < lines.length; i++) {
    const file = lines[i] === '```diff' ? /^# edit ([^:]+):/.exec(lines[i + 1] ?? '')?.[1] : undefined;
    if (!file) continue;
    const end = lines.indexOf('```', i + 1);
    const body = lines.slice(i + 2, end);
    const said = saidAfter(lines, end);
    found.push({
      line: i + 2, header: lines[i + 1]!, file,
      before: body.filter((l) => l.startsWith('-')).map((l) => l.slice(1)).join('\n'),
      after: body.filter((l) => l.startsWith('+')).map((l) => l.slice(1)).join('\n'),
      ...(said !== undefined ? { said } : {}),
    });
  }
  return found;
}

/** The ```markdown blocks that start "<!-- links: …(saved as FILE…) -->": a file given to `paperlist links`, and what it says at that file. */
function linkExamples(): Array<{ line: number; header: string; file: string; body: string; said?: string }> {
  const lines = doc.split('\n');
  const found: Array<{ line: number; header: string; file: string; body: string; said?: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    const header = lines[i] === '```markdown' ? /^<!-- (links: .*) -->$/.exec(lines[i + 1] ?? '')?.[1] : undefined;
    if (!header) continue;
    const file = /\bsaved as ([\w.-]+\.md)\b/.exec(header)?.[1] ?? 'notes.md';
    const end = lines.indexOf('```', i + 1);
    const said = saidAfter(lines, end);
    found.push({ line: i + 2, header: `# ${header}`, file, body: lines.slice(i + 1, end).join('\n') + '\n', ...(said !== undefined ? { said } : {}) });
  }
  return found;
}

interface Said {
  file: string;
  line: number;
  column: number;
  severity: string;
  ruleId: string;
  message: string;
  hint?: string;
}

/** The diagnostics a command's JSON report gives at `file`, as the doc shows them: place, severity, check, message, hint. */
function saidAt(stdout: string, file: string): { checks: string[]; text: string } {
  const here = (JSON.parse(stdout).diagnostics as Said[]).filter((d) => d.file === file);
  return {
    checks: [...new Set(here.map((d) => d.ruleId))].sort(),
    text: here.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}${d.hint ? `\n  → ${d.hint}` : ''}`).join('\n'),
  };
}

/** The checks a header names outside its explanations in parentheses: "duplicates/title", "schema". */
const namedChecks = (header: string): string[] =>
  header.startsWith('# valid') ? [] : [...new Set(header.replace(/^# (invalid|verify|links):|^# edit [^:]+:/, '').replace(/\([^)]*\)/g, '').match(/\bschema\b|\b[a-z]+\/[a-z-]+\b/g) ?? [])].sort();

describe('docs/rules.md', () => {
  const every = examples();
  const all = every.filter((e) => !e.header.startsWith('# verify:'));
  const verifying = every.filter((e) => e.header.startsWith('# verify:'));

  it('has examples, each invalid one naming what it shows and showing exactly what lint says', () => {
    expect(all.length).toBeGreaterThanOrEqual(6);
    for (const e of all) if (e.header.startsWith('# invalid')) {
      expect(namedChecks(e.header), `docs/rules.md:${e.line}`).not.toEqual([]);
      expect(e.said, `docs/rules.md:${e.line}: no "What lint says at that file:"`).toBeDefined();
    }
  });

  it.each(all.map((e) => [`docs/rules.md:${e.line} ${e.header}`, e] as const))('%s', async (_name, example) => {
    const root = await copyFixture('lint-base');
    const file = exampleFile(example);
    for (const g of example.given) await writeFile(join(root, g.file), `# yaml-language-server: $schema=../../schema/paper.schema.json\n${g.body}`);
    // The doc leaves out the schema comment every entry file (and the sections file) starts with;
    // another file (an issue form) starts with the example's own first line, a comment.
    const schema = file === 'entries/sections.yml' ? '../schema/sections' : `../../schema/${file.startsWith('entries/datasets/') ? 'dataset' : 'paper'}`;
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), `${file.startsWith('entries/') ? `# yaml-language-server: $schema=${schema}.schema.json` : example.header}\n${example.body}`);
    const result = await runCli(['lint', '--root', root, '--format', 'json'], root);
    const diagnostics = (JSON.parse(result.stdout).diagnostics as Array<{ file: string; ruleId: string; related?: Array<{ file: string }> }>)
      .filter((d) => d.file === file || d.related?.some((r) => r.file === file));
    const raised = [...new Set(diagnostics.map((d) => (d.ruleId === 'schema' ? 'schema' : d.ruleId)))].sort();
    expect(raised).toEqual(namedChecks(example.header));
    // Where the doc shows what lint says, it says exactly that: place, severity, check, message, hint.
    if (example.said !== undefined) expect(saidAt(result.stdout, file).text).toBe(example.said);
  });

  it.each(verifying.map((e) => [`docs/rules.md:${e.line} ${e.header}`, e] as const))('%s', async (_name, example) => {
    expect(example.said, 'no "What verify says at that file:"').toBeDefined();
    const root = await copyFixture('lint-base');
    const file = exampleFile(example);
    await writeFile(join(root, file), `# yaml-language-server: $schema=../../schema/paper.schema.json\n${example.body}`);
    // "HTTP 429" in the header: Semantic Scholar answers with its recorded throttling.
    const services = await replayRecords({ s2Throttled: /HTTP 429/.test(example.header) });
    const result = await runCli(['verify', '--root', root, '--entry', file, ...services.verifyOptions, '--format', 'json'], root);
    expect(saidAt(result.stdout, file)).toEqual({ checks: namedChecks(example.header), text: example.said });
  }, 30_000);

  it.each(edits().map((e) => [`docs/rules.md:${e.line} ${e.header}`, e] as const))('%s', async (_name, edit) => {
    expect(edit.said, 'no "What lint says at README.md:"').toBeDefined();
    const root = await gitFixture('lint-base');
    const text = await readFile(join(root, edit.file), 'utf8');
    expect(text.split(edit.before).length, `${edit.file} holds the removed lines once`).toBe(2);
    await writeFile(join(root, edit.file), text.replace(edit.before, edit.after));
    const result = await runCli(['lint', '--root', root, '--format', 'json'], root);
    expect(saidAt(result.stdout, 'README.md')).toEqual({ checks: namedChecks(edit.header), text: edit.said });
  });

  it.each(linkExamples().map((e) => [`docs/rules.md:${e.line} ${e.header}`, e] as const))('%s', async (_name, example) => {
    expect(example.said, 'no "What links says at that file:"').toBeDefined();
    const root = await copyFixture('lint-base');
    await writeFile(join(root, example.file), example.body);
    const result = await runCli(['links', example.file, '--root', root, '--format', 'json'], root);
    expect(saidAt(result.stdout, example.file)).toEqual({ checks: namedChecks(example.header), text: example.said });
  });

  it('shows every check in an example, but those it names as shown in the tests only', () => {
    const shown = new Set([...every, ...edits(), ...linkExamples()].flatMap((e) => namedChecks(e.header)));
    const sentence = /except those\s+whose answer comes from a live server[\s\S]*?\):\s*((?:`[a-z]+\/[a-z-]+`(?:,\s+|\.))+)/.exec(doc)?.[1] ?? '';
    const testedOnly = [...sentence.matchAll(/`([a-z]+\/[a-z-]+)`/g)].map((m) => m[1]!).sort();
    expect(testedOnly.length).toBeGreaterThan(0);
    expect(Object.keys(CHECKS).filter((id) => !shown.has(id)).sort()).toEqual(testedOnly);
  });

  it('its tables are the check descriptors: every check once, with its default level, fix and anchor (npm run docs writes them)', () => {
    expect(rulesDoc(doc, CHECKS, OTHER_DIAGNOSTICS, checkAnchor), 'run npm run docs').toBe(doc);
    const rows = [...doc.matchAll(/^\| <a id="([a-z]+-[a-z-]+)"><\/a>`([a-z]+\/[a-z-]+)` \| (error|warning|info)\b/gm)].map((m) => [m[2]!, m[3]!] as const);
    expect(Object.fromEntries(rows)).toEqual(DEFAULT_LEVELS);
    expect(rows).toHaveLength(Object.keys(CHECKS).length); // each once
    // Each diagnostic's url is an anchor the doc has.
    for (const [id] of rows) expect(doc).toContain(`<a id="${new URL(checkUrl(id)).hash.slice(1)}">`);
    expect(new URL(checkUrl('yaml')).hash).toBe('#other-diagnostics');
    expect(doc).toContain('## Other diagnostics');
  });

  it('links the docs where package.json says the repository is', async () => {
    const pkg = JSON.parse(await readFile(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { repository: { url: string } };
    const repository = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
    expect(checkUrl('duplicates/title')).toBe(`${repository}/blob/main/docs/rules.md#duplicates-title`);
  });

  it('names every diagnostic that is not a check, and the code emits no other (a check or one of these)', async () => {
    const rows = Object.fromEntries([...doc.slice(doc.indexOf('## Other diagnostics')).matchAll(/^\| `([a-z/-]+)` \| (.+) \|$/gm)].map((m) => [m[1]!, m[2]!]));
    expect(rows).toEqual(OTHER_DIAGNOSTICS);
    const { readdir } = await import('node:fs/promises');
    const files = (await readdir(join(PACKAGE_ROOT, 'src'), { recursive: true })).filter((f) => f.endsWith('.ts'));
    const emitted = new Set<string>();
    for (const f of files) {
      const text = await readFile(join(PACKAGE_ROOT, 'src', f), 'utf8');
      for (const m of text.matchAll(/\b(?:ruleId|check): '([a-z/-]+)'/g)) emitted.add(m[1]!);
      for (const m of text.matchAll(/cacheNotSaved\([^)]*, '([a-z/-]+)'\)/g)) emitted.add(m[1]!);
      // The API paths' notes: links/<path name>.
      if (text.includes('ruleId: `links/${path.name}`')) for (const name of ['arxiv-api', 'github-api', 'doi-api']) emitted.add(`links/${name}`);
    }
    expect(emitted.size).toBeGreaterThan(40);
    expect([...emitted].filter((id) => !(id in DEFAULT_LEVELS) && !(id in OTHER_DIAGNOSTICS)).sort()).toEqual([]);
  });
});
