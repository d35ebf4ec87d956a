// Stable file ids for entries, derived from the title (papers) or name (datasets).
import { slugify } from '../text/normalize.js';

export function baseId(titleOrName: string): string {
  return slugify(titleOrName, 60) || 'untitled';
}

/**
 * Assigns ids in order; a clash gets the year (papers) and then a counter, so the first one
 * listed keeps the plain id. `taken` holds ids already in use (e.g. existing files).
 */
export function assignIds(items: ReadonlyArray<{ name: string; year?: number }>, taken: Iterable<string> = []): string[] {
  const used = new Set(taken);
  return items.map(({ name, year }) => {
    const base = baseId(name);
    let id = base;
    if (used.has(id) && year !== undefined) id = `${base}-${year}`;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  });
}

/** Whether a file id is what `assignIds` would give for this title (plain, with the year, or counted). */
export function idMatches(id: string, titleOrName: string, year?: number): boolean {
  const base = baseId(titleOrName);
  if (id === base) return true;
  if (year !== undefined && id === `${base}-${year}`) return true;
  return new RegExp(`^${base}(?:-${year ?? 'x'})?-\\d+$`).test(id);
}
