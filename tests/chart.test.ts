import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Paper, SectionsFile } from '../src/core/model.js';
import { chartSeries, renderChart } from '../src/render/chart.js';
import { gitFixture, runCli } from './helpers.js';

const sections: SectionsFile = {
  groups: [
    { id: 'papers', title: 'Papers', kind: 'paper', sections: [{ id: 'tuning', title: 'Tuning', sections: [{ id: 'sft', title: 'SFT' }, { id: 'pre', title: 'Pre' }] }, { id: 'prompting', title: 'Prompting & <more>' }] },
    { id: 'data', title: 'Data', kind: 'dataset', sections: [{ id: 'corpora', title: 'Corpora' }] },
  ],
};
const paper = (year: number, s: string[]): { paper: Paper } => ({ paper: { title: 't', authors: 'a', year, links: { code: 'https://x.org' }, sections: s } });

describe('papers-per-year chart', () => {
  it('counts a paper once per top-level section, whatever its subsections', () => {
    const series = chartSeries(sections, [paper(2022, ['sft', 'pre']), paper(2024, ['sft', 'prompting']), paper(2024, ['prompting'])]);
    expect(series.map((s) => [s.title, [...s.counts].sort()])).toEqual([
      ['Tuning', [[2022, 1], [2024, 1]]],
      ['Prompting & <more>', [[2024, 2]]],
    ]);
  });

  it('is the same bytes for the same entries in any order, escapes titles, and spans every year', () => {
    const papers = [paper(2020, ['sft']), paper(2023, ['prompting']), paper(2023, ['sft'])];
    const a = renderChart(chartSeries(sections, papers));
    expect(renderChart(chartSeries(sections, [...papers].reverse()))).toBe(a);
    expect(a).toContain('>Prompting &amp; &lt;more&gt;</text>');
    for (const year of [2020, 2021, 2022, 2023]) expect(a).toContain(`>${year}</text>`);
    expect(a).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+"/);
    expect(a).not.toMatch(/\d\.\d+"/); // integer coordinates only
  });

  it('generate writes the chart with README.md, and --check notices a stale chart', async () => {
    const root = await gitFixture('lint-base');
    const template = await readFile(join(root, 'templates/README.md'), 'utf8');
    await writeFile(join(root, 'templates/README.md'), template.replace('<!-- paperlist:toc -->\n', '<!-- paperlist:toc -->\n\n<!-- paperlist:chart -->\n'));
    expect((await runCli(['generate', '--root', root], root)).code).toBe(0);
    expect(await readFile(join(root, 'README.md'), 'utf8')).toContain('![Papers per year, by top-level section](docs/papers-per-year.svg)\n');
    const svg = await readFile(join(root, 'docs/papers-per-year.svg'), 'utf8');
    expect(svg).toContain('<title>Tuning, 2024: 1</title>');
    await writeFile(join(root, 'docs/papers-per-year.svg'), svg.replace('2024: 1', '2024: 9'));
    const check = await runCli(['generate', '--check', '--root', root], root);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('--- a/docs/papers-per-year.svg\tcommitted\n');
    const lint = await runCli(['lint', '--root', root, '--format', 'json'], root);
    expect(JSON.parse(lint.stdout).diagnostics.map((d: { file: string; ruleId: string }) => `${d.file} ${d.ruleId}`)).toEqual(['docs/papers-per-year.svg readme/drift']);
  });
});
