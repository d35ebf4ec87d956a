// The controlled venue list (schema/venues.json): display names, aliases, ACL Anthology volumes.
import type { AnthologyId } from './paper-identifiers.js';

export type VenueKind = 'preprint' | 'conference' | 'findings' | 'journal' | 'workshop' | 'series';

export interface Venue {
  name: string;
  /** The full name for citations (BibTeX booktitle or journal); the display name when absent. */
  fullName?: string;
  kind: VenueKind;
  aliases?: string[];
  anthology?: string[];
  /** Its DBLP streams ('conf/iclr'). */
  dblp?: string[];
}

export class VenueList {
  readonly venues: readonly Venue[];
  private readonly byKey = new Map<string, Venue>();

  constructor(venues: readonly Venue[]) {
    this.venues = venues;
    for (const v of venues) {
      this.byKey.set(key(v.name), v);
      for (const a of v.aliases ?? []) this.byKey.set(key(a), v);
    }
  }

  /** The venue a label names, by display name or alias (case and spacing folded). */
  resolve(label: string): Venue | undefined {
    return this.byKey.get(key(label));
  }

  /**
   * The venue and year a DBLP record key names ('conf/iclr/Ji00C0Z0C0LZY0J25' → ICLR 2025): the
   * stream is the key's first two parts, the year the two digits that end it (DBLP's convention,
   * a letter after them for a second paper of the same name). Undefined for a stream no venue
   * lists (journals/corr is arXiv's) or a key without a year.
   */
  forDblpKey(dblpKey: string, thisYear = new Date().getUTCFullYear()): { venue: Venue; year: number } | undefined {
    const parts = dblpKey.split('/');
    if (parts.length !== 3) return undefined;
    const stream = `${parts[0]}/${parts[1]}`;
    const venue = this.venues.find((v) => v.dblp?.includes(stream));
    const yy = /(\d{2})[a-z]?$/.exec(parts[2]!)?.[1];
    if (!venue || yy === undefined) return undefined;
    const year = 2000 + Number(yy) <= thisYear + 1 ? 2000 + Number(yy) : 1900 + Number(yy);
    return { venue, year };
  }

  /** The venue whose Anthology volume prefix matches the id's volume best (longest prefix). */
  forAnthology(id: AnthologyId): Venue | undefined {
    let best: Venue | undefined;
    let bestLength = -1;
    for (const v of this.venues) {
      for (const prefix of v.anthology ?? []) {
        const isLetter = /^[A-Z]$/.test(prefix);
        if (isLetter !== id.oldStyle) continue;
        const matches = isLetter ? id.volume === prefix : id.volume === prefix || id.volume.startsWith(`${prefix}-`);
        if (matches && prefix.length > bestLength) {
          best = v;
          bestLength = prefix.length;
        }
      }
    }
    return best;
  }

  /** The known venue nearest to an unknown label (edit distance), for a suggestion. */
  nearest(label: string): Venue | undefined {
    // "NeurIPs 2021" → "neurips": a year or edition number is not part of a venue's name.
    const k = key(label.replace(/[\s'’-]*\d+\s*$/, ''));
    const exact = this.byKey.get(k);
    if (exact) return exact;
    let best: Venue | undefined;
    let bestDistance = Infinity;
    for (const [candidate, venue] of this.byKey) {
      const d = editDistance(k, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = venue;
      }
    }
    return bestDistance <= Math.max(2, Math.floor(k.length / 3)) ? best : undefined;
  }
}

function key(label: string): string {
  return label.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, ' ').trim();
}

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
