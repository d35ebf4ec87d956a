// The bad-input corpus: each file gives a clear diagnostic naming the file (and line), lint finishes,
// nothing crashes, and generate leaves README.md exactly as it was.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitFixture, runCli } from './helpers.js';

const header = '# yaml-language-server: $schema=../../schema/paper.schema.json\n';
const good = 'title: Good Enough Title\nauthors: A et al.\nyear: 2023\nlinks:\n  code: https://github.com/a/b\nsections: [sft]\n';
const aliasBomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');

const corpus: Array<[string, string | Uint8Array, string[]]> = [
  ['malformed YAML', `${header}title: [unclosed\nauthors: A\n`, ['error yaml 3:1 The file is not valid YAML:']],
  ['a duplicate key', `${header}${good}title: Again\n`, ['error yaml 8:1 The file is not valid YAML: Map keys must be unique']],
  ['a YAML alias bomb', `${header}${aliasBomb}\n`, ['error yaml 1:1 The YAML could not be expanded: Excessive alias count indicates a resource exhaustion attack']],
  ['NUL bytes', new Uint8Array([...new TextEncoder().encode(`${header}title: A`), 0, 0, 10]), ['error encoding 1:1 The file has NUL bytes: it is binary, not text.']],
  ['a 6 MB file', `${header}title: "${'x'.repeat(6 * 1024 * 1024)}"\n`, ['error file 1:1 The file is 6291529 bytes; files over 1048576 bytes are not read.']],
  ['a list instead of a mapping', `${header}- title: A\n`, ['error schema 2:1 "the entry" must be a mapping, found a list.']],
  ['two documents', `${header}${good}---\n${good}`, ['error yaml 8:1 The file is not valid YAML: Source contains multiple documents']],
  ['bytes that are not UTF-8', new Uint8Array([...new TextEncoder().encode(`${header}title: "Caf`), 0xe9, ...new TextEncoder().encode(`"\n${good.slice(good.indexOf('\n') + 1)}`)]), ['error encoding 2:1 This line has bytes that are not UTF-8.', 'error hygiene/replacement-char 2:8 title has U+FFFD']],
  ['an empty file', '', ['error schema 1:1 "the entry" must be a mapping, found nothing.']],
];

describe('bad input corpus', () => {
  for (const [name, content, expected] of corpus) {
    it(`${name}: clear diagnostic, no crash, README untouched`, async () => {
      const root = await gitFixture('lint-base');
      const readme = await readFile(join(root, 'README.md'), 'utf8');
      await writeFile(join(root, 'entries/papers/bad.yml'), content);

      const linted = await runCli(['lint', '--root', root, '--format', 'json'], root);
      expect(linted.code).toBe(1);
      expect(linted.stderr).toBe('');
      // The file name and canonical form of bad.yml are beside the point here.
      const onFile = JSON.parse(linted.stdout).diagnostics.filter((d: { file: string; ruleId: string }) => d.file === 'entries/papers/bad.yml' && !['hygiene/file-name', 'hygiene/format'].includes(d.ruleId));
      const shown = onFile.map((d: { severity: string; ruleId: string; line: number; column: number; message: string }) => `${d.severity} ${d.ruleId} ${d.line}:${d.column} ${d.message}`);
      expect(shown).toHaveLength(expected.length);
      expected.forEach((prefix, i) => expect(shown[i]).toContain(prefix));
      for (const d of onFile) expect(d.hint, d.message).toBeTruthy();

      const generated = await runCli(['generate', '--root', root], root);
      expect(generated.code).toBe(1);
      expect(generated.stderr).toContain('nothing was written');
      expect(await readFile(join(root, 'README.md'), 'utf8')).toBe(readme);
    });
  }

  it('a YAML mistake is one error at its line, with the fix for that mistake', async () => {
    const root = await gitFixture('lint-base');
    await writeFile(join(root, 'entries/papers/bad.yml'), `${header}title: A Good Title\nauthors: A et al.\nyear: 2023\nlinks:\n  code: https://github.com/a/b\nsections:\n  - sft\n - rlhf\n`);
    await writeFile(join(root, 'entries/papers/colon.yml'), `${header}title: Aya: A Model\nauthors: A et al.\nyear: 2023\nlinks:\n  code: https://github.com/a/c\nsections: [sft]\n`);
    const linted = await runCli(['lint', '--root', root, '--format', 'json'], root);
    const yaml = JSON.parse(linted.stdout).diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'yaml');
    expect(yaml.map((d: { file: string; line: number; column: number; message: string; hint: string }) => `${d.file}:${d.line}:${d.column} ${d.message} → ${d.hint}`)).toEqual([
      'entries/papers/bad.yml:9:1 The file is not valid YAML: A block sequence may not be used as an implicit map key → Check the indentation of this line: fields start at the margin; links and list items are two spaces in, like the lines above them.',
      'entries/papers/colon.yml:2:8 The file is not valid YAML: Nested mappings are not allowed in compact mappings → A value with ": " in it needs quotes: title: "Foo: Bar".',
    ]);
  });

  it('a BOM and CRLF line ends are read, and reported as non-canonical', async () => {
    const root = await gitFixture('lint-base');
    const crlf = `\uFEFF${header}title: Good Enough Title\nauthors: A et al.\nyear: 2023\nlinks:\n  code: https://github.com/a/b\nsections:\n  - sft\n`.replace(/\n/g, '\r\n');
    await writeFile(join(root, 'entries/papers/good-enough-title.yml'), crlf);
    await runCli(['generate', '--root', root], root);
    const linted = await runCli(['lint', '--root', root, '--format', 'json'], root);
    expect(JSON.parse(linted.stdout).diagnostics.map((d: { ruleId: string; message: string }) => `${d.ruleId} ${d.message}`)).toEqual([
      'hygiene/format The file is not in canonical form: it starts with a byte-order mark.',
    ]);
    expect(linted.code).toBe(0);
    const fixed = await runCli(['lint', '--fix', '--root', root, '--format', 'json'], root);
    expect(JSON.parse(fixed.stdout).diagnostics).toEqual([]);
    expect(await readFile(join(root, 'entries/papers/good-enough-title.yml'), 'utf8')).toBe(crlf.replace(/\r\n/g, '\n').slice(1));
  });

  it('Markdown injection in a title cannot escape its line in the README', async () => {
    const root = await gitFixture('lint-base');
    await writeFile(join(root, 'entries/papers/x.yml'), `${header}title: "Evil]] \\n\\n# Heading [x](javascript:alert(1)) <script>"\nauthors: A et al.\nyear: 2023\nlinks:\n  code: https://github.com/a/b\nsections: [sft]\n`);
    const linted = await runCli(['lint', '--root', root, '--format', 'json'], root);
    const rules = JSON.parse(linted.stdout).diagnostics.filter((d: { file: string }) => d.file === 'entries/papers/x.yml').map((d: { ruleId: string }) => d.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['hygiene/invisible-char', 'hygiene/markup']));
    expect(linted.code).toBe(1);
  });
});
