// The hostile-input findings, one test (or more) each: contributor files are untrusted, and the
// pull-request gate must neither crash, hang, leak files of the runner, nor let bad content through.
import { execFile, spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { planImport } from '../src/commands/import.js';
import { citationKeys } from '../src/export/bibtex.js';
import { writeFileAtomic } from '../src/core/fs-atomic.js';
import { chunkLinks } from '../src/links/markdown-links.js';
import { parseMarkdown, parseMarkdownChunked } from '../src/markdown/parse.js';
import type { Paper } from '../src/core/model.js';
import { loadVenues, PACKAGE_ROOT } from '../src/core/package-files.js';
import { gitFixture, FIXTURES, runCli, tempDir } from './helpers.js';

const run = promisify(execFile);
const BIN = join(PACKAGE_ROOT, 'bin/paperlist.js');
const HEADER = '# yaml-language-server: $schema=../../schema/paper.schema.json\n';

interface Shown { file: string; line: number; column: number; ruleId: string; severity: string; message: string }
const errorsOf = (stdout: string): string[] =>
  (JSON.parse(stdout).diagnostics as Shown[]).filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`);

/** The built CLI as a process, killed after `ms`: a hang fails the test instead of stalling it. */
async function runBin(args: string[], cwd: string, ms = 10_000): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd, timeout: ms, killSignal: 'SIGKILL' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; killed?: boolean; stdout: string; stderr: string };
    if (e.killed) throw new Error(`paperlist ${args.join(' ')} did not finish within ${ms} ms`);
    return { code: e.code ?? -1, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('1. an entry without a required field', () => {
  const cases: Array<[string, string, string, RegExp]> = [
    ['authors', 'entries/papers/mistral-7b.yml', 'authors', /^authors:.*\n/m],
    ['title', 'entries/papers/mistral-7b.yml', 'title', /^title:.*\n/m],
    ['sections', 'entries/papers/mistral-7b.yml', 'sections', /^sections:\n(  - .*\n)+/m],
    ["a dataset's name", 'entries/datasets/mc4.yml', 'name', /^name:.*\n/m],
    ["a dataset's description", 'entries/datasets/mc4.yml', 'description', /^description:.*\n/m],
    ["a dataset's sections", 'entries/datasets/mc4.yml', 'sections', /^sections:\n(  - .*\n)+/m],
  ];
  for (const [name, file, field, line] of cases) {
    it(`${name}: the schema's diagnostic, exit 1, for lint and generate`, async () => {
      const root = await gitFixture('lint-base');
      const text = await readFile(join(root, file), 'utf8');
      await writeFile(join(root, file), text.replace(line, ''));
      const linted = await runCli(['lint', '--root', root, '--format', 'json'], root);
      expect(linted.code).toBe(1);
      expect(linted.stderr).toBe('');
      expect(errorsOf(linted.stdout).filter((e) => e.startsWith(file))).toEqual([expect.stringContaining(`schema Missing required field "${field}".`)]);
      const generated = await runCli(['generate', '--root', root], root);
      expect(generated.code).toBe(1);
    });
  }

  it('the built CLI exits (no render worker is left running)', async () => {
    const root = await gitFixture('lint-base');
    const file = join(root, 'entries/papers/mistral-7b.yml');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^authors:.*\n/m, ''));
    for (const command of ['lint', 'generate']) {
      const result = await runBin([command, '--root', root], root);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('Missing required field "authors".');
      expect(result.stdout + result.stderr).not.toContain('internal error');
    }
  });
});

describe('2. deeply nested Markdown for links', () => {
  it('finds the link under 10,000 block quotes without exhausting the call stack', () => {
    expect(chunkLinks({ text: `${'>'.repeat(10_000)} [x](http://127.0.0.1:1/)`, firstLine: 1 })).toEqual([{ url: 'http://127.0.0.1:1/', line: 1 }]);
  });
});

describe('3. an invalid exclude pattern in .paperlist.yml', () => {
  it('is an error at its line for lint, and links checks nothing without its settings', async () => {
    const root = await gitFixture('lint-base');
    await writeFile(join(root, '.paperlist.yml'), 'links:\n  exclude:\n    - https://ok.example/\n    - "/[/"\n');
    const linted = await runCli(['lint', '--root', root, '--format', 'json'], root);
    expect(linted.code).toBe(1);
    expect(errorsOf(linted.stdout)).toEqual(['.paperlist.yml:4:7 config links.exclude[1] is not a valid regular expression: /[/: Unterminated character class.']);
    await writeFile(join(root, 'links.md'), '[x](http://127.0.0.1:1/)\n');
    const checked = await runCli(['links', 'links.md', '--root', root, '--allow-private', '--format', 'json'], root);
    expect(checked.code).toBe(1);
    expect(JSON.parse(checked.stdout).links).toEqual([]);
    expect(errorsOf(checked.stdout)).toEqual(['.paperlist.yml:4:7 config links.exclude[1] is not a valid regular expression: /[/: Unterminated character class.']);
  });
});

describe('4. a closed stdout', () => {
  it('export --format json | head -c1 ends quietly', async () => {
    const child = spawn(process.execPath, [BIN, 'export', '--format', 'json'], { cwd: join(FIXTURES, 'list'), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('5. outputs refuse what lint refuses', () => {
  const hostile: Array<[string, string]> = [
    ['a javascript: link', 'links:\n  project: "javascript:alert(document.domain)"\n'],
    ['a vbscript: link', 'links:\n  project: "vbscript:msgbox"\n'],
    ['a file: link', 'links:\n  project: "file:///etc/passwd"\n'],
    ['a data: link', 'links:\n  project: "data:text/html,x"\n'],
    ['an unknown venue', 'venue: Nowhere Conf\nlinks:\n  code: https://github.com/a/b\n'],
    ['markup in the title', 'links:\n  code: https://github.com/a/b\n'],
  ];
  for (const [name, rest] of hostile) {
    it(`${name}: generate, export and site write nothing`, async () => {
      const root = await gitFixture('lint-base');
      const title = name === 'markup in the title' ? '"Evil <b>bold</b>"' : 'Hostile Paper';
      await writeFile(join(root, 'entries/papers/hostile-paper.yml'), `${HEADER}title: ${title}\nauthors: A et al.\nyear: 2023\n${rest}sections:\n  - sft\n`);
      const readme = await readFile(join(root, 'README.md'), 'utf8');
      const generated = await runCli(['generate', '--root', root], root);
      expect(generated.code).toBe(1);
      expect(await readFile(join(root, 'README.md'), 'utf8')).toBe(readme);
      const exported = await runCli(['export', '--format', 'json', '--root', root], root);
      expect(exported.code).toBe(1);
      expect(exported.stdout).toBe('');
      expect(exported.stderr).toContain('nothing exported');
      const site = await runCli(['site', '--out', 'site', '--root', root], root);
      expect(site.code).toBe(1);
      expect(existsSync(join(root, 'site'))).toBe(false);
    });
  }

  it('a duplicate: generate refuses', async () => {
    const root = await gitFixture('lint-base');
    const text = await readFile(join(root, 'entries/papers/mistral-7b.yml'), 'utf8');
    await writeFile(join(root, 'entries/papers/mistral-7b-2.yml'), text);
    expect((await runCli(['generate', '--root', root], root)).code).toBe(1);
  });
});

describe('6. control characters in a URL', () => {
  it('fail the schema, so nothing raw reaches README.md', async () => {
    const root = await gitFixture('lint-base');
    await writeFile(join(root, 'entries/papers/hostile-paper.yml'), `${HEADER}title: Hostile Paper\nauthors: A et al.\nyear: 2023\nlinks:\n  project: "https://openai.com/\\0\\e[31m"\nsections:\n  - sft\n`);
    const linted = await runCli(['lint', '--root', root, '--format', 'json'], root);
    expect(errorsOf(linted.stdout)).toEqual(['entries/papers/hostile-paper.yml:6:12 schema "links.project" has the wrong form: "https://openai.com/\\u0000\\u001b[31m".']);
    expect((await runCli(['generate', '--root', root], root)).code).toBe(1);
  });
});

describe('7. section descriptions', () => {
  const cases: Array<[string, string, string]> = [
    ['a javascript: link', '"See the [guide](javascript:alert(1))."', 'hygiene/url-scheme The description of section "sft" links to "javascript:alert(1)", which is not an http(s) link.'],
    ['a script tag', '"<script>alert(1)</script>"', 'hygiene/markup The description of section "sft" has HTML; a description is plain paragraphs of text with **bold**, *italic*, `code` and links.'],
    ['a fake entry line', '"- [2099] **Fake.** *Me.*"', 'hygiene/markup The description of section "sft" has list, listItem; a description is plain paragraphs of text with **bold**, *italic*, `code` and links.'],
  ];
  for (const [name, description, expected] of cases) {
    it(`${name} is an error at the description, and generate refuses`, async () => {
      const root = await gitFixture('lint-base');
      const file = join(root, 'entries/sections.yml');
      await writeFile(file, (await readFile(file, 'utf8')).replace('            title: SFT\n', `            title: SFT\n            description: ${description}\n`));
      const linted = await runCli(['lint', '--root', root, '--format', 'json'], root);
      expect(errorsOf(linted.stdout).filter((e) => !e.includes('readme/drift'))).toEqual([`entries/sections.yml:12:26 ${expected}`]);
      expect((await runCli(['generate', '--root', root], root)).code).toBe(1);
    });
  }

  it('bold, italic, code and https links pass', async () => {
    const root = await gitFixture('lint-base');
    const file = join(root, 'entries/sections.yml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('            title: SFT\n', '            title: SFT\n            description: "**SFT** is *tuning* with `data`, see [this](https://example.org/)."\n'));
    expect((await runCli(['generate', '--root', root], root)).code).toBe(0);
  });
});

describe('8. import validates what it writes', () => {
  it('reports each invalid entry at its README line and exits 1', async () => {
    const dir = await tempDir();
    const long = 'Long '.repeat(90).trim();
    await writeFile(join(dir, 'README.md'), `# L\n\n## Papers\n\n### 1. S\n\n- [2023] **No Link At All.** *A et al.* \`arXiv\`\n- [9999] **Far Future.** *B et al.* [[paper](https://arxiv.org/abs/2301.00001)]\n- [2023] **${long}.** *C et al.* [[paper](https://arxiv.org/abs/2301.00002)]\n`);
    const result = await runCli(['import', 'README.md', '--out', 'out', '--format', 'json'], dir);
    expect(result.code).toBe(1);
    expect(errorsOf(result.stdout)).toEqual([
      'README.md:1:1 import Nothing was written: the imported list would have the errors reported.',
      'README.md:7:1 import The entry imported from this line (entries/papers/no-link-at-all.yml) is not valid: "links" is empty.',
      'README.md:8:1 import The entry imported from this line (entries/papers/far-future.yml) is not valid: "year" must be <= 2100.',
      `README.md:9:1 import The entry imported from this line (entries/papers/${long.toLowerCase().replace(/ /g, '-').slice(0, 59)}.yml) is not valid: "title" must NOT have more than 400 characters.`,
    ]);
    expect(existsSync(join(dir, 'out'))).toBe(false); // nothing written, not even the folder
  });
});

describe('9. files that are not what they seem', () => {
  it('a symbolic link to a file outside is an error naming the path, its content never quoted', async () => {
    const root = await gitFixture('lint-base');
    await symlink('/etc/passwd', join(root, 'entries/papers/z.yml'));
    const linted = await runCli(['lint', '--root', root, '--format', 'json'], root);
    expect(linted.code).toBe(1);
    expect(linted.stdout).not.toContain('root:');
    expect(errorsOf(linted.stdout)).toContain('entries/papers/z.yml:1:1 file The file is a symbolic link; its target was not read.');
  });

  it('a link to /dev/zero, a FIFO and a linked folder neither hang nor get read', async () => {
    const root = await gitFixture('lint-base');
    await symlink('/dev/zero', join(root, 'entries/papers/zero.yml'));
    execFileSync('mkfifo', [join(root, 'entries/papers/fifo.yml')]);
    await rm(join(root, 'entries/datasets'), { recursive: true });
    await mkdir(join(root, 'elsewhere'));
    await writeFile(join(root, 'elsewhere/secret.yml'), 'secret: value\n');
    await symlink(join(root, 'elsewhere'), join(root, 'entries/datasets'));
    await rm(join(root, 'README.md'));
    await symlink('/etc/hostname', join(root, 'README.md'));
    const result = await runBin(['lint', '--root', root, '--format', 'json'], root);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('secret');
    expect(errorsOf(result.stdout)).toEqual(expect.arrayContaining([
      'README.md:1:1 file The file is a symbolic link; its target was not read.',
      'entries/datasets:null:null file entries/datasets is a symbolic link; folders of the repository must be real folders, so nothing in it was read.',
      'entries/papers/fifo.yml:1:1 file The file is a named pipe, not a regular file; it was not read.',
      'entries/papers/zero.yml:1:1 file The file is a symbolic link; its target was not read.',
    ]));
  });
});

describe('10. size and time', () => {
  it('a template over the cap is refused with a clear error', async () => {
    const root = await gitFixture('lint-base');
    const file = join(root, 'templates/README.md');
    await writeFile(file, `${await readFile(file, 'utf8')}\n${'word *a **b* c [d](e)\n\n'.repeat(8000)}`);
    const result = await runCli(['generate', '--root', root, '--format', 'json'], root);
    expect(result.code).toBe(1);
    expect(errorsOf(result.stdout)).toEqual([expect.stringMatching(/^templates\/README\.md:1:1 file The file is \d+ bytes; files over 131072 bytes are not read\.$/)]);
  });

  it('a README over the cap is refused by import in one line', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'README.md'), 'x'.repeat(2 * 1024 * 1024 + 1));
    const result = await runCli(['import', 'README.md', '--out', 'out'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('paperlist: cannot import README.md: The file is 2097153 bytes; files over 2097152 bytes are not read. Import a list README, not an archive of them.\n');
  });

  it('the pieced parse reads the upstream list exactly as the whole parse does', async () => {
    const text = await readFile(join(FIXTURES, 'upstream/README.md'), 'utf8');
    // Same blocks at the same places, a list cut into several aside, and the same items.
    const blocks = (tree: ReturnType<typeof parseMarkdown>): string[] => tree.children.filter((n) => n.type !== 'list').map((n) => `${n.type}@${n.position!.start.offset}-${n.position!.end.offset}`);
    expect(blocks(parseMarkdownChunked(text))).toEqual(blocks(parseMarkdown(text)));
    const items = (tree: ReturnType<typeof parseMarkdown>): string[] => tree.children.flatMap((n) => (n.type === 'list' ? n.children.map((i) => `${i.position!.start.line}:${i.position!.start.offset}`) : []));
    expect(items(parseMarkdownChunked(text))).toEqual(items(parseMarkdown(text)));
  });

  it('3,000 one-line sections import in pieces: every item, every section', () => {
    const lines = ['# T', '', '## Papers', ''];
    for (let i = 0; i < 3000; i++) lines.push(`### ${i + 1}. Section ${i}`, '', `- [2023] **Title number ${i}.** *A et al.* \`arXiv\` [[paper](https://arxiv.org/abs/2301.${String(i).padStart(5, '0')})]`, '');
    const plan = planImport(new TextEncoder().encode(lines.join('\n')), 'README.md', loadVenues());
    expect(plan.counts).toEqual({ papers: 3000, datasets: 0, items: 3000, sections: 3000 });
  });

  it('stale temporary files of a process that is gone are removed by the next write there', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '.README.md.999999999.1700000000000.tmp'), 'half');
    await writeFile(join(dir, `.README.md.${process.pid}.1700000000000.tmp`), 'ours, in progress');
    await writeFileAtomic(join(dir, 'README.md'), 'whole\n');
    expect((await readdir(dir)).sort()).toEqual([`.README.md.${process.pid}.1700000000000.tmp`, 'README.md']);
  });
});

describe('11. --format json is one JSON document on stdout', () => {
  it('generate --check puts the diff inside it', async () => {
    const root = await gitFixture('lint-base');
    await writeFile(join(root, 'README.md'), 'stale\n');
    const result = await runCli(['generate', '--check', '--root', root, '--format', 'json'], root);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.summary).toMatchObject({ readme: 'stale', files: ['README.md'] });
    expect(report.diff).toContain('--- a/README.md\tcommitted');
  });

  it('add --dry-run puts the entry inside it, and github sends the entry to stderr', async () => {
    const root = await gitFixture('lint-base');
    const args = ['add', '--title', 'A New Paper', '--authors', 'N et al.', '--year', '2024', '--code', 'https://github.com/n/p', '--section', 'sft', '--dry-run', '--root', root];
    const json = await runCli([...args, '--format', 'json'], root);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).entry).toBe(`${HEADER}title: A New Paper\nauthors: N et al.\nyear: 2024\nlinks:\n  code: https://github.com/n/p\nsections:\n  - sft\n`);
    const github = await runCli([...args, '--format', 'github'], root);
    expect(github.stdout).toBe('no problems\n');
    expect(github.stderr).toContain('title: A New Paper');
  });
});

describe('12. the rest', () => {
  it('BibTeX keys are unique even when a base looks like a suffixed key', () => {
    const paper = (title: string): Paper => ({ title, authors: 'Zhu et al.', year: 2024, links: { paper: 'https://example.org' }, sections: ['x'] });
    const keys = citationKeys([paper('Question one'), paper('Question two'), paper('Questiona answers')]);
    expect(keys).toEqual(['zhu2024questionb', 'zhu2024questionc', 'zhu2024questiona']);
    expect(new Set(keys).size).toBe(3);
  });

  it('markers inside a code block or a comment are left as they are', async () => {
    const root = await gitFixture('lint-base');
    const file = join(root, 'templates/README.md');
    await writeFile(file, `${await readFile(file, 'utf8')}\n\`\`\`\n<!-- paperlist:toc -->\n\`\`\`\n\n<!--\n<!-- paperlist:group data -->\n-->\n`);
    expect((await runCli(['generate', '--root', root], root)).code).toBe(0);
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('```\n<!-- paperlist:toc -->\n```\n\n<!--\n<!-- paperlist:group data -->\n-->\n');
  });

  it('a mistyped marker is an error at its line', async () => {
    const root = await gitFixture('lint-base');
    const file = join(root, 'templates/README.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('<!-- paperlist:toc -->', '<!-- paperlist:tok -->'));
    const result = await runCli(['generate', '--root', root, '--format', 'json'], root);
    expect(errorsOf(result.stdout)).toEqual(['templates/README.md:5:1 template Unknown template marker "<!-- paperlist:tok -->".']);
  });

  it('stray arguments are a usage error', async () => {
    const root = await gitFixture('lint-base');
    for (const command of ['lint', 'generate', 'fmt', 'site', 'verify']) {
      const result = await runCli([command, 'missing.yml', '--root', root], root);
      expect(result.code, command).toBe(2);
      expect(result.stderr.split('\n')[0]).toBe(`paperlist: ${command} takes no arguments besides options, found "missing.yml".`);
    }
  });

  it('a template with bytes that are not UTF-8 is an error at its line', async () => {
    const root = await gitFixture('lint-base');
    const file = join(root, 'templates/README.md');
    const text = await readFile(file);
    await writeFile(file, Buffer.concat([text, Buffer.from('\nCaf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const result = await runCli(['generate', '--root', root, '--format', 'json'], root);
    expect(result.code).toBe(1);
    expect(errorsOf(result.stdout)).toEqual(['templates/README.md:11:1 encoding This line has bytes that are not UTF-8.']);
  });
});

describe('13. text that would write to a log', () => {
  it('a file name with a line break and "::" or "##[" reaches no report as a workflow command', async () => {
    const root = await gitFixture('lint-base');
    const name = 'entries/papers/evil\n::error file=x::owned\n##[error]owned.yml';
    await writeFile(join(root, name), 'title: Evil ##[warning]Title\nauthors: A et al.\nyear: 2023\nlinks:\n  code: https://github.com/a/b\nsections:\n  - sft\n');
    for (const format of ['stylish', 'github']) {
      const { stdout } = await runCli(['lint', '--root', root, '--format', format], root);
      const lines = stdout.split('\n');
      // Only the report's own annotations start with "::", and nothing anywhere opens "##[".
      expect(lines.filter((l) => /^\s*::/.test(l) && !/^::(error|warning|notice) file=/.test(l)), format).toEqual([]);
      expect(stdout, format).not.toContain('##[');
      expect(stdout, format).toContain('evil\\u{A}::error file=x::owned\\u{A}##\\u{5B}error]owned.yml');
    }
  });
});

describe('14. links no reader can open', () => {
  it('a link with credentials or to a private address is an error for lint and add', async () => {
    const root = await gitFixture('lint-base');
    await writeFile(join(root, 'entries/papers/probe.yml'), '# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: Probe\nauthors: A et al.\nyear: 2023\nlinks:\n  paper: http://169.254.169.254/latest/meta-data/\n  code: https://user:secret@github.com/a/b\nsections:\n  - sft\n');
    const linted = await runCli(['lint', '--root', root, '--format', 'json'], root);
    expect(linted.code).toBe(1);
    expect(errorsOf(linted.stdout).filter((e) => e.includes('probe.yml'))).toEqual([
      'entries/papers/probe.yml:6:10 hygiene/url-private links.paper points at a private or local address (169.254.169.254), which no reader can open.',
      'entries/papers/probe.yml:7:9 hygiene/url-credentials links.code carries a user name or password (user:…@github.com).',
    ]);
    const added = await runCli(['add', '--title', 'Local Thing', '--authors', 'A et al.', '--year', '2023', '--code', 'http://localhost:8080/x', '--section', 'sft', '--dry-run', '--root', root, '--format', 'json'], root);
    expect(added.code).toBe(1);
    expect(JSON.parse(added.stdout).diagnostics.map((d: { ruleId: string }) => d.ruleId)).toContain('hygiene/url-private');
  });
});

describe('15. Markdown whose parse cost would explode', () => {
  it('a template paragraph of 108 KB of "**a*": an error at its line, at once (micromark took 31 s on it)', async () => {
    const root = await gitFixture('lint-base');
    const template = await readFile(join(root, 'templates/README.md'), 'utf8');
    await writeFile(join(root, 'templates/README.md'), template.replace('# Test list\n', `# Test list\n\n${'**a*'.repeat(27_000)}\n`));
    for (const command of ['lint', 'generate']) {
      const result = await runCli([command, '--root', root, '--format', 'json'], root);
      expect(result.code, command).toBe(1);
      expect(errorsOf(result.stdout), command).toContain('templates/README.md:3:1 template This paragraph has 81000 emphasis and link marks (* _ [ ]); at most 256 are read in one paragraph, so the template was not parsed.');
    }
  });
});

describe('16. spreadsheets and Windows', () => {
  it('a title or author shaped like a formula is an error, and the CSV export neutralises such a cell', async () => {
    const root = await gitFixture('lint-base');
    await writeFile(join(root, 'entries/papers/formula.yml'), `title: '=HYPERLINK("http://evil.example","x")'\nauthors: '@SUM(1+1)'\nyear: 2023\nlinks:\n  code: https://github.com/a/b\nsections:\n  - sft\n`);
    const linted = await runCli(['lint', '--root', root, '--format', 'json'], root);
    expect(errorsOf(linted.stdout).filter((e) => e.includes('hygiene/formula'))).toEqual([
      'entries/papers/formula.yml:1:8 hygiene/formula title starts like a spreadsheet formula ("=HYPERLINK("http://e…"): opened from a CSV export, it would run.',
      'entries/papers/formula.yml:2:10 hygiene/formula authors starts like a spreadsheet formula ("@SUM(1+1)"): opened from a CSV export, it would run.',
    ]);
    const { csvField } = await import('../src/export/tabular.js');
    expect(['=HYPERLINK("http://x","x")', '@SUM(1+1)', '+1+2', '-2+3', 'Plain title', '- a dash'].map(csvField)).toEqual([
      `"'=HYPERLINK(""http://x"",""x"")"`, "'@SUM(1+1)", "'+1+2", "'-2+3", 'Plain title', "'- a dash",
    ]);
  });

  it('a file name Windows reserves (con, aux, nul, prn, com1, lpt1) is an error', async () => {
    const root = await gitFixture('lint-base');
    for (const name of ['con', 'aux', 'nul', 'prn', 'com1', 'lpt1']) await writeFile(join(root, `entries/datasets/${name}.yml`), `name: ${name.toUpperCase()} Corpus\ndescription: A corpus.\nsections:\n  - corpora\n`);
    const linted = await runCli(['lint', '--root', root, '--format', 'json'], root);
    expect(errorsOf(linted.stdout).filter((e) => e.includes('hygiene/reserved-name')).map((e) => e.split(' ')[0])).toEqual(['aux', 'com1', 'con', 'lpt1', 'nul', 'prn'].map((n) => `entries/datasets/${n}.yml:1:1`));
  });
});
