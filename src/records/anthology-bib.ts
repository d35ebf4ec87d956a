// Reads the BibTeX the ACL Anthology serves for a paper (aclanthology.org/<id>.bib), with
// citation-js's BibTeX reader: TeX accents become letters (Holmstr{\"o}m → Holmström), names keep
// their particles and braced surnames ({Moura Ramos}), month macros resolve.
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { foldWhitespace, personName, type CslName } from './record.js';

export interface AnthologyRecord {
  title: string;
  year: number;
  /** Full names, "Given Family". */
  authors: string[];
  booktitle?: string;
  doi?: string;
}

interface CslItem {
  title?: string;
  author?: CslName[];
  issued?: { 'date-parts'?: Array<Array<number | string>> };
  'container-title'?: string;
  DOI?: string;
}

export function parseAnthologyBib(body: string): AnthologyRecord | undefined {
  let items: CslItem[];
  try {
    // forceType: the body is only ever read as BibTeX text (no other input type, nothing fetched).
    items = plugins.input.chain(body, { forceType: '@biblatex/text', generateGraph: false, target: '@csl/list+object', strict: true, maxChainLength: 10 }) as CslItem[];
  } catch {
    return undefined;
  }
  const item = items[0];
  const title = item?.title ? foldWhitespace(item.title) : '';
  const year = Number(item?.issued?.['date-parts']?.[0]?.[0]);
  if (!item || !title || !Number.isInteger(year)) return undefined;
  return {
    title,
    year,
    authors: (item.author ?? []).map(personName).filter(Boolean),
    ...(item['container-title'] ? { booktitle: foldWhitespace(item['container-title']) } : {}),
    ...(item.DOI ? { doi: item.DOI.toLowerCase() } : {}),
  };
}
