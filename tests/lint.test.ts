import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitFixture, runCli, RULES_DOC } from './helpers.js';

interface JsonDiagnostic {
  file: string;
  line: number | null;
  column: number | null;
  ruleId: string;
  severity: string;
  message: string;
  hint?: string;
  related?: Array<{ file: string; line?: number; column?: number }>;
}

/** A copy of the clean base repository with `files` added, the README regenerated, then linted. */
async function lintWith(files: Record<string, string | Uint8Array>, args: string[] = []): Promise<{ code: number; diagnostics: JsonDiagnostic[]; root: string; stderr: string }> {
  const root = await gitFixture('lint-base');
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  await runCli(['generate', '--root', root], root);
  const result = await runCli(['lint', '--root', root, '--format', 'json', ...args], root);
  return { code: result.code, diagnostics: JSON.parse(result.stdout).diagnostics, root, stderr: result.stderr };
}

const brief = (d: JsonDiagnostic): string => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`;

const paper = (fields: string): string => `# yaml-language-server: $schema=../../schema/paper.schema.json\n${fields}`;

describe('lint on a clean repository', () => {
  it('reports nothing and exits 0', async () => {
    const { code, diagnostics } = await lintWith({});
    expect(diagnostics).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('schema', () => {
  it('reports a missing field at the parent, an unknown key at the key, a wrong type at the value', async () => {
    const { code, diagnostics } = await lintWith({
      'entries/papers/bad.yml': paper('title: Bad\nauthr: X et al.\nyear: twenty\nlinks:\n  paper: https://arxiv.org/abs/2401.00001\n  slides: https://example.org/s\nsections: [sft]\n'),
    });
    expect(code).toBe(1);
    expect(diagnostics.map(brief)).toEqual([
      'entries/papers/bad.yml:2:1 error schema Missing required field "authors".',
      'entries/papers/bad.yml:3:1 error schema Unknown field "authr".',
      'entries/papers/bad.yml:4:7 error schema "year" must be a whole number, found string "twenty".',
      'entries/papers/bad.yml:7:3 error schema Unknown field "links.slides".',
    ]);
    expect(diagnostics[1]!.hint).toBe('Did you mean "authors"? Allowed here: title, authors, authorList, year, venue, doi, links, sections.');
    expect(diagnostics[3]!.hint).toBe('Allowed here: paper, code, model, data, project.');
  });

  it('an entry whose only schema errors are unknown fields is still checked by every rule, and left as it is by --fix', async () => {
    // A typo'd key, and a year the ACL Anthology id contradicts, and the same paper as another entry.
    const text = paper('title: Typo Key Paper\nauthors: A et al.\nyear: 2022\nvenue: ACL\nlinks:\n  paper: https://aclanthology.org/2023.acl-long.7\n  cod: https://github.com/a/b\nsections:\n  - sft\n');
    const other = paper('title: Another Title\nauthors: B et al.\nyear: 2023\nvenue: ACL\nlinks:\n  paper: https://aclanthology.org/2023.acl-long.7\nsections:\n  - sft\n');
    const { code, diagnostics, root } = await lintWith({ 'entries/papers/typo-key-paper.yml': text, 'entries/papers/another-title.yml': other }, ['--fix']);
    expect(code).toBe(1);
    expect(diagnostics.map(brief)).toEqual([
      'entries/papers/another-title.yml:7:10 error duplicates/acl "Another Title" has the same ACL Anthology id 2023.acl-long.7 as entries/papers/typo-key-paper.yml ("Typo Key Paper").',
      'entries/papers/typo-key-paper.yml:4:7 error mislabels/acl-year Year 2022 differs from the ACL Anthology id 2023.acl-long.7, which is from 2023.',
      'entries/papers/typo-key-paper.yml:7:10 error duplicates/acl "Typo Key Paper" has the same ACL Anthology id 2023.acl-long.7 as entries/papers/another-title.yml ("Another Title").',
      'entries/papers/typo-key-paper.yml:8:3 error schema Unknown field "links.cod".',
    ]);
    // --fix rewrites valid entries only: this one keeps its unknown field for its author to fix.
    expect(await readFile(join(root, 'entries/papers/typo-key-paper.yml'), 'utf8')).toBe(text);
  });
});

describe('duplicates', () => {
  const cases: Array<[string, string, string[]]> = [
    [
      'same title in other case and punctuation',
      paper('title: "MISTRAL-7B."\nauthors: Jiang et al.\nyear: 2023\nvenue: arXiv\nlinks:\n  code: https://github.com/x/y\nsections: [sft]\n'),
      ['duplicates/title'],
    ],
    [
      'same arXiv id as a pdf link with a version',
      paper('title: Another Name Entirely For It\nauthors: Jiang et al.\nyear: 2023\nvenue: arXiv\nlinks:\n  paper: http://arxiv.org/pdf/2310.06825v2.pdf\nsections: [sft]\n'),
      ['duplicates/arxiv'],
    ],
    [
      'same ACL Anthology id with a trailing slash',
      paper('title: Catastrophic forgetting again\nauthors: Vu et al.\nyear: 2022\nvenue: EMNLP\nlinks:\n  paper: https://aclanthology.org/2022.emnlp-main.630/\nsections: [sft]\n'),
      ['duplicates/acl'],
    ],
    [
      'one word added to a title',
      paper('title: Question Translation Training for Better Multilingual Math Reasoning\nauthors: Zhu et al.\nyear: 2024\nvenue: arXiv\nlinks:\n  paper: https://arxiv.org/abs/2401.99999\nsections: [sft]\n'),
      ['duplicates/near-title'],
    ],
    [
      'a plural instead of a singular',
      paper('title: Question Translations Training for Better Multilingual Reasoning\nauthors: Zhu et al.\nyear: 2024\nvenue: arXiv\nlinks:\n  paper: https://arxiv.org/abs/2401.99999\nsections: [sft]\n'),
      ['duplicates/near-title'],
    ],
  ];
  for (const [name, content, checks] of cases) {
    it(`${name} → ${checks.join(', ')} on the new file`, async () => {
      const { diagnostics } = await lintWith({ 'entries/papers/zz-new.yml': content });
      const onNew = diagnostics.filter((d) => d.file === 'entries/papers/zz-new.yml' && d.ruleId.startsWith('duplicates/'));
      expect(onNew.map((d) => d.ruleId)).toEqual(checks);
      expect(onNew[0]!.related?.[0]?.file).toMatch(/^entries\/papers\/(mistral-7b|overcoming|question)/);
    });
  }

  it('reports both copies, each pointing at the other, with exact positions and severity', async () => {
    const { code, diagnostics } = await lintWith({
      'entries/papers/zz-new.yml': paper('title: Mistral 7B\nauthors: Jiang et al.\nyear: 2023\nvenue: arXiv\nlinks:\n  paper: https://arxiv.org/abs/2310.06825\nsections: [sft]\n'),
    });
    expect(code).toBe(1);
    expect(diagnostics.filter((d) => d.ruleId.startsWith('duplicates/'))).toEqual([
      {
        file: 'entries/papers/mistral-7b.yml', line: 2, column: 8, endLine: 2, endColumn: 18, ruleId: 'duplicates/title', severity: 'error',
        message: '"Mistral 7B" has the same title as entries/papers/zz-new.yml ("Mistral 7B").',
        hint: "Keep one of this file and entries/papers/zz-new.yml: the one whose venue, year and links are right. Add the other's sections to it, then delete the other.",
        related: [{ file: 'entries/papers/zz-new.yml', line: 2, column: 8, endLine: 2, endColumn: 18 }],
        url: `${RULES_DOC}#duplicates-title`,
      },
      {
        file: 'entries/papers/zz-new.yml', line: 2, column: 8, endLine: 2, endColumn: 18, ruleId: 'duplicates/title', severity: 'error',
        message: '"Mistral 7B" has the same title as entries/papers/mistral-7b.yml ("Mistral 7B").',
        hint: "Keep one of this file and entries/papers/mistral-7b.yml: the one whose venue, year and links are right. Add the other's sections to it, then delete the other.",
        related: [{ file: 'entries/papers/mistral-7b.yml', line: 2, column: 8, endLine: 2, endColumn: 18 }],
        url: `${RULES_DOC}#duplicates-title`,
      },
    ]);
  });

  it('one paper URL under two different titles says a link is wrong', async () => {
    const { diagnostics } = await lintWith({
      'entries/papers/zz-new.yml': paper('title: Something Else\nauthors: Li et al.\nyear: 2023\nlinks:\n  paper: https://example.org/paper.pdf\nsections: [sft]\n'),
      'entries/papers/zz-other.yml': paper('title: A Different Paper\nauthors: Wu et al.\nyear: 2023\nlinks:\n  paper: https://example.org/paper.pdf\nsections: [sft]\n'),
    });
    const d = diagnostics.filter((x) => x.ruleId === 'duplicates/paper-url');
    expect(d.map(brief)).toEqual([
      'entries/papers/zz-new.yml:6:10 error duplicates/paper-url "Something Else" has the same paper URL https://example.org/paper.pdf as entries/papers/zz-other.yml ("A Different Paper").',
      'entries/papers/zz-other.yml:6:10 error duplicates/paper-url "A Different Paper" has the same paper URL https://example.org/paper.pdf as entries/papers/zz-new.yml ("Something Else").',
    ]);
    expect(d[0]!.hint).toBe('One identifier cannot belong to two papers: the link here or in entries/papers/zz-other.yml is wrong. Check both and correct it.');
  });

  it('a copy in look-alike letters (a Cyrillic а for a): an error at the copy naming the original, and the letters named', async () => {
    // "Mistral 7B" is listed in the fixture; this copy has a Cyrillic а (U+0430).
    const { diagnostics } = await lintWith({
      'entries/papers/zz-copy.yml': paper('title: Mistrаl 7B\nauthors: Jiang et al.\nyear: 2023\nvenue: arXiv\nlinks:\n  paper: https://arxiv.org/abs/2310.06826\nsections: [sft]\n'),
      // Greek ω before Latin letters looks like nothing Latin: a real arXiv title (tests/fixtures/records/arxiv/search-testing.xml).
      'entries/papers/zz-omega.yml': paper('title: ωTest WebView-Oriented Testing for Android Applications\nauthors: Hu et al.\nyear: 2023\nvenue: arXiv\nlinks:\n  paper: https://arxiv.org/abs/2306.03845\nsections: [sft]\n'),
    });
    expect(diagnostics.filter((d) => d.ruleId === 'duplicates/lookalike-title' || d.ruleId === 'hygiene/mixed-script').map((d) => `${brief(d)} | ${d.hint}`)).toEqual([
      'entries/papers/zz-copy.yml:2:8 error duplicates/lookalike-title Title "Mistrаl 7B" looks the same as "Mistral 7B" (entries/papers/mistral-7b.yml) but is written with other letters. | If it is the same, keep one file and merge the sections; if the letters are a mistake, retype the name in one script (hygiene/mixed-script names them).',
      'entries/papers/zz-copy.yml:2:8 warning hygiene/mixed-script title has a word that mixes scripts with look-alike letters: "Mistrаl" has а (U+0430, Cyrillic) for a. | Retype the word in one script: look-alike letters hide it from search, and a copy so written from a reader.',
    ]);
  });

  it('same dataset name or URL', async () => {
    const { diagnostics } = await lintWith({
      'entries/datasets/mc4-again.yml': '# yaml-language-server: $schema=../../schema/dataset.schema.json\nname: MC4\ndescription: Again.\nsections: [corpora]\n',
      'entries/datasets/other.yml': '# yaml-language-server: $schema=../../schema/dataset.schema.json\nname: Other\nurl: https://huggingface.co/datasets/mc4/\ndescription: Same URL.\nsections: [corpora]\n',
    });
    expect(diagnostics.filter((d) => d.ruleId.startsWith('duplicates/')).map(brief)).toEqual([
      'entries/datasets/mc4-again.yml:2:7 error duplicates/dataset-name Dataset "MC4" has the same name as entries/datasets/mc4.yml (Dataset "mC4").',
      'entries/datasets/mc4.yml:2:7 error duplicates/dataset-name Dataset "mC4" has the same name as entries/datasets/mc4-again.yml (Dataset "MC4").',
      'entries/datasets/mc4.yml:3:6 error duplicates/dataset-url Dataset "mC4" has the same URL https://huggingface.co/datasets/mc4 as entries/datasets/other.yml (Dataset "Other").',
      'entries/datasets/other.yml:3:6 error duplicates/dataset-url Dataset "Other" has the same URL https://huggingface.co/datasets/mc4/ as entries/datasets/mc4.yml (Dataset "mC4").',
    ]);
  });
});

describe('mislabels', () => {
  const cases: Array<[string, string, string[]]> = [
    ['year before the arXiv id', 'title: Early Bird Paper Title Here\nauthors: A et al.\nyear: 2020\nvenue: arXiv\nlinks:\n  paper: https://arxiv.org/abs/2209.14500\nsections: [sft]\n',
      ['4:7 error mislabels/year-before-arxiv Year 2020 is earlier than the arXiv id 2209.14500 allows (first submitted in 2022).']],
    // An id from January: submitted on 31 December 2023, announced (and numbered) in January 2024.
    ['a January id with the year of its December submission', 'title: Late December Paper Title\nauthors: A et al.\nyear: 2023\nvenue: arXiv\nlinks:\n  paper: https://arxiv.org/abs/2401.00368\nsections: [sft]\n', []],
    ['a January id two years early', 'title: Late December Paper Title\nauthors: A et al.\nyear: 2022\nvenue: arXiv\nlinks:\n  paper: https://arxiv.org/abs/2401.00368\nsections: [sft]\n',
      ['4:7 error mislabels/year-before-arxiv Year 2022 is earlier than the arXiv id 2401.00368 allows (announced in January 2024, so first submitted in 2023 at the earliest).']],
    ['year and venue against an ACL Anthology id', 'title: Anthology Labelled Wrongly Here\nauthors: A et al.\nyear: 2020\nvenue: ACL\nlinks:\n  paper: https://aclanthology.org/2021.naacl-main.41\nsections: [sft]\n',
      ['4:7 error mislabels/acl-year Year 2020 differs from the ACL Anthology id 2021.naacl-main.41, which is from 2021.',
        '5:8 error mislabels/acl-venue Venue "ACL" contradicts the ACL Anthology id 2021.naacl-main.41, which is in NAACL (volume "naacl-main").']],
    ['findings volume', 'title: Findings Labelled As Main Conference\nauthors: A et al.\nyear: 2022\nvenue: EMNLP\nlinks:\n  paper: https://aclanthology.org/2022.findings-emnlp.384.pdf\nsections: [sft]\n',
      ['5:8 error mislabels/acl-venue Venue "EMNLP" contradicts the ACL Anthology id 2022.findings-emnlp.384, which is in Findings of EMNLP (volume "findings-emnlp").']],
    ['workshop volume', 'title: Workshop Labelled As Main Conference\nauthors: A et al.\nyear: 2023\nvenue: ACL\nlinks:\n  paper: https://aclanthology.org/2023.wmt-1.15/\nsections: [sft]\n',
      ['5:8 error mislabels/acl-venue Venue "ACL" contradicts the ACL Anthology id 2023.wmt-1.15, which is in WMT (volume "wmt-1").']],
    ['old-style Anthology id', 'title: Old Style Anthology Identifier\nauthors: A et al.\nyear: 2019\nvenue: ACL\nlinks:\n  paper: https://www.aclweb.org/anthology/D19-1001.pdf\nsections: [sft]\n',
      ['5:8 error mislabels/acl-venue Venue "ACL" contradicts the ACL Anthology id D19-1001, which is in EMNLP (volume "D").']],
    ['venue arXiv with a non-arXiv paper link', 'title: Not Really On arXiv At All\nauthors: A et al.\nyear: 2023\nvenue: arXiv\nlinks:\n  paper: https://dl.acm.org/doi/abs/10.1145/3581783.3611992\nsections: [sft]\n',
      ['5:8 error mislabels/arxiv-venue Venue is "arXiv" but the paper link is not an arXiv link: https://dl.acm.org/doi/abs/10.1145/3581783.3611992.',
        '7:10 warning mislabels/missing-doi The paper link names the DOI 10.1145/3581783.3611992, which the entry does not record.']],
    ['conference venue, preprint link only', 'title: Conference Paper With Preprint Link\nauthors: A et al.\nyear: 2023\nvenue: EMNLP\nlinks:\n  paper: https://arxiv.org/abs/2311.15781\nsections: [sft]\n',
      ['7:10 warning mislabels/preprint-only Venue is EMNLP but the only paper link is the arXiv preprint 2311.15781.']],
    ['code link to model weights', 'title: Weights Under The Code Key\nauthors: A et al.\nyear: 2023\nvenue: arXiv\nlinks:\n  paper: https://arxiv.org/abs/2304.07880\n  code: https://huggingface.co/maritaca-ai/sabia-7b\nsections: [sft]\n',
      ['8:9 warning mislabels/code-link The code link https://huggingface.co/maritaca-ai/sabia-7b looks like model weights, not source code.']],
    ['unknown venue with a suggestion', 'title: Unknown Venue Paper Title\nauthors: A et al.\nyear: 2023\nvenue: EMNPL\nlinks:\n  paper: https://arxiv.org/abs/2304.07880\nsections: [sft]\n',
      ['5:8 error mislabels/unknown-venue Unknown venue "EMNPL".']],
    ['venue alias', 'title: Alias Venue Paper Title\nauthors: A et al.\nyear: 2023\nvenue: Arxiv\nlinks:\n  paper: https://arxiv.org/abs/2304.07880\nsections: [sft]\n',
      ['5:8 warning mislabels/venue-alias Venue "Arxiv" is an alias of "arXiv".']],
  ];
  for (const [name, fields, expected] of cases) {
    it(name, async () => {
      const { diagnostics } = await lintWith({ 'entries/papers/zz-new.yml': paper(fields) });
      const mine = diagnostics.filter((d) => d.file === 'entries/papers/zz-new.yml' && d.ruleId.startsWith('mislabels/'));
      expect(mine.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`)).toEqual(expected);
    });
  }

  it('suggests the nearest known venue', async () => {
    const { diagnostics } = await lintWith({ 'entries/papers/zz-new.yml': paper('title: T T T T\nauthors: A et al.\nyear: 2023\nvenue: EMNPL\nlinks:\n  paper: https://arxiv.org/abs/2304.07880\nsections: [sft]\n') });
    expect(diagnostics.find((d) => d.ruleId === 'mislabels/unknown-venue')?.hint).toBe('Did you mean "EMNLP"? If it is a new venue, add it to schema/venues.json.');
  });
});

describe('hygiene', () => {
  const cases: Array<[string, string, string[]]> = [
    ['mojibake', 'title: "Sabiá or SabiÃ¡"\nauthors: A et al.\nyear: 2023\nlinks:\n  code: https://github.com/a/b\nsections: [sft]\n',
      ['2:8 error hygiene/mojibake title has mojibake: "Ã¡" is UTF-8 text that was read as Windows-1252.']],
    ['U+FFFD', 'title: "Sabi� models"\nauthors: A et al.\nyear: 2023\nlinks:\n  code: https://github.com/a/b\nsections: [sft]\n',
      ['2:8 error hygiene/replacement-char title has U+FFFD (�): a character was lost to an encoding error.']],
    ['zero-width space', 'title: "Zero\u200bWidth"\nauthors: A et al.\nyear: 2023\nlinks:\n  code: https://github.com/a/b\nsections: [sft]\n',
      ['2:8 error hygiene/invisible-char title has an invisible or control character (U+200B) at position 5.']],
    ['double spaces', 'title: "Two  Spaces "\nauthors: A et al.\nyear: 2023\nlinks:\n  code: https://github.com/a/b\nsections: [sft]\n',
      ['2:8 warning hygiene/spacing title has leading, trailing, doubled or unusual spaces (a tab, a no-break space).']],
    // A no-break space: lint --fix always made it a space; now the check says so too.
    ['a no-break space', 'title: "No\u00a0Break Space Here"\nauthors: A et al.\nyear: 2023\nlinks:\n  code: https://github.com/a/b\nsections: [sft]\n',
      ['2:8 warning hygiene/spacing title has leading, trailing, doubled or unusual spaces (a tab, a no-break space).']],
    ['markdown injection in a title', 'title: "Nice](https://evil.example) <img src=x>"\nauthors: A et al.\nyear: 2023\nlinks:\n  code: https://github.com/a/b\nsections: [sft]\n',
      ['2:8 error hygiene/markup title has Markdown or HTML syntax ("<i"); fields are plain text.']],
    ['HTML in authors', 'title: Plain Title Here\nauthors: "<b>A</b> et al."\nyear: 2023\nlinks:\n  code: https://github.com/a/b\nsections: [sft]\n',
      ['3:10 error hygiene/markup authors has Markdown or HTML syntax ("<b"); fields are plain text.']],
    ['javascript: link', 'title: Plain Title Here\nauthors: A et al.\nyear: 2023\nlinks:\n  code: "javascript:alert(1)"\nsections: [sft]\n',
      ['6:9 error hygiene/url-scheme links.code is not an http(s) link: javascript:alert(1)']],
    ['unknown section', 'title: Plain Title Here\nauthors: A et al.\nyear: 2023\nlinks:\n  code: https://github.com/a/b\nsections: [sft, nowhere]\n',
      ['7:17 error hygiene/unknown-section Unknown section "nowhere".']],
    ['file name off the convention', 'title: Plain Title Here\nauthors: A et al.\nyear: 2023\nlinks:\n  code: https://github.com/a/b\nsections: [sft]\n',
      ['1:1 warning hygiene/file-name File name "zz-new.yml" does not follow the title "Plain Title Here".']],
    ['not canonical', 'title: Plain Title Here\nyear: 2023\nauthors: A et al.\nlinks:\n  code: https://github.com/a/b\nsections: [sft]\n',
      ['1:1 warning hygiene/format The file is not in canonical form: line 1 should be "# yaml-language-server: $schema=../../schema/paper.schema.json".']],
  ];
  for (const [name, content, expected] of cases) {
    it(name, async () => {
      const withComment = name === 'not canonical' ? content : paper(content);
      const { diagnostics } = await lintWith({ 'entries/papers/zz-new.yml': withComment });
      const mine = diagnostics.filter((d) => d.file === 'entries/papers/zz-new.yml' && d.ruleId.startsWith('hygiene/') && (name === 'file name off the convention' || d.ruleId !== 'hygiene/file-name') && (name === 'not canonical' || d.ruleId !== 'hygiene/format'));
      expect(mine.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`)).toEqual(expected);
    });
  }

  it('an empty section is a warning at its place in sections.yml', async () => {
    const root = await gitFixture('lint-base');
    const sections = (await readFile(join(root, 'entries/sections.yml'), 'utf8')).replace('          - id: pretraining\n            title: Pretraining\n', '          - id: pretraining\n            title: Pretraining\n          - id: empty\n            title: Empty\n');
    await writeFile(join(root, 'entries/sections.yml'), sections);
    await runCli(['generate', '--root', root], root);
    const result = await runCli(['lint', '--root', root, '--format', 'json'], root);
    expect(JSON.parse(result.stdout).diagnostics.map(brief)).toEqual([
      'entries/sections.yml:14:17 warning hygiene/empty-section Section "empty" has no entries; the README shows an empty heading.',
    ]);
    expect(result.code).toBe(0);
  });
});

describe('readme drift', () => {
  it('an entry changed without regenerating: drift, at the first differing line', async () => {
    const root = await gitFixture('lint-base');
    const file = join(root, 'entries/papers/question-translation-training-for-better-multilingual.yml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('authors: Zhu et al.', 'authors: Zhu, Li et al.'));
    const result = await runCli(['lint', '--root', root, '--format', 'json'], root);
    const [d] = JSON.parse(result.stdout).diagnostics;
    expect(d.ruleId).toBe('readme/drift');
    expect(d.line).toBe(20);
    expect(d.message).toContain('line 20 is "- [2024] **Question Translation Training for Better Multilingual Reasoning.** *Zhu et al.*');
    expect(result.code).toBe(1);
  });

  it('a hand edit absorb can take: a readme/hand-edit warning at its line, and the gate passes', async () => {
    const root = await gitFixture('lint-base');
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    await writeFile(join(root, 'README.md'), readme.replace('*Zhu et al.*', '*Zhu, Li et al.*'));
    const result = await runCli(['lint', '--root', root, '--format', 'json'], root);
    expect(JSON.parse(result.stdout).diagnostics).toEqual([{
      file: 'README.md', line: 20, column: 1, ruleId: 'readme/hand-edit', severity: 'warning',
      message: 'README.md was edited by hand here: absorb updates entries/papers/question-translation-training-for-better-multilingual.yml (authors: Zhu et al. → Zhu, Li et al.).',
      hint: "On the main branch this is applied after merge; to apply it now, run 'npx paperlist absorb' and commit the files it names.",
      url: `${RULES_DOC}#readme-hand-edit`,
    }]);
    expect(result.code).toBe(0);
  });

  it('a hand edit absorb cannot take: absorb\'s error at the line, and the gate fails', async () => {
    const root = await gitFixture('lint-base');
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    await writeFile(join(root, 'README.md'), readme.replace('*Zhu et al.*', '*Zhu et al.* `NoSuchVenue 2031`'));
    const result = await runCli(['lint', '--root', root, '--format', 'json'], root);
    expect(JSON.parse(result.stdout).diagnostics.map((d: { file: string; line: number; ruleId: string; severity: string }) => `${d.severity} ${d.file}:${d.line} ${d.ruleId}`)).toEqual(['error README.md:20 mislabels/unknown-venue']);
    expect(result.code).toBe(1);
  });
});

describe('configuration', () => {
  it('changes a check\'s severity or turns a rule off', async () => {
    const file = { 'entries/papers/zz-new.yml': paper('title: Mistral 7B\nauthors: Jiang et al.\nyear: 2023\nvenue: Arxiv\nlinks:\n  paper: https://arxiv.org/abs/2310.06825\nsections: [sft]\n') };
    const configured = await lintWith({ ...file, '.paperlist.yml': 'rules:\n  duplicates/title: warning\n  duplicates/arxiv: "off"\n  mislabels: "off"\n  hygiene: "off"\n' });
    expect(configured.diagnostics.map((d) => `${d.severity} ${d.ruleId}`)).toEqual(['warning duplicates/title', 'warning duplicates/title']);
    expect(configured.code).toBe(0);
  });

  it('reports an invalid configuration', async () => {
    const { diagnostics } = await lintWith({ '.paperlist.yml': 'rules:\n  duplicates: loud\n' });
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`)).toEqual([
      '.paperlist.yml:2:15 config Configuration /rules/duplicates must be equal to one of the allowed values.',
    ]);
  });
});

describe('lint --fix', () => {
  it('applies only safe fixes, says what it changed, and leaves judgement calls', async () => {
    const messy = '# yaml-language-server: $schema=../../schema/paper.schema.json\nyear: 2023\ntitle: "Plain  Title Here "\nauthors: A et al.\nvenue: Arxiv\nlinks:\n  code: https://huggingface.co/a/b\n  paper: https://arxiv.org/abs/2305.11111\nsections: [sft]\n';
    const { diagnostics, root, stderr } = await lintWith({ 'entries/papers/plain-title-here.yml': messy }, ['--fix']);
    expect(stderr).toBe('fixed entries/papers/plain-title-here.yml: title: spacing, venue: "Arxiv" → "arXiv", canonical form\n');
    expect(await readFile(join(root, 'entries/papers/plain-title-here.yml'), 'utf8')).toBe(
      '# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: Plain Title Here\nauthors: A et al.\nyear: 2023\nvenue: arXiv\nlinks:\n  paper: https://arxiv.org/abs/2305.11111\n  code: https://huggingface.co/a/b\nsections:\n  - sft\n',
    );
    // The code link pointing at weights is a judgement call: still reported, not moved.
    expect(diagnostics.filter((d) => d.file === 'entries/papers/plain-title-here.yml').map((d) => d.ruleId)).toEqual(['mislabels/code-link']);
  });
});

describe('lint --fix, two fixes of one field', () => {
  it('compose: the spacing, then the display name of the alias (not the tidied alias)', async () => {
    const messy = '# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: Alias Venue Paper Title\nauthors: A et al.\nyear: 2023\nvenue: " Arxiv"\nlinks:\n  paper: https://arxiv.org/abs/2305.11111\nsections:\n  - sft\n';
    const { root, stderr } = await lintWith({ 'entries/papers/alias-venue-paper-title.yml': messy }, ['--fix']);
    expect(stderr).toBe('fixed entries/papers/alias-venue-paper-title.yml: venue: spacing, venue: "Arxiv" → "arXiv"\n');
    expect(await readFile(join(root, 'entries/papers/alias-venue-paper-title.yml'), 'utf8')).toBe(messy.replace('venue: " Arxiv"', 'venue: arXiv'));
  });
});

describe('output formats', () => {
  it('github: one workflow command per diagnostic, escaped', async () => {
    const root = await gitFixture('lint-base');
    await writeFile(join(root, 'entries/papers/zz-new.yml'), paper('title: "Mistral 7B"\nauthors: Jiang et al.\nyear: 2023\nvenue: arXiv\nlinks:\n  paper: https://arxiv.org/abs/2310.06825\nsections: [sft]\n'));
    // generate refuses (the duplicate is an error), so README.md also drifts: the third error.
    expect((await runCli(['generate', '--root', root], root)).code).toBe(1);
    const result = await runCli(['lint', '--root', root, '--format', 'github'], root);
    expect(result.stdout.split('\n')).toContain(
      `::error file=entries/papers/zz-new.yml,line=2,col=8,endLine=2,endColumn=20,title=duplicates/title::"Mistral 7B" has the same title as entries/papers/mistral-7b.yml ("Mistral 7B").%0AKeep one of this file and entries/papers/mistral-7b.yml: the one whose venue, year and links are right. Add the other's sections to it, then delete the other.%0A(see entries/papers/mistral-7b.yml:2:8)%0A${RULES_DOC}#duplicates-title`,
    );
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('3 errors, 2 warnings');
  });

  it('stylish: file, position, severity, message, rule, hint; no colour without a TTY', async () => {
    const root = await gitFixture('lint-base');
    await writeFile(join(root, 'entries/papers/bad.yml'), paper('title: Bad\nauthors: A\nyear: 2023\nlinks:\n  code: https://github.com/a/b\nsections: [sft]\nextra: 1\n'));
    const result = await runCli(['lint', '--root', root], root);
    expect(result.stdout).toBe(
      'entries/papers/bad.yml\n  8:1     error   Unknown field "extra".  schema\n          → Allowed here: title, authors, authorList, year, venue, doi, links, sections.\n\n✖ 1 error, 0 warnings\n',
    );
    expect(result.code).toBe(1);
  });
});

describe('hostile input', () => {
  it('a URL with a broken percent escape is read, not a crash: the DOI it names as written', async () => {
    const { code, diagnostics } = await lintWith({
      'entries/papers/broken-escape.yml': paper('title: Broken Escape\nauthors: A et al.\nyear: 2023\nlinks:\n  paper: https://doi.org/10.1000/%E0%A4%A\nsections:\n  - sft\n'),
    });
    expect(code).toBe(0);
    expect(diagnostics).toEqual([{
      file: 'entries/papers/broken-escape.yml', line: 6, column: 10, endLine: 6, endColumn: 42, ruleId: 'mislabels/missing-doi', severity: 'warning',
      message: 'The paper link names the DOI 10.1000/%e0%a4%a, which the entry does not record.',
      hint: 'Add doi: 10.1000/%e0%a4%a (lint --fix does it).',
      expected: ['10.1000/%e0%a4%a'],
      url: `${RULES_DOC}#mislabels-missing-doi`,
    }]);
  });
});

describe('colour', () => {
  it('is used on a TTY, and not when NO_COLOR is set', async () => {
    const { Writable } = await import('node:stream');
    const { main } = await import('../src/cli.js');
    const root = await gitFixture('lint-base');
    await writeFile(join(root, 'entries/papers/bad.yml'), paper('title: Bad\nauthors: A\nyear: 2023\nlinks:\n  code: https://github.com/a/b\nsections: [sft]\nextra: 1\n'));
    const run = async (env: NodeJS.ProcessEnv): Promise<string> => {
      let text = '';
      const stdout = Object.assign(new Writable({ write: (chunk, _e, done) => ((text += chunk.toString()), done()) }), { isTTY: true });
      const stderr = new Writable({ write: (_c, _e, done) => done() });
      await main(['lint', '--root', root], { stdout, stderr, cwd: root, env });
      return text;
    };
    expect(await run({})).toContain('\u001b[31merror\u001b[39m');
    expect(await run({ NO_COLOR: '1' })).not.toContain('\u001b[');
  });
});

describe('the installed command renders in a worker thread', () => {
  it('bin/paperlist.js lint finds README drift, and passes a current README', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const { PACKAGE_ROOT } = await import('../src/core/package-files.js');
    const run = promisify(execFile);
    const root = await gitFixture('lint-base');
    const bin = join(PACKAGE_ROOT, 'bin/paperlist.js');
    const clean = await run(process.execPath, [bin, 'lint', '--root', root, '--format', 'json']);
    expect(JSON.parse(clean.stdout).diagnostics).toEqual([]);
    const entry = join(root, 'entries/papers/mistral-7b.yml');
    await writeFile(entry, (await readFile(entry, 'utf8')).replace('authors: Jiang et al.', 'authors: Jiang, Li et al.'));
    const stale = await run(process.execPath, [bin, 'lint', '--root', root, '--format', 'json']).catch((e: { stdout: string; code: number }) => e);
    expect((stale as { code?: number }).code).toBe(1);
    expect(JSON.parse(stale.stdout).diagnostics.map((d: { ruleId: string; line: number }) => `${d.ruleId} ${d.line}`)).toEqual(['readme/drift 24']);
  });
});

describe('relative links and images, with no network', () => {
  it('a figure the template shows but the repository lacks is links/dead at its line; committed, it passes', async () => {
    const root = await gitFixture('list');
    const clean = await runCli(['lint', '--root', root, '--format', 'json'], root);
    expect(JSON.parse(clean.stdout).diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'links/dead')).toEqual([]);
    await rm(join(root, 'image/main.png'));
    const missing = await runCli(['lint', '--root', root, '--format', 'json'], root);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'links/dead')).toEqual([{
      file: 'templates/README.md', line: 12, column: 1, ruleId: 'links/dead', severity: 'error',
      message: 'The relative link or image ./image/main.png is dead: no such file in the repository.',
      hint: 'Commit the file at that path, or correct the path.',
      url: `${RULES_DOC}#links-dead`,
    }]);
  });
});

describe('arXiv links in one form', () => {
  it('a versioned or pdf arXiv paper link is hygiene/arxiv-link, and lint --fix writes the abstract page', async () => {
    const root = await gitFixture('lint-base');
    const file = join(root, 'entries/papers/mistral-7b.yml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('https://arxiv.org/abs/2310.06825', 'https://arxiv.org/pdf/2310.06825v3.pdf'));
    const linted = await runCli(['lint', '--root', root, '--format', 'json'], root);
    expect(JSON.parse(linted.stdout).diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'hygiene/arxiv-link').map((d: { line: number; message: string }) => `${d.line} ${d.message}`)).toEqual(['7 links.paper is an arXiv link in another form than the abstract page: https://arxiv.org/pdf/2310.06825v3.pdf.']);
    await runCli(['lint', '--fix', '--root', root], root);
    expect(await readFile(file, 'utf8')).toContain('  paper: https://arxiv.org/abs/2310.06825\n');
  });
});
