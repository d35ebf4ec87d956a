// absorb, the pure part: README.md as a contributor edited it, against what generate writes, as
// the entry and template changes that make generate write the edit. Lines are read with the
// importer's reader (contributor style: `Arxiv`, a missing title period, a venue alias); a line
// that is exactly a generated one is that entry, in that section.
import { diffArrays } from 'diff';
import { toString } from 'mdast-util-to-string';
import { parseMarkdownChunked } from '../markdown/parse.js';
import type { Diagnostic } from '../diagnostics.js';
import { formatDataset, formatPaper } from '../entry-format.js';
import { canonicalUrl } from '../identifiers.js';
import { assignIds } from '../ids.js';
import { mergeItems, paperKeys } from '../import/merge.js';
import { parseReadme, type DatasetItem, type Item, type PaperItem } from '../import/parse-readme.js';
import { parseYaml } from '../load.js';
import { ENTRY_DIRS, LINK_KINDS, README_FILE, TEMPLATE_FILE, type Dataset, type Paper, type SectionsFile } from '../model.js';
import type { DatasetEntry, PaperEntry } from '../project.js';
import { renderLines } from '../render/readme.js';
import { normalizeTitle } from '../text/normalize.js';
import { decodeText } from '../text/decode.js';
import { sharedValidator } from '../validate.js';
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
  /** What generate writes, with each line's template line (null: generated). */
  expected: { text: string; lineOrigins: ReadonlyArray<number | null> };
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

/** Real section ids by heading path ("Group\0Section\0Subsection"), as the README shows them. */
function sectionPaths(sections: SectionsFile): Map<string, string> {
  const paths = new Map<string, string>();
  for (const g of sections.groups)
    for (const s of g.sections) {
      if (s.sections) for (const c of s.sections) paths.set(`${g.title}\u0000${s.title}\u0000${c.title}`, c.id);
      else paths.set(`${g.title}\u0000${s.title}`, s.id);
    }
  return paths;
}

/**
 * The reader's section ids (slugs of the headings it read) → the real ids: by heading path, or,
 * for a heading the contributor edited, by its place (the same group with the same number of
 * sections: the heading edit itself is reported as an edit of a generated part).
 */
function readerSections(parsed: ReturnType<typeof parseReadme>, sections: SectionsFile): Map<string, string | undefined> {
  const paths = sectionPaths(sections);
  const leavesOf = (groups: ReadonlyArray<{ title: string; sections: ReadonlyArray<{ id: string; title: string; sections?: ReadonlyArray<{ id: string; title: string }> }> }>) =>
    groups.map((g) => ({ title: g.title, leaves: g.sections.flatMap((s) => (s.sections ? s.sections.map((c) => ({ id: c.id, path: `${g.title}\u0000${s.title}\u0000${c.title}` })) : [{ id: s.id, path: `${g.title}\u0000${s.title}` }])) }));
  const real = leavesOf(sections.groups);
  const ids = new Map<string, string | undefined>();
  leavesOf(parsed.groups).forEach((group, gi) => {
    const counterpart = real.find((g) => g.title === group.title) ?? real[gi];
    group.leaves.forEach((leaf, li) => {
      const byPlace = counterpart && counterpart.leaves.length === group.leaves.length ? counterpart.leaves[li]?.id : undefined;
      ids.set(leaf.id, paths.get(leaf.path) ?? byPlace);
    });
  });
  return ids;
}

export function planAbsorb(input: AbsorbInput): AbsorbPlan {
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, string | null>();
  const changes: Change[] = [];
  const edited = input.edited.replace(/\r\n?/g, '\n');
  const editedLines = edited.split('\n');
  if (edited === input.expected.text) return { changes, files, diagnostics };

  // Which entry each generated line is.
  const byLine = new Map<string, EntryRef>();
  const lines = renderLines(input.papers, input.datasets);
  for (const p of input.papers) byLine.set(lines.get(`paper:${p.id}`)!, { kind: 'paper', entry: p });
  for (const d of input.datasets) byLine.set(lines.get(`dataset:${d.id}`)!, { kind: 'dataset', entry: d });

  // Only the generated lists are read: other lists (in the prose) belong to the template.
  const inLists = listRanges(edited, input.sections);
  const read = parseReadme(edited, README_FILE);
  const parsed = { ...read, items: read.items.filter((i) => inLists(i.line)), diagnostics: read.diagnostics.filter((d) => d.line !== undefined && inLists(d.line)) };
  const unreadable = parsed.diagnostics.filter((d) => d.severity === 'error');
  for (const d of unreadable) diagnostics.push({ ...d, ruleId: 'absorb', hint: `${d.hint ?? ''} Nothing was removed from the list while a line cannot be read.`.trim() });
  const sectionOf = readerSections(read, input.sections);
  const itemLines = new Set(parsed.items.map((i) => i.line));

  // Where each entry is listed now, and the lines that are not exactly a generated one.
  const present = new Map<EntryRef['entry'], { ref: EntryRef; sections: string[]; lines: number[] }>();
  const note = (ref: EntryRef, section: string, line: number): void => {
    const seen = present.get(ref.entry) ?? { ref, sections: [], lines: [] };
    if (!seen.sections.includes(section)) seen.sections.push(section);
    seen.lines.push(line);
    present.set(ref.entry, seen);
  };
  const loose: Item[] = [];
  for (const item of parsed.items) {
    const section = sectionOf.get(item.section);
    if (!section) {
      diagnostics.push(at(item.line, 'error', 'This line is under a heading that entries/sections.yml does not have; it was not absorbed.', 'Add the section to entries/sections.yml first (headings are generated from it), or move the line under an existing heading.'));
      continue;
    }
    const exact = byLine.get(editedLines[item.line - 1]!);
    if (exact) note(exact, section, item.line);
    else loose.push({ ...item, section });
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
    const kept = was.filter((s) => seen?.sections.includes(s) || unreadable.length > 0);
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
      const { source } = parseYaml(file, decodeText(new TextEncoder().encode(text)));
      const problems = sharedValidator().validate(kind, source);
      if (problems.length) {
        for (const p of problems) diagnostics.push(at(lines[0]!, 'error', `The new line cannot become an entry: ${p.message}`, `Correct the line: ${p.hint ?? 'see docs/rules.md'}`));
        return;
      }
      files.set(file, text);
      changes.push({ kind: 'created', file, lines, fields: [] });
    };
    merged.papers.forEach((p, i) => create('paper', `${ENTRY_DIRS.paper}/${paperIds[i]}.yml`, formatPaper(p.value), p.lines));
    merged.datasets.forEach((d, i) => create('dataset', `${ENTRY_DIRS.dataset}/${datasetIds[i]}.yml`, formatDataset(d.value), d.lines));
  }

  const template = templateEdits(input, editedLines, itemLines, diagnostics);
  if (template !== undefined) {
    files.set(TEMPLATE_FILE, template.text);
    changes.push({ kind: 'updated', file: TEMPLATE_FILE, lines: template.lines, fields: [] });
  }
  changes.sort((a, b) => (a.lines[0] ?? 0) - (b.lines[0] ?? 0) || (a.file < b.file ? -1 : 1));
  return { changes, files, diagnostics };
}

/** Whether a README line is in one of the generated lists: under a level-2 heading that is a group's title, up to the next heading of level 1 or 2. */
function listRanges(text: string, sections: SectionsFile): (line: number) => boolean {
  const titles = new Set(sections.groups.map((g) => g.title));
  const ranges: Array<[number, number]> = [];
  let open: number | undefined;
  for (const node of parseMarkdownChunked(text).children) {
    if (node.type !== 'heading' || node.depth > 2) continue;
    const line = node.position!.start.line;
    if (open !== undefined) ranges.push([open, line]);
    open = node.depth === 2 && titles.has(toString(node).trim()) ? line : undefined;
  }
  if (open !== undefined) ranges.push([open, Infinity]);
  return (line) => ranges.some(([from, to]) => line > from && line < to);
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
 * Edits of the prose: each run of changed lines whose lines all come from the template (and adds
 * no list line) is carried to templates/README.md. A run that touches generated lines other than
 * list lines (headings, the contents list, the chart, the notice) is reported, not kept.
 */
function templateEdits(input: AbsorbInput, editedLines: string[], itemLines: Set<number>, diagnostics: Diagnostic[]): { text: string; lines: number[] } | undefined {
  const expectedLines = input.expected.text.split('\n');
  const origins = input.expected.lineOrigins;
  const template = input.template.replace(/\r\n?/g, '\n').split('\n');
  const replacements: Array<{ from: number; to: number; lines: string[]; readmeLine: number }> = [];
  let i = 0; // in expected
  let j = 0; // in edited
  const parts = diffArrays(expectedLines, editedLines);
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    if (!part.added && !part.removed) {
      i += part.count ?? part.value.length;
      j += part.count ?? part.value.length;
      continue;
    }
    // A hunk: removed lines, then added ones (diff gives them in that order).
    const removed = part.removed ? part.value : [];
    const nextPart = part.removed ? parts[k + 1] : undefined;
    const added = part.added ? part.value : nextPart?.added ? nextPart.value : [];
    if (part.removed && nextPart?.added) k++;
    const i0 = i;
    const j0 = j;
    i += removed.length;
    j += added.length;
    const addedLines = added.map((_, n) => j0 + n + 1);
    const isListLine = (text: string, readmeLine?: number): boolean => (readmeLine !== undefined && itemLines.has(readmeLine)) || /^\s*-\s/.test(text) || text.trim() === '';
    const removedOrigins = removed.map((_, n) => origins[i0 + n] ?? null);
    const fromTemplate = removedOrigins.every((o) => o !== null) && added.every((_, n) => !itemLines.has(addedLines[n]!));
    if (fromTemplate && (removed.length || i0 === 0 || origins[i0 - 1] !== null)) {
      const from = removed.length ? removedOrigins[0]! : i0 === 0 ? 0 : origins[i0 - 1]! + 1;
      const to = removed.length ? removedOrigins.at(-1)! + 1 : from;
      replacements.push({ from, to, lines: added, readmeLine: j0 + 1 });
      continue;
    }
    // List lines (read above), and blank lines between them, are the entries' business.
    if (removed.every((t, n) => origins[i0 + n] === null && isListLine(t)) && added.every((t, n) => isListLine(t, addedLines[n]))) continue;
    diagnostics.push(at(j0 + 1, 'warning', 'This edit is in a part of README.md that is generated (a heading, the contents list, the chart or the notice); it was not kept.',
      'Headings come from entries/sections.yml and the rest from templates/README.md: edit those instead.'));
  }
  if (!replacements.length) return undefined;
  for (const r of [...replacements].sort((a, b) => b.from - a.from)) template.splice(r.from, r.to - r.from, ...r.lines);
  return { text: template.join('\n'), lines: replacements.map((r) => r.readmeLine) };
}
