// The paths a contributor takes through the list, walked with real files in a real git repository
// (a committed copy of tests/fixtures/list): each asserts the files on disk afterwards and the exit
// code. What a person wrote (an entry file, a README.md edit) is never lost, one paper is never
// taken for another, and nothing is written when the result would not pass lint.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, git, gitFixture, runCli, RULES_DOC } from './helpers.js';

const read = (root: string, file: string): Promise<string> => readFile(join(root, file), 'utf8');

/** Edits README.md: `edit` gets its lines and returns the new ones. */
async function editReadme(root: string, edit: (lines: string[]) => string[]): Promise<string> {
  const text = edit((await read(root, 'README.md')).split('\n')).join('\n');
  await writeFile(join(root, 'README.md'), text);
  return text;
}

const lineWith = (lines: string[], text: string): number => {
  const i = lines.findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`no line with ${JSON.stringify(text)}`);
  return i;
};

/** `git status --porcelain`: what changed on disk since the fixture's commit. */
const status = async (root: string): Promise<string[]> => (await git(root, 'status', '--porcelain', '-uall')).split('\n').filter(Boolean).sort();

const QALIGN = 'entries/papers/question-translation-training-for-better-multilingual.yml';
const AYA = 'entries/papers/aya-model-an-instruction-finetuned-open-access-multilingual.yml';
const GLOTCC = 'entries/datasets/glotcc-v1.yml';
const GLOTCC_LINE = '- [**GlotCC-V1**](https://huggingface.co/datasets/cis-lmu/GlotCC-V1). A document-level, general domain dataset derived from CommonCrawl, covering more than 1000 languages.';
const AYA_ENTRY = '# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: "Aya Model: An Instruction Finetuned Open-Access Multilingual Language Model"\nauthors: Üstün et al.\nyear: 2024\nvenue: arXiv\nlinks:\n  paper: https://arxiv.org/abs/2402.07827\nsections:\n  - sft-alignment\n';
const GLOTCC_ENTRY = '# yaml-language-server: $schema=../../schema/dataset.schema.json\nname: GlotCC-V1\nurl: https://huggingface.co/datasets/cis-lmu/GlotCC-V1\ndescription: A document-level, general domain dataset derived from CommonCrawl, covering more than 1000 languages.\nsections:\n  - web-crawling\n';

/** Adds a line to the list of section 2.1 Direct Prompting of README.md; returns the edited text. */
const addPaperLine = (root: string, line: string): Promise<string> => editReadme(root, (lines) => {
  lines.splice(lineWith(lines, '#### 2.1 Direct Prompting') + 2, 0, line);
  return lines;
});

const addGlotcc = (lines: string[]): string[] => {
  lines.splice(lineWith(lines, '[**Glot500**]') + 1, 0, GLOTCC_LINE);
  return lines;
};

describe('a contributor\'s paths, on a committed copy of the list', () => {
  it('add by hand over a README edit, then absorb: both the new entry file and the edit are kept', async () => {
    const root = await gitFixture('list');
    await editReadme(root, addGlotcc);
    const added = await runCli(['add', '--title', 'Aya Model: An Instruction Finetuned Open-Access Multilingual Language Model', '--authors', 'Üstün et al.', '--year', '2024', '--venue', 'arXiv', '--paper', 'https://arxiv.org/abs/2402.07827', '--section', 'sft-alignment', '--root', root], root);
    expect(added.code).toBe(0);
    // README.md carries a hand edit: add keeps it and says what to run.
    expect(added.stderr).toBe(`created ${AYA}\nREADME.md was not regenerated (see above): run 'npx paperlist absorb', then commit the files it names.\n`);
    expect(await status(root)).toEqual([' M README.md', `?? ${AYA}`]);

    const absorbed = await runCli(['absorb', '--root', root], root);
    expect(absorbed.code).toBe(0);
    expect(absorbed.stderr).toBe(`1 change. Commit README.md, docs/papers-per-year.svg, ${GLOTCC}.\n`);
    expect(await read(root, AYA)).toBe(AYA_ENTRY);
    expect(await read(root, GLOTCC)).toBe(GLOTCC_ENTRY);
    const readme = await read(root, 'README.md');
    expect(readme).toContain(`${GLOTCC_LINE}\n`);
    expect(readme).toContain('- [2024] **Aya Model: An Instruction Finetuned Open-Access Multilingual Language Model.** *Üstün et al.* `arXiv` [[paper](https://arxiv.org/abs/2402.07827)]\n');
    expect(await runCli(['lint', '--root', root], root)).toMatchObject({ code: 0 });
  });

  it('a YAML edit, then absorb: the edit stays and README.md is regenerated from it', async () => {
    const root = await gitFixture('list');
    const before = await read(root, QALIGN);
    await writeFile(join(root, QALIGN), before.replace('authors: Zhu et al.', 'authors: Zhu and Others et al.'));
    const absorbed = await runCli(['absorb', '--root', root], root);
    expect(absorbed.code).toBe(0);
    expect(absorbed.stderr).toBe("README.md had no edit made by hand (it is what the last commit's entries generate): regenerated it from the entries. Commit README.md.\n");
    expect(await read(root, QALIGN)).toBe(before.replace('authors: Zhu et al.', 'authors: Zhu and Others et al.'));
    expect((await read(root, 'README.md')).match(/\*Zhu and Others et al\.\* `arXiv` \[\[paper\]\(https:\/\/arxiv\.org\/abs\/2401\.07817\)\]/g)).toHaveLength(2);
    expect(await status(root)).toEqual([' M README.md', ` M ${QALIGN}`]);
  });

  it('a YAML edit and a README edit of the same entry, different fields: both are kept; the same field: a conflict, nothing written', async () => {
    const root = await gitFixture('list');
    const before = await read(root, QALIGN);
    await writeFile(join(root, QALIGN), before.replace('authors: Zhu et al.', 'authors: Zhu and Others et al.'));
    const edited = await editReadme(root, (lines) => {
      const i = lineWith(lines, '**Question Translation Training');
      lines[i] = lines[i]!.replace('`arXiv`', '`ACL`');
      return lines;
    });
    // The venue changed on the line, the authors in the file: both kept.
    const absorbed = await runCli(['absorb', '--root', root, '--dry-run'], root);
    expect(absorbed.code).toBe(0);
    expect(absorbed.stdout).toBe(`README.md:60,157  would update ${QALIGN}: venue: "arXiv" → "ACL"\n`);

    await writeFile(join(root, QALIGN), before.replace('venue: arXiv', 'venue: EMNLP'));
    const clash = await runCli(['absorb', '--root', root, '--format', 'json'], root);
    expect(clash.code).toBe(1);
    expect(JSON.parse(clash.stdout).diagnostics).toEqual([{
      file: 'README.md', line: 60, column: 1, ruleId: 'absorb/conflict', severity: 'error',
      message: `venue of ${QALIGN} was changed both in the file (to "EMNLP") and on this line (to "ACL"); nothing was absorbed.`,
      hint: `Keep one: set it in ${QALIGN}, or make the line say what the file says.`,
      url: `${RULES_DOC}#other-diagnostics`,
    }]);
    expect(await read(root, QALIGN)).toBe(before.replace('venue: arXiv', 'venue: EMNLP'));
    expect(await read(root, 'README.md')).toBe(edited);
  });

  it('a README edit, then generate: refused with the way out; --force regenerates', async () => {
    const root = await gitFixture('list');
    const original = await read(root, 'README.md');
    const edited = await editReadme(root, addGlotcc);
    const generated = await runCli(['generate', '--root', root], root);
    expect(generated).toEqual({ code: 1, stdout: '', stderr: "paperlist: README.md has edits made by hand (it is neither what the entries generate nor what they generated at the last commit); nothing was written. Run 'npx paperlist absorb' to turn the edit into entry changes, or 'npx paperlist generate --force' to throw it away.\n" });
    expect(await read(root, 'README.md')).toBe(edited);
    expect(await runCli(['generate', '--force', '--root', root], root)).toEqual({ code: 0, stdout: '', stderr: 'wrote README.md: commit it with your entry changes.\n' });
    expect(await read(root, 'README.md')).toBe(original);
  });

  it('entry edits with generate between them: each generate writes (its own output is not a hand edit)', async () => {
    const root = await gitFixture('list');
    const before = await read(root, QALIGN);
    for (const authors of ['Zhu One et al.', 'Zhu Two et al.']) {
      await writeFile(join(root, QALIGN), before.replace('authors: Zhu et al.', `authors: ${authors}`));
      expect(await runCli(['generate', '--root', root], root)).toEqual({ code: 0, stdout: '', stderr: 'wrote README.md: commit it with your entry changes.\n' });
      expect(await read(root, 'README.md')).toContain(`*${authors}*`);
    }
  });

  it('outside git, a README.md that differs is not overwritten: there is no commit to tell a hand edit', async () => {
    const root = await copyFixture('list');
    const edited = await editReadme(root, addGlotcc);
    expect(await runCli(['generate', '--root', root], root)).toEqual({ code: 1, stdout: '', stderr: "paperlist: README.md differs from what the entries generate, and there is no git commit to tell a stale README.md from a hand edit; nothing was written. Run 'npx paperlist generate --force' to regenerate it (an edit made by hand in it is lost).\n" });
    const absorbed = await runCli(['absorb', '--root', root], root);
    expect(absorbed.code).toBe(1);
    expect(absorbed.stdout).toContain('there is no git commit to tell a hand edit of README.md from a change to the entries; nothing was absorbed.');
    expect(await read(root, 'README.md')).toBe(edited);
    expect(existsSync(join(root, GLOTCC))).toBe(false);
  });

  it('a new line with a listed arXiv id and another title: an error at the line, nothing written', async () => {
    const root = await gitFixture('list');
    const edited = await addPaperLine(root, '- [2024] **My Totally Different Paper.** *Roe et al.* `arXiv` [[paper](https://arxiv.org/abs/2401.07817)]');
    const result = await runCli(['absorb', '--root', root, '--format', 'json'], root);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).diagnostics).toEqual([{
      file: 'README.md', line: lineWith(edited.split('\n'), 'My Totally Different Paper') + 1, column: 1, ruleId: 'absorb', severity: 'error',
      message: `This line has the same arXiv id 2401.07817 as "Question Translation Training for Better Multilingual Reasoning" (${QALIGN}), but it is another paper: one of the two links is wrong. Nothing was absorbed.`,
      hint: `Correct the paper link of this line (or of ${QALIGN}); to change the listed paper itself, edit its own line.`,
      url: `${RULES_DOC}#other-diagnostics`,
    }]);
    expect(await status(root)).toEqual([' M README.md']);
  });

  it('a sloppy re-add in another section (short title, pdf link): one more section, the listed title and link stay', async () => {
    const root = await gitFixture('list');
    const before = await read(root, QALIGN);
    const edited = await addPaperLine(root, '- [2024] **Question Translation Training** *Zhu et al.* `arXiv` [[paper](https://arxiv.org/pdf/2401.07817.pdf)]');
    const result = await runCli(['absorb', '--root', root], root);
    expect(result.code).toBe(0);
    const line = lineWith(edited.split('\n'), '**Question Translation Training**') + 1;
    expect(result.stdout).toBe(`README.md:60,157,${line}  updated ${QALIGN}: sections: "sft-alignment, finetuning-alignment" → "sft-alignment, finetuning-alignment, direct-prompting"\n`
      + `README.md\n  ${line}:1   note    "Question Translation Training for Better Multilingual Reasoning" is listed already (${QALIGN}, in sft-alignment, finetuning-alignment): this line adds section direct-prompting to it; its title, authors and links stay as its own line says.  absorb\n          → To change those, edit its existing line.\n\n✔ 0 errors, 0 warnings, 1 note\n`);
    expect(await read(root, QALIGN)).toBe(before.replace('  - finetuning-alignment\n', '  - finetuning-alignment\n  - direct-prompting\n'));
    expect(await status(root)).toEqual([' M README.md', ' M docs/papers-per-year.svg', ` M ${QALIGN}`]);
  });

  it('a new line with a venue lint refuses: nothing written, the error named', async () => {
    const root = await gitFixture('list');
    const edited = await addPaperLine(root, '- [2024] **A Paper At A Venue.** *Doe et al.* `ACL 2023` [[paper](https://arxiv.org/abs/2402.00001)]');
    const result = await runCli(['absorb', '--root', root, '--format', 'json'], root);
    expect(result.code).toBe(1);
    // lint's own check, said at the README line the entry would come from.
    expect(JSON.parse(result.stdout).diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([{
      file: 'README.md', line: lineWith(edited.split('\n'), 'A Paper At A Venue') + 1, column: 1, ruleId: 'mislabels/unknown-venue', severity: 'error',
      message: 'Unknown venue "ACL 2023" (in entries/papers/a-paper-at-a-venue.yml, the entry this line would write).',
      hint: 'Did you mean "ACL"? If it is a new venue, add it to schema/venues.json. Correct the line, then run it again.',
      url: `${RULES_DOC}#mislabels-unknown-venue`,
    }]);
    expect(await read(root, 'README.md')).toBe(edited);
    expect(await status(root)).toEqual([' M README.md']);
  });

  it('a new line with a year before its arXiv id, or a javascript: link: nothing written, the error at the line', async () => {
    for (const [line, ruleId] of [
      ['- [2020] **An Early Paper.** *Doe et al.* `arXiv` [[paper](https://arxiv.org/abs/2402.00001)]', 'mislabels/year-before-arxiv'],
      ['- [2024] **A Scripted Paper.** *Doe et al.* `arXiv` [[paper](https://arxiv.org/abs/2402.00001)] [[code](javascript:alert(1))]', 'hygiene/url-scheme'],
    ] as const) {
      const root = await gitFixture('list');
      const edited = await addPaperLine(root, line);
      const result = await runCli(['absorb', '--root', root, '--format', 'json'], root);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout).diagnostics.filter((d: { severity: string }) => d.severity === 'error').map((d: { file: string; line: number; ruleId: string }) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual([`README.md:${lineWith(edited.split('\n'), line) + 1} ${ruleId}`]);
      expect(result.stderr).not.toContain('Commit');
      expect(await status(root)).toEqual([' M README.md']);
    }
  });

  it('a line without [YEAR] in a paper section: an error at the line that shows the form, nothing written', async () => {
    const root = await gitFixture('list');
    const edited = await addPaperLine(root, '- **A Paper Without A Year.** *Doe et al.* `arXiv` [[paper](https://arxiv.org/abs/2402.00001)]');
    const result = await runCli(['absorb', '--root', root, '--format', 'json'], root);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).diagnostics).toEqual([{
      file: 'README.md', line: lineWith(edited.split('\n'), 'A Paper Without A Year') + 1, column: 1, ruleId: 'absorb', severity: 'error',
      message: 'This line is in a list of papers but does not start with the year in brackets, so it cannot be read as a paper; nothing was absorbed.',
      hint: 'Write it as the other lines are: - [2024] **Title.** *Surname et al.* `arXiv` [[paper](https://arxiv.org/abs/…)] (then [[code](…)] and the other links).',
      url: `${RULES_DOC}#other-diagnostics`,
    }]);
    expect(await status(root)).toEqual([' M README.md']);
  });
});
