// The error model: every command with an output path that cannot be written reports one line that
// names the path and the reason, with the documented exit code, and never a stack trace; a cache
// that cannot be written is a warning after a report that is printed in full.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileError } from '../src/core/errors.js';
import { writeFileAtomic } from '../src/core/fs-atomic.js';
import { main } from '../src/cli.js';
import { copyFixture, FIXTURES, listenLocal, runCli, RULES_DOC } from './helpers.js';

/** A repository copy with a regular file `afile` in it: nothing can be written below it. */
async function rootWithFile(): Promise<string> {
  const root = await copyFixture('lint-base');
  await writeFile(join(root, 'afile'), 'a file, not a folder\n');
  return root;
}

const inTheWay = 'a file is in the way of a folder on that path';

describe('an output path that cannot be written', () => {
  it.each([
    ['export', ['export', '--format', 'json', '--out', 'afile/x.json'], 'afile/x.json'],
    ['site', ['site', '--out', 'afile/site'], 'afile/site/index.html'],
    ['import', ['import', 'README.md', '--out', 'afile/imported'], 'afile/imported'],
  ])('%s: one line naming the path and the reason, exit 3', async (_name, argv, path) => {
    const root = await rootWithFile();
    const result = await runCli([...argv, ...(argv[0] === 'import' ? [] : ['--root', root])], root);
    expect(result.code).toBe(3);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^paperlist: cannot write ${path.replace(/[.]/g, '\\.')}\\S*: (${inTheWay}|a part of the path is a file, not a folder)\\.$`));
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('writeFileAtomic says which path and why, as a FileError', async () => {
    const root = await rootWithFile();
    const error = await writeFileAtomic(join(root, 'afile', 'x'), 'text').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileError);
    expect((error as FileError).path).toBe(join(root, 'afile', 'x'));
    expect((error as FileError).action).toBe('write');
  });

  it('links --cache that cannot be written: the report first, then a warning; the exit code is the check\'s', async () => {
    const { base } = await listenLocal((_req, res) => res.writeHead(200).end('ok'));
    const root = await rootWithFile();
    await writeFile(join(root, 'list.md'), `- [one](${base}/ok)\n`);
    const result = await runCli(['links', 'list.md', '--root', root, '--allow-private', '--cache', 'afile/cache.json', '--format', 'json'], root);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.links.map((l: { state: string }) => l.state)).toEqual(['ok']);
    expect(report.diagnostics).toEqual([
      { file: 'afile/cache.json', line: null, column: null, ruleId: 'links', severity: 'warning', message: `The link cache was not saved: ${inTheWay}.`, hint: 'Give --cache a path that can be written; the next run checks these links again.', url: `${RULES_DOC}#other-diagnostics` },
    ]);
  });

  it('verify --cache that cannot be written is a warning in the report', async () => {
    const root = await rootWithFile();
    const dead = 'http://127.0.0.1:1';
    const result = await runCli(['verify', '--root', root, '--cache', 'afile/records.json', '--arxiv-api', `${dead}/api/query`, '--anthology', dead, '--crossref', dead, '--semantic-scholar', dead, '--interval', '0', '--format', 'json'], root);
    expect(result.code).toBe(4);
    expect(JSON.parse(result.stdout).diagnostics).toEqual([
      { file: 'afile/records.json', line: null, column: null, ruleId: 'records', severity: 'warning', message: `The record cache was not saved: ${inTheWay}.`, hint: 'Give --cache a path that can be written; the next run fetches these records again.', url: `${RULES_DOC}#other-diagnostics` },
    ]);
  }, 30_000);
});

describe('site --out', () => {
  it('a name ending in .html is the page itself; an existing file that is not is a usage error', async () => {
    const root = await rootWithFile();
    const page = await runCli(['site', '--out', 'page.html', '--root', root], root);
    expect(page).toEqual({ code: 0, stdout: '', stderr: 'wrote page.html: 3 papers and 2 datasets\n' });
    expect((await readFile(join(root, 'page.html'), 'utf8')).startsWith('<!doctype html>')).toBe(true);
    const file = await runCli(['site', '--out', 'afile', '--root', root], root);
    expect(file.code).toBe(2);
    expect(file.stderr).toBe('paperlist: --out afile is a file: give a folder (index.html is written in it) or a file name ending in .html.\nUsage: paperlist site --out DIR|FILE.html [--root DIR]\n');
    expect(existsSync(join(root, 'afile'))).toBe(true);
  });
});

describe('usage errors', () => {
  it('a mistyped option: did you mean, exit 2, no raw parser message', async () => {
    const result = await runCli(['add', '--titel', 'X'], FIXTURES);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('paperlist: unknown option --titel: did you mean --title?');
    expect(result.stderr).not.toContain("'--");
    const missing = await runCli(['export', '--format'], FIXTURES);
    expect(missing.stderr.split('\n')[0]).toBe('paperlist: --format needs a value');
  });

  it('--help states every exit code of the command', async () => {
    const help = await runCli(['verify', '--help'], FIXTURES);
    expect(help.stdout.trimEnd().split('\n').at(-1)).toBe('Exit codes: 0 entries agree with their records (warnings allowed), 1 errors, 4 a source could not be reached, 2 usage error, 3 a file could not be read or written, 70 a bug in paperlist.');
  });
});

describe('a bug', () => {
  it('is the only thing that prints a stack, with where to report it, exit 70', async () => {
    const root = await copyFixture('lint-base');
    let stderr = '';
    // An output stream that throws a TypeError: no error paperlist knows, so a bug by definition.
    const broken = { write: (): boolean => { throw new TypeError('stream.write is broken'); } } as unknown as NodeJS.WritableStream;
    const code = await main(['lint', '--root', root], { stdout: broken, stderr: { write: (s: string) => ((stderr += s), true) } as unknown as NodeJS.WritableStream, cwd: root, env: {} });
    expect(code).toBe(70);
    const [first, second] = stderr.split('\n');
    expect(first).toBe('paperlist: internal error (a bug in paperlist). Please report it at https://github.com/LightChen233/Awesome-Multilingual-LLM/issues with the command you ran and this output:');
    expect(second).toBe('TypeError: stream.write is broken');
    expect(stderr).toMatch(/\n\s+at /);
  });
});
