// BibTeX for the list: stable citation keys, the right entry type per venue kind, escaped fields.
import { paperIdentifiers } from '../core/paper-identifiers.js';
import type { Paper } from '../core/model.js';
import { displaySurname } from '../core/same-paper.js';
import { slugify } from '../text/normalize.js';
import type { VenueList } from '../core/venues.js';

const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** A field value safe inside braces: TeX specials escaped, whitespace folded. */
export function escapeBibtex(value: string): string {
  return value.replace(/\s+/g, ' ').trim().replace(/[\\{}&%$#_~^]/g, (c) => SPECIAL[c]!);
}

/**
 * The full author list when the entry has one ("Given Family" names joined by "and"); otherwise
 * "Zhu et al." → "Zhu and others", a surname of several words braced ("{Moura Ramos} and others":
 * BibTeX would read "Moura" as a first name), and a team name as one braced name.
 */
function bibAuthors(p: Paper): string {
  if (p.authorList?.length) return p.authorList.map(escapeBibtex).join(' and ');
  const authors = p.authors.trim();
  const m = /^(.*?)\s+et al\.?$/.exec(authors);
  const first = m ? m[1]!.trim() : authors;
  const name = /\s/.test(first) && !/ and /.test(first) ? `{${escapeBibtex(first)}}` : escapeBibtex(first);
  return m ? `${name} and others` : name;
}

/**
 * zhu2024question: first author's surname ("Moura Ramos et al." → mouraramos; a lone full name →
 * its last word), year, first title word that is not a stop word.
 */
export function citationKeyBase(p: Paper): string {
  const surname = slugify(displaySurname(p.authors).join(' '), 30).replace(/-/g, '') || 'anon';
  const word = slugify(p.title, 200).split('-').find((w) => w.length > 2 && !STOP.has(w)) ?? 'untitled';
  return `${surname}${p.year}${word}`;
}

const STOP = new Set(['the', 'and', 'for', 'with', 'from', 'via', 'are', 'towards', 'toward', 'into', 'how', 'what', 'when', 'does', 'can', 'not']);

/**
 * Keys for papers given in a stable order; a clash gets a, b, c ... in that order, skipping any key
 * already taken (another paper's base can look like a suffixed key: zhu2024questiona).
 */
export function citationKeys(papers: readonly Paper[]): string[] {
  const bases = papers.map(citationKeyBase);
  const count = new Map<string, number>();
  for (const base of bases) count.set(base, (count.get(base) ?? 0) + 1);
  const used = new Set(bases.filter((b) => count.get(b) === 1));
  const next = new Map<string, number>();
  return bases.map((base) => {
    if (count.get(base) === 1) return base;
    let n = next.get(base) ?? 0;
    let key: string;
    do key = `${base}${String.fromCharCode(97 + (n % 26))}${n >= 26 ? Math.floor(n / 26) : ''}`, n++;
    while (used.has(key));
    next.set(base, n);
    used.add(key);
    return key;
  });
}

export function toBibtex(papers: readonly Paper[], venues: VenueList): string {
  return bibtexEntries(papers, venues).join('\n');
}

/** One BibTeX entry per paper, in order; keys are made distinct across the whole list (export and the site give the same). */
export function bibtexEntries(papers: readonly Paper[], venues: VenueList): string[] {
  const keys = citationKeys(papers);
  return papers
    .map((p, i) => {
      const venue = p.venue ? venues.resolve(p.venue) : undefined;
      const { arxiv, acl, doi } = paperIdentifiers(p.links.paper);
      const type = venue?.kind === 'journal' ? 'article' : venue && venue.kind !== 'preprint' ? 'inproceedings' : 'misc';
      const fields: Array<[string, string]> = [
        ['title', `{${escapeBibtex(p.title)}}`],
        ['author', bibAuthors(p)],
        ['year', String(p.year)],
      ];
      if (type === 'article') fields.push(['journal', escapeBibtex(venue!.fullName ?? venue!.name)]);
      if (type === 'inproceedings') fields.push(['booktitle', escapeBibtex(venue!.fullName ?? venue!.name)]);
      // Verbatim fields (biblatex reads doi and url as such): only braces, which would unbalance the field, are encoded.
      // The entry's DOI, or the one its paper link names (a doi.org, ACM or Springer link).
      const citedDoi = p.doi ?? doi;
      if (citedDoi) fields.push(['doi', citedDoi.replace(/\{/g, '%7B').replace(/\}/g, '%7D')]);
      if (arxiv) fields.push(['eprint', arxiv.id], ['archiveprefix', 'arXiv']);
      if (acl) fields.push(['note', `ACL Anthology ${acl.id}`]);
      const url = p.links.paper ?? p.links.code ?? p.links.project ?? p.links.model ?? p.links.data;
      // URLs stay as written (as \\url expects), except braces, which would unbalance the field.
      if (url) fields.push(['url', url.replace(/\{/g, '%7B').replace(/\}/g, '%7D')]);
      return `@${type}{${keys[i]},\n${fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n')}\n}\n`;
    });
}
