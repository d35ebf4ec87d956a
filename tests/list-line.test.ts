// The list line's writer and reader (src/core/list-line.ts) are one another's inverse on what a line
// shows: a written line reads back to the same shown fields, for every entry of the fixture list
// and for hostile titles; and absorb, reading a line whose authors alone were edited, leaves the
// title exactly as the entry has it.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { List } from 'mdast';
import { describe, expect, it } from 'vitest';
import { datasetLine, paperLine, readItem, shownOf, type Item } from '../src/core/list-line.js';
import { parseMarkdown } from '../src/markdown/parse.js';
import { stringifyMarkdown } from '../src/markdown/stringify.js';
import type { Dataset, Paper } from '../src/core/model.js';
import { canonicalArxivLink } from '../src/core/paper-identifiers.js';
import { loadProject } from '../src/check/project.js';
import { FIXTURES, git, gitFixture, runCli } from './helpers.js';

/** Writes one line as render writes it, then reads it as import and absorb read it. */
function roundTrip(line: ReturnType<typeof paperLine>): { item?: Item; markdown: string; problems: string[] } {
  const markdown = stringifyMarkdown({ type: 'root', children: [{ type: 'list', ordered: false, spread: false, children: [line] }] });
  const list = parseMarkdown(markdown).children[0] as List;
  const problems: string[] = [];
  const item = readItem(list.children[0]!, 1, (_, severity, message) => problems.push(`${severity} ${message}`));
  return { ...(item ? { item } : {}), markdown, problems };
}

const paper = (over: Partial<Paper>): Paper => ({ title: 'A Title', authors: 'Zhu et al.', year: 2024, venue: 'arXiv', links: { paper: 'https://arxiv.org/abs/2401.07817' }, sections: ['s'], ...over });

const HOSTILE = [
  'Ends With A Period.', 'A Question?', 'An Exclamation!', 'Smith Jr.', 'To Be Continued...', 'Ends In Ph.D.', 'Trailing Ellipsis…',
  'Stars *here* and **there**', 'Under_score_d', 'Back`tick` Title', '[Bracketed] Title', 'A <b>Tag</b> Inside', 'Less < Than', 'Emoji 🚀 Title',
  'עברית Right To Left', 'مرحبا بالعالم', 'Mixed עברית and English', 'Pipes | In Title', 'Hash # Mark', 'Colon: Subtitle', 'C++ and C#',
];

describe('the list line, written and read back', () => {
  it('gives every fixture-list entry its shown fields back, with no problem reported', async () => {
    const project = await loadProject(join(FIXTURES, 'list'));
    expect(project.papers.length).toBe(129);
    for (const p of project.papers) {
      const { item, markdown, problems } = roundTrip(paperLine(p.paper));
      expect(problems, markdown).toEqual([]);
      // The reader keeps a paper's arXiv link in its one form (list-line.ts): a versioned link reads back as the abstract page.
      const links = { ...p.paper.links, ...(p.paper.links.paper ? { paper: canonicalArxivLink(p.paper.links.paper) ?? p.paper.links.paper } : {}) };
      expect(item?.kind === 'paper' && { shown: item.shown, year: item.year, venue: item.venue, links: item.links }, markdown).toEqual({ shown: shownOf(p.paper), year: p.paper.year, venue: p.paper.venue, links });
    }
    for (const d of project.datasets) {
      const { item, markdown, problems } = roundTrip(datasetLine(d.dataset));
      expect(problems, markdown).toEqual([]);
      expect(item?.kind === 'dataset' && { name: item.name, url: item.url, description: item.description }, markdown).toEqual({ name: d.dataset.name, url: d.dataset.url, description: d.dataset.description });
    }
  });

  it('gives hostile titles and authors back as shown', () => {
    for (const title of HOSTILE) {
      for (const p of [paper({ title }), paper({ title: 'Plain', authors: title })]) {
        const { item, markdown, problems } = roundTrip(paperLine(p));
        expect(problems, markdown).toEqual([]);
        expect(item?.kind === 'paper' && item.shown, markdown).toEqual(shownOf(p));
      }
      const d: Dataset = { name: title, url: 'https://example.org/d', description: `About ${title}`, sections: ['s'] };
      const { item, markdown } = roundTrip(datasetLine(d));
      expect(item?.kind === 'dataset' && item.name, markdown).toBe(title);
    }
  });

  it('absorb keeps a title ending in "Ph.D." when only the authors on its line change', async () => {
    const root = await gitFixture('list');
    const file = 'entries/papers/question-translation-training-for-better-multilingual.yml';
    const entry = await readFile(join(root, file), 'utf8');
    const titled = entry.replace('title: Question Translation Training for Better Multilingual Reasoning', 'title: Question Translation Training for a Ph.D.');
    await writeFile(join(root, file), titled);
    expect((await runCli(['generate', '--root', root], root)).code).toBe(0);
    await git(root, 'commit', '-qam', 'a title that ends in an abbreviation');
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('**Question Translation Training for a Ph.D.** *Zhu et al.*');
    await writeFile(join(root, 'README.md'), readme.replace('**Question Translation Training for a Ph.D.** *Zhu et al.*', '**Question Translation Training for a Ph.D.** *Zhu, Doe et al.*'));
    const absorbed = await runCli(['absorb', '--root', root], root);
    expect(absorbed.code).toBe(0);
    expect(absorbed.stdout).toBe(`README.md:60,157  updated ${file}: authors: "Zhu et al." → "Zhu, Doe et al."\n`);
    expect(await readFile(join(root, file), 'utf8')).toBe(titled.replace('authors: Zhu et al.', 'authors: Zhu, Doe et al.'));
  });
});
