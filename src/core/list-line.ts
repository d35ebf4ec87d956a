// The list line, both ways, in one place: the writer that render uses and the reader that import
// and absorb use, side by side so that they cannot drift apart (tests/list-line.test.ts holds
// them to it: reading a written line gives its shown fields back), and the form the hints show.
//   - [2024] **Title.** *Zhu et al.* `arXiv` [[paper](…)] [[code](…)]
//   - [**Name**](url). Description.
import { tidySpaces } from '../text/spacing.js';
import type { ListItem, PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Diagnostic } from './diagnostics.js';
import { lit, text } from '../markdown/stringify.js';
import { LINK_KINDS, type Dataset, type Links, type LinkKind, type Paper } from './model.js';
import { canonicalArxivLink } from './paper-identifiers.js';

/** A list line as generate writes it, for a contributor whose line lacks something. */
export const LINE_FORM = {
  paper: '- [2024] **Title.** *Surname et al.* `arXiv` [[paper](https://arxiv.org/abs/…)] (then [[code](…)] and the other links).',
  dataset: '- [**Name**](https://…). What it holds.',
};

export interface ItemOrigin {
  line: number;
  /** Id of the section the item was listed under. */
  section: string;
}

export interface PaperItem extends ItemOrigin {
  kind: 'paper';
  title: string;
  authors: string;
  /** The title and authors as the line shows them (with their closing period), to tell an edit from a line left alone. */
  shown: { title: string; authors: string };
  year: number;
  /** The venue label as written (aliases are resolved later). */
  venue?: string;
  links: Links;
}

export interface DatasetItem extends ItemOrigin {
  kind: 'dataset';
  name: string;
  url?: string;
  description: string;
}

export type Item = PaperItem | DatasetItem;

// ---- writing ----

/** Appends the closing period unless the text already ends in terminal punctuation. */
export function withPeriod(value: string): string {
  return /[.?!]$/.test(value) ? value : `${value}.`;
}

export function paperLine(p: Paper): ListItem {
  const children: PhrasingContent[] = [
    lit(`[${p.year}] `),
    { type: 'strong', children: [text(withPeriod(p.title))] },
    lit(' '),
    { type: 'emphasis', children: [text(withPeriod(p.authors))] },
  ];
  if (p.venue) children.push(lit(' '), { type: 'inlineCode', value: p.venue });
  for (const kind of LINK_KINDS) {
    const url = p.links[kind];
    // The label is one of five fixed words: nothing to escape, so it is written as it is.
    if (url) children.push(lit(' ['), { type: 'link', url, children: [lit(kind)] }, lit(']'));
  }
  return item(children);
}

export function datasetLine(d: Dataset): ListItem {
  const name: PhrasingContent = { type: 'strong', children: [text(d.name)] };
  return item([d.url ? { type: 'link', url: d.url, children: [name] } : name, lit('. '), text(d.description)]);
}

function item(children: PhrasingContent[]): ListItem {
  return { type: 'listItem', spread: false, children: [{ type: 'paragraph', children }] };
}

// ---- reading ----

/** How the reader reports what it cannot read or has guessed (the caller names the file and rule). */
export type Report = (line: number, severity: Diagnostic['severity'], message: string, hint?: string) => void;

const LINK_LABELS: Record<string, LinkKind> = {
  paper: 'paper',
  pdf: 'paper',
  code: 'code',
  github: 'code',
  model: 'model',
  models: 'model',
  weights: 'model',
  checkpoint: 'model',
  data: 'data',
  dataset: 'data',
  project: 'project',
  website: 'project',
  homepage: 'project',
  demo: 'project',
  page: 'project',
};

/** One list item of a list section: a paper line, a dataset line, or an error said through `report`. */
export function readItem(li: ListItem, line: number, report: Report): Item | undefined {
  const [first, ...rest] = li.children;
  if (!first || first.type !== 'paragraph' || rest.length > 0) {
    report(line, 'error', `Could not read this list item: expected one line of text, found ${li.children.map((c) => c.type).join(', ') || 'nothing'}: "${excerpt(toString(li))}".`,
      `Write it as "${LINE_FORM.paper}" or "${LINE_FORM.dataset}"`);
    return undefined;
  }
  const nodes = first.children;
  const lead = nodes[0];
  if (lead?.type === 'text' && /^\s*\[\d{4}\]/.test(lead.value)) return readPaper(nodes, line, report);
  return readDataset(nodes, line, report);
}

function readPaper(nodes: PhrasingContent[], line: number, report: Report): PaperItem | undefined {
  const queue = [...nodes];
  const lead = queue.shift() as { value: string };
  const m = /^\s*\[(\d{4})\]\s*/.exec(lead.value)!;
  const year = Number(m[1]);
  const remainder = lead.value.slice(m[0].length);
  if (remainder.trim()) queue.unshift({ type: 'text', value: remainder });
  skipSpace(queue);
  const titleNode = queue.shift();
  if (!titleNode || titleNode.type !== 'strong') {
    report(line, 'error', `Could not read this paper: expected the title in bold after [${year}], found ${describe(titleNode)}.`,
      `Write it as "${LINE_FORM.paper}".`);
    return undefined;
  }
  const shownTitle = tidySpaces(toString(titleNode));
  const title = cleanTitle(shownTitle);
  skipSpace(queue);
  let authors = '';
  let shownAuthors = '';
  if (queue[0]?.type === 'emphasis') {
    shownAuthors = tidySpaces(toString(queue.shift()!));
    authors = cleanAuthors(shownAuthors);
  }
  else report(line, 'warning', `Paper "${title}" has no authors in italics; imported with empty authors.`, 'Add the authors (e.g. "Zhu et al.") to the entry.');
  skipSpace(queue);
  let venue: string | undefined;
  if (queue[0]?.type === 'inlineCode') venue = (queue.shift() as { value: string }).value.trim() || undefined;
  const links: Links = {};
  for (const node of queue) {
    if (node.type === 'link') {
      const label = toString(node).trim().toLowerCase();
      const kind = LINK_LABELS[label];
      if (!kind) {
        const fallback: LinkKind = links.project ? 'code' : 'project';
        report(line, 'warning', `Link label "${toString(node)}" is not one of paper, code, model, data, project; imported as "${fallback}".`, 'Check the link key in the entry.');
        if (!links[fallback]) links[fallback] = node.url;
      } else if (links[kind]) {
        report(line, 'warning', `Paper "${title}" has two ${kind} links; kept the first (${links[kind]}), not ${node.url}.`, 'Use another link key for the second one.');
      } else {
        // A paper's arXiv link is kept in its one form (the abstract page), however it was pasted.
        links[kind] = kind === 'paper' ? (canonicalArxivLink(node.url) ?? node.url) : node.url;
      }
    } else if (node.type === 'text') {
      if (node.value.replace(/[\s[\].,;|]/g, '')) report(line, 'warning', `Text "${node.value.trim()}" in paper "${title}" is not part of the line format; not imported.`);
    } else {
      report(line, 'warning', `${describe(node)} in paper "${title}" is not part of the line format; not imported.`);
    }
  }
  return { kind: 'paper', line, section: '', title, authors, shown: { title: shownTitle, authors: shownAuthors }, year, ...(venue ? { venue } : {}), links };
}

function readDataset(nodes: PhrasingContent[], line: number, report: Report): DatasetItem | undefined {
  const queue = [...nodes];
  const lead = queue.shift();
  let name: string;
  let url: string | undefined;
  if (lead?.type === 'link' && lead.children.some((c) => c.type === 'strong')) {
    name = toString(lead).trim();
    url = lead.url;
  } else if (lead?.type === 'strong') {
    name = toString(lead).trim();
  } else if (lead?.type === 'text' && /^([^.:]{1,60})[.:]\s+\S/.test(lead.value)) {
    // "- ShareGPT. ShareGPT is ...": the name is not bold; take the words before the first period.
    const m = /^\s*([^.:]{1,60})[.:]\s+/.exec(lead.value)!;
    name = m[1]!.trim();
    queue.unshift({ type: 'text', value: lead.value.slice(m[0].length) });
    report(line, 'warning', `Dataset name "${name}" is not in bold; took the words before the first period as its name.`, 'Check the name in the imported entry.');
  } else {
    report(line, 'error', `Could not read this list item: it is neither a paper ("[YEAR] **Title.** …") nor a dataset ("[**Name**](URL). Description."): found ${describe(lead)}.`,
      `Rewrite the line in one of the two forms ("${LINE_FORM.paper}" or "${LINE_FORM.dataset}"), then import again.`);
    return undefined;
  }
  if (queue.some((n) => n.type !== 'text')) {
    report(line, 'warning', `The description of dataset "${name}" has formatting or links; imported as plain text.`, 'Check the description in the imported entry.');
  }
  const description = queue
    .map((n) => toString(n))
    .join('')
    .replace(/^\s*[.:]\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!description) report(line, 'warning', `Dataset "${name}" has no description.`, 'Add one sentence saying what it is.');
  return { kind: 'dataset', line, section: '', name, ...(url ? { url } : {}), description };
}

/** "Title." → "Title"; "Why?." → "Why?" (the doubled punctuation of the old list). */
export function cleanTitle(raw: string): string {
  return tidySpaces(raw).replace(/([?!])?\.$/, (_, p: string | undefined) => p ?? '').trim();
}

/** "OpenAI." → "OpenAI"; "Zhu et al." stays (the period is the abbreviation's). */
export function cleanAuthors(raw: string): string {
  const a = tidySpaces(raw);
  return /\bal\.$/.test(a) ? a : a.replace(/\.$/, '');
}

/** A list item that reads as an entry (a paper's [YEAR] or a dataset's bold name): what makes a list a list of entries. */
export function looksLikeEntry(li: ListItem): boolean {
  const p = li.children[0];
  if (!p || p.type !== 'paragraph') return false;
  const lead = p.children[0];
  if (lead?.type === 'text' && /^\s*\[\d{4}\]/.test(lead.value)) return true;
  return lead?.type === 'strong' || (lead?.type === 'link' && lead.children.some((c) => c.type === 'strong'));
}

function skipSpace(queue: PhrasingContent[]): void {
  while (queue[0]?.type === 'text' && !queue[0].value.trim()) queue.shift();
  const head = queue[0];
  if (head?.type === 'text' && /^\s/.test(head.value)) queue[0] = { type: 'text', value: head.value.trimStart() };
}

function describe(node: PhrasingContent | undefined): string {
  if (!node) return 'nothing';
  const t = toString(node);
  return `${node.type}${t ? ` "${excerpt(t)}"` : ''}`;
}

export function excerpt(text: string): string {
  const one = tidySpaces(text);
  return one.length > 80 ? `${one.slice(0, 77)}...` : one;
}

/** The title and authors of `p` as its line shows them. */
export function shownOf(p: Paper): { title: string; authors: string } {
  return { title: withPeriod(p.title), authors: withPeriod(p.authors) };
}
