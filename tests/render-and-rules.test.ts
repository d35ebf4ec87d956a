// The renderer and the hygiene and readme rules, called directly: the pure core with its own data,
// without the command line around it.
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/check/project.js';
import { diskTree, overlayTree } from '../src/core/file-tree.js';
import { loadVenues } from '../src/core/package-files.js';
import type { Dataset, Paper, SectionsFile } from '../src/core/model.js';
import { renderReadme, GENERATED_NOTICE } from '../src/render/readme.js';
import { hygiene } from '../src/rules/hygiene.js';
import { readme } from '../src/rules/readme.js';
import { copyFixture } from './helpers.js';

const sections: SectionsFile = {
  groups: [
    {
      id: 'papers', title: 'Papers', kind: 'paper', sections: [
        { id: 'tuning', title: 'Tuning', description: 'Models *tuned* on [data](https://example.org/d).', sections: [{ id: 'sft', title: 'SFT' }] },
        { id: 'prompting', title: 'Prompting' },
      ],
    },
    { id: 'data', title: 'Data', kind: 'dataset', sections: [{ id: 'corpora', title: 'Corpora' }] },
  ],
};
const older: Paper = { title: 'An Older Paper', authors: 'Li et al.', year: 2022, venue: 'ACL', links: { paper: 'https://aclanthology.org/2022.acl-long.1', code: 'https://github.com/a/b' }, sections: ['sft', 'prompting'] };
const newer: Paper = { title: 'A Newer Paper', authors: 'Wu et al.', year: 2024, venue: 'arXiv', links: { paper: 'https://arxiv.org/abs/2401.00001' }, sections: ['sft'] };
const corpus: Dataset = { name: 'Corpus', url: 'https://example.org/c', description: 'A corpus.', sections: ['corpora'] };
const template = '# List\n\n<!-- paperlist:toc -->\n\n<!-- paperlist:group papers -->\n\n<!-- paperlist:group data -->\n';
const input = { sections, papers: [{ id: 'older', paper: older }, { id: 'newer', paper: newer }], datasets: [{ id: 'corpus', dataset: corpus }], template, templateFile: 'templates/README.md' };

describe('renderReadme, called directly', () => {
  it('writes the contents, numbered headings, descriptions and lines, newest first, and says where each line comes from', () => {
    const result = renderReadme(input);
    const olderLine = '- [2022] **An Older Paper.** *Li et al.* `ACL` [[paper](https://aclanthology.org/2022.acl-long.1)] [[code](https://github.com/a/b)]';
    expect(result.text).toBe([
      GENERATED_NOTICE.trimEnd(), '# List', '',
      '- [Papers](#papers)', '  - [1. Tuning](#1-tuning)', '    - [1.1 SFT](#11-sft)', '  - [2. Prompting](#2-prompting)', '- [Data](#data)', '  - [1. Corpora](#1-corpora)', '',
      '## Papers', '', '### 1. Tuning', '', 'Models *tuned* on [data](https://example.org/d).', '', '#### 1.1 SFT', '',
      '- [2024] **A Newer Paper.** *Wu et al.* `arXiv` [[paper](https://arxiv.org/abs/2401.00001)]', olderLine, '',
      '### 2. Prompting', '', olderLine, '',
      '## Data', '', '### 1. Corpora', '', '- [**Corpus**](https://example.org/c). A corpus.', '',
    ].join('\n'));
    expect(result.diagnostics).toEqual([]);
    // The template's own lines keep their template line (0-based); generated lines have none.
    expect(result.lineOrigins.slice(0, 4)).toEqual([null, 0, 1, null]);
    expect(result.lineOrigins.filter((o) => o !== null)).toEqual([0, 1, 3, 5]);
    // Each list line names its section and entry; a heading with subsections lists nothing.
    const meta = result.text.split('\n').map((line, i) => [line, result.lineMeta[i]] as const);
    expect(meta.filter(([, m]) => m?.key).map(([line, m]) => `${m!.section} ${m!.key} ${line === olderLine ? 'older' : line.slice(0, 20)}`)).toEqual([
      'sft paper:newer - [2024] **A Newer P', 'sft paper:older older', 'prompting paper:older older', 'corpora dataset:corpus - [**Corpus**](https',
    ]);
    expect(meta.find(([line]) => line === '### 1. Tuning')![1]).toEqual({ section: null, heading: true });
    expect(result.lines.get('paper:older')).toBe(olderLine);
    // The same input gives the same bytes.
    expect(renderReadme(input).text).toBe(result.text);
  });

  it('reports a marker that names no group, and a group without a marker, at the template line', () => {
    const { diagnostics } = renderReadme({ ...input, template: template.replace('group data', 'group nothing') });
    expect(diagnostics).toEqual([
      { file: 'templates/README.md', line: 7, column: 1, ruleId: 'template', severity: 'error', message: 'The marker names group "nothing", which entries/sections.yml does not have.', hint: 'Use one of: <!-- paperlist:group papers -->, <!-- paperlist:group data -->.' },
      { file: 'templates/README.md', line: 1, column: 1, ruleId: 'template', severity: 'error', message: 'templates/README.md has no marker for group "data": its entries would be missing from the README.', hint: 'Add a line <!-- paperlist:group data --> where the list should go.' },
    ]);
  });
});

describe('the readme rule, called directly', () => {
  it('says nothing for the README the entries generate, and the first differing line otherwise', async () => {
    const project = await loadProject(await copyFixture('lint-base'));
    const current = project.workspace.readme!;
    const run = (expectedReadme: string | undefined): unknown => readme.run({ project, venues: loadVenues(), ...(expectedReadme !== undefined ? { expectedReadme } : {}) });
    expect(run(current)).toEqual([]);
    expect(run(undefined)).toEqual([]); // the list does not render: its own errors say why
    const lines = current.split('\n');
    const expected = [...lines.slice(0, 4), 'another line', ...lines.slice(5)].join('\n');
    expect(run(expected)).toEqual([{
      check: 'readme/drift', file: 'README.md', line: 5, column: 1,
      message: `README.md is not what the entries generate: line 5 is ${JSON.stringify(lines[4])}, expected "another line".`,
      hint: 'If you edited README.md by hand, run `npx paperlist absorb`: it turns the edit into entry changes and regenerates README.md; commit the files it names. Otherwise run `npm run generate` and commit README.md and docs/papers-per-year.svg.',
    }]);
  });
});

describe('the hygiene rule, called directly', () => {
  it('finds spacing and a pdf arXiv link with the fix each carries, and the canonical form as the file\'s fix', async () => {
    const root = await copyFixture('lint-base');
    const file = 'entries/papers/spaced-out-title.yml';
    const text = '# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: Spaced  Out Title\nauthors: A et al.\nyear: 2023\nvenue: arXiv\nlinks:\n  paper: https://arxiv.org/pdf/2305.11111v2.pdf\nsections:\n  - sft\n';
    const project = await loadProject(root, overlayTree(diskTree(root), new Map([[file, text]])));
    const findings = hygiene.run({ project, venues: loadVenues() }).filter((f) => f.file === file);
    const canonical = text.replace('Spaced  Out', 'Spaced Out').replace('pdf/2305.11111v2.pdf', 'abs/2305.11111');
    expect(findings).toEqual([
      {
        check: 'hygiene/spacing', file, line: 2, column: 8, endLine: 2, endColumn: 25,
        message: 'title has leading, trailing, doubled or unusual spaces (a tab, a no-break space).', hint: 'Trim and collapse the spaces (lint --fix does it).',
        fix: { path: ['title'], value: 'Spaced Out Title' },
      },
      {
        check: 'hygiene/arxiv-link', file, line: 7, column: 10, endLine: 7, endColumn: 48,
        message: 'links.paper is an arXiv link in another form than the abstract page: https://arxiv.org/pdf/2305.11111v2.pdf.',
        hint: "Link https://arxiv.org/abs/2305.11111 (no version, no pdf: the page links every version); 'npm run lint -- --fix' does it.",
        fix: { path: ['links', 'paper'], value: 'https://arxiv.org/abs/2305.11111' },
      },
    ]);
    // In canonical form already (key order, quoting): no hygiene/format; fixed, it is the text lint --fix writes.
    expect(findings.some((f) => f.check === 'hygiene/format')).toBe(false);
    const { fixesFrom } = await import('../src/check/fix.js');
    const diagnostics = findings.map(({ check, ...rest }) => ({ ...rest, ruleId: check, severity: 'warning' as const }));
    expect(fixesFrom(diagnostics, project)).toEqual([{ file, text: canonical, changes: ['title: spacing', 'links.paper: "https://arxiv.org/pdf/2305.11111v2.pdf" → "https://arxiv.org/abs/2305.11111"'] }]);
  });

  it('reports a section description with HTML and a javascript: link at its place in entries/sections.yml', async () => {
    const root = await copyFixture('lint-base');
    const { readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const original = await readFile(join(root, 'entries/sections.yml'), 'utf8');
    const edited = original.replace('      - id: prompting\n        title: Prompting\n', '      - id: prompting\n        title: Prompting\n        description: "Read <b>this</b> and [that](javascript:alert(1))."\n');
    const project = await loadProject(root, overlayTree(diskTree(root), new Map([['entries/sections.yml', edited]])));
    const findings = hygiene.run({ project, venues: loadVenues() }).filter((f) => f.file === 'entries/sections.yml');
    expect(findings.map((f) => `${f.line}:${f.column} ${f.check} ${f.message}`)).toEqual([
      '16:22 hygiene/url-scheme The description of section "prompting" links to "javascript:alert(1)", which is not an http(s) link.',
      '16:22 hygiene/markup The description of section "prompting" has HTML; a description is plain paragraphs of text with **bold**, *italic*, `code` and links.',
    ]);
  });
});
