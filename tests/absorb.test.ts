// paperlist absorb: README.md edited by hand, as contributors do, becomes exactly the entry changes
// that make generate write it. Run on a copy of the frozen list in tests/fixtures/list.
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitFixture, runCli, RULES_DOC } from './helpers.js';

/** A committed copy of the frozen list (tests/fixtures/list), never the live one. */
const listCopy = (): Promise<string> => gitFixture('list');

/** Edits README.md: `edit` gets its lines and returns the new ones. */
async function editReadme(root: string, edit: (lines: string[]) => string[]): Promise<void> {
  const file = join(root, 'README.md');
  await writeFile(file, edit((await readFile(file, 'utf8')).split('\n')).join('\n'));
}

const lineWith = (lines: string[], text: string, nth = 0): number => {
  const found = lines.flatMap((l, i) => (l.includes(text) ? [i] : []));
  if (found[nth] === undefined) throw new Error(`README.md has no line ${nth + 1} with ${JSON.stringify(text)}`);
  return found[nth]!;
};

const json = (stdout: string): { summary: Record<string, unknown>; changes: Array<{ kind: string; file: string; fields: Array<{ field: string; from?: string; to?: string }> }>; diagnostics: Array<{ line: number; severity: string; message: string }> } => JSON.parse(stdout);

describe('paperlist absorb', () => {
  it('absorbs the upstream pull request, a new paper line, a code link on one copy, and a deleted dataset line', async () => {
    const root = await listCopy();
    const leap = 'entries/papers/breaking-language-barriers-with-a-leap-learning-strategies.yml';
    const leapBefore = await readFile(join(root, leap), 'utf8');
    await editReadme(root, (lines) => {
      // Upstream pull request #1, as its author wrote it: one line after Glot500.
      lines.splice(lineWith(lines, '[**Glot500**]') + 1, 0, '- [**GlotCC-V1**](https://huggingface.co/datasets/cis-lmu/GlotCC-V1). A document-level, general domain dataset derived from CommonCrawl, covering more than 1000 languages.');
      // A new paper in contributor style: no title period, `Arxiv`, a trailing space.
      lines.splice(lineWith(lines, '#### 2.1 Direct Prompting') + 2, 0, '- [2024] **Aya Model: An Instruction Finetuned Open-Access Multilingual Language Model** *Üstün et al.* `Arxiv` [[paper](https://arxiv.org/abs/2402.07827)] ');
      // A code link on the second copy of a paper listed twice.
      const second = lineWith(lines, '**Breaking Language Barriers with a LEAP', 1);
      lines[second] = `${lines[second]} [[code](https://github.com/microsoft/LEAP)]`;
      lines.splice(lineWith(lines, '[**IIT Bombay**]'), 1);
      return lines;
    });
    const result = await runCli(['absorb', '--root', root, '--format', 'json'], root);
    expect(result.code).toBe(0);
    const report = json(result.stdout);
    expect(report.diagnostics).toEqual([]);
    expect(report.changes.map((c) => `${c.kind} ${c.file} ${c.fields.map((f) => `${f.field}: ${f.from ?? '-'} → ${f.to ?? '-'}`).join('; ')}`.trim()).sort()).toEqual([
      'created entries/datasets/glotcc-v1.yml',
      'created entries/papers/aya-model-an-instruction-finetuned-open-access-multilingual.yml',
      `updated ${leap} links.code: - → https://github.com/microsoft/LEAP`,
      'removed entries/datasets/iit-bombay.yml sections: multilingual-pretraining-data-manual-creation → -',
    ].sort());
    // The edited entry gains exactly the one line; the new ones are what the lines say.
    expect(await readFile(join(root, leap), 'utf8')).toBe(leapBefore.replace('  paper: https://arxiv.org/abs/2305.17740\n', '  paper: https://arxiv.org/abs/2305.17740\n  code: https://github.com/microsoft/LEAP\n'));
    expect(await readFile(join(root, 'entries/papers/aya-model-an-instruction-finetuned-open-access-multilingual.yml'), 'utf8')).toBe(
      '# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: "Aya Model: An Instruction Finetuned Open-Access Multilingual Language Model"\nauthors: Üstün et al.\nyear: 2024\nvenue: arXiv\nlinks:\n  paper: https://arxiv.org/abs/2402.07827\nsections:\n  - direct-prompting\n',
    );
    expect(await readFile(join(root, 'entries/datasets/glotcc-v1.yml'), 'utf8')).toBe(
      '# yaml-language-server: $schema=../../schema/dataset.schema.json\nname: GlotCC-V1\nurl: https://huggingface.co/datasets/cis-lmu/GlotCC-V1\ndescription: A document-level, general domain dataset derived from CommonCrawl, covering more than 1000 languages.\nsections:\n  - web-crawling\n',
    );
    expect(existsSync(join(root, 'entries/datasets/iit-bombay.yml'))).toBe(false);
    // README.md was regenerated; generate and lint pass; a second absorb changes nothing.
    expect((await runCli(['generate', '--check', '--root', root], root)).code).toBe(0);
    expect((await runCli(['lint', '--root', root], root)).code).toBe(0);
    const again = await runCli(['absorb', '--root', root, '--format', 'json'], root);
    expect(json(again.stdout).summary).toMatchObject({ status: 'nothing', changes: 0 });
  });

  it('a line moved to another section moves the entry; a copy removed from one section keeps the other', async () => {
    const root = await listCopy();
    await editReadme(root, (lines) => {
      const first = lineWith(lines, '**Baichuan 2: Open large-scale language models.**');
      const [line] = lines.splice(first, 1);
      lines.splice(lineWith(lines, '#### 2.1 Direct Prompting') + 2, 0, line!);
      lines.splice(lineWith(lines, '**Breaking Language Barriers with a LEAP', 1), 1);
      return lines;
    });
    const result = await runCli(['absorb', '--dry-run', '--root', root, '--format', 'json'], root);
    expect(json(result.stdout).changes.map((c) => `${c.file} ${c.fields.map((f) => `${f.field}: ${f.from} → ${f.to}`).join('; ')}`).sort()).toEqual([
      'entries/papers/baichuan-2-open-large-scale-language-models.yml sections: rlhf-alignment, finetuning-alignment → finetuning-alignment, direct-prompting',
      'entries/papers/breaking-language-barriers-with-a-leap-learning-strategies.yml sections: direct-prompting, translation-alignment-prompting → direct-prompting',
    ]);
  });

  it('a typo fixed in the prose goes to the template; an edited heading is reported and not kept', async () => {
    const root = await listCopy();
    await editReadme(root, (lines) => {
      const intro = lineWith(lines, '(LLMS) ,');
      lines[intro] = lines[intro]!.replace('(LLMS) ,', '(LLMs),');
      lines[lineWith(lines, '#### 2.1 Direct Prompting')] = '#### 2.1 Prompting, Directly';
      return lines;
    });
    const template = await readFile(join(root, 'templates/README.md'), 'utf8');
    const planned = await runCli(['absorb', '--dry-run', '--root', root], root);
    expect(planned.stderr).toBe("1 change; nothing written (--dry-run). Run 'npx paperlist absorb' to apply it.\n");
    const result = await runCli(['absorb', '--root', root, '--format', 'json'], root);
    expect(result.code).toBe(0);
    const report = json(result.stdout);
    expect(report.changes.map((c) => `${c.kind} ${c.file}`)).toEqual(['updated templates/README.md']);
    expect(report.diagnostics.map((d) => `${d.severity} ${d.message}`)).toEqual(['warning This edit is in a part of README.md that is generated (a heading, the contents list, the chart or the notice); it was not kept.']);
    expect(await readFile(join(root, 'templates/README.md'), 'utf8')).toBe(template.replace('(LLMS) ,', '(LLMs),'));
  });

  it('a line it cannot read is an error at its line, and nothing is written or removed', async () => {
    const root = await listCopy();
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    await editReadme(root, (lines) => {
      lines[lineWith(lines, '[**Glot500**]')] = '- Glot500, see https://github.com/cisnlp/Glot500';
      return lines;
    });
    const edited = await readFile(join(root, 'README.md'), 'utf8');
    const result = await runCli(['absorb', '--root', root, '--format', 'json'], root);
    expect(result.code).toBe(1);
    const report = json(result.stdout);
    expect(report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line)).toEqual([lineWith(readme.split('\n'), '[**Glot500**]') + 1]);
    expect(existsSync(join(root, 'entries/datasets/glot500.yml'))).toBe(true);
    expect(await readFile(join(root, 'README.md'), 'utf8')).toBe(edited);
    expect(result.stderr).toContain('nothing was absorbed');
  });

  it('a new line that lacks a link is an error at its line that shows the form of a line', async () => {
    const root = await listCopy();
    await editReadme(root, (lines) => {
      lines.splice(lineWith(lines, '#### 2.1 Direct Prompting') + 2, 0, '- [2024] **A Paper Without Links.** *Doe et al.* `arXiv`');
      return lines;
    });
    const result = await runCli(['absorb', '--root', root, '--format', 'json'], root);
    expect(result.code).toBe(1);
    const lines = (await readFile(join(root, 'README.md'), 'utf8')).split('\n');
    expect(json(result.stdout).diagnostics).toEqual([{
      file: 'README.md', line: lineWith(lines, '**A Paper Without Links.**') + 1, column: 1, ruleId: 'absorb', severity: 'error',
      message: 'The new line cannot become an entry: "links" is empty.',
      hint: 'Write it as the other lines are: - [2024] **Title.** *Surname et al.* `arXiv` [[paper](https://arxiv.org/abs/…)] (then [[code](…)] and the other links).',
      url: `${RULES_DOC}#other-diagnostics`,
    }]);
  });
});
