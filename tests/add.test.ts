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

describe('paperlist add, a dataset', () => {
  const AYA = ['--name', 'Aya Dataset', '--url', 'https://huggingface.co/datasets/CohereForAI/aya_dataset', '--description', 'Human-annotated prompts and completions in 65 languages.'];

  it('--name writes entries/datasets/<id>.yml in canonical form and regenerates README.md with it', async () => {
    const root = await gitFixture('lint-base');
    const result = await add(root, ...AYA, '--section', 'corpora');
    expect(result).toEqual({ code: 0, stdout: '', stderr: 'created entries/datasets/aya-dataset.yml\nwrote README.md with it. Commit entries/datasets/aya-dataset.yml, README.md.\n' });
    expect(await readFile(join(root, 'entries/datasets/aya-dataset.yml'), 'utf8')).toBe(
      '# yaml-language-server: $schema=../../schema/dataset.schema.json\nname: Aya Dataset\nurl: https://huggingface.co/datasets/CohereForAI/aya_dataset\ndescription: Human-annotated prompts and completions in 65 languages.\nsections:\n  - corpora\n',
    );
    expect(await readFile(join(root, 'README.md'), 'utf8')).toContain('- [**Aya Dataset**](https://huggingface.co/datasets/CohereForAI/aya_dataset). Human-annotated prompts and completions in 65 languages.\n');
    expect((await runCli(['lint', '--root', root], root)).code).toBe(0);
  });

  it('--from-issue reads the "Add a dataset" form, its sections named with their group as the form offers them', async () => {
    const root = await gitFixture('lint-base');
    const { writeFile } = await import('node:fs/promises');
    // As GitHub writes a form's answers into the issue body.
    await writeFile(join(root, 'issue.md'), '### Dataset name\n\nAya Dataset\n\n### Link\n\nhttps://huggingface.co/datasets/CohereForAI/aya_dataset\n\n### Description\n\nHuman-annotated prompts and completions\nin 65 languages.\n\n### Sections\n\nData: Corpora\n');
    const result = await add(root, '--from-issue', 'issue.md', '--dry-run');
    expect(result).toEqual({
      code: 0, stderr: '',
      stdout: '# yaml-language-server: $schema=../../schema/dataset.schema.json\nname: Aya Dataset\nurl: https://huggingface.co/datasets/CohereForAI/aya_dataset\ndescription: Human-annotated prompts and completions in 65 languages.\nsections:\n  - corpora\n',
    });
    await writeFile(join(root, 'issue.md'), '### Dataset name\n\nAya Dataset\n\n### Link\n\n_No response_\n\n### Description\n\n_No response_\n\n### Sections\n\nCorpora\n');
    const refused = await add(root, '--from-issue', 'issue.md');
    expect([refused.code, refused.stdout, refused.stderr.split('\n')[0]]).toEqual([2, '', 'paperlist: the issue does not say what the dataset is (the "Description" answer is empty or missing); which sections: "Corpora" is not a section of entries/sections.yml']);
  });

  it('refuses a dataset listed already (same name), and says what is missing without a terminal', async () => {
    const root = await gitFixture('lint-base');
    const before = await readdir(join(root, 'entries/datasets'));
    const listed = await add(root, '--name', 'JW300', '--description', 'Again.', '--section', 'corpora');
    expect(listed.code).toBe(1);
    expect(listed.stdout).toContain('duplicates/dataset-name');
    expect(listed.stderr).toBe('paperlist: the entry was not written: see above.\n');
    const missing = await add(root, '--name', 'New Corpus');
    expect([missing.code, missing.stdout, missing.stderr.split('\n')[0]]).toEqual([2, '', 'paperlist: missing --description, --section (dataset sections: corpora).']);
    expect(await readdir(join(root, 'entries/datasets'))).toEqual(before);
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
