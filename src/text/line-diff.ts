// The line diff absorb and generate --check read, bounded: Myers' diff costs time in proportion to
// the lines times the changes, so two 20,000-line texts that differ everywhere took 90 s. Common
// leading and trailing lines are set aside first (a hand edit touches a few lines), lines are
// compared as small integers, and past MAX_EDITS changed lines the middle is taken as one
// replaced block, and said so, instead of searching for the shortest edit.
import { diffArrays } from 'diff';

/** More changed lines than this, and the middle of the texts is one replaced block. */
export const MAX_EDITS = 2000;

export interface LinePart {
  kind: 'equal' | 'removed' | 'added';
  /** The lines of this part (of the first text for equal and removed, of the second for added). */
  lines: string[];
}

export interface LineDiff {
  parts: LinePart[];
  /** The texts differ in more than MAX_EDITS lines: the middle is one replaced block, not the shortest edit. */
  capped: boolean;
}

export function lineDiff(a: readonly string[], b: readonly string[]): LineDiff {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: LinePart[] = [];
  const push = (kind: LinePart['kind'], lines: string[]): void => {
    if (lines.length) parts.push({ kind, lines });
  };
  push('equal', a.slice(0, start));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const ids = new Map<string, number>();
  const id = (line: string): number => {
    let n = ids.get(line);
    if (n === undefined) ids.set(line, (n = ids.size));
    return n;
  };
  const found = midA.length && midB.length ? diffArrays(midA.map(id), midB.map(id), { maxEditLength: MAX_EDITS }) : undefined;
  let capped = false;
  if (found) {
    let i = 0;
    let j = 0;
    for (const part of found) {
      const n = part.value.length;
      if (part.added) {
        push('added', midB.slice(j, j + n));
        j += n;
      } else if (part.removed) {
        push('removed', midA.slice(i, i + n));
        i += n;
      } else {
        push('equal', midA.slice(i, i + n));
        i += n;
        j += n;
      }
    }
  } else {
    capped = midA.length > 0 && midB.length > 0 && midA.length + midB.length > MAX_EDITS;
    push('removed', midA);
    push('added', midB);
  }
  push('equal', a.slice(endA));
  return { parts, capped };
}
