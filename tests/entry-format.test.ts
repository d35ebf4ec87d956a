import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatDatasetWith, formatPaperWith, readCanonical } from '../src/core/entry-format.js';
import type { Dataset, Paper } from '../src/core/model.js';
import { FIXTURES } from './helpers.js';

// The frozen copy of the list (tests/fixtures/list), never the live one.
const LIST = join(FIXTURES, 'list');

const tricky = [
  'Plain Title', 'true', 'No', 'null', 'A: colon', 'Hash #tag', 'ends with space ', '  leading', "It's fine", 'Quote "inside"', '- dash first',
  '7B models', 'Mixed, commas (and parens)', 'C++ and C#', 'Wu Dao 2.0', '100%', '@handle', 'e.g. this', 'Müller et al.', 'Title?', 'Title!', 'a/b',
  'https://arxiv.org/abs/2401.07817', 'https://github.com/google-research/t5x/blob/main/docs/models.md#flan-t5-checkpoints', 'http://x.org/a?b=c&d=e', 'https://x.org/a:b',
];

describe('canonical entry formatting', () => {
  it('the direct writer and the yaml package give the same bytes for every entry of the fixture list', async () => {
    for (const kind of ['papers', 'datasets']) {
      const dir = join(LIST, 'entries', kind);
      for (const name of await readdir(dir)) {
        const data = parse(await readFile(join(dir, name), 'utf8'));
        if (kind === 'papers') expect(formatPaperWith(data as Paper, true), name).toBe(formatPaperWith(data as Paper, false));
        else expect(formatDatasetWith(data as Dataset, true), name).toBe(formatDatasetWith(data as Dataset, false));
      }
    }
  });

  it('the direct writer and the yaml package agree on tricky strings, and the result reads back', () => {
    for (const s of tricky) {
      const p: Paper = { title: s, authors: s, year: 2024, venue: s, links: { paper: s.startsWith('http') ? s : 'https://arxiv.org/abs/2401.07817' }, sections: ['sft'] };
      const text = formatPaperWith(p, true);
      expect(text, s).toBe(formatPaperWith(p, false));
      expect(parse(text), s).toEqual(p);
      // Read back without the parser when it can be (quoted ASCII included), and then the same.
      const quick = readCanonical('paper', text);
      if (quick !== undefined) expect(quick, s).toEqual(p);
      if (/^[\x20-\x7E]+$/.test(s) && !s.endsWith(' ') && !s.includes('  ')) expect(quick, s).toBeDefined();
      const d: Dataset = { name: s, description: s, sections: ['corpora'] };
      expect(formatDatasetWith(d, true), s).toBe(formatDatasetWith(d, false));
      expect(parse(formatDatasetWith(d, true)), s).toEqual(d);
    }
  });

  it('reading canonical text without the YAML parser gives what the parser gives, or nothing', async () => {
    let read = 0;
    for (const [kind, dir] of [['paper', 'papers'], ['dataset', 'datasets']] as const) {
      for (const name of await readdir(join(LIST, 'entries', dir))) {
        const text = await readFile(join(LIST, 'entries', dir, name), 'utf8');
        const quick = readCanonical(kind, text);
        if (quick !== undefined) {
          read++;
          expect(quick, name).toEqual(parse(text));
        }
        // Every entry of printable ASCII is read so, quoted values (a title with ": ") included;
        // one with other letters (Sabiá, Müller) takes the parser.
        if (/^[\x20-\x7E\n]*$/.test(text)) expect(quick, name).toBeDefined();
      }
    }
    expect(read).toBeGreaterThan(150);
    const header = '# yaml-language-server: $schema=../../schema/paper.schema.json\n';
    const body = 'title: A Title\nauthors: A et al.\nyear: 2024\nlinks:\n  paper: https://arxiv.org/abs/2401.07817\nsections:\n  - sft\n';
    expect(readCanonical('paper', header + body)).toEqual(parse(body));
    for (const variant of [
      body.replace('title: A Title', 'title: "A Title"'), // quoted where the writer needs no quotes: not canonical
      body.replace('title: A Title', "title: 'A: Title'"), // single quotes where the writer uses double
      body.replace('title: A Title', 'title: "A\\u0041: Title"'), // an escape: the parser reads it
      body.replace('year: 2024', 'year: 02024'),
      body + 'extra: 1\n',
      body.replace('A Title', 'true'),
      body.replace('  - sft', '  - sft # comment'),
      body.replace('links:\n', 'links:\n  code: https://github.com/a/b\n'), // wrong key order
      body.trimEnd(),
    ]) {
      expect(readCanonical('paper', header + variant), variant).toBeUndefined();
    }
  });
});
