// duplicates: the same paper or dataset listed twice, by title, identifier or URL; near-duplicate titles.
import { LINK_KINDS } from '../core/model.js';
import { canonicalUrl } from '../core/paper-identifiers.js';
import { comparePapers, linkKeys, POLICY, titleKey } from '../core/same-paper.js';
import type { DatasetEntry, PaperEntry } from '../check/project.js';
import { normalizeTitle } from '../text/normalize.js';
import { skeleton } from '../text/confusables.js';
import type { CheckId } from '../check/config.js';
import type { Finding } from '../check/findings.js';
import { placeOf, type AnyEntry, type Rule } from './types.js';

interface Key {
  check: CheckId;
  value: string;
  /** What the message calls it. */
  label: string;
  path: Array<string | number>;
}

/** The same-paper keys of an entry (same-paper.ts), each under its check: the title, the identifiers of every link, the paper URL. */
function entryKeys(p: PaperEntry): Key[] {
  const keys: Key[] = [{ check: 'duplicates/title', value: titleKey(p.paper.title), label: 'title', path: ['title'] }];
  for (const kind of LINK_KINDS) {
    const path = ['links', kind];
    for (const key of linkKeys(p.paper.links[kind])) {
      // Any link may carry the paper's identifier (a code link to its arXiv page); only the paper link's URL is the paper.
      if (key.kind === 'url' && kind !== 'paper') continue;
      keys.push({ check: key.kind === 'url' ? 'duplicates/paper-url' : `duplicates/${key.kind}`, value: key.value, label: key.label, path });
    }
  }
  return keys;
}

function datasetKeys(d: DatasetEntry): Key[] {
  const keys: Key[] = [{ check: 'duplicates/dataset-name', value: normalizeTitle(d.dataset.name), label: 'name', path: ['name'] }];
  if (d.dataset.url) keys.push({ check: 'duplicates/dataset-url', value: canonicalUrl(d.dataset.url), label: `URL ${d.dataset.url}`, path: ['url'] });
  return keys;
}

/**
 * Every pair that shares a key is reported on both files (each pointing at the other), once per
 * pair with its first shared key: in a pull request the annotation then lands on the new file too.
 * Keys are looked up in hash maps, so the cost grows with the number of entries, not of pairs.
 */
function exactDuplicates(entries: AnyEntry[], keysOf: (e: AnyEntry) => Key[], describe: (e: AnyEntry) => string, added: ReadonlySet<string> | undefined, clash: (a: AnyEntry, b: AnyEntry) => boolean = () => false): { findings: Finding[]; pairs: Set<string> } {
  const findings: Finding[] = [];
  const pairs = new Set<string>();
  const seen = new Map<string, Array<{ entry: AnyEntry; key: Key }>>();
  for (const entry of entries) {
    for (const key of keysOf(entry)) {
      const id = `${key.check}\u0000${key.value}`;
      const earlier = seen.get(id) ?? [];
      for (const other of earlier) {
        if (other.entry === entry) continue; // one entry naming the same id twice (paper and code links)
        const pair = pairId(other.entry, entry);
        if (pairs.has(pair)) continue;
        pairs.add(pair);
        const here = placeOf(entry, key.path);
        const there = placeOf(other.entry, other.key.path);
        // Same paper (same-paper.ts) or two papers under one identifier: then a link is wrong.
        const titlesDiffer = clash(entry, other.entry);
        findings.push({ check: key.check, ...here, message: `${describe(entry)} has the same ${key.label} as ${there.file} (${describe(other.entry)}).`, hint: pairHint(here.file, there.file, titlesDiffer, added, 'dataset' in entry), related: [there] });
        findings.push({ check: key.check, ...there, message: `${describe(other.entry)} has the same ${other.key.label} as ${here.file} (${describe(entry)}).`, hint: pairHint(there.file, here.file, titlesDiffer, added, 'dataset' in entry), related: [here] });
      }
      earlier.push({ entry, key });
      seen.set(id, earlier);
    }
  }
  return { findings, pairs };
}

/**
 * What to do about one copy of a pair, said at that copy. In a pull request the copy the branch
 * adds is the one to remove; otherwise nobody can tell which copy is right, so the hint asks.
 */
function pairHint(file: string, other: string, titlesDiffer: boolean, added: ReadonlySet<string> | undefined, dataset = false): string {
  if (titlesDiffer) return `One identifier cannot belong to two papers: the link here or in ${other} is wrong. Check both and correct it.`;
  const isNew = added?.has(file) === true;
  const otherIsNew = added?.has(other) === true;
  if (isNew && !otherIsNew) return `${other} already lists it: remove this file (this branch adds it), and add any section it has to the \`sections\` of ${other}.`;
  if (otherIsNew && !isNew) return `Keep this file: ${other}, which this branch adds, is the copy to remove.`;
  // A dataset has no venue or year to tell the right copy by.
  return `Keep one of this file and ${other}: the one whose ${dataset ? 'link and description are' : 'venue, year and links are'} right. Add the other's sections to it, then delete the other.`;
}

function pairId(a: AnyEntry, b: AnyEntry): string {
  const [x, y] = [a.entry.source.file, b.entry.source.file].sort();
  return `${x}\u0000${y}`;
}

/** Simple plural fold, enough for "model/models", "language/languages", "study/studies". */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

const MIN_WORDS_LEFT = 4;

/**
 * Titles one word apart (added, removed or changed) or differing only in plurals. Each title is
 * indexed under its stemmed word sequence and under that sequence with each one word left out.
 * Words become small integers first, so keys stay short. Linear in entries × words, never all
 * pairs.
 */
function nearDuplicates(papers: PaperEntry[], exactPairs: Set<string>): Finding[] {
  const findings: Finding[] = [];
  const index = new Map<string, PaperEntry[]>();
  const wordIds = new Map<string, string>();
  const reported = new Set<string>();
  for (const p of papers) {
    const words = normalizeTitle(p.paper.title).split(' ').filter(Boolean).map((w) => {
      const stemmed = stem(w);
      let id = wordIds.get(stemmed);
      if (id === undefined) wordIds.set(stemmed, (id = wordIds.size.toString(36)));
      return id;
    });
    // The whole sequence, and the sequence without word i for each i. Two titles share a key when
    // one has a word more (its shortened form equals the other whole), or when one word differs
    // (both shortened forms are equal). Prefixes and suffixes are joined once, not per key.
    const keys = [words.join(',')];
    if (words.length - 1 >= MIN_WORDS_LEFT) {
      const prefix = [''];
      for (let i = 0; i < words.length; i++) prefix.push(i ? `${prefix[i]},${words[i]}` : words[0]!);
      const suffix: string[] = new Array(words.length + 1).fill('');
      for (let i = words.length - 1; i >= 0; i--) suffix[i] = suffix[i + 1] ? `${words[i]},${suffix[i + 1]}` : words[i]!;
      for (let i = 0; i < words.length; i++) keys.push(prefix[i] && suffix[i + 1] ? `${prefix[i]},${suffix[i + 1]}` : prefix[i]! || suffix[i + 1]!);
    }
    const candidates = new Set<PaperEntry>();
    for (const key of keys) {
      const bucket = index.get(key);
      if (bucket) for (const other of bucket) candidates.add(other);
      else index.set(key, [p]);
      if (bucket) bucket.push(p);
    }
    for (const other of candidates) {
      if (other === p) continue;
      const pair = pairId(other, p);
      if (exactPairs.has(pair) || reported.has(pair)) continue;
      reported.add(pair);
      const there = placeOf(other, ['title']);
      findings.push({
        check: 'duplicates/near-title',
        ...placeOf(p, ['title']),
        message: `Title "${p.paper.title}" is nearly the same as "${other.paper.title}" (${there.file}).`,
        hint: 'If they are the same paper, keep one file (with the published title) and merge the sections; if not, ignore this warning.',
        related: [there],
      });
    }
  }
  return findings;
}

/**
 * Names that look the same but are written with other letters (a Cyrillic е for e): equal TR39
 * skeletons, unequal keys. A copy made to slip past the exact checks; reported at the entry whose
 * name has letters outside ASCII, naming the one it looks like.
 */
function lookalikes<E extends PaperEntry | DatasetEntry>(entries: readonly E[], nameOf: (e: E) => string, path: string[], what: string): Finding[] {
  const bySkeleton = new Map<string, E[]>();
  for (const e of entries) {
    const key = skeleton(normalizeTitle(nameOf(e)));
    bySkeleton.set(key, [...(bySkeleton.get(key) ?? []), e]);
  }
  const findings: Finding[] = [];
  for (const group of bySkeleton.values()) {
    if (group.length < 2) continue;
    for (const e of group) {
      const name = nameOf(e);
      if (/^[\x00-\x7f]*$/.test(name)) continue;
      const other = group.find((o) => normalizeTitle(nameOf(o)) !== normalizeTitle(name));
      if (!other) continue;
      const there = placeOf(other, path);
      findings.push({
        check: 'duplicates/lookalike-title', ...placeOf(e, path),
        message: `${what} "${name}" looks the same as "${nameOf(other)}" (${there.file}) but is written with other letters.`,
        hint: 'If it is the same, keep one file and merge the sections; if the letters are a mistake, retype the name in one script (hygiene/mixed-script names them).',
        related: [there],
      });
    }
  }
  return findings;
}

export const duplicates: Rule = {
  id: 'duplicates',
  run({ project, added }) {
    const describePaper = (e: AnyEntry): string => `"${(e as PaperEntry).paper.title}"`;
    const describeDataset = (e: AnyEntry): string => `Dataset "${(e as DatasetEntry).dataset.name}"`;
    const clash = (a: AnyEntry, b: AnyEntry): boolean => comparePapers((a as PaperEntry).paper, (b as PaperEntry).paper, POLICY.listed).verdict === 'clash';
    const papers = exactDuplicates(project.papers, (e) => entryKeys(e as PaperEntry), describePaper, added, clash);
    const datasets = exactDuplicates(project.datasets, (e) => datasetKeys(e as DatasetEntry), describeDataset, added);
    return [
      ...papers.findings, ...datasets.findings, ...nearDuplicates(project.papers, papers.pairs),
      ...lookalikes(project.papers, (p) => p.paper.title, ['title'], 'Title'), ...lookalikes(project.datasets, (d) => d.dataset.name, ['name'], 'Dataset name'),
    ];
  },
};
