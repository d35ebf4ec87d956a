// verify on a list built from records the services really sent (tests/fixtures/records/SOURCES.md),
// replayed by a local server: entries written as the list writes them must raise no error. Each
// entry stands for a shape the fixtures written from documentation never had: a TeX title from
// arXiv, a subtitle Crossref keeps apart, HTML across lines, `issued` as [[null]], a hyphenated
// family name behind a TeX accent in the Anthology's BibTeX.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, runCli } from './helpers.js';
import { replayRecords as replay } from './record-services.js';

const entry = (title: string, authors: string, year: number, venue: string, paper: string): string =>
  `# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: ${JSON.stringify(title)}\nauthors: ${authors}\nyear: ${year}\nvenue: ${venue}\nlinks:\n  paper: ${paper}\nsections:\n  - sft\n`;

const ENTRIES: Record<string, string> = {
  'omega-test.yml': entry('ωTest: WebView-Oriented Testing for Android Applications', 'Hu et al.', 2023, 'arXiv', 'https://arxiv.org/abs/2306.03845'),
  'metal.yml': entry('METAL: Metamorphic Testing Framework for Analyzing Large-Language Model Qualities', 'Hyun et al.', 2023, 'arXiv', 'https://arxiv.org/abs/2312.06056'),
  'widget.yml': entry('Widget, Widget as You Lead, I Am Performing Well Indeed!: Using Results from an Exploratory Offline Study to Inform an Empirical Online Study about a Learning Analytics Widget in a Collaborative Learning Environment', 'Scheffel et al.', 2017, 'LAK', 'https://doi.org/10.1145/3027385.3027428'),
  'wireless-losses.yml': entry('Accurate and Explicit Differentiation of Wireless and Congestion Losses', 'Arya et al.', 2003, 'ICDCS', 'https://doi.org/10.1109/ICDCSW.2003.1203662'),
  'ctdna-panel.yml': entry('Construction of a reference material panel for detecting KRAS/NRAS/EGFR/BRAF/MET mutations in plasma ctDNA', 'Xu et al.', 2020, 'J Clin Pathol', 'https://doi.org/10.1136/jclinpath-2020-206745'),
  'sports-clubs.yml': entry('Między zagrodą a boiskiem. Studium aktywności wiejskich klubów sportowych', 'Konrad Burdyka', 2019, 'Zenodo', 'https://doi.org/10.5281/zenodo.3520062'),
  'unassimilated-borrowings.yml': entry('Detecting Unassimilated Borrowings in Spanish: An Annotated Corpus and Approaches to Modeling', 'Álvarez-Mellado et al.', 2022, 'ACL', 'https://aclanthology.org/2022.acl-long.268'),
};

describe('verify on records as the services send them', () => {
  it('raises no error on entries written as the list writes them', async () => {
    const root = await copyFixture('lint-base');
    await rm(join(root, 'entries/papers'), { recursive: true });
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(root, 'entries/papers'));
    for (const [name, text] of Object.entries(ENTRIES)) await writeFile(join(root, 'entries/papers', name), text);
    const { base, asked } = await replay();
    // Semantic Scholar is not replayed (no recording): unreachable, which is one line, not an error.
    const result = await runCli([
      'verify', '--root', root, '--arxiv-api', `${base}/api/query`, '--anthology', base, '--crossref', base, '--datacite', base, '--doi-api', 'http://127.0.0.1:1/api/handles',
      '--semantic-scholar', 'http://127.0.0.1:1/graph/v1',
      '--interval', '0', '--format', 'json',
    ], root);
    const report = JSON.parse(result.stdout) as { diagnostics: Array<{ file: string; ruleId: string; severity: string; message: string }>; summary: Record<string, number> };
    expect(report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file} ${d.ruleId} ${d.message}`)).toEqual([]);
    expect(report.summary).toMatchObject({ arxiv: 2, anthology: 1, checked: 7 });
    expect(asked).toEqual([
      '/api/query?id_list=2306.03845,2312.06056&max_results=2',
      '/2022.acl-long.268.bib',
      // The entries' DOIs, and the published version arXiv names for ωTest; the Zenodo DOI and
      // ωTest's (not recorded: Crossref's 404) are asked of DataCite next.
      '/works/10.1109%2Ficdcsw.2003.1203662', '/works/10.1136%2Fjclinpath-2020-206745', '/works/10.1145%2F3027385.3027428', '/works/10.1145%2F3597926.3598112', '/dois/10.1145%2F3597926.3598112',
      '/works/10.5281%2Fzenodo.3520062', '/dois/10.5281%2Fzenodo.3520062',
    ]);
    // 4: a source could not be reached (Semantic Scholar, on purpose); said in one line.
    // Every entry agrees with its record by title and first author, so each can take its author list.
    expect(result.stderr).toBe("7 entries can take more from the records (published version, full author list, DOI): run 'npx paperlist verify --fix'.\npaperlist: Semantic Scholar unreachable: connection refused; published versions not checked this run.\npaperlist: the DOI resolver unreachable: connection refused; papers not checked this run.\n");
    expect(result.code).toBe(4);
  }, 30_000);
});
