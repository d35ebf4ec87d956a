// "Are these the same paper?", asked by import (copies of a line), lint (duplicates), add (listed
// already?), absorb (which entry a README line is) and verify (is this record the entry's paper?).
// One module, so that every command answers alike; where they need different strictness, the
// threshold says so by name.
import { canonicalUrl, paperIdentifiers } from './paper-identifiers.js';
import { normalizeTitle } from '../text/normalize.js';

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

/** What a "same paper?" question is about: an entry, a README line, a record. */
export interface PaperLike {
  title: string;
  authors?: string;
  links: { paper?: string | undefined };
  doi?: string | undefined;
}

/**
 * The answer, whole:
 * - `same`: one paper, known `by` a shared identifier (or the title alone); `differs` names the
 *   shown fields on which the two disagree;
 * - `clash`: they share an identifier but not a title (or a first author): one of the two links
 *   is wrong, and neither may be taken for the other;
 * - `different`: nothing ties them.
 */
export type SamePaper =
  | { verdict: 'same'; by: LinkKey | { kind: 'title'; value: string; label: string }; differs: Array<'title' | 'authors' | 'paper link'> }
  | { verdict: 'clash'; by: LinkKey }
  | { verdict: 'different' };

/**
 * How strict each caller is, by name:
 * - `listed`: two listings (lint's duplicates, import's merge, absorb's line match, add's "listed
 *   already"): a shared identifier is the same paper when the titles are alike (ALIKE.sharedLink)
 *   (or one is the other shortened: "Question Translation Training") and the first authors agree,
 *   a clash otherwise; equal titles are the same paper;
 * - `record`: a record fetched by the entry's own identifier (verify, add): the identifier is
 *   given, so only the title must agree (ALIKE.record).
 */
export const POLICY = {
  listed: { alike: ALIKE.sharedLink, firstAuthor: true, byTitle: true, shortened: true },
  record: { alike: ALIKE.record, firstAuthor: false, byTitle: false, shortened: false },
} as const;
export type Policy = (typeof POLICY)[keyof typeof POLICY];

/** The identifier keys of a paper: its paper link's, then its DOI field. */
function identifierKeys(p: PaperLike): LinkKey[] {
  const keys = linkKeys(p.links.paper);
  if (p.doi && !keys.some((k) => k.kind === 'doi' && k.value === p.doi!.toLowerCase())) keys.push({ kind: 'doi', value: p.doi.toLowerCase(), label: `DOI ${p.doi.toLowerCase()}` });
  return keys;
}

/** One title is the other shortened: every word of the shorter one is in the longer one. */
function shortenedFrom(a: string, b: string): boolean {
  const [short, long] = [titleKey(a).split(' ').filter(Boolean), titleKey(b).split(' ').filter(Boolean)].sort((x, y) => x.length - y.length) as [string[], string[]];
  const words = new Set(long);
  return short.length > 0 && short.every((w) => words.has(w));
}

/** Are `a` and `b` one paper, by which identifier, and where do they disagree? */
export function comparePapers(a: PaperLike, b: PaperLike, policy: Policy): SamePaper {
  const kb = identifierKeys(b);
  const shared = identifierKeys(a).find((k) => kb.some((o) => o.kind === k.kind && o.value === k.value));
  const sameTitle = titleKey(a.title) === titleKey(b.title);
  const differs = (): Array<'title' | 'authors' | 'paper link'> => [
    ...(a.title !== b.title ? (['title'] as const) : []),
    ...(a.authors !== undefined && b.authors !== undefined && a.authors !== b.authors ? (['authors'] as const) : []),
    ...(a.links.paper !== undefined && b.links.paper !== undefined && !sameLink(a.links.paper, b.links.paper) ? (['paper link'] as const) : []),
  ];
  if (shared) {
    const alike = sameTitle || titleSimilarity(a.title, b.title) >= policy.alike || (policy.shortened && shortenedFrom(a.title, b.title));
    const authors = !policy.firstAuthor || sameFirstAuthor(a.authors ?? '', b.authors ?? '');
    return alike && authors ? { verdict: 'same', by: shared, differs: differs() } : { verdict: 'clash', by: shared };
  }
  if (policy.byTitle && sameTitle) return { verdict: 'same', by: { kind: 'title', value: titleKey(a.title), label: 'title' }, differs: differs() };
  return { verdict: 'different' };
}

/** The first of `listed` that `paper` is (or clashes with), by `policy`; identifiers first, then titles. */
export function findPaper<T>(paper: PaperLike, listed: readonly T[], view: (t: T) => PaperLike, policy: Policy): { entry: T; answer: Exclude<SamePaper, { verdict: 'different' }> } | undefined {
  let byTitle: { entry: T; answer: Exclude<SamePaper, { verdict: 'different' }> } | undefined;
  for (const entry of listed) {
    const answer = comparePapers(paper, view(entry), policy);
    if (answer.verdict === 'different') continue;
    if (answer.by.kind !== 'title') return { entry, answer };
    byTitle ??= { entry, answer };
  }
  return byTitle;
}

/** Is `record` (fetched by the entry's own identifier, or found for it) the entry's paper? By POLICY.record. */
export function isRecordOf(entry: PaperLike, record: { title: string }): boolean {
  return comparePapers(entry, { title: record.title, links: entry.links }, POLICY.record).verdict === 'same';
}

/**
 * A record a mapping service joined to the entry (not fetched by the entry's own identifier): the
 * same paper when its title is the entry's and at least one of its authors is one the entry names
 * (its `authors` line or its author list; surnames folded). A title alone is not enough.
 */
export function isMappedRecordOf(entry: PaperLike & { authors: string; authorList?: string[] }, record: { title: string; authors: readonly string[] }): boolean {
  if (!isRecordOf(entry, record)) return false;
  const named = entry.authorList?.length ? entry.authorList : [entry.authors];
  return record.authors.some((a) => named.some((mine) => firstAuthorIs(mine, a)));
}

/** The first of `listed` whose paper link or DOI carries the identifier of `link` (add's "listed already", before any record is read). */
export function findByIdentifier<T>(link: string, listed: readonly T[], view: (t: T) => PaperLike): { entry: T; by: LinkKey } | undefined {
  const wanted = linkKeys(link).filter((k) => k.kind !== 'url');
  for (const entry of listed) {
    const keys = identifierKeys(view(entry));
    const by = wanted.find((w) => keys.some((k) => k.kind === w.kind && k.value === w.value));
    if (by) return { entry, by };
  }
  return undefined;
}
