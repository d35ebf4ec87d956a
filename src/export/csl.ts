// CSL-JSON, the format Zotero, citation-js and pandoc read: one item per paper, its type from the
// venue's kind, the full author list when the entry has one (each "Given Family" name split at
// its last word, or the family name the list shows), the DOI and arXiv id where known.
import { LINK_KINDS, type Paper } from '../core/model.js';
import { paperIdentifiers } from '../core/paper-identifiers.js';
import type { VenueList } from '../core/venues.js';

interface CslItem {
  id: string;
  type: 'paper-conference' | 'article-journal' | 'article';
  title: string;
  author: Array<{ family: string; given?: string } | { literal: string }>;
  issued: { 'date-parts': number[][] };
  'container-title'?: string;
  DOI?: string;
  URL?: string;
  number?: string;
  publisher?: string;
}

/** A "Given Family" name as CSL's parts; one word is a family name (or a team). */
function name(full: string): { family: string; given?: string } {
  const words = full.trim().split(/\s+/);
  return words.length > 1 ? { family: words.at(-1)!, given: words.slice(0, -1).join(' ') } : { family: words[0]! };
}

export function toCsl(papers: ReadonlyArray<{ id: string; paper: Paper }>, venues: VenueList): string {
  const items = papers.map(({ id, paper }): CslItem => {
    const venue = paper.venue ? venues.resolve(paper.venue) : undefined;
    const { arxiv, doi } = paperIdentifiers(paper.links.paper);
    const type = venue?.kind === 'journal' ? 'article-journal' : venue && venue.kind !== 'preprint' ? 'paper-conference' : 'article';
    // Without the full list, the first author's family name as the list shows it ("Zhu et al." → Zhu).
    const etAl = /^(.*?)\s+et al\.?$/.exec(paper.authors.trim());
    const author = paper.authorList?.length ? paper.authorList.map(name) : [etAl ? { family: etAl[1]! } : { literal: paper.authors }];
    const url = paper.links.paper ?? LINK_KINDS.map((k) => paper.links[k]).find(Boolean);
    return {
      id,
      type,
      title: paper.title,
      author,
      issued: { 'date-parts': [[paper.year]] },
      ...(venue && venue.kind !== 'preprint' ? { 'container-title': venue.fullName ?? venue.name } : {}),
      ...(paper.doi ?? doi ? { DOI: paper.doi ?? doi } : {}),
      ...(arxiv ? { number: `arXiv:${arxiv.id}`, publisher: 'arXiv' } : {}),
      ...(url ? { URL: url } : {}),
    };
  });
  return `${JSON.stringify(items, null, 2)}\n`;
}
