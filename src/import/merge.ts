// Turns the items read from a README into entries: one per paper or dataset, however often listed.
//
// Merge policy: two items are one paper when same-paper.ts says so (POLICY.listed: equal titles, or a
// shared arXiv id, Anthology id, DOI or paper URL with alike titles and the same first author); a
// shared identifier with another title is an error (a wrong link). For each field the first value in
// README order wins; links are merged key by key (first wins). Every disagreement is reported with
// both README lines. Sections are the union of all copies.
import type { Diagnostic } from '../core/diagnostics.js';
import { LINK_KINDS, type Dataset, type Paper } from '../core/model.js';
import { canonicalUrl } from '../core/paper-identifiers.js';
import { comparePapers, paperKeys, POLICY, sameLink } from '../core/same-paper.js';
import { normalizeTitle } from '../text/normalize.js';
import type { VenueList } from '../core/venues.js';
import type { DatasetItem, Item, PaperItem } from './parse-readme.js';

export interface Merged<T> {
  value: T;
  /** README lines of every copy, first first. */
  lines: number[];
}

export interface MergeResult {
  papers: Array<Merged<Paper>>;
  datasets: Array<Merged<Dataset>>;
  diagnostics: Diagnostic[];
}

export function mergeItems(items: readonly Item[], file: string, venues: VenueList): MergeResult {
  const diagnostics: Diagnostic[] = [];
  const report = (line: number, severity: Diagnostic['severity'], message: string, relatedLine?: number, hint?: string): void => {
    diagnostics.push({
      file, line, column: 1, ruleId: 'import', severity, message,
      ...(hint ? { hint } : {}),
      ...(relatedLine ? { related: [{ file, line: relatedLine, column: 1 }] } : {}),
    });
  };
  const papers = mergePapers(items.filter((i): i is PaperItem => i.kind === 'paper'), venues, report);
  const datasets = mergeDatasets(items.filter((i): i is DatasetItem => i.kind === 'dataset'), report);
  return { papers, datasets, diagnostics };
}

type Report = (line: number, severity: Diagnostic['severity'], message: string, relatedLine?: number, hint?: string) => void;

function mergePapers(items: PaperItem[], venues: VenueList, report: Report): Array<Merged<Paper>> {
  const out: Array<Merged<Paper> & { firstSectionLines: Map<string, number> }> = [];
  const byTitle = new Map<string, number>();
  const byKey = new Map<string, number>();
  for (const item of items) {
    const venue = item.venue === undefined ? undefined : (venues.resolve(item.venue)?.name ?? item.venue);
    if (item.venue !== undefined && !venues.resolve(item.venue)) {
      const near = venues.nearest(item.venue);
      report(item.line, 'warning', `Venue "${item.venue}" is not in the venue list; imported as written.`, undefined,
        near ? `Did you mean "${near.name}"? Otherwise add it to schema/venues.json.` : 'Add it to schema/venues.json.');
    }
    const title = normalizeTitle(item.title);
    const keys = paperKeys(item.links);
    let index = byTitle.get(title);
    // An equal title under a shared identifier is still another paper when the first authors differ.
    if (index !== undefined && comparePapers(item, out[index]!.value, POLICY.listed).verdict === 'clash') {
      const other = out[index]!;
      report(item.line, 'error',
        `"${item.title}" has the same title and link as line ${other.lines[0]}, but another first author (${item.authors || 'none'} against ${other.value.authors || 'none'}): one of the two lines is wrong.`,
        other.lines[0], 'Check both papers and correct the wrong line.');
      index = undefined;
      byTitle.delete(title);
    }
    if (index === undefined) {
      const conflicting = new Set<number>();
      for (const key of keys) {
        const candidate = byKey.get(key);
        if (candidate === undefined || conflicting.has(candidate)) continue;
        const other = out[candidate]!;
        if (comparePapers(item, other.value, POLICY.listed).verdict === 'same') {
          index = candidate;
          break;
        }
        conflicting.add(candidate);
        report(item.line, 'error',
          `"${item.title}" has the same ${key.split(':')[0]} link as "${other.value.title}" (line ${other.lines[0]}), but the titles differ: one of the two links is wrong.`,
          other.lines[0], 'Check both papers and correct the wrong link in the imported entry.');
      }
    }
    if (index === undefined) {
      index = out.length;
      out.push({
        value: { title: item.title, authors: item.authors, year: item.year, ...(venue ? { venue } : {}), links: { ...item.links }, sections: [item.section] },
        lines: [item.line],
        firstSectionLines: new Map([[item.section, item.line]]),
      });
      byTitle.set(title, index);
    } else {
      const merged = out[index]!;
      const first = merged.lines[0]!;
      const p = merged.value;
      const seenIn = merged.firstSectionLines.get(item.section);
      if (seenIn !== undefined) {
        report(item.line, 'warning', `"${item.title}" is listed twice in section "${item.section}" (first at line ${seenIn}); imported once.`, seenIn);
      } else {
        merged.firstSectionLines.set(item.section, item.line);
        p.sections.push(item.section);
      }
      const disagree = (field: string, kept: unknown, other: unknown): void =>
        report(item.line, 'warning', `Copies of "${p.title}" disagree on ${field}: line ${first} says ${show(kept)}, line ${item.line} says ${show(other)}; kept ${show(kept)}.`, first,
          'Check which is right and correct the imported entry if needed.');
      if (item.title !== p.title) disagree('the title', p.title, item.title);
      if (item.year !== p.year) disagree('the year', p.year, item.year);
      if (item.authors && item.authors !== p.authors) {
        if (!p.authors) p.authors = item.authors;
        else disagree('the authors', p.authors, item.authors);
      }
      if (venue !== p.venue) {
        if (p.venue === undefined) p.venue = venue;
        else if (venue !== undefined) disagree('the venue', p.venue, venue);
      }
      for (const kind of LINK_KINDS) {
        const url = item.links[kind];
        if (!url) continue;
        const have = p.links[kind];
        if (!have) p.links[kind] = url;
        else if (!sameLink(have, url)) disagree(`the ${kind} link`, have, url);
      }
      merged.lines.push(item.line);
    }
    for (const key of paperKeys(out[index]!.value.links)) if (!byKey.has(key)) byKey.set(key, index);
  }
  return out.map(({ value, lines }) => ({ value, lines }));
}

function mergeDatasets(items: DatasetItem[], report: Report): Array<Merged<Dataset>> {
  const out: Array<Merged<Dataset>> = [];
  const byName = new Map<string, number>();
  for (const item of items) {
    const key = normalizeTitle(item.name);
    const index = byName.get(key);
    if (index === undefined) {
      byName.set(key, out.length);
      out.push({
        value: { name: item.name, ...(item.url ? { url: item.url } : {}), description: item.description, sections: [item.section] },
        lines: [item.line],
      });
      continue;
    }
    const merged = out[index]!;
    const d = merged.value;
    const first = merged.lines[0]!;
    if (d.sections.includes(item.section)) {
      report(item.line, 'warning', `Dataset "${item.name}" is listed twice in section "${item.section}" (first at line ${first}); imported once.`, first);
    } else d.sections.push(item.section);
    if (item.url && d.url && canonicalUrl(item.url) !== canonicalUrl(d.url))
      report(item.line, 'warning', `Copies of dataset "${d.name}" disagree on the URL: line ${first} says ${d.url}, line ${item.line} says ${item.url}; kept the first.`, first);
    if (item.url && !d.url) d.url = item.url;
    if (item.description !== d.description)
      report(item.line, 'warning', `Copies of dataset "${d.name}" have different descriptions (lines ${first} and ${item.line}); kept the first.`, first);
    merged.lines.push(item.line);
  }
  return out;
}

/** A value as a report quotes it: strings in quotes. */
function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}
