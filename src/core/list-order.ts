// The order of the list, decided once: papers newest year first, then by title as titles are
// compared (normalizeTitle), then as written, then by file; datasets by name. The README and the
// site list in this order.
import { compareStrings } from './diagnostics.js';
import type { Dataset, Paper } from './model.js';
import { normalizeTitle } from '../text/normalize.js';

/** Newest year first, then title; datasets by name. Code-unit comparison: locale plays no part. */
export function sortKeyed<T>(items: readonly T[], keys: (item: T) => Array<string | number>): T[] {
  const keyed = items.map((item) => ({ item, key: keys(item) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const x = a.key[i]!;
      const y = b.key[i]!;
      const c = typeof x === 'number' ? (y as number) - x : compareStrings(x, y as string);
      if (c) return c;
    }
    return 0;
  });
  return keyed.map((k) => k.item);
}

export const paperOrder = (p: { id: string; paper: Paper }): Array<string | number> => [p.paper.year, normalizeTitle(p.paper.title), p.paper.title, p.id];
export const datasetOrder = (d: { id: string; dataset: Dataset }): Array<string | number> => [normalizeTitle(d.dataset.name), d.dataset.name, d.id];
