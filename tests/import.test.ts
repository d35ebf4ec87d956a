import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planImport } from '../src/commands/import.js';
import { parseReadme } from '../src/import/parse-readme.js';
import { loadVenues } from '../src/core/package-files.js';
import { FIXTURES, runCli, tempDir, RULES_DOC } from './helpers.js';

const venues = loadVenues();
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(relative(dir, join(e.parentPath, e.name)));
  }
  return out.sort();
}

describe('import: every line variant of the list', () => {
  it('writes exactly the expected entries, sections file and template', async () => {
    const bytes = await readFile(join(FIXTURES, 'import-variants/README.md'));
    const plan = planImport(bytes, 'README.md', venues);
    const expectedDir = join(FIXTURES, 'import-variants/expected');
    const expectedFiles = (await listFiles(expectedDir)).filter((f) => f !== 'README.md');
    expect([...plan.files.keys()].sort()).toEqual(expectedFiles);
    for (const file of expectedFiles) {
      expect(plan.files.get(file), file).toBe(await readFile(join(expectedDir, file), 'utf8'));
    }
  });

  it('reports every disagreement, unreadable line and guess with its line', async () => {
    const plan = planImport(await readFile(join(FIXTURES, 'import-variants/README.md')), 'README.md', venues);
    expect(plan.diagnostics.map((d) => `${d.line} ${d.severity} ${d.message}`)).toEqual([
      '23 error Could not read this list item: it is neither a paper ("[YEAR] **Title.** …") nor a dataset ("[**Name**](URL). Description."): found text "this line is not an entry at all".',
      '40 warning Dataset name "Plain Name" is not in bold; took the words before the first period as its name.',
      '17 warning "A Title With Period" is listed twice in section "sub-a" (first at line 13); imported once.',
      '17 warning Copies of "A Title With Period" disagree on the year: line 13 says 2024, line 17 says 2023; kept 2024.',
      '21 warning Copies of "A Title With Period" disagree on the title: line 13 says "A Title With Period", line 21 says "a title with period"; kept "A Title With Period".',
      '21 warning Copies of "A Title With Period" disagree on the venue: line 13 says "arXiv", line 21 says "MT Summit"; kept "arXiv".',
      '22 warning Venue "NeurIPs 2021" is not in the venue list; imported as written.',
    ]);
    expect(plan.diagnostics.find((d) => d.line === 22)?.hint).toBe('Did you mean "NeurIPS"? Otherwise add it to schema/venues.json.');
    expect(plan.diagnostics.find((d) => d.line === 17)?.related).toEqual([{ file: 'README.md', line: 13, column: 1 }]);
  });

  it('does not merge two papers that share an arXiv link but not a title; reports the wrong link', () => {
    const md = `## P\n\n### 1. S\n\n- [2020] **Language models are few-shot learners.** *Brown et al.* \`Arxiv\` [[paper](https://arxiv.org/abs/2209.14500)]\n- [2022] **Bidirectional Language Models Are Also Few-shot Learners.** *Patel et al.* \`Arxiv\` [[paper](https://arxiv.org/pdf/2209.14500v2)]\n`;
    const plan = planImport(enc(md), 'R.md', venues);
    expect(plan.counts.papers).toBe(2);
    expect(plan.diagnostics).toEqual([
      {
        file: 'R.md', line: 6, column: 1, ruleId: 'import', severity: 'error',
        message: '"Bidirectional Language Models Are Also Few-shot Learners" has the same arxiv link as "Language models are few-shot learners" (line 5), but the titles differ: one of the two links is wrong.',
        hint: 'Check both papers and correct the wrong link in the imported entry.',
        related: [{ file: 'R.md', line: 5, column: 1 }],
      },
    ]);
  });

  it('merges copies found by arXiv id when the titles are alike', () => {
    const md = `## P\n\n### 1. A\n\n- [2023] **Mistral 7B.** *Jiang et al.* \`Arxiv\` [[paper](https://arxiv.org/abs/2310.06825)]\n\n### 2. B\n\n- [2023] **Mistral-7B** *Jiang et al.* \`Arxiv\` [[paper](http://arxiv.org/pdf/2310.06825v1.pdf)]\n`;
    const plan = planImport(enc(md), 'R.md', venues);
    expect(plan.counts.papers).toBe(1);
    expect(plan.files.get('entries/papers/mistral-7b.yml')).toContain('sections:\n  - a\n  - b\n');
  });
});

describe('import: encoding damage', () => {
  it('repairs cp1252 mojibake that round-trips and reports each repair; reports U+FFFD', () => {
    const md = '# T\n\nðŸ”¥ hot\n\n## P\n\n### 1. S\n\n- [2023] **Sabiï¿½ï¿½: Portuguese Large Language Models.** *Pires et al.* `Arxiv` [[paper](https://arxiv.org/abs/2304.07880)]\n';
    const plan = planImport(enc(md), 'R.md', venues);
    expect(plan.files.get('templates/README.md')).toContain('🔥 hot');
    expect(plan.files.get('entries/papers/sabi-portuguese-large-language-models.yml')).toContain('title: "Sabi��: Portuguese Large Language Models"');
    expect(plan.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`)).toEqual([
      '3:1 info Repaired mojibake "ðŸ”¥" → "🔥" (UTF-8 that had been read as Windows-1252).',
      '9:16 info Repaired mojibake "ï¿½ï¿½" → "��" (UTF-8 that had been read as Windows-1252).',
      '9:16 warning This line has U+FFFD (�), a character lost to an encoding error before this file was written.',
    ]);
  });

  it('reads sections of any depth without a group heading, and reports a list it leaves', () => {
    const md = [
      '# My list', '', 'Intro.', '',
      '### Pretraining', '', '- [2023] **Mistral 7B.** *Jiang et al.* [[paper](https://arxiv.org/abs/2310.06825)]', '',
      '### SFT', '', '#### Alignment', '', '- [2024] **Question Translation Training for Better Multilingual Reasoning.** *Zhu et al.* [[paper](https://arxiv.org/abs/2401.07817)]', '',
      '# Appendix', '', '- [2022] **Stray entry.** *X et al.* [[code](https://github.com/x/y)]', '',
    ].join('\n');
    const parsed = parseReadme(md, 'R.md');
    expect(parsed.groups.map((g) => ({ title: g.title, sections: g.sections.map((s) => [s.title, ...(s.sections ?? []).map((c) => c.title)]) }))).toEqual([
      { title: 'Papers', sections: [['Pretraining'], ['SFT', 'Alignment']] },
    ]);
    expect(parsed.items.map((i) => `${i.line} ${i.kind === 'paper' ? i.title : i.name}`)).toEqual(['7', '13'].map((l, k) => `${l} ${['Mistral 7B', 'Question Translation Training for Better Multilingual Reasoning'][k]}`));
    expect(parsed.diagnostics.map((d) => `${d.line} ${d.severity} ${d.message}`)).toEqual([
      '17 warning A list of entries outside every group of sections was not imported; it stays in the template as text.',
    ]);
    expect(parsed.template).toBe('# My list\n\nIntro.\n\n## Contents\n\n<!-- paperlist:toc -->\n\n<!-- paperlist:group papers -->\n\n# Appendix\n\n- [2022] **Stray entry.** *X et al.* [[code](https://github.com/x/y)]\n');
  });

  it('leaves legitimate accented text alone', () => {
    const md = '## P\n\n### 1. S\n\n- [2023] **Café Ñandú: Holmström’s «model».** *Müller et al.* `Arxiv` [[paper](https://arxiv.org/abs/2304.07880)]\n';
    const plan = planImport(enc(md), 'R.md', venues);
    expect(plan.diagnostics).toEqual([]);
    expect([...plan.files.values()].join()).toContain('Café Ñandú: Holmström’s «model»');
  });

  it('reports bytes that are not UTF-8 with their line and imports the rest', () => {
    const bytes = new Uint8Array([...enc('## P\n\n### 1. S\n\n- [2023] **Bad '), 0xff, 0xfe, ...enc(' Bytes.** *A et al.* [[code](https://github.com/a/b)]\n- [2022] **Good.** *B et al.* [[code](https://github.com/b/c)]\n')]);
    const plan = planImport(bytes, 'R.md', venues);
    expect(plan.counts.papers).toBe(2);
    expect(plan.diagnostics.map((d) => `${d.line} ${d.severity} ${d.message}`)).toEqual([
      '5 warning This line has bytes that are not UTF-8; they were read as U+FFFD.',
    ]);
  });
});

describe('import: bad input gives diagnostics, not stack traces', () => {
  const cases: Array<[string, Uint8Array, string[]]> = [
    ['an empty file', new Uint8Array(), ['1 error The file is empty: nothing to import.']],
    ['a binary file', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]), ['1 error The file has NUL bytes: it is a binary file, not a Markdown README.']],
    ['a README with no lists', enc('# Title\n\nJust prose.\n\n## Section\n\nMore prose.\n'), ['1 error Found no list of papers or datasets under a heading: nothing to import.']],
  ];
  for (const [name, bytes, expected] of cases) {
    it(name, () => {
      const plan = planImport(bytes, 'R.md', venues);
      expect(plan.diagnostics.map((d) => `${d.line} ${d.severity} ${d.message}`)).toEqual(expected);
      expect(plan.files.size).toBe(0);
    });
  }

  it('a BOM and CRLF line ends are noted and read as usual', () => {
    const md = '\uFEFF## P\r\n\r\n### 1. S\r\n\r\n- [2023] **T.** *A et al.* [[code](https://github.com/a/b)]\r\n';
    const plan = planImport(enc(md), 'R.md', venues);
    expect(plan.diagnostics.map((d) => `${d.line} ${d.severity} ${d.message}`)).toEqual([
      '1 info The file starts with a byte-order mark; it was dropped.',
      '1 info The file has CRLF line ends; they were read as LF.',
    ]);
    expect(plan.files.get('entries/papers/t.yml')).toBe(
      '# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: T\nauthors: A et al.\nyear: 2023\nlinks:\n  code: https://github.com/a/b\nsections:\n  - s\n',
    );
  });
});

describe('paperlist import (CLI)', () => {
  it('never overwrites an existing file without --force, and writes nothing at all then', async () => {
    const out = await tempDir();
    await mkdir(join(out, 'entries/papers'), { recursive: true });
    await writeFile(join(out, 'entries/papers/top-level-only.yml'), 'mine\n');
    const readme = join(FIXTURES, 'import-variants/README.md');
    const refused = await runCli(['import', readme, '--out', out, '--format', 'json'], out);
    expect(refused.code).toBe(1);
    const report = JSON.parse(refused.stdout);
    expect(report.diagnostics.filter((d: { message: string }) => d.message.startsWith('The file exists'))).toEqual([
      { file: `${out}/entries/papers/top-level-only.yml`, line: null, column: null, ruleId: 'import', severity: 'error', message: 'The file exists; nothing was written.', hint: 'Pass --force to overwrite, or choose another --out.', url: `${RULES_DOC}#other-diagnostics` },
    ]);
    expect(await listFiles(out)).toEqual(['entries/papers/top-level-only.yml']);
    expect(await readFile(join(out, 'entries/papers/top-level-only.yml'), 'utf8')).toBe('mine\n');

    // The variants include lines it cannot read (errors): --force alone still writes nothing.
    const stillRefused = await runCli(['import', readme, '--out', out, '--force', '--format', 'json'], out);
    expect(JSON.parse(stillRefused.stdout).summary.written).toBe(0);
    expect(await readFile(join(out, 'entries/papers/top-level-only.yml'), 'utf8')).toBe('mine\n');
    const forced = await runCli(['import', readme, '--out', out, '--force', '--allow-errors', '--format', 'json'], out);
    expect(JSON.parse(forced.stdout).summary.written).toBe(12);
    expect(await readFile(join(out, 'entries/papers/top-level-only.yml'), 'utf8')).toContain('title: Top Level Only');
  });

  it('exits 2 on usage errors', async () => {
    expect((await runCli(['import'], FIXTURES)).code).toBe(2);
    expect((await runCli(['import', 'x.md'], FIXTURES)).stderr).toContain('import needs --out DIR.');
    expect((await runCli(['import', 'missing.md', '--out', '/tmp/x'], FIXTURES)).code).toBe(2);
  });
});

describe('round trip of the upstream list', () => {
  it('import then generate keeps every (section, paper) pair of the original, once', async () => {
    const upstream = await readFile(join(FIXTURES, 'upstream/README.md'));
    const out = await tempDir();
    const refused = await runCli(['import', join(FIXTURES, 'upstream/README.md'), '--out', out, '--format', 'json'], out);
    // The upstream list has the defects lint exists for (duplicate links, mislabelled venues): nothing is written without --allow-errors.
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).summary).toMatchObject({ written: 0 });
    expect(await listFiles(out)).toEqual([]);
    const imported = await runCli(['import', join(FIXTURES, 'upstream/README.md'), '--out', out, '--allow-errors', '--format', 'json'], out);
    expect(imported.code).toBe(1);
    expect(JSON.parse(imported.stdout).summary).toMatchObject({ written: 174 });
    expect(JSON.parse(imported.stdout).summary).toMatchObject({ papers: 130, datasets: 42, items: 229, sections: 21 });
    // generate refuses on those errors: demoted to warnings here, to see what the import kept.
    await writeFile(join(out, '.paperlist.yml'), 'rules:\n  duplicates: warning\n  mislabels: warning\n  hygiene: warning\n');
    const generated = await runCli(['generate', '--root', out], out);
    expect(generated.code, generated.stdout).toBe(0);
    const readme = await readFile(join(out, 'README.md'), 'utf8');

    const pairs = (text: string): string[] => {
      const parsed = parseReadme(text, 'x');
      const titleOf = new Map<string, string>();
      for (const g of parsed.groups) for (const s of g.sections) {
        titleOf.set(s.id, s.title);
        for (const c of s.sections ?? []) titleOf.set(c.id, `${s.title} / ${c.title}`);
      }
      return parsed.items.map((i) => `${titleOf.get(i.section)} :: ${i.kind === 'paper' ? i.title.toLowerCase() : i.name}`);
    };
    const original = pairs(new TextDecoder().decode(upstream).replace(/ï¿½ï¿½/g, '��'));
    const after = pairs(readme);
    expect(original.length).toBe(229);
    expect(new Set(after).size).toBe(after.length); // each pair once
    expect([...new Set(after)].sort()).toEqual([...new Set(original)].sort());
  });
});
