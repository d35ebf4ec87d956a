// `lint --fix` and fmt: each finding's fix (its expected value, decided by the rule that found it)
// written into its entry, and the entry written in canonical form. Nothing here decides what is
// wrong or what is right: a fix is only what a finding carries, so --fix changes exactly what lint
// reported, and nothing the settings turned off.
import { formatDataset, formatPaper } from '../core/entry-format.js';
import { tidySpaces } from '../text/spacing.js';
import type { Diagnostic, Fix } from '../core/diagnostics.js';
import type { Project } from './project.js';

export interface EntryFix {
  file: string;
  text: string;
  changes: string[];
}

/** The fixed text of every valid entry a diagnostic carries a fix for; entries with none are left as they are. */
export function fixesFrom(diagnostics: readonly Diagnostic[], project: Project): EntryFix[] {
  const byFile = new Map<string, Fix[]>();
  for (const d of diagnostics) if (d.fix) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d.fix]);
  const out: EntryFix[] = [];
  for (const e of [...project.papers, ...project.datasets]) {
    const fixes = byFile.get(e.entry.source.file);
    if (!fixes) continue;
    const changes: string[] = [];
    const data = structuredClone('paper' in e ? e.paper : e.dataset) as unknown as Record<string, unknown>;
    // A fix that only tidies the field's spaces goes first: another fix of the same field (a venue
    // alias's display name) is the whole answer, tidy already, and must not be undone by it.
    const spacingOnly = (fix: Fix): boolean => fix.path.length > 0 && fix.value === tidySpaces(String(valueAt(data, fix.path) ?? ''));
    const ordered = [...fixes].sort((a, b) => Number(spacingOnly(b)) - Number(spacingOnly(a)));
    for (const fix of ordered) {
      if (!fix.path.length) continue; // the canonical form: written below whatever else changed
      const tidyOnly = spacingOnly(fix);
      const before = valueAt(data, fix.path);
      if (before === fix.value) continue;
      setAt(data, fix.path, fix.value);
      const name = fix.path.join('.');
      changes.push(tidyOnly ? `${name}: spacing` : `${name}: ${before === undefined ? '(none)' : JSON.stringify(before)} → ${JSON.stringify(fix.value)}`);
    }
    const { decoded, text: before } = e.entry.source;
    const after = 'paper' in e ? formatPaper(data as never) : formatDataset(data as never);
    if (decoded.bom) changes.push('byte-order mark removed');
    if (decoded.crlf) changes.push('CRLF → LF');
    if (after === before && !changes.length) continue;
    if (fixes.some((f) => !f.path.length && f.value !== before)) changes.push('canonical form');
    out.push({ file: e.entry.source.file, text: after, changes: [...new Set(changes)] });
  }
  return out;
}

function valueAt(data: Record<string, unknown>, path: ReadonlyArray<string | number>): unknown {
  let node: unknown = data;
  for (const segment of path) node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[segment] : undefined;
  return node;
}

function setAt(data: Record<string, unknown>, path: ReadonlyArray<string | number>, value: string): void {
  let node = data as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) {
    node[segment] ??= {};
    node = node[segment] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]!] = value;
}
