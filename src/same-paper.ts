// "Are these the same paper?", asked by import (copies of a line), lint (duplicates), add (listed
// already?), absorb (which entry a README line is) and verify (is this record the entry's paper?).
// One module, so that every command answers alike; where they need different strictness, the
// threshold says so by name.
import { canonicalUrl, paperIdentifiers } from './paper-identifiers.js';
import { normalizeTitle } from './text/normalize.js';

/** An identifier a link carries, in comparable form. `url` is the canonical URL itself. */
export interface LinkKey {
  kind: 'arxiv' | 'acl' | 'doi' | 'url';
  value: string;
  /** How a message names it: "arXiv id 2310.06825". */
  label: string;
}

/** The identifiers of a link (arXiv id, Anthology id, DOI), then the canonical URL; none for no link. */
export function linkKeys(url: string | undefined): LinkKey[] {
  if (!url) return [];
  const { arxiv, acl, doi } = paperIdentifiers(url);
  return [
    ...(arxiv ? [{ kind: 'arxiv' as const, value: arxiv.id, label: `arXiv id ${arxiv.id}` }] : []),
    ...(acl ? [{ kind: 'acl' as const, value: acl.id, label: `ACL Anthology id ${acl.id}` }] : []),
    ...(doi ? [{ kind: 'doi' as const, value: doi, label: `DOI ${doi}` }] : []),
    { kind: 'url', value: canonicalUrl(url), label: `paper URL ${url}` },
  ];
}

/** The keys of a paper link as strings ("arxiv:2310.06825", "url:https://…"), for maps and sets. */
export function paperKeys(links: { paper?: string | undefined }): string[] {
  return linkKeys(links.paper).map((k) => `${k.kind}:${k.value}`);
}

/** Two links name the same paper: the same canonical URL, or a shared arXiv id, Anthology id or DOI. */
export function sameLink(a: string, b: string): boolean {
  if (canonicalUrl(a) === canonicalUrl(b)) return true;
  const ids = (u: string): string[] => linkKeys(u).filter((k) => k.kind !== 'url').map((k) => `${k.kind}:${k.value}`);
  const ib = ids(b);
  return ids(a).some((k) => ib.includes(k));
}

/** The title as compared: NFKC, case and punctuation folded. Equal keys are the same title. */
export const titleKey = normalizeTitle;

/** Word-set overlap (Jaccard) of two titles, after titleKey. */
export function titleSimilarity(a: string, b: string): number {
  const wa = new Set(titleKey(a).split(' '));
  const wb = new Set(titleKey(b).split(' '));
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return common / (wa.size + wb.size - common || 1);
}

/**
 * How alike two titles must be (titleSimilarity) to be one paper, by what else is known:
 * - `sharedLink`: two README lines with the same paper link (import, absorb): a retyped or
 *   shortened title still agrees this much;
 * - `record`: a record fetched by the entry's own identifier (verify, add): a subtitle or
 *   casing change is allowed, another paper is not.
 */
export const ALIKE = { sharedLink: 0.5, record: 0.6 } as const;

const fold = (s: string): string[] => titleKey(s.normalize('NFKD').replace(/\p{M}+/gu, '')).split(' ').filter(Boolean);

/**
 * The first author's surname in the list's form, as words: "Moura Ramos et al." → moura ramos,
 * "Zhu" → zhu; a lone full name ("Ahmet Üstün") → its last word, ahmet üstün → ustun.
 */
export function displaySurname(authors: string): string[] {
  const etAl = /^(.*?)\s+et al\.?$/.exec(authors.trim());
  const words = fold(etAl ? etAl[1]! : authors);
  return etAl ? words : words.slice(-1);
}

/** The surname of a full name as records give it ("Ahmet Üstün"): its last word. */
export function familyOf(fullName: string): string {
  return fullName.trim().split(/\s+/).at(-1) ?? '';
}

/** Two list-form author fields name the same first author (or one of them names none). */
export function sameFirstAuthor(a: string, b: string): boolean {
  if (!a.trim() || !b.trim()) return true;
  return displaySurname(a).join(' ') === displaySurname(b).join(' ');
}

/**
 * A list-form first author agrees with a record's full name: the surname's words end the name
 * ("Moura Ramos et al." and "Miguel Moura Ramos"; "Üstün et al." and "Ahmet Üstün").
 */
export function firstAuthorIs(authors: string, fullName: string): boolean {
  const surname = displaySurname(authors);
  const name = fold(fullName);
  return surname.length > 0 && surname.length <= name.length && surname.every((w, i) => name[name.length - surname.length + i] === w);
}
