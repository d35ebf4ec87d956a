// Reads Semantic Scholar's paper batch answer (POST /graph/v1/paper/batch?fields=… with
// {"ids": ["ARXIV:2402.07827", …]}): a JSON array, one element per id asked, null where Semantic
// Scholar has no such paper, each paper {paperId, externalIds: {ArXiv, ACL, DOI, DBLP, CorpusId,
// …}, title, year, venue, authors: [{authorId, name}]} with the fields asked for. What verify
// needs from it: the published versions (an Anthology id, a DOI) of an arXiv paper, and for a venue
// without DOIs the DBLP key it gives (externalIds.DBLP).
import { tidySpaces } from '../text/spacing.js';

/** The fields asked for: only those the published-version lookup reads. */
export const S2_FIELDS = 'externalIds,title,year,venue,authors';

export interface S2Paper {
  /** The arXiv id this answer is for (externalIds.ArXiv). */
  arxiv: string;
  title: string;
  authors: string[];
  year?: number;
  /** The venue as Semantic Scholar names it ("arXiv.org" for a preprint). */
  venue?: string;
  /** The ACL Anthology id of the published version. */
  acl?: string;
  /** The DOI of the published version (not arXiv's own 10.48550 DOI), lowercase. */
  doi?: string;
  /** Its DBLP record key ('conf/iclr/Ji00C0Z0C0LZY0J25'; 'journals/corr/…' for the arXiv version). */
  dblp?: string;
}

interface Raw {
  externalIds?: Record<string, unknown> | null;
  title?: unknown;
  year?: unknown;
  venue?: unknown;
  authors?: unknown;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? tidySpaces(v) : undefined);

/** arXiv gives every paper a DataCite DOI (10.48550/arXiv.<id>): it names the preprint, not a published version. */
const ARXIV_DOI = /^10\.48550\/arxiv\./i;

/**
 * The papers of a batch answer, matched to the ids by their externalIds.ArXiv (the answer's order
 * is not relied on); ids with no paper are absent. A body that is not such an array is malformed.
 */
export function parseS2Batch(body: string): { kind: 'papers'; papers: S2Paper[] } | { kind: 'malformed'; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: 'malformed', reason: 'not JSON' };
  }
  if (!Array.isArray(json)) return { kind: 'malformed', reason: 'not a list of papers' };
  const papers: S2Paper[] = [];
  for (const raw of json as Array<Raw | null>) {
    if (raw === null) continue;
    if (typeof raw !== 'object' || Array.isArray(raw)) return { kind: 'malformed', reason: 'an element that is not a paper' };
    const ids = raw.externalIds && typeof raw.externalIds === 'object' ? raw.externalIds : {};
    const arxiv = text(ids.ArXiv);
    const title = text(raw.title);
    if (!arxiv || !title) continue; // nothing to match it with, or nothing to compare
    const acl = text(ids.ACL);
    const doi = text(ids.DOI)?.toLowerCase();
    const dblp = text(ids.DBLP);
    const venue = text(raw.venue);
    const authors = (Array.isArray(raw.authors) ? raw.authors : []).map((a) => text((a as { name?: unknown } | null)?.name)).filter((n): n is string => n !== undefined);
    papers.push({
      arxiv, title, authors,
      ...(Number.isInteger(raw.year) ? { year: raw.year as number } : {}),
      ...(venue ? { venue } : {}),
      ...(acl ? { acl } : {}),
      ...(doi && !ARXIV_DOI.test(doi) ? { doi } : {}),
      ...(dblp ? { dblp } : {}),
    });
  }
  return { kind: 'papers', papers };
}
