// A paper record as the fields of an entry, in the list's form: the title folded without its
// period, "Üstün et al." (or the one author's name), the year, the venue by its display name, the
// paper link in canonical form; the full author list and the DOI kept for exports.
import { parseAnthologyId } from '../core/paper-identifiers.js';
import { familyOf } from '../core/same-paper.js';
import type { VenueList } from '../core/venues.js';
import { canonicalPaperUrl, type PaperRef } from '../core/identify.js';
import { type SourceRecord } from './record.js';
import { tidySpaces } from '../text/spacing.js';

export interface RecordFields {
  title: string;
  authors?: string;
  authorList?: string[];
  year: number;
  venue?: string;
  doi?: string;
  paper: string;
}


/** The list's form of a record's authors: the one name, or the first author's family name (as the record states it, particle and hyphen kept) and "et al.". */
export function displayAuthors(authors: readonly string[], families?: readonly string[]): string | undefined {
  if (authors.length === 0) return undefined;
  if (authors.length === 1) return authors[0];
  return `${families?.[0] || familyOf(authors[0]!)} et al.`;
}

/** The venue the record names, by its display name in schema/venues.json, when it can tell. */
function venueOf(ref: PaperRef, record: SourceRecord, venues: VenueList): string | undefined {
  if (ref.kind === 'arxiv') return 'arXiv';
  const aclId = ref.kind === 'acl' ? ref.id : undefined;
  const acl = aclId ? parseAnthologyId(aclId) : undefined;
  if (acl) return venues.forAnthology(acl)?.name;
  for (const label of [record.publishedInShort, record.publishedIn]) {
    const venue = label ? venues.resolve(label) : undefined;
    if (venue) return venue.name;
  }
  return undefined;
}

export function recordFields(ref: PaperRef, record: SourceRecord, venues: VenueList): RecordFields {
  const authors = displayAuthors(record.authors, record.families);
  const venue = venueOf(ref, record, venues);
  const doi = record.doi ?? (ref.kind === 'doi' ? ref.doi : undefined);
  return {
    title: tidySpaces(record.title).replace(/(?<![?!.])\.$/, ''),
    ...(authors ? { authors } : {}),
    ...(record.authors.length ? { authorList: [...record.authors] } : {}),
    year: record.year,
    ...(venue ? { venue } : {}),
    ...(doi ? { doi } : {}),
    paper: canonicalPaperUrl(ref),
  };
}
