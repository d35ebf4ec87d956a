// A static, self-contained page of the list: papers and datasets, search by title and author (name
// and description for datasets), filter by section, year and venue, links out; the search and
// filters are kept in the page's address, so a filtered view can be shared and survives a reload.
// No server: one HTML file with the data inline. Deterministic bytes.
import { sectionChoices } from '../section-labels.js';
import { compareStrings } from '../diagnostics.js';
import type { Dataset, Paper, SectionsFile } from '../model.js';

export interface SiteData {
  papers: Array<{ title: string; authors: string; year: number; venue: string; links: Array<[string, string]>; sections: string[] }>;
  sections: Array<{ id: string; title: string }>;
  datasets: Array<{ name: string; url: string; description: string; sections: string[] }>;
}

export function siteData(sections: SectionsFile, papers: ReadonlyArray<{ id: string; paper: Paper }>, datasets: ReadonlyArray<{ id: string; dataset: Dataset }>): SiteData {
  // Paper sections numbered as in the README; dataset sections as the forms name them
  // (section-labels.ts: with their parent, so that two "Manual Creation" can be told apart).
  const leafSections = sections.groups.flatMap((g) =>
    g.kind === 'paper'
      ? g.sections.flatMap((s, i) => (s.sections ? s.sections.map((c, j) => ({ id: c.id, title: `${i + 1}.${j + 1} ${c.title}` })) : [{ id: s.id, title: `${i + 1}. ${s.title}` }]))
      : sectionChoices({ groups: [g] }, 'dataset').map((c) => ({ id: c.id, title: c.label })));
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
    sections: leafSections,
    datasets: [...datasets].sort((a, b) => compareStrings(a.dataset.name.toLowerCase(), b.dataset.name.toLowerCase())).map(({ dataset }) => ({ name: dataset.name, url: isWebUrl(dataset.url) ? dataset.url! : '', description: dataset.description, sections: dataset.sections })),
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
const FILTERS = ['q', 'section', 'year', 'venue'];
// The address holds the view: ?q=…&section=…; a value the page does not offer is ignored.
const asked = new URLSearchParams(location.search);
for (const id of FILTERS) {
  const value = asked.get(id);
  if (value === null) continue;
  if (id === 'q' || [...$(id).options].some((o) => o.value === value)) $(id).value = value;
}
function remember() {
  const params = new URLSearchParams();
  for (const id of FILTERS) if ($(id).value) params.set(id, $(id).value);
  const query = params.toString();
  history.replaceState(null, '', query ? '?' + query : location.pathname);
}
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
  // Datasets have no year or venue: filtering by either shows none of them.
  const datasets = year || venue ? [] : data.datasets.filter((d) =>
    (!q || fold(d.name).includes(q) || fold(d.description).includes(q)) && (!section || d.sections.includes(section)));
  $('datasets').replaceChildren(...datasets.map((d) => {
    const li = document.createElement('li');
    li.className = 'dataset';
    const name = document.createElement('strong');
    name.className = 'name';
    name.textContent = d.name;
    if (/^https?:\\/\\//i.test(d.url)) { const a = document.createElement('a'); a.href = d.url; a.rel = 'noopener'; a.append(name); li.append(a); } else li.append(name);
    li.append(': ' + d.description);
    return li;
  }));
  $('dcount').textContent = datasets.length + ' of ' + data.datasets.length + ' datasets' + (year || venue ? ' (datasets have no year or venue)' : '');
}
for (const id of FILTERS) $(id).addEventListener('input', () => { render(); remember(); });
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
  <input id="q" type="search" placeholder="Search titles, authors and datasets" aria-label="Search titles, authors and datasets">
  <select id="section" aria-label="Section"><option value="">All sections</option></select>
  <select id="year" aria-label="Year"><option value="">All years</option></select>
  <select id="venue" aria-label="Venue"><option value="">All venues</option></select>
</form>
<h2>Papers</h2>
<p id="count" aria-live="polite"></p>
<ul id="papers"></ul>
<h2>Datasets</h2>
<p id="dcount" aria-live="polite"></p>
<ul id="datasets"></ul>
<script id="data" type="application/json">${inlineJson(data)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
