// Crossref works as Crossref sends them (recorded answers: tests/fixtures/records/SOURCES.md):
// HTML in titles pretty-printed across lines, subtitles deposited apart, `issued` as [[null]].
// And the markup of every source made plain in one place (records/plain-title.ts).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCrossrefWork } from '../src/records/crossref.js';
import { parseArxivFeed } from '../src/records/arxiv-feed.js';
import { plainFromHtml, plainFromTex } from '../src/records/plain-title.js';
import { FIXTURES } from './helpers.js';

const recorded = (name: string): Promise<string> => readFile(join(FIXTURES, 'records/crossref', name), 'utf8');

/**
 * The answer /works/<doi> gives for a work a recorded list holds: the list's item in the envelope
 * of a recorded single-work answer (Crossref's work JSON is the same in both; api_format.md).
 */
async function workFrom(list: string, doi: string): Promise<string> {
  const items = (JSON.parse(await recorded(list)) as { message: { items: Array<{ DOI: string }> } }).message.items;
  const envelope = JSON.parse(await recorded('work-10.1109-icdcsw.2003.1203662.json')) as { message: unknown };
  return JSON.stringify({ ...envelope, message: items.find((i) => i.DOI === doi) });
}

describe('Crossref works as recorded', () => {
  it('issued [[null]]: the year comes from the dates it derives from, then the proceedings name, not 0', async () => {
    // Only "created" (2004-06-22) is dated; the workshop was held in 2003, as its event name says.
    expect(parseCrossrefWork(await recorded('work-10.1109-icdcsw.2003.1203662.json'))).toEqual({
      doi: '10.1109/icdcsw.2003.1203662', title: 'Accurate and explicit differentiation of wireless and congestion losses',
      authors: ['V. Arya', 'T. Turletti'], families: ['Arya', 'Turletti'], year: 2003,
      containerTitle: '23rd International Conference on Distributed Computing Systems Workshops, 2003. Proceedings.',
    });
  });

  it('a title in pretty-printed HTML reads as the page shows it', async () => {
    const work = parseCrossrefWork(await recorded('work-10.1136-jclinpath-2020-206745.json'));
    expect('title' in work && work.title).toBe('Construction of a reference material panel for detecting KRAS / NRAS / EGFR / BRAF / MET mutations in plasma ctDNA');
  });

  it('a subtitle deposited apart is joined with ": "; an empty one or a running head the title holds is not', async () => {
    const title = async (list: string, doi: string): Promise<string | undefined> => {
      const work = parseCrossrefWork(await workFrom(list, doi));
      return 'title' in work ? work.title : work.malformed;
    };
    expect(await title('list-query-widget.json', '10.1145/3027385.3027428')).toBe('Widget, widget as you lead, I am performing well indeed!: using results from an exploratory offline study to inform an empirical online study about a learning analytics widget in a collaborative learning environment');
    expect(await title('list-sample-3.json', '10.1007/s00142-022-00530-w')).toBe('Arthroskopische Refixation der proximalen Ruptur des vorderen Kreuzbands mit intraligamentärer Bandaugmentation: Operationstechnik, Indikationen, Ergebnisse und Limitationen');
    expect(await title('list-sample-2.json', '10.3917/mult.095.0001')).toBe('Icônes');
    expect(await title('list-member-98.json', '10.1111/jfpp.12874')).toBe('Microbial Contamination in Peeled Chestnuts and the Efficacy of Postprocessing Treatments for Microbial Spoilage Management');
    expect(await title('list-journal-articles.json', '10.3847/1538-4357/adb8ca')).toBe('DIISC-VI (COS-DIISC): Ultraviolet Metal Absorption Relative to the H i Disk of Galaxies');
  });

  it('every recorded work reads without markup left: no tag, no entity, no line break', async () => {
    let read = 0;
    for (const list of ['list-query-widget.json', 'list-journal-articles.json', 'list-member-98.json', 'list-sample-2.json', 'list-sample-3.json']) {
      for (const item of (JSON.parse(await recorded(list)) as { message: { items: Array<{ DOI: string }> } }).message.items) {
        const work = parseCrossrefWork(await workFrom(list, item.DOI));
        if ('malformed' in work) continue; // components and journals without a title or year
        read++;
        expect(work.title, item.DOI).not.toMatch(/<\/?[a-z][\w:]*[\s>]|&(?:amp|lt|gt|quot|#\d+);|\n/i);
        expect(Number.isInteger(work.year) && work.year > 1800, item.DOI).toBe(true);
      }
    }
    expect(read).toBeGreaterThan(50);
  });
});

describe('Crossref\'s pools', () => {
  it('the spacing comes from the rate-limit headers of each answer (recorded: public 5 a second, polite 10)', async () => {
    const { crossrefSpacing } = await import('../src/records/crossref.js');
    // As habanero recorded them: the public pool, and the polite one its "(mailto:…)" User-Agent joined.
    expect(crossrefSpacing({ 'x-api-pool': 'public', 'x-concurrency-limit': '1', 'x-rate-limit-interval': '1s', 'x-rate-limit-limit': '5' })).toBe(200);
    expect(crossrefSpacing({ 'x-api-pool': 'polite', 'x-concurrency-limit': '3', 'x-rate-limit-interval': '1s', 'x-rate-limit-limit': '10' })).toBe(100);
    expect(crossrefSpacing({})).toBeUndefined();
    expect(crossrefSpacing({ 'x-rate-limit-interval': '1s', 'x-rate-limit-limit': '100000' })).toBe(50);
  });

  it('a contact address in .paperlist.yml goes in the User-Agent as mailto:, to every record source; a malformed one is a config error', async () => {
    const { copyFixture, listenLocal, runCli } = await import('./helpers.js');
    const agents: string[] = [];
    const work = await recorded('work-10.1109-icdcsw.2003.1203662.json');
    const server = await listenLocal((req, res) => {
      agents.push(`${req.url} ${req.headers['user-agent']}`);
      res.writeHead(200, { 'content-type': 'application/json', 'x-rate-limit-limit': '10', 'x-rate-limit-interval': '1s' }).end(work);
    });
    const root = await copyFixture('lint-base');
    const { rm, mkdir, writeFile } = await import('node:fs/promises');
    await rm(join(root, 'entries/papers'), { recursive: true });
    await mkdir(join(root, 'entries/papers'));
    await writeFile(join(root, 'entries/papers/losses.yml'), '# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: Accurate and Explicit Differentiation of Wireless and Congestion Losses\nauthors: Arya et al.\nyear: 2003\nvenue: ICDCS\nlinks:\n  paper: https://doi.org/10.1109/icdcsw.2003.1203662\nsections:\n  - sft\n');
    await writeFile(join(root, '.paperlist.yml'), 'contact: lists@example.org\n');
    const args = ['verify', '--root', root, '--crossref', server.base, '--format', 'json'];
    expect((await runCli(args, root)).code).toBe(0);
    expect(agents).toEqual(['/works/10.1109%2Ficdcsw.2003.1203662 paperlist/0.1 (+https://github.com/LightChen233/Awesome-Multilingual-LLM; mailto:lists@example.org)']);
    // An address that would carry a header or a parameter of its own is refused before anything is asked.
    await writeFile(join(root, '.paperlist.yml'), 'contact: "a@example.org\\r\\nX-Evil: 1"\n');
    const refused = await runCli(args, root);
    expect(JSON.parse(refused.stdout).diagnostics.map((d: { ruleId: string; message: string }) => `${d.ruleId} ${d.message}`)).toEqual(['config Configuration /contact must match pattern "^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$".']);
    expect(refused.code).toBe(1);
    expect(agents).toHaveLength(1);
  });
});

describe('a DOI Crossref does not hold', () => {
  it('is read from DataCite (arXiv\'s own DOIs, Zenodo); "missing" only when the DOI resolver does not know it either', async () => {
    const { parseDataciteDoi } = await import('../src/records/datacite.js');
    const items = (JSON.parse(await readFile(join(FIXTURES, 'records/datacite/list-dois-page1.json'), 'utf8')) as { data: Array<{ id: string }> }).data;
    expect(items.map((item) => parseDataciteDoi(JSON.stringify({ data: item })))).toMatchObject([
      { doi: '10.5281/zenodo.3596961', title: 'ALSETLab/sysml.powersystems.framework: Release Linked to Zenodo', authors: ['Francis Gómez'], families: ['Gómez'], year: 2020 },
      { doi: '10.5281/zenodo.3520062', authors: ['Konrad Burdyka'], year: 2019 },
      { doi: '10.5281/zenodo.3520063' },
      // An organisation: its name as given.
      { doi: '10.15468/dl.msish2', title: 'Occurrence Download', authors: ['Occdownload Gbif.Org'] },
      { doi: '10.17605/osf.io/vr6nb', authors: ['Pedro Campuzano-Jost'], families: ['Campuzano-Jost'] },
    ]);

    // Crossref answers 404 for all three; DataCite has none; the handle API knows one of them.
    const [found, notFound, crossref404] = await Promise.all([
      readFile(join(FIXTURES, 'links/doi-found.json'), 'utf8'), readFile(join(FIXTURES, 'links/doi-not-found.json'), 'utf8'), recorded('not-found.txt'),
    ]);
    const asked: string[] = [];
    const { listenLocal } = await import('./helpers.js');
    const server = await listenLocal((req, res) => {
      const url = req.url ?? '';
      asked.push(url);
      if (url.startsWith('/works/')) return void res.writeHead(404, { 'content-type': 'text/plain' }).end(crossref404);
      if (url.startsWith('/dois/')) return void res.writeHead(404).end();
      const known = url.startsWith('/api/handles/10.1145/3581783.3611992');
      res.writeHead(known ? 200 : 404, { 'content-type': 'application/json;charset=UTF-8' }).end(known ? found : notFound);
    });
    const { RecordCache } = await import('../src/records/record-cache.js');
    const { DEFAULT_SOURCE_OPTIONS, fetchDois } = await import('../src/records/sources.js');
    const cache = await RecordCache.open(undefined);
    const options = { ...DEFAULT_SOURCE_OPTIONS, crossref: server.base, datacite: server.base, doiApi: `${server.base}/api/handles`, hostInterval: 0 };
    expect(await fetchDois(['10.1145/3581783.3611992', '10.1145/0000000.0000000'], cache, options)).toEqual([
      { id: '10.1145/3581783.3611992', kind: 'unrecorded', message: 'DOI 10.1145/3581783.3611992 exists, but neither Crossref nor DataCite has its record (another registration agency, or not yet indexed)' },
      { id: '10.1145/0000000.0000000', kind: 'missing', message: 'The DOI system has no DOI 10.1145/0000000.0000000' },
    ]);
    // Only the DOI nobody knows is remembered as missing; the other is asked again next time.
    expect([cache.get('doi:10.1145/3581783.3611992'), cache.get('doi:10.1145/0000000.0000000')]).toEqual([undefined, null]);
    expect(asked).toEqual([
      '/works/10.1145%2F3581783.3611992', '/dois/10.1145%2F3581783.3611992', '/api/handles/10.1145/3581783.3611992?type=URL',
      '/works/10.1145%2F0000000.0000000', '/dois/10.1145%2F0000000.0000000', '/api/handles/10.1145/0000000.0000000?type=URL',
    ]);
  });
});

describe('markup made plain, one place for every source', () => {
  it("Crossref's HTML: tags, entities, small capitals, sub- and superscripts", () => {
    expect(plainFromHtml('Eigenschaftszusammenhänge der spezifischen Wärmen <i>c</i><sub><i>p</i></sub> – <i>C</i><sub><i>v</i></sub> im flüssigen Zustande')).toBe('Eigenschaftszusammenhänge der spezifischen Wärmen cp – Cv im flüssigen Zustande');
    expect(plainFromHtml('Are giant clams (\n                    <i>Tridacna maxima</i>\n                    ) distractible? A multi-modal study')).toBe('Are giant clams (Tridacna maxima) distractible? A multi-modal study');
    expect(plainFromHtml('Bret Hinsch, Lanham, MD: Rowman &amp; Littlefield')).toBe('Bret Hinsch, Lanham, MD: Rowman & Littlefield');
    // What the BibTeX reader makes of the Anthology's \textsc{}: the same tags.
    expect(plainFromHtml('<span style="font-variant:small-caps;">SuperGLUE</span> and <b>B</b>')).toBe('SuperGLUE and B');
    // Not markup: a comparison, a heart.
    expect(plainFromHtml('a < b and <3')).toBe('a < b and <3');
  });

  it("arXiv's TeX: math, styling commands, accents, escapes, dashes, protecting braces", async () => {
    const feed = parseArxivFeed(await readFile(join(FIXTURES, 'records/arxiv/search-testing.xml'), 'utf8'));
    expect(feed.kind === 'records' && feed.records.find((r) => r.title.includes('WebView'))?.title).toBe('ωTest: WebView-Oriented Testing for Android Applications');
    expect(['On $\\mathbb{R}^n$ and \\textit{Foo}', 'Caf\\\'e \\"{o}ber', 'Landau--Kolmogorov', 'A \\& B: 50\\% of $k$-NN, \\$5', '{BERT} Rediscovers', '$\\alpha$-Shapes'].map(plainFromTex)).toEqual([
      'On Rn and Foo', 'Café öber', 'Landau–Kolmogorov', 'A & B: 50% of k-NN, $5', 'BERT Rediscovers', 'α-Shapes',
    ]);
  });
});
