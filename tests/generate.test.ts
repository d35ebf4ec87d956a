import { execFile } from 'node:child_process';
import { readFile, writeFile, rm, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/core/package-files.js';
import { loadProject } from '../src/check/project.js';
import { renderReadme } from '../src/render/readme.js';
import { gitFixture, FIXTURES, runCli, RULES_DOC } from './helpers.js';

const run = promisify(execFile);
const EXPECTED = join(FIXTURES, 'import-variants/expected');

/**
 * The importer's expected output keeps the venue "NeurIPs 2021" as written, which lint calls an
 * error (and generate then refuses): a copy that lets it pass as a warning, through the settings.
 */
async function renderableCopy(): Promise<string> {
  const root = await gitFixture('import-variants/expected');
  await writeFile(join(root, '.paperlist.yml'), 'rules:\n  mislabels/unknown-venue: warning\n');
  return root;
}

describe('paperlist generate', () => {
  it('renders the expected README byte for byte', async () => {
    const root = await renderableCopy();
    await rm(join(root, 'README.md'));
    const result = await runCli(['generate', '--root', root], root);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('wrote README.md: commit it with your entry changes.\n');
    expect(await readFile(join(root, 'README.md'), 'utf8')).toBe(await readFile(join(EXPECTED, 'README.md'), 'utf8'));
  });

  it('is deterministic: entry order, locale and time zone change nothing', async () => {
    const project = await loadProject(EXPECTED);
    const input = {
      sections: project.sections!,
      papers: project.papers,
      datasets: project.datasets,
      template: project.workspace.template!.text,
      templateFile: 'templates/README.md',
    };
    const a = renderReadme(input).text;
    const b = renderReadme({ ...input, papers: [...input.papers].reverse(), datasets: [...input.datasets].reverse() }).text;
    expect(b).toBe(a);

    const root = await renderableCopy();
    const env = { ...process.env, LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8', TZ: 'Pacific/Kiritimati' };
    await run(process.execPath, [join(PACKAGE_ROOT, 'bin/paperlist.js'), 'generate', '--root', root], { env });
    expect(await readFile(join(root, 'README.md'), 'utf8')).toBe(a);
  });

  it('gives the same bytes whatever the files are named on disk', async () => {
    const root = await renderableCopy();
    // Renaming entry files changes directory order but not the rendered lists.
    for (const name of await readdir(join(root, 'entries/papers'))) {
      await rename(join(root, 'entries/papers', name), join(root, 'entries/papers', `z-${name}`));
    }
    await runCli(['generate', '--root', root], root);
    expect(await readFile(join(root, 'README.md'), 'utf8')).toBe(await readFile(join(EXPECTED, 'README.md'), 'utf8'));
  });

  it('--check passes on a current README and writes nothing', async () => {
    const root = await renderableCopy();
    const result = await runCli(['generate', '--check', '--root', root], root);
    expect(result).toEqual({ code: 0, stdout: '', stderr: 'README.md is up to date.\n' });
  });

  it('--check exits 1 with a unified diff on a stale README, and leaves it alone', async () => {
    const root = await renderableCopy();
    const stale = (await readFile(join(root, 'README.md'), 'utf8')).replace('- **Bold Only**. It has no link.\n', '');
    await writeFile(join(root, 'README.md'), stale);
    const result = await runCli(['generate', '--check', '--root', root], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('--- a/README.md\tcommitted\n+++ b/README.md\tgenerated\n');
    expect(result.stdout).toContain('\n - **Bold Colon**. It uses a colon.\n+- **Bold Only**. It has no link.\n - [**Linked Bold**]');
    // A hand edit (README.md is neither what the entries nor the last commit generate): absorb keeps it.
    expect(result.stderr).toBe("paperlist: README.md is not what the entries generate. README.md has edits made by hand: run 'npx paperlist absorb' (it turns the edit into entry changes and regenerates README.md) and commit the files it names.\n");
    expect(await readFile(join(root, 'README.md'), 'utf8')).toBe(stale);
  });

  it('refuses to write when an entry has errors, and README.md stays as it was', async () => {
    const root = await renderableCopy();
    await writeFile(join(root, 'entries/papers/why-ask.yml'), 'title: Why Ask?\nauthors: Kale et al.\nyear: "2023"\nlinks: {}\nsections: [sub-a]\n');
    const before = await readFile(join(root, 'README.md'), 'utf8');
    const result = await runCli(['generate', '--root', root, '--format', 'json'], root);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([
      { file: 'entries/papers/why-ask.yml', line: 3, column: 7, endLine: 3, endColumn: 13, ruleId: 'schema', severity: 'error', message: '"year" must be a whole number, found string "2023".', hint: 'Year of the version linked as the paper: the year in an ACL Anthology id, the first-submission year of an arXiv-only paper.', url: `${RULES_DOC}#other-diagnostics` },
      { file: 'entries/papers/why-ask.yml', line: 4, column: 1, endLine: 4, endColumn: 6, ruleId: 'schema', severity: 'error', message: '"links" is empty.', hint: 'Links, each under the key that says what it points at. At least one.', url: `${RULES_DOC}#other-diagnostics` },
    ]);
    expect(result.stderr).toContain('nothing was written');
    expect(await readFile(join(root, 'README.md'), 'utf8')).toBe(before);
  });

  it('reports a template without a marker for a group instead of dropping its entries', async () => {
    const root = await renderableCopy();
    const template = (await readFile(join(root, 'templates/README.md'), 'utf8')).replace('<!-- paperlist:group data -->\n', '');
    await writeFile(join(root, 'templates/README.md'), template);
    const result = await runCli(['generate', '--root', root, '--format', 'json'], root);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).diagnostics.filter((d: { severity: string }) => d.severity === 'error').map((d: { message: string }) => d.message)).toEqual([
      'templates/README.md has no marker for group "data": its entries would be missing from the README.',
    ]);
  });
});

describe('the installed command', () => {
  it('bin/paperlist.js --help lists the commands and exits 0', async () => {
    const { stdout } = await run(process.execPath, [join(PACKAGE_ROOT, 'bin/paperlist.js'), '--help']);
    expect(stdout).toContain('Usage: paperlist <command> [options]');
    expect(stdout).toMatch(/^ {2}generate {2}/m);
  });

  it('every command listed by paperlist --help has --help, with its usage and exit codes', async () => {
    const commands = [...(await runCli(['--help'], FIXTURES)).stdout.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1]!);
    expect(commands).toEqual(['absorb', 'add', 'export', 'fmt', 'generate', 'import', 'lint', 'links', 'site', 'verify']);
    for (const command of commands) {
      const result = await runCli([command, '--help'], FIXTURES);
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toMatch(new RegExp(`^Usage: paperlist ${command} `));
      expect(result.stdout, command).toMatch(/\nExit codes: 0 [^\n]+, 2 usage error, 3 a file could not be read or written, 70 a bug in paperlist\.\n$/);
    }
  });

  it('an unknown command or option exits 2 with usage', async () => {
    expect((await runCli(['frobnicate'], FIXTURES)).code).toBe(2);
    const bad = await runCli(['generate', '--nope'], FIXTURES);
    expect(bad).toEqual({ code: 2, stdout: '', stderr: 'paperlist: unknown option --nope\nUsage: paperlist generate [--check] [--force] [--root DIR] [--format stylish|json|github]\n' });
  });
});

describe('--root', () => {
  it('a directory that does not exist is a usage error (exit 2), for every command that takes it', async () => {
    for (const command of [['lint'], ['generate'], ['fmt'], ['links'], ['verify'], ['export', '--format', 'json'], ['site', '--out', 'x'], ['add', '--title', 'T', '--authors', 'A', '--year', '2024', '--section', 's']]) {
      const result = await runCli([...command, '--root', '/no/such/dir'], FIXTURES);
      expect(result.code, command[0]).toBe(2);
      expect(result.stderr, command[0]).toContain('--root /no/such/dir is not a directory.');
    }
  });
});
