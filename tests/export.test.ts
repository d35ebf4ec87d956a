import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { citationKeys, escapeBibtex, toBibtex } from '../src/export/bibtex.js';
import { toCsv } from '../src/export/tabular.js';
import type { Paper } from '../src/core/model.js';
import { loadVenues, PACKAGE_ROOT } from '../src/core/package-files.js';
import { copyFixture, FIXTURES, runCli } from './helpers.js';

const paper = (over: Partial<Paper>): Paper => ({ title: 'Question Translation Training', authors: 'Zhu et al.', year: 2024, venue: 'arXiv', links: { paper: 'https://arxiv.org/abs/2401.07817' }, sections: ['sft'], ...over });

describe('BibTeX export', () => {
  it('writes the entry type by venue kind, escapes TeX specials, and keeps URLs', () => {
    const text = toBibtex(
      [
        paper({ title: 'Costs & 100% of $x_i$ {braces} #1 ~ ^', links: { paper: 'https://arxiv.org/abs/2401.07817v2' } }),
        paper({ title: 'mT5: A massively multilingual pre-trained text-to-text transformer', authors: 'Xue et al.', year: 2021, venue: 'NAACL', links: { paper: 'https://aclanthology.org/2021.naacl-main.41' } }),
        paper({ title: 'ByT5: Towards a token-free future', authors: 'Xue et al.', year: 2022, venue: 'TACL', links: { paper: 'https://example.org/a_b%20c{d}' } }),
        paper({ title: 'GPT-4 Technical Report', authors: 'OpenAI', year: 2023, venue: undefined, links: { project: 'https://openai.com/research/gpt-4' } }),
        paper({ title: 'Retrieval-augmented multilingual captioning', authors: 'Moura Ramos et al.', year: 2023, venue: 'EACL', links: { paper: 'https://aclanthology.org/2023.eacl-main.266' } }),
        paper({
          title: 'Question Translation Training for Better Multilingual Reasoning', authorList: ['Wenhao Zhu', 'Shujian Huang', 'Alexandra Birch'], year: 2024, venue: 'Findings of ACL',
          doi: '10.18653/v1/2024.findings-acl.498', links: { paper: 'https://aclanthology.org/2024.findings-acl.498' },
        }),
      ],
      loadVenues(),
    );
    expect(text).toBe(
      [
        '@misc{zhu2024costs,\n  title = {{Costs \\& 100\\% of \\$x\\_i\\$ \\{braces\\} \\#1 \\textasciitilde{} \\textasciicircum{}}},\n  author = {Zhu and others},\n  year = {2024},\n  eprint = {2401.07817},\n  archiveprefix = {arXiv},\n  url = {https://arxiv.org/abs/2401.07817v2}\n}\n',
        '@inproceedings{xue2021mt5,\n  title = {{mT5: A massively multilingual pre-trained text-to-text transformer}},\n  author = {Xue and others},\n  year = {2021},\n  booktitle = {Proceedings of the Conference of the North American Chapter of the Association for Computational Linguistics},\n  note = {ACL Anthology 2021.naacl-main.41},\n  url = {https://aclanthology.org/2021.naacl-main.41}\n}\n',
        '@article{xue2022byt5,\n  title = {{ByT5: Towards a token-free future}},\n  author = {Xue and others},\n  year = {2022},\n  journal = {Transactions of the Association for Computational Linguistics},\n  url = {https://example.org/a_b%20c%7Bd%7D}\n}\n',
        '@misc{openai2023gpt,\n  title = {{GPT-4 Technical Report}},\n  author = {OpenAI},\n  year = {2023},\n  url = {https://openai.com/research/gpt-4}\n}\n',
        // A surname of two words is braced: BibTeX would read "Moura" as a first name.
        '@inproceedings{mouraramos2023retrieval,\n  title = {{Retrieval-augmented multilingual captioning}},\n  author = {{Moura Ramos} and others},\n  year = {2023},\n  booktitle = {Proceedings of the Conference of the European Chapter of the Association for Computational Linguistics},\n  note = {ACL Anthology 2023.eacl-main.266},\n  url = {https://aclanthology.org/2023.eacl-main.266}\n}\n',
        // The full author list and the DOI, when the entry has them.
        '@inproceedings{zhu2024question,\n  title = {{Question Translation Training for Better Multilingual Reasoning}},\n  author = {Wenhao Zhu and Shujian Huang and Alexandra Birch},\n  year = {2024},\n  booktitle = {Findings of the Association for Computational Linguistics: ACL},\n  doi = {10.18653/v1/2024.findings-acl.498},\n  note = {ACL Anthology 2024.findings-acl.498},\n  url = {https://aclanthology.org/2024.findings-acl.498}\n}\n',
      ].join('\n'),
    );
  });

  it('citation keys are stable, and clashes get a, b, c in order', () => {
    const ps = [paper({}), paper({ title: 'Question Answering Again' }), paper({ authors: 'Li et al.' })];
    expect(citationKeys(ps)).toEqual(['zhu2024questiona', 'zhu2024questionb', 'li2024question']);
  });

  it('escapes a backslash first, so escapes are not escaped again', () => {
    expect(escapeBibtex('a\\b {c}')).toBe('a\\textbackslash{}b \\{c\\}');
  });
});

describe('paperlist export', () => {
  it('json validates against the published export schema and has every entry of the list', async () => {
    const list = join(FIXTURES, 'list');
    const result = await runCli(['export', '--format', 'json'], list);
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout);
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    for (const name of ['paper', 'dataset']) ajv.addSchema(JSON.parse(await readFile(join(PACKAGE_ROOT, `schema/${name}.schema.json`), 'utf8')));
    const validate = ajv.compile(JSON.parse(await readFile(join(PACKAGE_ROOT, 'schema/export.schema.json'), 'utf8')));
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    expect(data.papers.length).toBe(129);
    expect(data.datasets.length).toBe(42);
    expect(data.papers.find((p: { id: string }) => p.id === 'mt5-a-massively-multilingual-pre-trained-text-to-text')).toMatchObject({ acl: '2021.naacl-main.41', venue: 'NAACL', year: 2021 });
  });

  it('csv quotes what needs quoting, with CRLF line ends', () => {
    const csv = toCsv([{ id: 'a', paper: paper({ title: 'Say "hi", world', sections: ['sft', 'rlhf'] }) }]);
    expect(csv).toBe('id,title,authors,year,venue,paper,code,model,data,project,sections\r\na,"Say ""hi"", world",Zhu et al.,2024,arXiv,https://arxiv.org/abs/2401.07817,,,,,sft rlhf\r\n');
  });

  it('--out writes the file; an unknown format is a usage error', async () => {
    const root = await copyFixture('lint-base');
    const written = await runCli(['export', '--format', 'bibtex', '--out', 'list.bib', '--root', root], root);
    expect(written.stderr).toBe('wrote list.bib: 3 papers\n3 papers have only "Surname et al." as authors: \'npx paperlist verify --fix\' fills the full author lists from the records.\n');
    expect(await readFile(join(root, 'list.bib'), 'utf8')).toContain('@misc{jiang2023mistral,');
    expect((await runCli(['export', '--format', 'xml'], root)).code).toBe(2);
  });
});

describe('export for citers', () => {
  it('csl: CSL-JSON with the full author list, the DOI a link names, the arXiv id; stderr counts abbreviated author lists', async () => {
    const root = await copyFixture('lint-base');
    await writeFile(join(root, 'entries/papers/stochastic-parrots.yml'), '# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: On the Dangers of Stochastic Parrots\nauthors: Bender et al.\nauthorList:\n  - Emily M. Bender\n  - Timnit Gebru\nyear: 2021\nvenue: ACM MM\nlinks:\n  paper: https://dl.acm.org/doi/10.1145/3442188.3445922\nsections:\n  - sft\n');
    const result = await runCli(['export', '--format', 'csl', '--root', root], root);
    expect(result.code).toBe(0);
    const items = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(items.find((i) => i.id === 'stochastic-parrots')).toEqual({
      id: 'stochastic-parrots', type: 'paper-conference', title: 'On the Dangers of Stochastic Parrots',
      author: [{ family: 'Bender', given: 'Emily M.' }, { family: 'Gebru', given: 'Timnit' }],
      issued: { 'date-parts': [[2021]] }, 'container-title': 'Proceedings of the ACM International Conference on Multimedia',
      DOI: '10.1145/3442188.3445922', URL: 'https://dl.acm.org/doi/10.1145/3442188.3445922',
    });
    expect(items.find((i) => i.id === 'mistral-7b')).toMatchObject({ type: 'article', author: [{ family: 'Jiang' }], number: 'arXiv:2310.06825', publisher: 'arXiv' });
    expect(result.stderr).toBe("3 papers have only \"Surname et al.\" as authors: 'npx paperlist verify --fix' fills the full author lists from the records.\n");
    const bib = await runCli(['export', '--format', 'bibtex', '--root', root], root);
    expect(bib.stdout).toContain('  doi = {10.1145/3442188.3445922},\n');
  });
});
