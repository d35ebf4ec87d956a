// What a contributor pastes to name a paper (an arXiv, ACL Anthology or DOI link, or a bare id),
// as the identifier of the record to fetch. Pure string work.
import { anthologyIdFromUrl, arxivIdFromUrl, doiFromUrl, parseAnthologyId, parseArxivId } from './paper-identifiers.js';
import type { VenueList } from './venues.js';

export type PaperRef = { kind: 'arxiv'; id: string } | { kind: 'acl'; id: string } | { kind: 'doi'; doi: string };

/** ACL's DOIs hold the Anthology id: 10.18653/v1/2023.emnlp-main.226. */
const ACL_DOI = /^10\.18653\/v1\/(.+)$/i;

function fromDoi(doi: string): PaperRef {
  const acl = ACL_DOI.exec(doi);
  const id = acl ? parseAnthologyId(acl[1]!) : undefined;
  return id ? { kind: 'acl', id: id.id } : { kind: 'doi', doi: doi.toLowerCase() };
}

export function identifyPaper(raw: string): PaperRef | undefined {
  const input = raw.trim();
  if (/^https?:\/\//i.test(input)) {
    const arxiv = arxivIdFromUrl(input);
    if (arxiv) return { kind: 'arxiv', id: arxiv.id };
    const acl = anthologyIdFromUrl(input);
    if (acl) return { kind: 'acl', id: acl.id };
    const doi = doiFromUrl(input);
    return doi ? fromDoi(doi) : undefined;
  }
  const bare = input.replace(/^(?:arxiv|doi):\s*/i, '');
  const arxiv = parseArxivId(bare.replace(/v\d+$/, ''));
  if (arxiv) return { kind: 'arxiv', id: arxiv.id };
  const acl = parseAnthologyId(bare);
  if (acl) return { kind: 'acl', id: acl.id };
  if (/^10\.\d{4,9}\/\S+$/.test(bare)) return fromDoi(bare);
  return undefined;
}

/** The record's key in the cache and in verify: "arxiv:2402.07827", "acl:2023.emnlp-main.226", "doi:10.1145/…". */
export function recordKey(ref: PaperRef): string {
  return ref.kind === 'doi' ? `doi:${ref.doi}` : `${ref.kind}:${ref.id}`;
}

/** The paper link in canonical form. */
export function canonicalPaperUrl(ref: PaperRef): string {
  if (ref.kind === 'arxiv') return `https://arxiv.org/abs/${ref.id}`;
  if (ref.kind === 'acl') return `https://aclanthology.org/${ref.id}`;
  return `https://doi.org/${ref.doi}`;
}

/**
 * What the identifier alone says of the entry, as lint's mislabels rules read it: an arXiv id
 * its year and the venue arXiv, an Anthology id its year and venue; a DOI nothing.
 */
export function impliedFields(ref: PaperRef, venues: VenueList): { year?: number; venue?: string } {
  if (ref.kind === 'arxiv') return { year: parseArxivId(ref.id)!.year, venue: 'arXiv' };
  if (ref.kind === 'acl') {
    const id = parseAnthologyId(ref.id)!;
    const venue = venues.forAnthology(id)?.name;
    return { year: id.year, ...(venue ? { venue } : {}) };
  }
  return {};
}
