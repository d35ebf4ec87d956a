// "1 change", "3 changes": counts in messages, said right for one.

/** `n` and the noun, plural unless n is 1 (`plural` for nouns that do not take an s). */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
