// A static, self-contained page of the list: papers and datasets, search by title and author (name
// and description for datasets), filter by section, year and venue, sort, each paper's BibTeX (as
// export writes it) to copy, links out and to the repository's own pages; the search, filters and
// sort are kept in the page's address, so a view can be shared and survives a reload. No server:
// one HTML file with the data inline. Deterministic bytes.
import { sectionChoices } from '../core/section-labels.js';
import { walkSections } from '../core/section-tree.js';
import { datasetOrder, paperOrder, sortKeyed } from '../core/list-order.js';
import { compareStrings } from '../core/diagnostics.js';
import { bibtexEntries } from '../export/bibtex.js';
import type { Dataset, Paper, SectionsFile } from '../core/model.js';
import type { VenueList } from '../core/venues.js';

/** The page's own links (.paperlist.yml `site.links`: the repository, the survey). */
export interface SiteLink {
  label: string;
  url: string;
}

export interface SiteData {
  papers: Array<{ title: string; authors: string; year: number; venue: string; links: Array<[string, string]>; sections: string[]; bibtex: string }>;
  sections: Array<{ id: string; title: string }>;
  datasets: Array<{ name: string; url: string; description: string; sections: string[] }>;
}

export function siteData(sections: SectionsFile, papers: ReadonlyArray<{ id: string; paper: Paper }>, datasets: ReadonlyArray<{ id: string; dataset: Dataset }>, venues: VenueList): SiteData {
  // BibTeX keys as export makes them: over the papers in file order.
  const byFile = [...papers].sort((a, b) => compareStrings(a.id, b.id));
  const bibtex = new Map(bibtexEntries(byFile.map((p) => p.paper), venues).map((entry, i) => [byFile[i]!.paper, entry]));
  // Paper sections numbered as in the README; dataset sections as the forms name them
  // (section-labels.ts: with their parent, so that two "Manual Creation" can be told apart).
  const datasetLabels = new Map(sectionChoices(sections, 'dataset').map((c) => [c.id, c.label]));
  const leafSections = walkSections(sections).filter((n) => n.leaf).map((n) => ({
    id: n.section.id,
    title: n.group.kind === 'paper' ? `${n.number}${n.parent ? '' : '.'} ${n.section.title}` : datasetLabels.get(n.section.id)!,
  }));
  const sorted = sortKeyed(papers, paperOrder);
  return {
    papers: sorted.map(({ paper }) => ({
      title: paper.title,
      authors: paper.authors,
      year: paper.year,
      venue: paper.venue ?? '',
      links: (['paper', 'code', 'model', 'data', 'project'] as const).filter((k) => isWebUrl(paper.links[k])).map((k) => [k, paper.links[k]!]),
      sections: paper.sections,
      bibtex: bibtex.get(paper)!,
    })),
    sections: leafSections,
    datasets: sortKeyed(datasets, datasetOrder).map(({ dataset }) => ({ name: dataset.name, url: isWebUrl(dataset.url) ? dataset.url! : '', description: dataset.description, sections: dataset.sections })),
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
const where = (ids) => { const small = document.createElement('small'); small.textContent = ' ' + ids.map((s) => titles.get(s) || s).join(' · '); return small; };
const FILTERS = ['q', 'section', 'year', 'venue', 'sort'];
const ORDER = {
  newest: (a, b) => b.year - a.year,
  oldest: (a, b) => a.year - b.year,
  title: (a, b) => fold(a.title) < fold(b.title) ? -1 : fold(a.title) > fold(b.title) ? 1 : 0,
  venue: (a, b) => (a.venue || '\uffff').localeCompare(b.venue || '\uffff') || b.year - a.year,
};
// The address holds the view: ?q=…&section=…; a value the page does not offer is ignored.
const asked = new URLSearchParams(location.search);
for (const id of FILTERS) {
  const value = asked.get(id);
  if (value === null) continue;
  if (id === 'q' || [...$(id).options].some((o) => o.value === value)) $(id).value = value;
}
function remember() {
  const params = new URLSearchParams();
  for (const id of FILTERS) if ($(id).value && !(id === 'sort' && $(id).value === 'newest')) params.set(id, $(id).value);
  const query = params.toString();
  history.replaceState(null, '', query ? '?' + query : location.pathname);
}
function render() {
  const q = fold($('q').value.trim());
  const section = $('section').value, year = $('year').value, venue = $('venue').value;
  // The data comes newest first; a stable sort keeps that order among equals.
  const shown = data.papers.filter((p) =>
    (!q || fold(p.title).includes(q) || fold(p.authors).includes(q)) &&
    (!section || p.sections.includes(section)) && (!year || String(p.year) === year) && (!venue || p.venue === venue))
    .sort(ORDER[$('sort').value] || ORDER.newest);
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
    li.append(where(p.sections));
    const cite = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = 'BibTeX';
    const pre = document.createElement('pre');
    pre.textContent = p.bibtex;
    const copy = document.createElement('button');
    copy.type = 'button';
    copy.textContent = 'Copy';
    copy.addEventListener('click', () => {
      // The clipboard may be refused (a file opened from disk): the text is selected instead.
      const select = () => { const r = document.createRange(); r.selectNodeContents(pre); getSelection().removeAllRanges(); getSelection().addRange(r); };
      (navigator.clipboard ? navigator.clipboard.writeText(p.bibtex).then(() => { copy.textContent = 'Copied'; }, select) : Promise.resolve(select()));
    });
    cite.append(summary, copy, pre);
    li.append(cite);
    return li;
  }));
  $('count').textContent = shown.length + ' of ' + data.papers.length + ' papers';
  $('empty').hidden = shown.length > 0;
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
    li.append(': ' + d.description, where(d.sections));
    return li;
  }));
  $('dcount').textContent = datasets.length + ' of ' + data.datasets.length + ' datasets' + (year || venue ? ' (datasets have no year or venue)' : '');
}
for (const id of FILTERS) $(id).addEventListener('input', () => { render(); remember(); });
$('clear').addEventListener('click', () => { for (const id of FILTERS) $(id).value = id === 'sort' ? 'newest' : ''; render(); remember(); });
render();
`;

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }
form { display: flex; flex-wrap: wrap; gap: .5rem; margin-bottom: 1rem; }
input, select { font: inherit; padding: .3rem .5rem; min-width: 0; max-width: 100%; }
input { flex: 1 1 20rem; }
ul { padding-left: 1.2rem; }
li { margin: .4rem 0; }
small { color: #666; }
code { background: #f2f2f2; padding: 0 .3rem; border-radius: 3px; }
nav { display: flex; flex-wrap: wrap; gap: .2rem 1rem; margin-bottom: .8rem; }
details { margin: .2rem 0 .4rem; }
summary { cursor: pointer; color: #555; font-size: .9em; }
pre { background: #f7f7f7; padding: .5rem; overflow-x: auto; white-space: pre-wrap; word-break: break-word; font-size: .85em; }
#empty button, details button { font: inherit; font-size: .9em; }
@media (max-width: 30rem) { body { margin: 1rem auto; } select, input { flex: 1 1 100%; } }
`;

export function renderSite(data: SiteData, title: string, links: readonly SiteLink[] = []): string {
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
${links.some((l) => isWebUrl(l.url)) ? `<nav>${links.filter((l) => isWebUrl(l.url)).map((l) => `<a href="${esc(l.url)}" rel="noopener">${esc(l.label)}</a>`).join('')}</nav>\n` : ''}<form role="search" onsubmit="return false">
  <input id="q" type="search" placeholder="Search titles, authors and datasets" aria-label="Search titles, authors and datasets">
  <select id="section" aria-label="Section"><option value="">All sections</option></select>
  <select id="year" aria-label="Year"><option value="">All years</option></select>
  <select id="venue" aria-label="Venue"><option value="">All venues</option></select>
  <select id="sort" aria-label="Sort"><option value="newest">Newest first</option><option value="oldest">Oldest first</option><option value="title">Title A–Z</option><option value="venue">Venue</option></select>
</form>
<h2>Papers</h2>
<p id="count" aria-live="polite"></p>
<p id="empty" hidden>No paper matches this search and these filters. <button id="clear" type="button">Clear them</button></p>
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
