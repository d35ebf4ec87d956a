// absorb, the pure part: README.md as a contributor edited it, against what generate writes, as
// the entry and template changes that make generate write the edit. Lines are read with the
// importer's reader (contributor style: `Arxiv`, a missing title period, a venue alias); a line
// that is exactly a generated one is that entry, in that section.
import { diffArrays } from 'diff';
import type { Diagnostic } from '../diagnostics.js';
import { formatDataset, formatPaper } from '../entry-format.js';
import { canonicalUrl } from '../paper-identifiers.js';
import { assignIds } from '../entry-ids.js';
import { mergeItems } from '../import/merge.js';
import { paperKeys } from '../same-paper.js';
import { parseReadme, type DatasetItem, type Item, type PaperItem } from '../import/parse-readme.js';
import { ENTRY_DIRS, LINK_KINDS, README_FILE, TEMPLATE_FILE, type Dataset, type Paper, type SectionsFile } from '../model.js';
import type { DatasetEntry, PaperEntry } from '../project.js';
import type { RenderResult } from '../render/readme.js';
import { normalizeTitle } from '../text/normalize.js';
import { readBackEntry } from '../validate.js';
import type { VenueList } from '../venues.js';

export interface FieldChange {
  field: string;
  from?: string;
  to?: string;
}

export interface Change {
  kind: 'created' | 'updated' | 'removed';
  /** The file changed, relative to the root. */
  file: string;
  /** The README lines (1-based) the change comes from. */
  lines: number[];
  fields: FieldChange[];
}

export interface AbsorbInput {
  papers: readonly PaperEntry[];
  datasets: readonly DatasetEntry[];
  sections: SectionsFile;
  template: string;
  /** What generate writes: each line's template line (null: generated), each list line's section and entry, every entry's line. */
  expected: Pick<RenderResult, 'text' | 'lineOrigins' | 'lineMeta' | 'lines'>;
  /** README.md as it is now. */
  edited: string;
  venues: VenueList;
}

export interface AbsorbPlan {
  changes: Change[];
  /** Files to write (text) or delete (null), relative to the root. */
  files: Map<string, string | null>;
  diagnostics: Diagnostic[];
}

type EntryRef = { kind: 'paper'; entry: PaperEntry } | { kind: 'dataset'; entry: DatasetEntry };

const at = (line: number, severity: Diagnostic['severity'], message: string, hint: string): Diagnostic => ({ file: README_FILE, line, column: 1, ruleId: 'absorb', severity, message, hint });

/** A list line as generate writes it, for a contributor whose new line lacks something. */
const LINE_FORM = {
  paper: '- [2024] **Title.** *Surname et al.* `arXiv` [[paper](https://arxiv.org/abs/…)] (then [[code](…)] and the other links).',
  dataset: '- [**Name**](https://…). What it holds.',
};



export function planAbsorb(input: AbsorbInput): AbsorbPlan {
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, string | null>();
  const changes: Change[] = [];
  const edited = input.edited.replace(/\r\n?/g, '\n');
  const editedLines = edited.split('\n');
  if (edited === input.expected.text) return { changes, files, diagnostics };

  // Which entry each generated line is.
  const byKey = new Map<string, EntryRef>();
  for (const p of input.papers) byKey.set(`paper:${p.id}`, { kind: 'paper', entry: p });
  for (const d of input.datasets) byKey.set(`dataset:${d.id}`, { kind: 'dataset', entry: d });
  const byLine = new Map<string, EntryRef>();
  for (const [key, text] of input.expected.lines) {
    const ref = byKey.get(key);
    if (ref) byLine.set(text, ref);
  }

  // Where each entry is listed now. Lines left as generated say so at once; only the lines the
  // diff shows as added are read (a 10,000-paper README need not be parsed for ten edits).
  const present = new Map<EntryRef['entry'], { sections: string[]; lines: number[] }>();
  const note = (ref: EntryRef, section: string, line: number): void => {
    const seen = present.get(ref.entry) ?? { sections: [], lines: [] };
    if (!seen.sections.includes(section)) seen.sections.push(section);
    seen.lines.push(line);
    present.set(ref.entry, seen);
  };
  const hunks = diffHunks(input.expected.text.split('\n'), editedLines);
  const meta = input.expected.lineMeta;
  for (const [i, j] of hunks.equal) {
    const m = meta[i];
    if (m?.key && m.section) note(byKey.get(m.key)!, m.section, j + 1);
  }
  const loose: Item[] = [];
  // While a line cannot be read, no entry loses a section: it may be that line.
  let unreadable = false;
  const listLines = new Set<number>();
  for (const hunk of hunks.changed) {
    // The section a line added here was put in: that of the generated line above it.
    const above = hunk.expectedFrom > 0 ? meta[hunk.expectedFrom - 1] : null;
    if (!above) continue; // not inside a generated list: prose, handled with the template
    hunk.added.forEach((text, n) => {
      const line = hunk.editedFrom + n + 1;
      if (!text.trim()) return void listLines.add(line);
      if (!/^ {0,3}[-*+] /.test(text)) return; // not a list line: a heading or prose, reported below
      listLines.add(line);
      if (!above.section) {
        diagnostics.push(at(line, 'error', 'This line is under a heading that has subsections; it was not absorbed.', 'Put it in the list of one of the subsections.'));
        return;
      }
      const exact = byLine.get(text);
      if (exact) return note(exact, above.section, line);
      const read = readLine(text, line);
      if (read.item) loose.push({ ...read.item, section: above.section });
      else {
        unreadable = true;
        diagnostics.push(...read.diagnostics);
      }
    });
  }

  // A loose line is an entry edited, or a new one: the same paper by an identifier of its paper
  // link or by title (datasets: by name or URL).
  const edits = new Map<EntryRef['entry'], { ref: EntryRef; items: Item[] }>();
  const fresh: Item[] = [];
  for (const item of loose) {
    const ref = item.kind === 'paper' ? samePaper(item, input.papers) : sameDataset(item, input.datasets);
    if (!ref) {
      fresh.push(item);
      continue;
    }
    note(ref, item.section, item.line);
    const edit = edits.get(ref.entry) ?? { ref, items: [] };
    edit.items.push(item);
    edits.set(ref.entry, edit);
  }

  // Every entry: its sections now, and its fields as the edited line says.
  const all: EntryRef[] = [...input.papers.map((entry) => ({ kind: 'paper' as const, entry })), ...input.datasets.map((entry) => ({ kind: 'dataset' as const, entry }))];
  for (const ref of all) {
    const file = ref.entry.entry.source.file;
    const was = ref.kind === 'paper' ? ref.entry.paper.sections : ref.entry.dataset.sections;
    const seen = present.get(ref.entry);
    const kept = was.filter((s) => seen?.sections.includes(s) || unreadable);
    const sections = [...kept, ...(seen?.sections.filter((s) => !kept.includes(s)) ?? [])];
    const fields: FieldChange[] = [];
    const removed = was.filter((s) => !sections.includes(s));
    const added = sections.filter((s) => !was.includes(s));
    if (removed.length || added.length) fields.push({ field: 'sections', from: was.join(', '), to: sections.join(', ') });
    const edit = edits.get(ref.entry);
    let next: Paper | Dataset = ref.kind === 'paper' ? { ...ref.entry.paper, links: { ...ref.entry.paper.links } } : { ...ref.entry.dataset };
    if (edit) {
      const versions = edit.items.map((item) => fieldsOf(item, input.venues));
      const distinct = new Set(versions.map((v) => JSON.stringify(v)));
      if (distinct.size > 1) {
        diagnostics.push(at(edit.items[1]!.line, 'error', `Two copies of ${describe(ref)} were edited differently (lines ${edit.items.map((i) => i.line).join(' and ')}); neither edit was absorbed.`, 'Make both lines the same, or edit one of them only.'));
      } else {
        const changed = applyFields(next, versions[0]!);
        next = changed.value;
        fields.push(...changed.fields);
      }
    }
    if (!fields.length) continue;
    const lines = seen?.lines ?? [];
    if (!sections.length) {
      files.set(file, null);
      changes.push({ kind: 'removed', file, lines, fields: [{ field: 'sections', from: was.join(', ') }] });
      continue;
    }
    next.sections = sections;
    files.set(file, ref.kind === 'paper' ? formatPaper(next as Paper) : formatDataset(next as Dataset));
    changes.push({ kind: 'updated', file, lines, fields });
  }

  // New lines become new entries: merged as import merges them (one paper in two sections is one file).
  if (fresh.length) {
    const merged = mergeItems(fresh, README_FILE, input.venues);
    diagnostics.push(...merged.diagnostics.map((d) => ({ ...d, ruleId: 'absorb' })));
    const taken = [...input.papers.map((p) => p.id)];
    const paperIds = assignIds(merged.papers.map((p) => ({ name: p.value.title, year: p.value.year })), taken);
    const datasetIds = assignIds(merged.datasets.map((d) => ({ name: d.value.name })), input.datasets.map((d) => d.id));
    const create = (kind: 'paper' | 'dataset', file: string, text: string, lines: number[]): void => {
      const { problems } = readBackEntry(kind, file, text);
      if (problems.length) {
        // The schema's hints speak of YAML fields; the contributor wrote a README line.
        for (const p of problems) diagnostics.push(at(lines[0]!, 'error', `The new line cannot become an entry: ${p.message}`, `Write it as the other lines are: ${LINE_FORM[kind]}`));
        return;
      }
      files.set(file, text);
      changes.push({ kind: 'created', file, lines, fields: [] });
    };
    merged.papers.forEach((p, i) => create('paper', `${ENTRY_DIRS.paper}/${paperIds[i]}.yml`, formatPaper(p.value), p.lines));
    merged.datasets.forEach((d, i) => create('dataset', `${ENTRY_DIRS.dataset}/${datasetIds[i]}.yml`, formatDataset(d.value), d.lines));
  }

  const template = templateEdits(input, hunks.changed, listLines, diagnostics);
  if (template !== undefined) {
    files.set(TEMPLATE_FILE, template.text);
    changes.push({ kind: 'updated', file: TEMPLATE_FILE, lines: template.lines, fields: [] });
  }
  changes.sort((a, b) => (a.lines[0] ?? 0) - (b.lines[0] ?? 0) || (a.file < b.file ? -1 : 1));
  return { changes, files, diagnostics };
}


/** One added list line, read with the importer's reader (as if under a heading of its own). */
function readLine(text: string, line: number): { item?: Item; diagnostics: Diagnostic[] } {
  const parsed = parseReadme(`## List\n\n### 1. Section\n\n${text}\n`, README_FILE);
  const diagnostics = parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ ...d, line, ruleId: 'absorb', hint: `${d.hint ?? ''} Nothing was removed from the list while a line cannot be read.`.trim() }));
  const item = parsed.items[0];
  return { ...(item && !diagnostics.length ? { item: { ...item, line } } : {}), diagnostics };
}

interface Hunk {
  /** First expected line (0-based) the hunk replaces, and how many. */
  expectedFrom: number;
  removed: number;
  /** First edited line (0-based) of what replaces them, and the lines. */
  editedFrom: number;
  added: string[];
}

/** The line diff of generated and edited README: the lines left as they were (expected index, edited index) and the changed runs. */
function diffHunks(expected: string[], edited: string[]): { equal: Array<[number, number]>; changed: Hunk[] } {
  const equal: Array<[number, number]> = [];
  const changed: Hunk[] = [];
  let i = 0;
  let j = 0;
  const parts = diffArrays(expected, edited);
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    if (!part.added && !part.removed) {
      for (let n = 0; n < part.value.length; n++) equal.push([i + n, j + n]);
      i += part.value.length;
      j += part.value.length;
      continue;
    }
    const removed = part.removed ? part.value.length : 0;
    const nextPart = part.removed ? parts[k + 1] : undefined;
    const added = part.added ? part.value : nextPart?.added ? nextPart.value : [];
    if (part.removed && nextPart?.added) k++;
    changed.push({ expectedFrom: i, removed, editedFrom: j, added });
    i += removed;
    j += added.length;
  }
  return { equal, changed };
}

function describe(ref: EntryRef): string {
  return ref.kind === 'paper' ? `"${ref.entry.paper.title}"` : `dataset "${ref.entry.dataset.name}"`;
}

function samePaper(item: PaperItem, papers: readonly PaperEntry[]): EntryRef | undefined {
  const keys = new Set(paperKeys(item.links));
  const byKey = keys.size ? papers.find((p) => paperKeys(p.paper.links).some((k) => keys.has(k))) : undefined;
  const found = byKey ?? papers.find((p) => normalizeTitle(p.paper.title) === normalizeTitle(item.title));
  return found ? { kind: 'paper', entry: found } : undefined;
}

function sameDataset(item: DatasetItem, datasets: readonly DatasetEntry[]): EntryRef | undefined {
  const found = datasets.find((d) => normalizeTitle(d.dataset.name) === normalizeTitle(item.name)) ?? (item.url ? datasets.find((d) => d.dataset.url && canonicalUrl(d.dataset.url) === canonicalUrl(item.url!)) : undefined);
  return found ? { kind: 'dataset', entry: found } : undefined;
}

/** The fields a README line shows, as an entry holds them. */
function fieldsOf(item: Item, venues: VenueList): Record<string, string | number | undefined> {
  if (item.kind === 'dataset') return { name: item.name, url: item.url, description: item.description };
  const venue = item.venue === undefined ? undefined : (venues.resolve(item.venue)?.name ?? item.venue);
  return { title: item.title, authors: item.authors, year: item.year, venue, ...Object.fromEntries(LINK_KINDS.map((k) => [`links.${k}`, item.links[k]])) };
}

/** The entry with the fields the line shows; fields the line does not show (sections, authorList, doi) are kept. */
function applyFields(value: Paper | Dataset, shown: Record<string, string | number | undefined>): { value: Paper | Dataset; fields: FieldChange[] } {
  const fields: FieldChange[] = [];
  const next = { ...value, ...('links' in value ? { links: { ...value.links } } : {}) } as Paper & Dataset;
  for (const [field, to] of Object.entries(shown)) {
    const [key, sub] = field.split('.') as [string, string | undefined];
    const holder = (sub ? next.links : next) as unknown as Record<string, string | number | undefined>;
    const from = holder[sub ?? key];
    if (from === to) continue;
    // The README does not show an empty authors field: a line without authors keeps the entry's.
    if (field === 'authors' && !to) continue;
    if (to === undefined) delete holder[sub ?? key];
    else holder[sub ?? key] = to;
    fields.push({ field, ...(from !== undefined ? { from: String(from) } : {}), ...(to !== undefined ? { to: String(to) } : {}) });
  }
  return { value: next, fields };
}

/**
 * Edits of the prose: each changed run whose replaced lines all come from the template (and that
 * adds no list line) is carried to templates/README.md. A run that touches generated lines other
 * than list lines (headings, the contents list, the chart, the notice) is reported, not kept.
 */
function templateEdits(input: AbsorbInput, hunks: readonly Hunk[], listLines: Set<number>, diagnostics: Diagnostic[]): { text: string; lines: number[] } | undefined {
  const origins = input.expected.lineOrigins;
  const meta = input.expected.lineMeta;
  const template = input.template.replace(/\r\n?/g, '\n').split('\n');
  const replacements: Array<{ from: number; to: number; lines: string[]; readmeLine: number }> = [];
  for (const h of hunks) {
    const removedOrigins = Array.from({ length: h.removed }, (_, n) => origins[h.expectedFrom + n] ?? null);
    const addsList = h.added.some((_, n) => listLines.has(h.editedFrom + n + 1));
    const before = h.expectedFrom > 0 ? origins[h.expectedFrom - 1] : undefined;
    if (!addsList && removedOrigins.every((o) => o !== null) && (h.removed || h.expectedFrom === 0 || before !== null)) {
      const from = h.removed ? removedOrigins[0]! : h.expectedFrom === 0 ? 0 : before! + 1;
      const to = h.removed ? removedOrigins.at(-1)! + 1 : from;
      replacements.push({ from, to, lines: h.added, readmeLine: h.editedFrom + 1 });
      continue;
    }
    // List lines (read above) and the blank lines between them are the entries' business.
    const removedAreList = Array.from({ length: h.removed }, (_, n) => meta[h.expectedFrom + n]).every((m) => m && !m.heading);
    if (removedAreList && h.added.every((_, n) => listLines.has(h.editedFrom + n + 1))) continue;
    diagnostics.push(at(h.editedFrom + 1, 'warning', 'This edit is in a part of README.md that is generated (a heading, the contents list, the chart or the notice); it was not kept.',
      'Headings come from entries/sections.yml and the rest from templates/README.md: edit those instead.'));
  }
  if (!replacements.length) return undefined;
  for (const r of [...replacements].sort((a, b) => b.from - a.from)) template.splice(r.from, r.to - r.from, ...r.lines);
  return { text: template.join('\n'), lines: replacements.map((r) => r.readmeLine) };
}
