import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, gitFixture, runCli } from './helpers.js';

const add = (root: string, ...args: string[]) => runCli(['add', '--root', root, ...args], root);

describe('paperlist add', () => {
  it('writes a canonical entry named after the title, and regenerates README.md with it', async () => {
    const root = await gitFixture('lint-base');
    const result = await add(root, '--title', 'Mixtral of Experts.', '--authors', 'Jiang et al.', '--year', '2024', '--venue', 'Arxiv', '--paper', 'https://arxiv.org/abs/2401.04088', '--code', 'https://github.com/mistralai/mistral-src', '--section', 'pretraining', '--section', 'sft');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('created entries/papers/mixtral-of-experts.yml\nwrote README.md with it. Commit entries/papers/mixtral-of-experts.yml, README.md.\n');
    expect(await readFile(join(root, 'entries/papers/mixtral-of-experts.yml'), 'utf8')).toBe(
      '# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: Mixtral of Experts\nauthors: Jiang et al.\nyear: 2024\nvenue: arXiv\nlinks:\n  paper: https://arxiv.org/abs/2401.04088\n  code: https://github.com/mistralai/mistral-src\nsections:\n  - pretraining\n  - sft\n',
    );
    expect(await runCli(['generate', '--check', '--root', root], root)).toEqual({ code: 0, stdout: '', stderr: 'README.md is up to date.\n' });
    expect(await readFile(join(root, 'README.md'), 'utf8')).toContain('- [2024] **Mixtral of Experts.** *Jiang et al.* `arXiv` [[paper](https://arxiv.org/abs/2401.04088)] [[code](https://github.com/mistralai/mistral-src)]\n');
    expect((await runCli(['lint', '--root', root], root)).code).toBe(0);
  });

  it('refuses a paper that is already listed, naming the existing file, and writes nothing', async () => {
    const root = await gitFixture('lint-base');
    const before = await readdir(join(root, 'entries/papers'));
    const result = await add(root, '--title', 'Mistral 7B, a Language Model', '--authors', 'Jiang et al.', '--year', '2023', '--paper', 'https://arxiv.org/pdf/2310.06825v1', '--section', 'sft', '--format', 'json');
    expect(result.code).toBe(1);
    const [d] = JSON.parse(result.stdout).diagnostics;
    expect(d).toMatchObject({ file: 'entries/papers/mistral-7b.yml', ruleId: 'duplicates/arxiv', severity: 'error', message: 'This paper is listed already: entries/papers/mistral-7b.yml ("Mistral 7B") has the same arXiv id.' });
    expect(d.hint).toBe('To list it in another section too, add the section to `sections` in entries/papers/mistral-7b.yml; nothing was written.');
    expect(await readdir(join(root, 'entries/papers'))).toEqual(before);
  });

  it('refuses what lint would call an error: unknown section, year before the arXiv id, markup', async () => {
    const root = await gitFixture('lint-base');
    const result = await add(root, '--title', 'A **bold** claim', '--authors', 'A et al.', '--year', '2020', '--paper', 'https://arxiv.org/abs/2305.00001', '--section', 'nowhere', '--format', 'json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).diagnostics.map((d: { ruleId: string }) => d.ruleId).sort()).toEqual(['hygiene/markup', 'hygiene/unknown-section', 'mislabels/year-before-arxiv']);
  });

  it('validates before writing: a year that is not a number is a schema error', async () => {
    const root = await gitFixture('lint-base');
    const result = await add(root, '--title', 'Fine Title Here', '--authors', 'A et al.', '--year', 'soon', '--code', 'https://github.com/a/b', '--section', 'sft', '--format', 'json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).diagnostics.map((d: { message: string }) => d.message)).toEqual(['"year" must be a whole number, found string "soon".']);
  });

  it('without a terminal, missing fields are a usage error (exit 2)', async () => {
    const root = await gitFixture('lint-base');
    const result = await add(root, '--title', 'Only A Title');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing --authors, --year, --section (sections: sft, pretraining, prompting).');
  });

  it('--dry-run prints the entry and writes nothing', async () => {
    const root = await gitFixture('lint-base');
    const before = await readdir(join(root, 'entries/papers'));
    const result = await add(root, '--title', 'Dry Run Paper', '--authors', 'A et al.', '--year', '2024', '--code', 'https://github.com/a/b', '--section', 'sft', '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('title: Dry Run Paper\n');
    expect(await readdir(join(root, 'entries/papers'))).toEqual(before);
  });
});

describe('paperlist fmt', () => {
  it('--check lists files not in canonical form and exits 1; fmt rewrites them', async () => {
    const root = await gitFixture('lint-base');
    const file = join(root, 'entries/papers/mistral-7b.yml');
    const canonical = await readFile(file, 'utf8');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, canonical.replace('title: Mistral 7B', 'title: "Mistral 7B"').replace('venue: arXiv', 'venue: Arxiv'));
    const check = await runCli(['fmt', '--check', '--root', root], root);
    expect(check).toMatchObject({ code: 1, stdout: 'would rewrite entries/papers/mistral-7b.yml: venue: "Arxiv" → "arXiv", canonical form\n' });
    const fmt = await runCli(['fmt', '--root', root], root);
    expect(fmt.code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(canonical);
    expect((await runCli(['fmt', '--check', '--root', root], root)).code).toBe(0);
  });

  it('Ctrl+D or Ctrl+C at a prompt: "cancelled: nothing was written", exit 130, no file', async () => {
    const { PassThrough } = await import('node:stream');
    for (const press of [(t: NodeJS.WritableStream) => t.end(), (t: NodeJS.WritableStream) => t.write('\u0003')]) {
      const root = await gitFixture('lint-base');
      const terminal = Object.assign(new PassThrough(), { isTTY: true });
      // The title is answered; then the person gives up at the authors prompt.
      setTimeout(() => {
        terminal.write('Mixtral of Experts\n');
        setTimeout(() => press(terminal), 50);
      }, 50);
      const result = await runCli(['add', '--section', 'sft', '--root', root], root, {}, terminal);
      expect(result.code).toBe(130);
      expect(result.stderr.endsWith('\npaperlist: cancelled: nothing was written.\n')).toBe(true);
      expect(result.stderr).not.toContain('internal error');
      expect(await git(root, 'status', '--porcelain')).toBe('');
    }
  });

  it('writes an arXiv paper link in its one form, however it was pasted (pdf, version)', async () => {
    const root = await gitFixture('lint-base');
    const result = await add(root, '--title', 'Mixtral of Experts', '--authors', 'Jiang et al.', '--year', '2024', '--venue', 'arXiv', '--paper', 'https://arxiv.org/pdf/2401.04088v2.pdf', '--section', 'sft', '--dry-run', '--format', 'json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).entry).toContain('  paper: https://arxiv.org/abs/2401.04088\n');
  });
});
