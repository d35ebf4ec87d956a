import { describe, expect, it } from 'vitest';
import type { Root } from 'mdast';
import { parseMarkdown } from '../src/markdown/parse.js';
import { stringifyMarkdown, stringifyMarkdownReference } from '../src/markdown/stringify.js';
import { datasetLine, paperLine } from '../src/render/lines.js';
import { loadProject } from '../src/project.js';
import { PACKAGE_ROOT } from '../src/package-files.js';

const tricky = [
  'plain words', ' leading space', 'trailing space ', 'tab\there', 'two  spaces', 'line\nbreak', 'cr\rhere', 'a*b*c', '_under_', 'snake_case_name',
  '[bracket]', 'back\\slash', '<html>', '&amp; entity', '# hash', '1. numbered', '- dash', '+ plus', '> quote', '`code`', '~~strike~~', 'C++', 'F#',
  'Why?', 'Wow!', '![image](x)', 'a | b', 'https://example.org/a_b', 'ends with *', '*', ' ', '', 'Müller, Ñandú & Co.', 'x:y', '100%',
];

const both = (tree: Root): [string, string] => [stringifyMarkdown(tree), stringifyMarkdownReference(tree)];

describe('the text fast path of the serialiser', () => {
  it('gives the same bytes as remark-stringify\'s own handler, in every construct the README uses', () => {
    for (const s of tricky) {
      const trees: Root[] = [
        { type: 'root', children: [{ type: 'list', ordered: false, spread: false, children: [paperLine({ title: s, authors: s, year: 2024, venue: s || 'x', links: { paper: 'https://arxiv.org/abs/2401.07817' }, sections: ['x'] })] }] },
        { type: 'root', children: [{ type: 'list', ordered: false, spread: false, children: [datasetLine({ name: s, description: s, sections: ['x'] })] }] },
        { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: s }] }] },
        { type: 'root', children: [{ type: 'heading', depth: 3, children: [{ type: 'text', value: s }] }] },
        { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'link', url: '#x', children: [{ type: 'text', value: s }] }] }] },
      ];
      for (const tree of trees) {
        const [fast, reference] = both(tree);
        expect(fast, JSON.stringify(s)).toBe(reference);
      }
    }
  });

  it('gives the same bytes for every committed entry and section description', async () => {
    const project = await loadProject(PACKAGE_ROOT);
    const items = [...project.papers.map((p) => paperLine(p.paper)), ...project.datasets.map((d) => datasetLine(d.dataset))];
    const [fast, reference] = both({ type: 'root', children: [{ type: 'list', ordered: false, spread: false, children: items }] });
    expect(fast).toBe(reference);
    for (const g of project.sections!.groups) for (const s of [...g.sections, ...g.sections.flatMap((x) => x.sections ?? [])]) {
      if (!s.description) continue;
      const [fastText, referenceText] = both(parseMarkdown(s.description));
      expect(fastText).toBe(referenceText);
    }
  });
});
