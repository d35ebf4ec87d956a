// The pure core called directly, not through the command line: a rule over a loaded project, and
// absorb's plan over a README edit. What the commands add around them (files, git, the write
// gate) is tested with the commands.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/check/project.js';
import { loadVenues } from '../src/core/package-files.js';
import { renderInput } from '../src/pipeline/pipeline.js';
import { renderReadme } from '../src/render/readme.js';
import { planAbsorb } from '../src/absorb/plan.js';
import { mislabels } from '../src/rules/mislabels.js';
import { duplicates } from '../src/rules/duplicates.js';
import { copyFixture } from './helpers.js';

describe('a rule, called directly', () => {
  it('mislabels returns its findings with their checks and places, and nothing for a clean list', async () => {
    const root = await copyFixture('lint-base');
    const clean = await loadProject(root);
    expect(mislabels.run({ project: clean, venues: loadVenues() })).toEqual([]);
    expect(duplicates.run({ project: clean, venues: loadVenues() })).toEqual([]);
    await writeFile(join(root, 'entries/papers/early.yml'), '# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: Early Bird Paper Title Here\nauthors: A et al.\nyear: 2020\nvenue: EMNPL\nlinks:\n  paper: https://arxiv.org/abs/2209.14500\nsections:\n  - sft\n');
    const findings = mislabels.run({ project: await loadProject(root), venues: loadVenues() });
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.check}`)).toEqual([
      'entries/papers/early.yml:4:7 mislabels/year-before-arxiv',
      'entries/papers/early.yml:5:8 mislabels/unknown-venue',
    ]);
  });
});

describe("absorb's plan, called directly", () => {
  it('reads a title retyped on its README line as one field change of that entry, and writes the entry', async () => {
    const project = await loadProject(await copyFixture('lint-base'));
    const input = renderInput(project)!;
    const expected = renderReadme(input);
    // Mistral 7B is listed in two sections; its first line is retyped.
    const lines = expected.text.split('\n').flatMap((l, i) => (l.includes('**Mistral 7B.**') ? [i + 1] : []));
    expect(lines).toHaveLength(2);
    const edited = expected.text.replace('**Mistral 7B.**', '**Mistral 7B: A Small Model.**');
    const plan = planAbsorb({ papers: project.papers, datasets: project.datasets, sections: input.sections, template: input.template, expected, edited, venues: loadVenues() });
    expect(plan.diagnostics).toEqual([]);
    // The change names both of the entry's lines: the one edited and the one that will follow it.
    expect(plan.changes).toEqual([{ kind: 'updated', file: 'entries/papers/mistral-7b.yml', lines, fields: [{ field: 'title', from: 'Mistral 7B', to: 'Mistral 7B: A Small Model' }] }]);
    expect(plan.files.get('entries/papers/mistral-7b.yml')).toContain('title: "Mistral 7B: A Small Model"\n');
    // The same README as generated: nothing to absorb.
    expect(planAbsorb({ papers: project.papers, datasets: project.datasets, sections: input.sections, template: input.template, expected, edited: expected.text, venues: loadVenues() }).changes).toEqual([]);
  });
});

describe('a section description, parsed once per run', () => {
  it('is one tree for the render, the markup check and the relative-link check, and the render leaves it as it was', async () => {
    const { descriptionTree, walkSections } = await import('../src/core/section-tree.js');
    const { parseMarkdown } = await import('../src/markdown/parse.js');
    const { hygiene } = await import('../src/rules/hygiene.js');
    const project = await loadProject(await copyFixture('list'));
    const described = walkSections(project.sections).filter((n) => n.section.description !== undefined);
    expect(described.length).toBeGreaterThan(3);
    const trees = described.map((n) => descriptionTree(n.section));
    const readme = renderReadme(renderInput(project)!).text;
    expect(readme).toContain('**Manual Creation** obtains high-quality pre-training corpora');
    expect(hygiene.run({ project, venues: loadVenues() }).filter((f) => f.file === 'entries/sections.yml')).toEqual([]);
    // The same objects after the render and the check: nothing parsed them again.
    described.forEach((n, i) => expect(descriptionTree(n.section)).toBe(trees[i]));
    // Shared, so never changed: each is still what the parser makes of the text.
    described.forEach((n, i) => expect(trees[i]).toEqual(parseMarkdown(n.section.description!)));
    expect(descriptionTree({ id: 'x', title: 'X' })).toBeUndefined();
  });
});

describe('places in a canonical entry, found without parsing it again', () => {
  it('are where the YAML parser puts them, for every field of every entry of the fixture list', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const { parseYaml, locate } = await import('../src/check/load.js');
    const { readCanonical } = await import('../src/core/entry-format.js');
    const { decodeText } = await import('../src/text/decode.js');
    const { FIXTURES } = await import('./helpers.js');
    let compared = 0;
    let fastRead = 0;
    let files = 0;
    for (const [dir, kind] of [['entries/papers', 'paper'], ['entries/datasets', 'dataset']] as const) {
      for (const name of await readdir(join(FIXTURES, 'list', dir))) {
        const file = `${dir}/${name}`;
        const decoded = decodeText(await readFile(join(FIXTURES, 'list', file)));
        // Most of the fixture's entries are read whole by the canonical reader (all but those with letters outside ASCII): their places come from the fast path.
        if (readCanonical(kind, decoded.text) !== undefined) fastRead++;
        files++;
        const fast = parseYaml(file, decoded, (t) => readCanonical(kind, t)).source;
        const parsed = parseYaml(file, decoded).source;
        expect(fast.data, file).toEqual(parsed.data);
        const data = parsed.data as Record<string, unknown>;
        const paths: Array<Array<string | number>> = [['nothing'], ['links', 'nothing']];
        for (const [key, value] of Object.entries(data)) {
          paths.push([key]);
          if (Array.isArray(value)) value.forEach((_, i) => paths.push([key, i]));
          else if (value && typeof value === 'object') for (const sub of Object.keys(value)) paths.push([key, sub]);
        }
        for (const path of paths) for (const at of ['key', 'value'] as const) {
          expect(locate(fast, path, at), `${file} ${path.join('.')} (${at})`).toEqual(locate(parsed, path, at));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(fastRead).toBeGreaterThan(files / 2);
  });
});

