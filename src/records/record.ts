// A paper's record as its source gives it (arXiv, the ACL Anthology, Crossref, DataCite), in one shape: what
// verify compares an entry with, and what add writes an entry from.
import { tidySpaces } from '../text/spacing.js';

export type SourceName = 'arXiv' | 'ACL Anthology' | 'Crossref' | 'DataCite';

export interface SourceRecord {
  source: SourceName;
  /** The id at that source: arXiv id, Anthology id, DOI. */
  id: string;
  title: string;
  /** Full names, in the record's order, "Given Family". */
  authors: string[];
  /** Each author's family name as the record states it ("van der Goot", "Álvarez-Mellado"), when it says. */
  families?: string[];
  /** arXiv: year of the first version; the others: year of publication. */
  year: number;
  /** arXiv's journal reference, when the authors gave one. */
  journalRef?: string;
  /** The DOI of the published version, when the record has one (lowercase). */
  doi?: string;
  /** Where it was published, as the record names it (booktitle, container title). */
  publishedIn?: string;
  /** The short name of that, when the record gives one (Crossref's short-container-title). */
  publishedInShort?: string;
}

/** What a DOI registration agency's reader (Crossref, DataCite) makes of its answer. */
export interface DoiWork {
  doi: string;
  title: string;
  authors: string[];
  /** Each author's family name as the agency states it ("van der Goot"). */
  families: string[];
  year: number;
  containerTitle?: string;
  shortContainerTitle?: string;
}

/** The record of a DOI from its agency's work. */
export function doiRecord(source: 'Crossref' | 'DataCite', work: DoiWork): SourceRecord {
  return {
    source, id: work.doi, title: work.title, authors: work.authors, families: work.families, year: work.year, doi: work.doi,
    ...(work.containerTitle ? { publishedIn: work.containerTitle } : {}), ...(work.shortContainerTitle ? { publishedInShort: work.shortContainerTitle } : {}),
  };
}

/** A person as CSL-JSON (Crossref's works and citation-js's BibTeX reader both use it) names them. */
export interface CslName {
  given?: string;
  family?: string;
  'non-dropping-particle'?: string;
  'dropping-particle'?: string;
  suffix?: string;
  literal?: string;
  name?: string;
}

/** "Given particle Family", or the literal name of a team; whitespace folded. */
export function personName(n: CslName): string {
  const parts = n.literal ?? n.name ?? [n.given, n['dropping-particle'], personFamily(n)].filter(Boolean).join(' ');
  return tidySpaces(parts);
}

/**
 * The family name as the record states it, with its non-dropping particle ("van der Goot"), and
 * its suffix: what the list writes before "et al.". A team's name is its literal name.
 */
export function personFamily(n: CslName): string {
  const parts = n.literal ?? n.name ?? [n['non-dropping-particle'], n.family, n.suffix].filter(Boolean).join(' ');
  return tidySpaces(parts);
}

