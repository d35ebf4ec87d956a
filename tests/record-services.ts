// The record services as a local server answering only with what they really sent
// (tests/fixtures/records/SOURCES.md): arXiv's recorded search feed, Crossref's recorded works and
// 404, DataCite's recorded DOIs, an Anthology BibTeX, and the DOI resolver's handle API for the two
// DOIs its answers name. What was not recorded is answered as the service answers an unknown id.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FIXTURES, listenLocal } from './helpers.js';

const records = (path: string): Promise<string> => readFile(join(FIXTURES, 'records', path), 'utf8');

export interface RecordServices {
  base: string;
  /** Every path asked, in order. */
  asked: string[];
  /** verify's options that point every source at this server (Semantic Scholar: not recorded, so unreachable). */
  verifyOptions: string[];
}

/**
 * The services, each answering from its recordings; what was not recorded is answered as the
 * service answers an unknown id. Semantic Scholar is unreachable (nothing it answers for these
 * papers was recorded) unless `s2Throttled`: then it answers every batch with its recorded 429.
 */
export async function replayRecords(options: { s2Throttled?: boolean } = {}): Promise<RecordServices> {
  const asked: string[] = [];
  const feed = await records('arxiv/search-testing.xml');
  const widgetList = JSON.parse(await records('crossref/list-query-widget.json')) as { message: { items: Array<{ DOI: string }> } };
  const envelope = JSON.parse(await records('crossref/work-10.1109-icdcsw.2003.1203662.json')) as object;
  const works: Record<string, string> = {
    '10.1109/icdcsw.2003.1203662': await records('crossref/work-10.1109-icdcsw.2003.1203662.json'),
    '10.1136/jclinpath-2020-206745': await records('crossref/work-10.1136-jclinpath-2020-206745.json'),
    // The list's item in a single-work answer (the work JSON is the same in both).
    '10.1145/3027385.3027428': JSON.stringify({ ...envelope, message: widgetList.message.items.find((i) => i.DOI === '10.1145/3027385.3027428') }),
  };
  const notFound = await records('crossref/not-found.txt');
  // DataCite's recorded list; a DOI is answered with its item as the single-DOI document ({"data": item}, JSON:API).
  const dataciteItems = (JSON.parse(await records('datacite/list-dois-page1.json')) as { data: Array<{ id: string }> }).data;
  const bib = await records('alvarez-mellado.bib');
  const throttled = await readFile(join(FIXTURES, 'verify', 's2-throttled.json'), 'utf8');
  // The handle API's answers name their DOI: each is given for that DOI only.
  const handles: Record<string, string> = {};
  for (const name of ['doi-found.json', 'doi-not-found.json']) {
    const answer = await readFile(join(FIXTURES, 'links', name), 'utf8');
    handles[(JSON.parse(answer) as { handle: string }).handle] = answer;
  }
  const server = await listenLocal((req, res) => {
    const url = req.url ?? '';
    asked.push(url);
    if (url.startsWith('/api/query')) return void res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(feed);
    if (url.startsWith('/works/')) {
      const work = works[decodeURIComponent(url.slice('/works/'.length)).toLowerCase()];
      return void res.writeHead(work ? 200 : 404, { 'content-type': work ? 'application/json' : 'text/plain' }).end(work ?? notFound);
    }
    if (url.startsWith('/dois/')) {
      const item = dataciteItems.find((i) => i.id === decodeURIComponent(url.slice('/dois/'.length)).toLowerCase());
      return void res.writeHead(item ? 200 : 404, { 'content-type': 'application/vnd.api+json' }).end(item ? JSON.stringify({ data: item }) : '');
    }
    if (url.startsWith('/api/handles/')) {
      const answer = handles[decodeURIComponent(url.slice('/api/handles/'.length).split('?')[0]!).toLowerCase()];
      const found = answer !== undefined && (JSON.parse(answer) as { responseCode: number }).responseCode === 1;
      return void res.writeHead(found ? 200 : 404, { 'content-type': 'application/json;charset=UTF-8' }).end(answer ?? '');
    }
    if (options.s2Throttled && url.startsWith('/graph/v1/paper/batch')) return void res.writeHead(429, { 'content-type': 'application/json' }).end(throttled);
    if (url === '/2022.acl-long.268.bib') return void res.writeHead(200, { 'content-type': 'application/x-bibtex' }).end(bib);
    res.writeHead(404).end();
  });
  const verifyOptions = ['--arxiv-api', `${server.base}/api/query`, '--anthology', server.base, '--crossref', server.base, '--datacite', server.base, '--doi-api', `${server.base}/api/handles`, '--semantic-scholar', options.s2Throttled ? `${server.base}/graph/v1` : 'http://127.0.0.1:1/graph/v1', '--interval', '0'];
  return { base: server.base, asked, verifyOptions };
}

