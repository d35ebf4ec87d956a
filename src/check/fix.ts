// Safe mechanical fixes for `lint --fix`: venue aliases, spacing, the DOI a DOI link names, canonical
// formatting. Never judgement calls.
import { tidySpaces } from '../text/spacing.js';
import { formatDataset, formatPaper } from '../core/entry-format.js';
import type { Dataset, Paper } from '../core/model.js';
import type { YamlSource } from './load.js';
import type { DatasetEntry, PaperEntry } from './project.js';
import type { VenueList } from '../core/venues.js';
import { canonicalArxivLink, paperIdentifiers } from '../core/paper-identifiers.js';

export interface EntryFix {
  file: string;
  text: string;
  changes: string[];
}

function fixText(value: string, name: string, changes: string[]): string {
  const fixed = tidySpaces(value);
  if (fixed !== value) changes.push(`${name}: spacing`);
  return fixed;
}

export function fixPaper(e: PaperEntry, venues: VenueList): EntryFix | undefined {
  const changes: string[] = [];
  const p: Paper = { ...e.paper, links: { ...e.paper.links } };
  p.title = fixText(p.title, 'title', changes);
  p.authors = fixText(p.authors, 'authors', changes);
  const arxivLink = p.links.paper ? canonicalArxivLink(p.links.paper) : undefined;
  if (arxivLink) {
    changes.push(`links.paper: ${p.links.paper} → ${arxivLink}`);
    p.links.paper = arxivLink;
  }
  // The DOI the paper link names (a doi.org, ACM or Springer link): exported and cited with it.
  const linked = p.links.paper ? paperIdentifiers(p.links.paper).doi : undefined;
  if (p.doi === undefined && linked) {
    changes.push(`doi: (none) → ${linked}`);
    p.doi = linked;
  }
  if (p.venue !== undefined) {
    const venue = venues.resolve(p.venue);
    if (venue && venue.name !== p.venue) {
      changes.push(`venue: "${p.venue}" → "${venue.name}"`);
      p.venue = venue.name;
    }
  }
  return finish(e.entry.source, formatPaper(p), changes);
}

export function fixDataset(e: DatasetEntry): EntryFix | undefined {
  const changes: string[] = [];
  const d: Dataset = { ...e.dataset };
  d.name = fixText(d.name, 'name', changes);
  d.description = fixText(d.description, 'description', changes);
  return finish(e.entry.source, formatDataset(d), changes);
}

function finish(source: YamlSource, after: string, changes: string[]): EntryFix | undefined {
  if (source.decoded.bom) changes.push('byte-order mark removed');
  if (source.decoded.crlf) changes.push('CRLF → LF');
  const before = source.text;
  const file = source.file;
  if (after === before && changes.length === 0) return undefined;
  if (changes.length === 0 || after !== before) changes.push('canonical form');
  return { file, text: after, changes: [...new Set(changes)] };
}
