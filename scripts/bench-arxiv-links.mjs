// Bench for the arXiv path of `links` (issue 13): 100 arXiv links against a local server replaying
// the arXiv API's Atom feed, at arXiv's own spacing (one request every 3 s). Target: ≤ 3 API
// requests and ≤ 10 s, against ≥ 100 s for one page request a second.
// Usage: npm run bench:arxiv-links
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { checkArxivLinks } from '../dist/links/arxiv-path.js';
import { DEFAULT_SOURCE_OPTIONS } from '../dist/records/sources.js';

const feed = readFileSync(new URL('../tests/fixtures/records/empty-feed.xml', import.meta.url), 'utf8');
let requests = 0;
const server = createServer((_req, res) => {
  requests++;
  setTimeout(() => res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(feed), 200); // a slow-ish API
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const urls = Array.from({ length: 100 }, (_, i) => `https://arxiv.org/abs/2401.${String(10000 + i)}`);
const started = Date.now();
const checked = await checkArxivLinks(urls, { ...DEFAULT_SOURCE_OPTIONS, arxivApi: `http://127.0.0.1:${server.address().port}/api/query` });
const seconds = (Date.now() - started) / 1000;
server.close();
console.log(`100 arXiv links: ${requests} API requests (target ≤ 3: ${requests <= 3 ? 'ok' : 'MISSED'}), ${seconds.toFixed(2)} s (target ≤ 10 s: ${seconds <= 10 ? 'ok' : 'MISSED'}), ${checked.results.length} answered, ${checked.fallback.length} left to HTTP`);
