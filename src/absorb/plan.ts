// absorb, the pure part: README.md as a contributor edited it, against what generate writes, as
// the entry and template changes that make generate write the edit. Lines are read with the
// importer's reader (contributor style: `Arxiv`, a missing title period, a venue alias); a line
// that is exactly a generated one is that entry, in that section.
import type { Diagnostic } from '../core/diagnostics.js';
import { formatDataset, formatPaper } from '../core/entry-format.js';
import { canonicalUrl } from '../core/paper-identifiers.js';
import { assignIds } from '../core/entry-ids.js';
import { mergeItems } from '../import/merge.js';
import { findPaper, POLICY, type SamePaper } from '../core/same-paper.js';
import { leafSections } from '../check/project.js';
import { parseReadme, type DatasetItem, type Item, type PaperItem } from '../import/parse-readme.js';
import { LINE_FORM, shownOf } from '../core/list-line.js';
import { ENTRY_DIRS, LINK_KINDS, README_FILE, TEMPLATE_FILE, type Dataset, type Paper, type SectionsFile } from '../core/model.js';
import type { DatasetEntry, PaperEntry } from '../check/project.js';
import type { RenderResult } from '../render/readme.js';
import { normalizeTitle } from '../text/normalize.js';
import { lineDiff, MAX_EDITS } from '../text/line-diff.js';
import { readBackEntry } from '../check/validate.js';
import type { VenueList } from '../core/venues.js';

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
  /** Entry ids a new entry must not take (files that exist besides these entries). */
  taken?: { papers: readonly string[]; datasets: readonly string[] };
}

export interface AbsorbPlan {
  changes: Change[];
  /** The entry each changed entry file becomes (null: removed), for the merge onto changed entries. */
  values: Map<string, Paper | Dataset | null>;
  /** Files to write (text) or delete (null), relative to the root. */
  files: Map<string, string | null>;
  diagnostics: Diagnostic[];
}

type EntryRef = { kind: 'paper'; entry: PaperEntry } | { kind: 'dataset'; entry: DatasetEntry };

const at = (line: number, severity: Diagnostic['severity'], message: string, hint: string): Diagnostic => ({ file: README_FILE, line, column: 1, ruleId: 'absorb', severity, message, hint });




export function planAbsorb(input: AbsorbInput): AbsorbPlan {
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, string | null>();
  const values = new Map<string, Paper | Dataset | null>();
  const changes: Change[] = [];
  const edited = input.edited.replace(/\r\n?/g, '\n');
  const editedLines = edited.split('\n');
  if (edited === input.expected.text) return { changes, files, values, diagnostics };
  const kindOf = new Map((['paper', 'dataset'] as const).flatMap((kind) => leafSections(input.sections, kind).map((s) => [s.id, kind] as const)));

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
  if (hunks.capped)
    diagnostics.push(at(hunks.changed[0]!.editedFrom + 1, 'info', `README.md differs from what the entries generate in more than ${MAX_EDITS} lines: lines ${hunks.changed[0]!.editedFrom + 1} to ${hunks.changed[0]!.editedFrom + hunks.changed[0]!.added.length} were read as one replaced block.`, 'Each list line in it is still read; a smaller edit is matched line by line.'));
  const meta = input.expected.lineMeta;
  for (const [i, j] of hunks.equal) {
    const m = meta[i];
    if (m?.key && m.section) note(byKey.get(m.key)!, m.section, j + 1);
  }
  const loose: Array<{ item: Item; hunk: number }> = [];
  // While a line cannot be read, no entry loses a section: it may be that line.
  let unreadable = false;
  const listLines = new Set<number>();
  // The entries whose generated line each hunk replaces: a line added there is that line edited.
  const replacedIn = hunks.changed.map((h) => new Set(Array.from({ length: h.removed }, (_, n) => meta[h.expectedFrom + n]?.key).filter((k): k is string => k !== undefined).map((k) => byKey.get(k)?.entry)));
  for (const [hunkIndex, hunk] of hunks.changed.entries()) {
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
      const wanted = kindOf.get(above.section);
      if (read.item && wanted && read.item.kind !== wanted) {
        unreadable = true;
        diagnostics.push(wanted === 'paper'
          ? at(line, 'error', 'This line is in a list of papers but does not start with the year in brackets, so it cannot be read as a paper; nothing was absorbed.', `Write it as the other lines are: ${LINE_FORM.paper}`)
          : at(line, 'error', 'This line is in a list of datasets but reads as a paper (it starts with a year in brackets); nothing was absorbed.', `Write it as the other lines are: ${LINE_FORM.dataset}`));
      } else if (read.item) loose.push({ item: { ...read.item, section: above.section }, hunk: hunkIndex });
      else {
        unreadable = true;
        diagnostics.push(...read.diagnostics);
      }
    });
  }

  // A loose line is an entry's line edited, a listed entry put in one more section, or a new
  // entry. Which entry it names is same-paper.ts's answer (POLICY.listed; datasets: by name or
  // URL). It is that entry's line edited when it replaces that entry's generated line (the same
  // hunk of the diff) or when the entry is listed nowhere else any more; otherwise it lists the
  // entry again, in one more section, and the entry's fields stay as its own line says. A line
  // that shares an identifier with a listed paper but is another paper is an error: a link is wrong.
  const edits = new Map<EntryRef['entry'], { ref: EntryRef; items: Item[] }>();
  const fresh: Item[] = [];
  for (const { item, hunk } of loose) {
    const match = item.kind === 'paper' ? samePaper(item, input.papers) : sameDataset(item, input.datasets);
    if (!match) {
      fresh.push(item);
      continue;
    }
    const { ref, answer } = match;
    const replaces = replacedIn[hunk]!.has(ref.entry);
    const listedElsewhere = present.has(ref.entry);
    if (answer?.verdict === 'clash' && !replaces) {
      diagnostics.push(at(item.line, 'error',
        `This line has the same ${answer.by.label} as ${describe(ref)} (${ref.entry.entry.source.file}), but it is another paper: one of the two links is wrong. Nothing was absorbed.`,
        `Correct the paper link of this line (or of ${ref.entry.entry.source.file}); to change the listed paper itself, edit its own line.`));
      unreadable = true;
      continue;
    }
    if (!replaces && listedElsewhere) {
      const seen = present.get(ref.entry)!;
      if (!seen.sections.includes(item.section))
        diagnostics.push(at(item.line, 'info', `${describe(ref)} is listed already (${ref.entry.entry.source.file}, in ${seen.sections.join(', ')}): this line adds section ${item.section} to it; its title, authors and links stay as its own line says.`, 'To change those, edit its existing line.'));
      note(ref, item.section, item.line);
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
      const versions = edit.items.map((item) => fieldsOf(item, input.venues, ref.kind === 'paper' ? ref.entry.paper : undefined));
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
    const lines = [...(seen?.lines ?? [])].sort((a, b) => a - b);
    if (!sections.length) {
      files.set(file, null);
      values.set(file, null);
      changes.push({ kind: 'removed', file, lines, fields: [{ field: 'sections', from: was.join(', ') }] });
      continue;
    }
    next.sections = sections;
    values.set(file, next);
    files.set(file, ref.kind === 'paper' ? formatPaper(next as Paper) : formatDataset(next as Dataset));
    changes.push({ kind: 'updated', file, lines, fields });
  }

  // New lines become new entries: merged as import merges them (one paper in two sections is one file).
  if (fresh.length) {
    const merged = mergeItems(fresh, README_FILE, input.venues);
    diagnostics.push(...merged.diagnostics.map((d) => ({ ...d, ruleId: 'absorb' })));
    const taken = [...input.papers.map((p) => p.id), ...(input.taken?.papers ?? [])];
    const paperIds = assignIds(merged.papers.map((p) => ({ name: p.value.title, year: p.value.year })), taken);
    const datasetIds = assignIds(merged.datasets.map((d) => ({ name: d.value.name })), [...input.datasets.map((d) => d.id), ...(input.taken?.datasets ?? [])]);
    const create = (kind: 'paper' | 'dataset', file: string, value: Paper | Dataset, lines: number[]): void => {
      const text = kind === 'paper' ? formatPaper(value as Paper) : formatDataset(value as Dataset);
      const { problems } = readBackEntry(kind, file, text);
      if (problems.length) {
        // The schema's hints speak of YAML fields; the contributor wrote a README line.
        for (const p of problems) diagnostics.push(at(lines[0]!, 'error', `The new line cannot become an entry: ${p.message}`, `Write it as the other lines are: ${LINE_FORM[kind]}`));
        return;
      }
      files.set(file, text);
      values.set(file, value);
      changes.push({ kind: 'created', file, lines, fields: [] });
    };
    merged.papers.forEach((p, i) => create('paper', `${ENTRY_DIRS.paper}/${paperIds[i]}.yml`, p.value, p.lines));
    merged.datasets.forEach((d, i) => create('dataset', `${ENTRY_DIRS.dataset}/${datasetIds[i]}.yml`, d.value, d.lines));
  }

  const template = templateEdits(input, hunks.changed, listLines, diagnostics);
  if (template !== undefined) {
    files.set(TEMPLATE_FILE, template.text);
    changes.push({ kind: 'updated', file: TEMPLATE_FILE, lines: template.lines, fields: [] });
  }
  changes.sort((a, b) => (a.lines[0] ?? 0) - (b.lines[0] ?? 0) || (a.file < b.file ? -1 : 1));
  return { changes, files, values, diagnostics };
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
function diffHunks(expected: string[], edited: string[]): { equal: Array<[number, number]>; changed: Hunk[]; capped: boolean } {
  const equal: Array<[number, number]> = [];
  const changed: Hunk[] = [];
  let i = 0;
  let j = 0;
  const { parts, capped } = lineDiff(expected, edited);
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    if (part.kind === 'equal') {
      for (let n = 0; n < part.lines.length; n++) equal.push([i + n, j + n]);
      i += part.lines.length;
      j += part.lines.length;
      continue;
    }
    const removed = part.kind === 'removed' ? part.lines.length : 0;
    const nextPart = part.kind === 'removed' ? parts[k + 1] : undefined;
    const added = part.kind === 'added' ? part.lines : nextPart?.kind === 'added' ? nextPart.lines : [];
    if (part.kind === 'removed' && nextPart?.kind === 'added') k++;
    changed.push({ expectedFrom: i, removed, editedFrom: j, added });
    i += removed;
    j += added.length;
  }
  return { equal, changed, capped };
}

function describe(ref: EntryRef): string {
  return ref.kind === 'paper' ? `"${ref.entry.paper.title}"` : `dataset "${ref.entry.dataset.name}"`;
}

/** The listed paper a line names, and how (same-paper.ts, POLICY.listed). */
function samePaper(item: PaperItem, papers: readonly PaperEntry[]): { ref: EntryRef; answer?: Exclude<SamePaper, { verdict: 'different' }> } | undefined {
  const found = findPaper(item, papers, (p) => p.paper, POLICY.listed);
  return found && { ref: { kind: 'paper', entry: found.entry }, answer: found.answer };
}

function sameDataset(item: DatasetItem, datasets: readonly DatasetEntry[]): { ref: EntryRef; answer?: undefined } | undefined {
  const found = datasets.find((d) => normalizeTitle(d.dataset.name) === normalizeTitle(item.name)) ?? (item.url ? datasets.find((d) => d.dataset.url && canonicalUrl(d.dataset.url) === canonicalUrl(item.url!)) : undefined);
  return found ? { ref: { kind: 'dataset', entry: found } } : undefined;
}

/**
 * The fields a README line shows, as an entry holds them. A title or authors shown exactly as the
 * entry's own line shows them is the entry's value, unchanged (a title ending in "Ph.D." keeps its
 * period: the line cannot tell it from the closing one).
 */
function fieldsOf(item: Item, venues: VenueList, entry?: Paper): Record<string, string | number | undefined> {
  if (item.kind === 'dataset') return { name: item.name, url: item.url, description: item.description };
  const venue = item.venue === undefined ? undefined : (venues.resolve(item.venue)?.name ?? item.venue);
  const was = entry && shownOf(entry);
  const title = was && was.title === item.shown.title ? entry.title : item.title;
  const authors = was && was.authors === item.shown.authors ? entry.authors : item.authors;
  return { title, authors, year: item.year, venue, ...Object.fromEntries(LINK_KINDS.map((k) => [`links.${k}`, item.links[k]])) };
}

/** The entry with the fields the line shows; fields the line does not show (sections, authorList, doi) are kept. */
/** Where a change's field ("title", "links.code") lives in an entry: the object that holds it, and its key. */
export function fieldSlot(value: Paper | Dataset, field: string): { holder: Record<string, string | number | undefined>; key: string } {
  const [key, sub] = field.split('.') as [string, string | undefined];
  return { holder: (sub ? (value as Paper).links : value) as unknown as Record<string, string | number | undefined>, key: sub ?? key };
}

function applyFields(value: Paper | Dataset, shown: Record<string, string | number | undefined>): { value: Paper | Dataset; fields: FieldChange[] } {
  const fields: FieldChange[] = [];
  const next = { ...value, ...('links' in value ? { links: { ...value.links } } : {}) } as Paper & Dataset;
  for (const [field, to] of Object.entries(shown)) {
    const { holder, key } = fieldSlot(next, field);
    const from = holder[key];
    if (from === to) continue;
    // The README does not show an empty authors field: a line without authors keeps the entry's.
    if (field === 'authors' && !to) continue;
    if (to === undefined) delete holder[key];
    else holder[key] = to;
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
