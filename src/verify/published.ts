// Published versions of arXiv-only entries, and the fields an entry can take from its records:
// pure decisions over records already fetched. The fetching is in records/sources.ts.
import type { Paper } from '../core/model.js';
import type { PaperEntry } from '../check/project.js';
import type { Finding } from '../check/findings.js';
import { placeOf } from '../rules/types.js';
import { identifyPaper, type PaperRef } from '../core/identify.js';
import type { SourceRecord } from '../records/record.js';
import { recordFields, type RecordFields } from '../records/to-entry.js';
import type { VenueList } from '../core/venues.js';
import { isMappedRecordOf, isRecordOf } from '../core/same-paper.js';
import type { VenueClaim } from '../records/record-cache.js';

/** The entry is a preprint: its paper link is arXiv, and its venue, if any, is a preprint server. */
export function isPreprintOnly(p: PaperEntry, venues: VenueList): boolean {
  const ref = identifyPaper(p.paper.links.paper ?? '');
  return ref?.kind === 'arxiv' && (p.paper.venue === undefined || venues.resolve(p.paper.venue)?.kind === 'preprint');
}

export interface PublishedVersion {
  ref: PaperRef;
  record: SourceRecord;
  /** The entry's fields from the published record; venue absent when schema/venues.json does not know it. */
  fields: RecordFields;
  /** Who said the arXiv paper was published there. */
  via: 'Semantic Scholar' | 'arXiv';
}

/**
 * The published version as the entry's fields, when it is one: the record of the published version
 * must carry the entry's title (a mapping service can join two papers), and its venue must not be
 * a preprint server.
 */
export function publishedVersion(p: PaperEntry, ref: PaperRef, record: SourceRecord, via: PublishedVersion['via'], venues: VenueList): PublishedVersion | undefined {
  if (!isRecordOf(p.paper, record)) return undefined;
  const fields = recordFields(ref, record, venues);
  if (fields.venue && venues.resolve(fields.venue)?.kind === 'preprint') return undefined;
  return { ref, record, fields, via };
}

export function publishedFinding(p: PaperEntry, v: PublishedVersion): Finding {
  const where = v.fields.venue ? `${v.fields.venue} ${v.fields.year}` : `"${v.record.publishedIn ?? v.record.source}" (${v.fields.year})`;
  return {
    check: 'verify/published', ...placeOf(p, p.paper.venue ? ['venue'] : ['links', 'paper']),
    message: `Published as ${where}: ${v.fields.paper} (${v.via === 'arXiv' ? "the arXiv record's DOI" : 'Semantic Scholar'}; ${v.record.source} record checked).`,
    hint: v.fields.venue
      ? '`npx paperlist verify --fix` sets the venue, year and paper link from that record and regenerates README.md; commit the files it names.'
      : `schema/venues.json has no venue named "${v.record.publishedInShort ?? v.record.publishedIn ?? ''}": add it (name, kind, aliases), then run \`npx paperlist verify --fix\`.`,
  };
}

/** A published version known only by its venue: no DOI or Anthology page gives its link. */
export interface VenueOnlyVersion {
  venue: string;
  year: number;
  claim: VenueClaim;
}

/**
 * Semantic Scholar's DBLP key for a paper with no record to read, as a published version: the
 * key's stream must be a venue of schema/venues.json (DBLP's key decides, not Semantic Scholar's
 * venue name or year: it gives the arXiv year), and it must be the entry's paper by title and an
 * author (same-paper.ts isMappedRecordOf: a mapping service can join two papers).
 */
export function venueOnlyVersion(p: PaperEntry, claim: VenueClaim, venues: VenueList): VenueOnlyVersion | undefined {
  const named = venues.forDblpKey(claim.dblp);
  if (!named || named.venue.kind === 'preprint') return undefined;
  if (!isMappedRecordOf(p.paper, claim)) return undefined;
  return { venue: named.venue.name, year: named.year, claim };
}

/** DBLP's page for a record key: where a reviewer checks the venue and year. */
export const dblpPage = (dblpKey: string): string => `https://dblp.org/rec/${dblpKey}`;

export function venueOnlyFinding(p: PaperEntry, v: VenueOnlyVersion): Finding {
  return {
    check: 'verify/published', ...placeOf(p, p.paper.venue ? ['venue'] : ['links', 'paper']),
    message: `Published as ${v.venue} ${v.year}, as DBLP lists it (${v.claim.dblp}; Semantic Scholar${v.claim.venue ? `: "${v.claim.venue}"` : ''}), with no DOI or Anthology page to read.`,
    hint: `\`npx paperlist verify --fix\` sets venue: ${v.venue} and year: ${v.year} and keeps the arXiv link; link its ${v.venue} page instead (proceedings or OpenReview) if it has one.`,
  };
}

export interface FixedPaper {
  paper: Paper;
  changes: string[];
  /** Where the changes come from: each record, as "source id (its page)", and who named it. */
  evidence: string[];
}

/** A record as evidence a reviewer can open: its source, id and page. */
export function recordEvidence(record: SourceRecord): string {
  const page = record.source === 'arXiv' ? `https://arxiv.org/abs/${record.id}` : record.source === 'ACL Anthology' ? `https://aclanthology.org/${record.id}` : `https://doi.org/${record.id}`;
  return `${record.source} ${record.id} (${page})`;
}

const show = (v: unknown): string => (v === undefined ? '(none)' : String(v));

/**
 * The entry with what its records add: the published version's venue, year, paper link (when
 * verify found one with a known venue), and the full author list and DOI when the entry has none.
 * `own` is the record of the entry's own link, used only when its title and first author agree.
 */
export function fillFromRecords(p: Paper, own: SourceRecord | undefined, published: PublishedVersion | undefined, venueOnly?: VenueOnlyVersion): FixedPaper | undefined {
  const next: Paper = { ...p, links: { ...p.links } };
  const changes: string[] = [];
  const set = <K extends 'venue' | 'year' | 'doi'>(key: K, value: Paper[K] | undefined): void => {
    if (value === undefined || next[key] === value) return;
    changes.push(`${key}: ${show(next[key])} → ${value}`);
    next[key] = value;
  };
  let source: SourceRecord | undefined = own;
  if (published?.fields.venue) {
    set('venue', published.fields.venue);
    set('year', published.fields.year);
    if (next.links.paper !== published.fields.paper) {
      changes.push(`links.paper: ${show(next.links.paper)} → ${published.fields.paper}`);
      next.links.paper = published.fields.paper;
    }
    source = published.record;
    if (published.fields.doi) set('doi', published.fields.doi);
  } else if (venueOnly) {
    // No page to link: the venue and year, the arXiv link kept.
    set('venue', venueOnly.venue);
    set('year', venueOnly.year);
  }
  // arXiv's own DOI field names a published version, not the preprint: it is not this link's DOI.
  if (source && next.doi === undefined && source.doi && source.source !== 'arXiv') set('doi', source.doi);
  if (source && next.authorList === undefined && source.authors.length > 0) {
    next.authorList = [...source.authors];
    changes.push(`authorList: ${source.authors.length} name${source.authors.length === 1 ? '' : 's'} from ${source.source}`);
  }
  const evidence = [
    ...(published?.fields.venue ? [`${recordEvidence(published.record)}, the published version named by ${published.via}`] : []),
    ...(!published?.fields.venue && venueOnly ? [`DBLP ${venueOnly.claim.dblp} (${dblpPage(venueOnly.claim.dblp)}), named by Semantic Scholar`] : []),
    ...(source && source !== published?.record ? [recordEvidence(source)] : []),
  ];
  return changes.length ? { paper: next, changes, evidence } : undefined;
}
