import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Root } from 'mdast';
import { parseMarkdown } from '../src/markdown/parse.js';
import { toString } from 'mdast-util-to-string';
import { stringifyMarkdown } from '../src/markdown/stringify.js';
import { paperLine } from '../src/core/list-line.js';
import { loadProject } from '../src/check/project.js';
import { FIXTURES } from './helpers.js';

const tricky = [
  'plain words', ' leading space', 'trailing space ', 'tab\there', 'two  spaces', 'line\nbreak', 'cr\rhere', 'a*b*c', '_under_', 'snake_case_name',
  '[bracket]', 'back\\slash', '<html>', '&amp; entity', '# hash', '1. numbered', '- dash', '+ plus', '> quote', '`code`', '~~strike~~', 'C++', 'F#',
  'Why?', 'Wow!', '![image](x)', 'a | b', 'https://example.org/a_b', 'ends with *', '*', ' ', '', 'Müller, Ñandú & Co.', 'x:y', '100%',
];

/** The text of the first block of a parsed Markdown document. */
const firstText = (markdown: string): string => toString((parseMarkdown(markdown).children[0] ?? { type: 'text', value: '' }) as never);

describe('the serialiser escapes text so that it reads back as written', () => {
  it('in a paragraph, a heading and a link, whatever the characters', () => {
    for (const s of tricky.filter((t) => t.trim() !== '')) {
      const trees: Root[] = [
        { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: s }] }] },
        { type: 'root', children: [{ type: 'heading', depth: 3, children: [{ type: 'text', value: s }] }] },
        { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'link', url: '#x', children: [{ type: 'text', value: s }] }] }] },
      ];
      for (const tree of trees) {
        const written = stringifyMarkdown(tree);
        expect(firstText(written), `${JSON.stringify(s)} → ${JSON.stringify(written)}`).toBe(s);
      }
    }
  });

  it('every fixture-list entry\'s line reads back with its title and authors as given', async () => {
    const project = await loadProject(join(FIXTURES, 'list'));
    for (const p of project.papers) {
      const line = stringifyMarkdown({ type: 'root', children: [{ type: 'list', ordered: false, spread: false, children: [paperLine(p.paper)] }] });
      const item = toString(parseMarkdown(line).children[0] as never);
      expect(item, p.id).toContain(p.paper.title);
      expect(item, p.id).toContain(p.paper.authors);
    }
  });
});
