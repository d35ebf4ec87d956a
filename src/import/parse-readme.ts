// Reads a hand-written list README (as mdast, never line regexes) into sections, items and a template.
import type { Content, Heading, List, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Diagnostic } from '../core/diagnostics.js';
import { parseMarkdownChunked } from '../markdown/parse.js';
import type { Group, Section, SubSection } from '../core/model.js';
import { slugify } from '../text/normalize.js';
import { excerpt, looksLikeEntry, readItem, type Item, type Report as LineReport } from '../core/list-line.js';

export type { DatasetItem, Item, ItemOrigin, PaperItem } from '../core/list-line.js';

export interface ParsedReadme {
  groups: Group[];
  items: Item[];
  /** The README with each group replaced by its marker, and a table-of-contents marker. */
  template: string;
  diagnostics: Diagnostic[];
}

export const groupMarker = (id: string): string => `<!-- paperlist:group ${id} -->`;
export const TOC_MARKER = '<!-- paperlist:toc -->';

interface Block {
  node: RootContent;
  start: number;
  end: number;
  line: number;
}

/** Parses the README text (already decoded and repaired) of the file named `file`. */
export function parseReadme(source: string, file: string): ParsedReadme {
  const diagnostics: Diagnostic[] = [];
  const report = (line: number, severity: Diagnostic['severity'], message: string, hint?: string): void => {
    diagnostics.push({ file, line, column: 1, ruleId: 'import', severity, message, ...(hint ? { hint } : {}) });
  };

  const tree = parseMarkdownChunked(source);
  const blocks: Block[] = tree.children.map((node) => ({
    node,
    start: node.position!.start.offset!,
    end: node.position!.end.offset!,
    line: node.position!.start.line,
  }));

  // A group is a level-2 heading whose part of the document (up to the next heading of level 1 or 2)
  // holds a list of entries; its sections are level-3 headings. A list whose sections have no such
  // parent (### sections under the # title, or ## sections alone) is read at its own depth instead.
  // Everything else is prose and goes to the template untouched.
  let ranges = groupRanges(blocks, 2);
  let sectionDepth = 3;
  if (ranges.length === 0) {
    const depth = sectionDepthOfLists(blocks);
    if (depth !== undefined) {
      ranges = sectionRuns(blocks, depth);
      sectionDepth = depth;
    }
  }
  if (ranges.length === 0) {
    report(1, 'error', 'Found no list of papers or datasets under a heading: nothing to import.',
      'The importer reads lists under "## Heading", "### 1. Section", "#### 1.1 Subsection" (or sections of any depth without a group heading); check the file is the list README.');
  }

  // Every list of entries is imported or said to be left: one outside every group stays as prose.
  const inGroup = new Set(ranges.flatMap((r) => Array.from({ length: r.to - r.from }, (_, k) => r.from + k)));
  blocks.forEach((b, i) => {
    if (!inGroup.has(i) && holdsEntries(b)) {
      report(b.line, 'warning', 'A list of entries outside every group of sections was not imported; it stays in the template as text.',
        'Put it under a section heading of the same depth as the other sections, then import again.');
    }
  });

  const rawGroups: RawGroup[] = [];
  const items: Item[] = [];
  for (const range of ranges) {
    rawGroups.push(readGroup(blocks.slice(range.from, range.to), source, report, items, range.headless ? undefined : sectionDepth));
  }
  const groups = assignSectionIds(rawGroups);

  // Template: prose kept byte for byte, each group replaced by its marker.
  let template = '';
  let last = 0;
  ranges.forEach((range, k) => {
    const from = blocks[range.from]!.start;
    const to = blocks[range.to - 1]!.end;
    template += source.slice(last, from);
    if (k === 0) template += `## Contents\n\n${TOC_MARKER}\n\n`;
    template += groupMarker(groups[k]!.id);
    last = to;
  });
  template += source.slice(last);
  if (!template.endsWith('\n')) template += '\n';

  return { groups, items, template, diagnostics };
}

interface RawSection {
  title: string;
  description?: string;
  children: RawSection[];
  /** Items listed directly under this section, resolved to ids after all sections are known. */
  items: Item[];
  line: number;
}

interface RawGroup {
  title: string;
  line: number;
  sections: RawSection[];
  kinds: { paper: number; dataset: number };
}

type Report = LineReport;

interface Range {
  from: number;
  to: number;
  /** The range starts at its first section: the group heading is not in the README, its title is made up. */
  headless?: boolean;
}

const holdsEntries = (b: Block): boolean => b.node.type === 'list' && (b.node as List).children.some(looksLikeEntry);

/** Headings of `depth` whose part of the document holds a list of entries. */
function groupRanges(blocks: Block[], depth: number): Range[] {
  const ranges: Range[] = [];
  for (let i = 0; i < blocks.length; i++) {
    if (!isHeading(blocks[i]!.node, depth)) continue;
    let j = i + 1;
    while (j < blocks.length && !isHeadingAtMost(blocks[j]!.node, depth)) j++;
    if (blocks.slice(i + 1, j).some(holdsEntries)) ranges.push({ from: i, to: j });
    i = j - 1;
  }
  return ranges;
}

/**
 * The depth of the sections, read from the first list of entries: its outermost enclosing heading
 * below the document's title (a level-1 heading), or that title when it is the only one.
 */
function sectionDepthOfLists(blocks: Block[]): number | undefined {
  const chain: number[] = [];
  for (const b of blocks) {
    if (b.node.type === 'heading') {
      const depth = (b.node as Heading).depth;
      while (chain.length && chain.at(-1)! >= depth) chain.pop();
      chain.push(depth);
    } else if (holdsEntries(b)) {
      return chain.length ? (chain.find((d) => d >= 2) ?? chain.at(-1)) : undefined;
    }
  }
  return undefined;
}

/**
 * Runs of sections of `depth` (each with its subsections and lists) that hold entries, each a group
 * without a heading of its own: a run ends at a heading above `depth`.
 */
function sectionRuns(blocks: Block[], depth: number): Range[] {
  const ranges: Range[] = [];
  for (let i = 0; i < blocks.length; i++) {
    if (!isHeading(blocks[i]!.node, depth)) continue;
    let j = i + 1;
    while (j < blocks.length && !isHeadingAtMost(blocks[j]!.node, depth - 1)) j++;
    if (blocks.slice(i + 1, j).some(holdsEntries)) ranges.push({ from: i, to: j, headless: true });
    i = j - 1;
  }
  return ranges;
}

/**
 * A group: its heading and sections (`sectionDepth`, the default 3 under a level-2 group heading),
 * or, when `sectionDepth` is undefined, a headless run whose first block is its first section; its
 * sections are then the headings of that depth, and its title is named by what it lists.
 */
function readGroup(blocks: Block[], source: string, report: Report, out: Item[], sectionDepth?: number): RawGroup {
  const head = blocks[0]!;
  const headless = sectionDepth === undefined;
  const depth = sectionDepth ?? (head.node as Heading).depth;
  const group: RawGroup = { title: headless ? '' : headingText(head.node as Heading), line: head.line, sections: [], kinds: { paper: 0, dataset: 0 } };
  let top: RawSection | undefined;
  let current: RawSection | undefined;
  for (const block of headless ? blocks : blocks.slice(1)) {
    const node = block.node;
    if (node.type === 'heading' && node.depth === depth) {
      top = { title: headingText(node), children: [], items: [], line: block.line };
      group.sections.push(top);
      current = top;
    } else if (node.type === 'heading' && node.depth > depth) {
      if (!top) {
        report(block.line, 'error', `Subsection "${headingText(node)}" comes before any level-${depth} section heading; it was not imported.`,
          `Put a "${'#'.repeat(depth)} N. Section" heading above it.`);
        current = undefined;
        continue;
      }
      current = { title: headingText(node), children: [], items: [], line: block.line };
      top.children.push(current);
    } else if (node.type === 'paragraph' && current && current.items.length === 0) {
      const text = source.slice(block.start, block.end).trim();
      current.description = current.description ? `${current.description}\n\n${text}` : text;
    } else if (node.type === 'list') {
      for (const li of node.children) {
        const line = li.position!.start.line;
        if (!current) {
          report(line, 'error', 'List item comes before any section heading; it was not imported.', `Put it under a "${'#'.repeat(depth)} N. Section" heading.`);
          continue;
        }
        const item = readItem(li, line, report);
        if (item) {
          group.kinds[item.kind]++;
          current.items.push(item);
          out.push(item);
        }
      }
    } else if (node.type === 'html' && /^<!--[\s\S]*-->$/.test(node.value.trim())) {
      report(block.line, 'warning', 'An HTML comment inside a list section is not kept (the section is generated).',
        'Move it to the prose of templates/README.md if it matters.');
    } else {
      report(block.line, 'warning', `A ${node.type} block inside a list section is not kept (the section is generated): "${excerpt(source.slice(block.start, block.end))}".`,
        'Move it to templates/README.md or into a section description in entries/sections.yml.');
    }
  }
  if (headless) group.title = group.kinds.dataset > group.kinds.paper ? 'Datasets' : 'Papers';
  return group;
}

/** Section ids: slug of the title; when two sections share one, each gets its parent's slug in front. */
function assignSectionIds(rawGroups: RawGroup[]): Group[] {
  const all: Array<{ raw: RawSection; parent?: RawSection }> = [];
  for (const g of rawGroups) {
    for (const s of g.sections) {
      all.push({ raw: s });
      for (const c of s.children) all.push({ raw: c, parent: s });
    }
  }
  const counts = new Map<string, number>();
  for (const { raw } of all) counts.set(slugify(raw.title), (counts.get(slugify(raw.title)) ?? 0) + 1);
  const used = new Set<string>();
  const idOf = new Map<RawSection, string>();
  for (const { raw, parent } of all) {
    let id = slugify(raw.title) || 'section';
    if ((counts.get(id) ?? 0) > 1 && parent) id = `${slugify(parent.title)}-${id}`;
    let unique = id;
    for (let n = 2; used.has(unique); n++) unique = `${id}-${n}`;
    used.add(unique);
    idOf.set(raw, unique);
    for (const item of raw.items) item.section = unique;
  }
  const groupIds = new Set<string>();
  return rawGroups.map((g) => {
    let id = slugify(g.title) || 'list';
    for (let n = 2; groupIds.has(id); n++) id = `${slugify(g.title)}-${n}`;
    groupIds.add(id);
    const toSection = (s: RawSection): SubSection => ({
      id: idOf.get(s)!,
      title: s.title,
      ...(s.description ? { description: s.description } : {}),
    });
    return {
      id,
      title: g.title,
      kind: g.kinds.dataset > g.kinds.paper ? 'dataset' : 'paper',
      sections: g.sections.map((s): Section => ({
        ...toSection(s),
        ...(s.children.length ? { sections: s.children.map(toSection) } : {}),
      })),
    };
  });
}

function headingText(node: Heading): string {
  // "1.1 SFT Alignment" / "2. Parameter-Frozen Alignment" → the title without its number.
  return toString(node).replace(/^\s*\d+(?:\.\d+)*\.?\s+/, '').trim();
}

function isHeading(node: RootContent, depth: number): node is Heading {
  return node.type === 'heading' && node.depth === depth;
}

function isHeadingAtMost(node: RootContent | Content, depth: number): boolean {
  return node.type === 'heading' && node.depth <= depth;
}
