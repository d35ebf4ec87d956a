// A simulated pull request: a temporary git repository with a main branch, a contributor's change,
// and the gate CI runs (lint --format github, generate --check, links --changed main).
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture, runCli, RULES_DOC } from './helpers.js';
import { startLinkServer, type LinkServer } from './link-server.mjs';

const exec = promisify(execFile);
const git = (root: string, ...args: string[]) =>
  exec('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd: root });

let server: LinkServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A main branch with the fixture list (and `settings` as its .paperlist.yml), and a contribution branch. */
async function repository(settings?: string): Promise<string> {
  const root = await copyFixture('lint-base');
  if (settings !== undefined) await writeFile(join(root, '.paperlist.yml'), settings);
  await git(root, 'init', '-q');
  await git(root, 'add', '-A');
  await git(root, 'commit', '-q', '-m', 'main');
  await git(root, 'checkout', '-q', '-b', 'contribution');
  return root;
}

const entry = (title: string, links: string) =>
  `# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: ${title}\nauthors: Jiang et al.\nyear: 2023\nvenue: arXiv\nlinks:\n${links}sections:\n  - sft\n`;

describe('pull request gate', () => {
  it('a new entry duplicating a listed paper (title in other case) fails with an annotation on the new file', async () => {
    const root = await repository();
    await writeFile(join(root, 'entries/papers/mistral-7b-2.yml'), entry('MISTRAL 7B', '  code: https://github.com/mistralai/mistral-src-fork\n'));
    await git(root, 'add', '-A');
    await git(root, 'commit', '-q', '-m', 'Add Mistral again');
    const lint = await runCli(['lint', '--base', 'main', '--root', root, '--format', 'github'], root);
    expect(lint.code).toBe(1);
    // The branch adds mistral-7b-2.yml: that copy is the one to remove, and the listed one is kept.
    expect(lint.stdout.split('\n').filter((l) => l.includes('duplicates/title'))).toEqual([
      `::error file=entries/papers/mistral-7b-2.yml,line=2,col=8,endLine=2,endColumn=18,title=duplicates/title::"MISTRAL 7B" has the same title as entries/papers/mistral-7b.yml ("Mistral 7B").%0Aentries/papers/mistral-7b.yml already lists it: remove this file (this branch adds it), and add any section it has to the \`sections\` of entries/papers/mistral-7b.yml.%0A(see entries/papers/mistral-7b.yml:2:8)%0A${RULES_DOC}#duplicates-title`,
      `::error file=entries/papers/mistral-7b.yml,line=2,col=8,endLine=2,endColumn=18,title=duplicates/title::"Mistral 7B" has the same title as entries/papers/mistral-7b-2.yml ("MISTRAL 7B").%0AKeep this file: entries/papers/mistral-7b-2.yml, which this branch adds, is the copy to remove.%0A(see entries/papers/mistral-7b-2.yml:2:8)%0A${RULES_DOC}#duplicates-title`,
    ]);
    const unknown = await runCli(['lint', '--base=-rf', '--root', root], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe("paperlist: --base -rf: '-rf' is not a commit in this repository (in CI, fetch the base branch first)");
  });

  it('a good entry passes, the regenerated README holds it, and links --changed checks only its URLs', async () => {
    server = await startLinkServer();
    const b = server.base();
    // The test server is on 127.0.0.1: the list's settings allow links to it.
    const root = await repository('rules:\n  hygiene/url-private: off\n');
    await writeFile(join(root, 'entries/papers/mixtral-of-experts.yml'), entry('Mixtral of Experts', `  paper: ${b}/ok\n  code: ${b}/perm\n`).replace('year: 2023', 'year: 2024').replace('venue: arXiv\n', ''));
    expect((await runCli(['generate', '--root', root], root)).code).toBe(0);
    await git(root, 'add', '-A');
    await git(root, 'commit', '-q', '-m', 'Add Mixtral');

    const lint = await runCli(['lint', '--root', root, '--format', 'github'], root);
    expect(lint.stdout).not.toContain('::error');
    expect(lint.code).toBe(0);
    expect((await runCli(['generate', '--check', '--root', root], root)).code).toBe(0);
    expect(await readFile(join(root, 'README.md'), 'utf8')).toContain(`- [2024] **Mixtral of Experts.** *Jiang et al.* [[paper](${b}/ok)] [[code](${b}/perm)]`);

    const links = await runCli(['links', '--changed', 'main', '--root', root, '--allow-private', '--format', 'json'], root);
    expect(links.code).toBe(0);
    const report = JSON.parse(links.stdout);
    expect(report.links.map((l: { url: string; state: string }) => `${l.url} ${l.state}`)).toEqual([`${b}/ok ok`, `${b}/perm redirected`]);
    expect(server.requests.map((r) => r.path).sort()).toEqual(['/ok', '/ok', '/perm']); // /ok, /perm → /ok
    expect(report.summary.sources).toBe(8); // all links of the repository, of which only the PR's were checked
  });

  it('an image the pull request adds to the template must be a file of the repository (no network needed)', async () => {
    const root = await repository();
    const template = join(root, 'templates/README.md');
    await writeFile(template, `${await readFile(template, 'utf8')}\n![A new figure](image/new.png)\n`);
    expect((await runCli(['generate', '--root', root], root)).code).toBe(0);
    await git(root, 'add', '-A');
    await git(root, 'commit', '-q', '-m', 'Add a figure');
    const links = await runCli(['links', '--changed', 'main', '--root', root, '--format', 'json'], root);
    expect(JSON.parse(links.stdout).links.map((l: { url: string; state: string }) => `${l.url} ${l.state}`)).toEqual(['./image/new.png dead']);
    expect(links.code).toBe(1);
  });

  it('the base branch\'s settings judge the pull request: one that turns checks off or excludes its own link is still checked, and told', async () => {
    server = await startLinkServer();
    const b = server.base();
    const root = await repository();
    await writeFile(join(root, '.paperlist.yml'), `rules:\n  hygiene: off\n  mislabels: off\nlinks:\n  exclude:\n    - ${b}/\n`);
    await writeFile(join(root, 'entries/papers/sneaky.yml'), entry('Sneaky <b>Title</b>', `  paper: javascript:alert(1)\n  code: ${b}/404\n`).replace('title: Sneaky <b>Title</b>', 'title: Sneaky <b>Title</b>'));
    await git(root, 'add', '-A');
    await git(root, 'commit', '-q', '-m', 'Turn the checks off');

    const lint = await runCli(['lint', '--base', 'main', '--root', root, '--format', 'json'], root);
    expect(lint.code).toBe(1);
    const found = JSON.parse(lint.stdout).diagnostics.map((d: { file: string; ruleId: string; severity: string }) => `${d.severity} ${d.file} ${d.ruleId}`);
    expect(found).toContain('error entries/papers/sneaky.yml hygiene/url-scheme');
    expect(found).toContain('error entries/papers/sneaky.yml hygiene/markup');
    const changed = JSON.parse(lint.stdout).diagnostics.find((d: { ruleId: string }) => d.ruleId === 'config/changed');
    expect(changed).toEqual({
      file: '.paperlist.yml', line: 1, column: 1, ruleId: 'config/changed', severity: 'warning',
      message: `This pull request changes the settings (links.exclude: (none) → ["${b}/"]; rules.hygiene: (none) → "off"; rules.mislabels: (none) → "off"); the checks of this run use the base branch's, and the change applies after merge.`,
      hint: 'A maintainer reviews a change to .paperlist.yml: say why in the pull request.',
      url: `${RULES_DOC}#other-diagnostics`,
    });
    // Without --base (after merge, on main) the repository's own settings apply.
    expect((await runCli(['lint', '--root', root, '--format', 'json'], root)).stdout).not.toContain('hygiene/url-scheme');

    const links = await runCli(['links', '--changed', 'main', '--root', root, '--allow-private', '--format', 'json'], root);
    expect(JSON.parse(links.stdout).links.filter((l: { state: string }) => l.state !== 'skipped').map((l: { url: string; state: string }) => `${l.url} ${l.state}`)).toEqual([`${b}/404 dead`]);
    expect(links.code).toBe(1);
  });

  it('an entry whose file name git would quote (non-ASCII) is still the branch\'s: its links are checked, and lint names it the copy to remove', async () => {
    server = await startLinkServer();
    const b = server.base();
    const root = await repository();
    await writeFile(join(root, 'entries/papers/mistral-7b-é.yml'), entry('Mistral 7B', `  paper: ${b}/ok\n  code: ${b}/404\n`));
    await git(root, 'add', '-A');
    await git(root, 'commit', '-q', '-m', 'Add a copy under a non-ASCII name');
    const links = await runCli(['links', '--changed', 'main', '--root', root, '--allow-private', '--format', 'json'], root);
    expect(JSON.parse(links.stdout).links.filter((l: { state: string }) => l.state !== 'skipped').map((l: { url: string; state: string }) => `${l.url} ${l.state}`)).toEqual([`${b}/ok ok`, `${b}/404 dead`]);
    const lint = await runCli(['lint', '--base', 'main', '--root', root, '--format', 'json'], root);
    const hint = JSON.parse(lint.stdout).diagnostics.find((d: { file: string; ruleId: string }) => d.file === 'entries/papers/mistral-7b-é.yml' && d.ruleId === 'duplicates/title')?.hint;
    expect(hint).toBe('entries/papers/mistral-7b.yml already lists it: remove this file (this branch adds it), and add any section it has to the `sections` of entries/papers/mistral-7b.yml.');
  });

  it('a README.md edited in the browser: the gate passes with what it means, and after merge absorb makes main consistent', async () => {
    const root = await repository();
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const line = '- [2024] **Mixtral of Experts** *Jiang et al.* `Arxiv` [[paper](https://arxiv.org/abs/2401.04088)]';
    await writeFile(join(root, 'README.md'), readme.replace('\n- [2024] **Question Translation Training', `\n${line}\n- [2024] **Question Translation Training`));
    await git(root, 'commit', '-qam', 'Add Mixtral (edited in the browser)');
    const lineNo = (await readFile(join(root, 'README.md'), 'utf8')).split('\n').indexOf(line) + 1;

    // The gate, as ci.yml runs it: lint passes, each change said at its line.
    const lint = await runCli(['lint', '--base', 'main', '--root', root, '--format', 'github'], root);
    expect(lint.code).toBe(0);
    expect(lint.stdout).toBe(`::warning file=README.md,line=${lineNo},col=1,title=readme/hand-edit::README.md was edited by hand here: absorb creates entries/papers/mixtral-of-experts.yml.%0AOn the main branch this is applied after merge; to apply it now, run 'npx paperlist absorb' and commit the files it names.%0A${RULES_DOC}#readme-hand-edit\n0 errors, 1 warning\n`);
    // The README step's condition is met (README.md is not what the entries generate), and it says what the edit becomes.
    expect((await runCli(['generate', '--check', '--root', root], root)).code).toBe(1);
    expect((await runCli(['absorb', '--dry-run', '--root', root], root)).stdout).toBe(`README.md:${lineNo}  would create entries/papers/mixtral-of-experts.yml\n`);

    // After merge, absorb.yml on main: absorb, then commit; main is consistent.
    await git(root, 'checkout', '-q', 'main');
    await git(root, 'merge', '-q', '--no-ff', '-m', 'Merge the contribution', 'contribution');
    const absorbed = await runCli(['absorb', '--root', root, '--format', 'github'], root);
    expect(absorbed.code).toBe(0);
    await git(root, 'add', 'entries', 'templates', 'README.md');
    await git(root, 'commit', '-qm', 'Absorb the hand edit of README.md into entries (paperlist absorb)');
    expect(await readFile(join(root, 'entries/papers/mixtral-of-experts.yml'), 'utf8')).toBe('# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: Mixtral of Experts\nauthors: Jiang et al.\nyear: 2024\nvenue: arXiv\nlinks:\n  paper: https://arxiv.org/abs/2401.04088\nsections:\n  - sft\n');
    expect(await runCli(['lint', '--root', root, '--format', 'github'], root)).toMatchObject({ code: 0, stdout: 'no problems\n' });
    expect((await runCli(['generate', '--check', '--root', root], root)).code).toBe(0);
  });

  it('a README.md edit absorb cannot take fails the gate at its line, with the reason', async () => {
    const root = await repository();
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const line = '- A paper without its year, *Doe et al.*';
    await writeFile(join(root, 'README.md'), readme.replace('\n- [2024] **Question Translation Training', `\n${line}\n- [2024] **Question Translation Training`));
    await git(root, 'commit', '-qam', 'An unreadable line');
    const lint = await runCli(['lint', '--base', 'main', '--root', root, '--format', 'json'], root);
    expect(lint.code).toBe(1);
    expect(JSON.parse(lint.stdout).diagnostics.map((d: { line: number; ruleId: string; severity: string }) => `${d.severity} ${d.line} ${d.ruleId}`)).toEqual([`error ${(await readFile(join(root, 'README.md'), 'utf8')).split('\n').indexOf(line) + 1} absorb`]);
  });

  it('links --changed with an unknown ref is a usage error', async () => {
    const root = await repository();
    const result = await runCli(['links', '--changed', 'no-such-branch', '--root', root], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'no-such-branch' is not a commit in this repository");
  });
});
