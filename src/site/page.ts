// A static, self-contained page of the list: search by title and author, filter by section, year
// and venue, links out. No server: one HTML file with the data inline. Deterministic bytes.
import { compareStrings } from '../diagnostics.js';
import type { Dataset, Paper, SectionsFile } from '../model.js';

export interface SiteData {
  papers: Array<{ title: string; authors: string; year: number; venue: string; links: Array<[string, string]>; sections: string[] }>;
  sections: Array<{ id: string; title: string }>;
  datasets: Array<{ name: string; url: string; description: string }>;
}

export function siteData(sections: SectionsFile, papers: ReadonlyArray<{ id: string; paper: Paper }>, datasets: ReadonlyArray<{ id: string; dataset: Dataset }>): SiteData {
  const paperSections = sections.groups
    .filter((g) => g.kind === 'paper')
    .flatMap((g) => g.sections.flatMap((s, i) => (s.sections ? s.sections.map((c, j) => ({ id: c.id, title: `${i + 1}.${j + 1} ${c.title}` })) : [{ id: s.id, title: `${i + 1}. ${s.title}` }])));
  const sorted = [...papers].sort((a, b) => b.paper.year - a.paper.year || compareStrings(a.paper.title.toLowerCase(), b.paper.title.toLowerCase()) || compareStrings(a.id, b.id));
  return {
    papers: sorted.map(({ paper }) => ({
      title: paper.title,
      authors: paper.authors,
      year: paper.year,
      venue: paper.venue ?? '',
      links: (['paper', 'code', 'model', 'data', 'project'] as const).filter((k) => isWebUrl(paper.links[k])).map((k) => [k, paper.links[k]!]),
      sections: paper.sections,
    })),
    sections: paperSections,
    datasets: [...datasets].sort((a, b) => compareStrings(a.dataset.name.toLowerCase(), b.dataset.name.toLowerCase())).map(({ dataset }) => ({ name: dataset.name, url: isWebUrl(dataset.url) ? dataset.url! : '', description: dataset.description })),
  };
}

/**
 * Only http(s) URLs ever reach an href, whatever the data says: generate and site refuse entries
 * with other schemes, and this is the second line (a javascript: URL in an href runs on click).
 */
export function isWebUrl(url: string | undefined): boolean {
  return url !== undefined && /^https?:\/\/[^\s]+$/i.test(url);
}

/** JSON that is safe inside <script>: no "</script>", no HTML comment openers, no line separators. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

// The page's script: renders with textContent and createElement only, so no entry text is ever
// parsed as HTML.
const SCRIPT = `
const data = JSON.parse(document.getElementById('data').textContent);
const $ = (id) => document.getElementById(id);
const fold = (s) => s.normalize('NFKD').replace(/\\p{M}+/gu, '').toLowerCase();
const option = (select, value, label) => { const o = document.createElement('option'); o.value = value; o.textContent = label; select.append(o); };
for (const s of data.sections) option($('section'), s.id, s.title);
for (const y of [...new Set(data.papers.map((p) => p.year))].sort((a, b) => b - a)) option($('year'), String(y), String(y));
for (const v of [...new Set(data.papers.map((p) => p.venue).filter(Boolean))].sort()) option($('venue'), v, v);
const titles = new Map(data.sections.map((s) => [s.id, s.title]));
function render() {
  const q = fold($('q').value.trim());
  const section = $('section').value, year = $('year').value, venue = $('venue').value;
  const shown = data.papers.filter((p) =>
    (!q || fold(p.title).includes(q) || fold(p.authors).includes(q)) &&
    (!section || p.sections.includes(section)) && (!year || String(p.year) === year) && (!venue || p.venue === venue));
  const list = $('papers');
  list.replaceChildren(...shown.map((p) => {
    const li = document.createElement('li');
    li.className = 'paper';
    const head = document.createElement('span');
    head.className = 'year';
    head.textContent = '[' + p.year + '] ';
    const title = document.createElement('strong');
    title.className = 'title';
    title.textContent = p.title;
    const authors = document.createElement('em');
    authors.textContent = ' ' + p.authors;
    li.append(head, title, authors);
    if (p.venue) { const v = document.createElement('code'); v.textContent = p.venue; li.append(' ', v); }
    for (const [kind, url] of p.links) { if (!/^https?:\\/\\//i.test(url)) continue; const a = document.createElement('a'); a.href = url; a.textContent = kind; a.rel = 'noopener'; li.append(' ', a); }
    const where = document.createElement('small');
    where.textContent = ' ' + p.sections.map((s) => titles.get(s) || s).join(' · ');
    li.append(where);
    return li;
  }));
  $('count').textContent = shown.length + ' of ' + data.papers.length + ' papers';
}
for (const id of ['q', 'section', 'year', 'venue']) $(id).addEventListener('input', render);
render();
`;

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }
form { display: flex; flex-wrap: wrap; gap: .5rem; margin-bottom: 1rem; }
input, select { font: inherit; padding: .3rem .5rem; }
input { flex: 1 1 20rem; }
ul { padding-left: 1.2rem; }
li { margin: .4rem 0; }
small { color: #666; }
code { background: #f2f2f2; padding: 0 .3rem; border-radius: 3px; }
`;

export function renderSite(data: SiteData, title: string): string {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${esc(title)}</h1>
<form role="search" onsubmit="return false">
  <input id="q" type="search" placeholder="Search titles and authors" aria-label="Search titles and authors">
  <select id="section" aria-label="Section"><option value="">All sections</option></select>
  <select id="year" aria-label="Year"><option value="">All years</option></select>
  <select id="venue" aria-label="Venue"><option value="">All venues</option></select>
</form>
<p id="count" aria-live="polite"></p>
<ul id="papers"></ul>
<script id="data" type="application/json">${inlineJson(data)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
