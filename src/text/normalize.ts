// Normal forms used to compare and name entries. Pure and locale-independent.

const normalized = new Map<string, string>();

/** NFKC, case-folded, punctuation and spacing folded: "Mistral 7B." ≡ "mistral-7b". Memoized: sorting and several rules ask again. */
export function normalizeTitle(title: string): string {
  let n = normalized.get(title);
  if (n === undefined) {
    n = fold(title);
    normalized.set(title, n);
  }
  return n;
}

function fold(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
}

/** A file-name-safe id: ASCII letters and digits joined by single hyphens, at most `max` characters. */
export function slugify(text: string, max = 60): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > max) break;
    slug = next;
  }
  return slug || (words[0] ?? '').slice(0, max);
}
