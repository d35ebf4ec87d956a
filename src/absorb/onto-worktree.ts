// absorb's second half, pure: the README edit was read against the last commit (plan.ts gives the
// entry changes it means, field by field); here those changes are laid onto the entries as they
// are now, so that what a person changed in entries/ since that commit (a new file from `add`, a
// YAML edit) is kept. A field both sides changed differently is a conflict, reported at the README
// line, and then nothing is written.
import type { Diagnostic } from '../core/diagnostics.js';
import { formatDataset, formatPaper } from '../core/entry-format.js';
import { LINK_KINDS, README_FILE, TEMPLATE_FILE, type Dataset, type Paper } from '../core/model.js';
import { findPaper, POLICY } from '../core/same-paper.js';
import { fieldSlot, type AbsorbPlan, type Change, type FieldChange } from './plan.js';

export interface Side {
  /** Entry files (and the template) as text, by path. */
  texts: ReadonlyMap<string, string>;
  /** The entries that passed the schema, by path. */
  values: ReadonlyMap<string, Paper | Dataset>;
}

export interface Merged {
  files: Map<string, string | null>;
  changes: Change[];
  diagnostics: Diagnostic[];
}

const conflict = (line: number | undefined, message: string, hint: string): Diagnostic => ({ file: README_FILE, line: line ?? 1, column: 1, ruleId: 'absorb/conflict', severity: 'error', message, hint });

const isPaper = (v: Paper | Dataset): v is Paper => 'title' in v;

/** The fields a README line shows, as strings, to tell an entry from its line. */
function shown(v: Paper | Dataset): Record<string, string | undefined> {
  if (!isPaper(v)) return { name: v.name, url: v.url, description: v.description, sections: [...v.sections].sort().join(', ') };
  return { title: v.title, authors: v.authors, year: String(v.year), venue: v.venue, ...Object.fromEntries(LINK_KINDS.map((k) => [`links.${k}`, v.links[k]])), sections: [...v.sections].sort().join(', ') };
}

// A change's values are strings (as the report shows them); the entry's year is a number.
function get(v: Paper | Dataset, field: string): string | undefined {
  const { holder, key } = fieldSlot(v, field);
  return holder[key] === undefined ? undefined : String(holder[key]);
}

function set(v: Paper | Dataset, field: string, to: string | undefined): void {
  const { holder, key } = fieldSlot(v, field);
  if (to === undefined) delete holder[key];
  else holder[key] = key === 'year' ? Number(to) : to;
}

const list = (s: string | undefined): string[] => (s ? s.split(', ').filter(Boolean) : []);

export function ontoWorktree(plan: AbsorbPlan, base: Side, work: Side): Merged {
  const files = new Map<string, string | null>();
  const changes: Change[] = [];
  const diagnostics: Diagnostic[] = [];
  const addedSince = [...work.values].filter(([file]) => !base.texts.has(file));

  for (const change of plan.changes) {
    const { file } = change;
    const line = change.lines[0];
    if (file === TEMPLATE_FILE) {
      const wanted = plan.files.get(file)!;
      const now = work.texts.get(file);
      if (now === base.texts.get(file)) {
        files.set(file, wanted);
        changes.push(change);
      } else if (now !== wanted)
        diagnostics.push(conflict(line, 'This edit of the prose is in templates/README.md, which was also changed since the last commit; nothing was absorbed.', 'Make the edit in templates/README.md itself, or commit the template first and absorb again.'));
      continue;
    }
    const baseText = base.texts.get(file);
    const now = work.texts.get(file);
    const value = plan.values.get(file);
    if (change.kind === 'created') {
      const made = value!;
      const same = isPaper(made)
        ? findPaper(made, addedSince.filter(([, v]) => isPaper(v)), ([, v]) => v as Paper, POLICY.listed)?.entry
        : addedSince.find(([, v]) => !isPaper(v) && v.name.toLowerCase() === made.name.toLowerCase());
      if (same) {
        const [sameFile, sameValue] = same;
        const a = shown(made);
        const b = shown(sameValue);
        const differ = Object.keys({ ...a, ...b }).filter((k) => a[k] !== b[k]);
        if (differ.length)
          diagnostics.push(conflict(line, `This line names ${sameFile}, which was added since the last commit, but differs from it (${differ.join(', ')}); nothing was absorbed.`, `Make the change in ${sameFile} and remove this line, or make the line what 'npm run generate' writes for it.`));
        continue; // the line is that new entry's own line
      }
      files.set(file, plan.files.get(file)!);
      changes.push(change);
      continue;
    }
    if (now === baseText) {
      files.set(file, plan.files.get(file)!);
      changes.push(change);
      continue;
    }
    if (now === undefined) {
      // Removed on both sides: agreed. Removed from entries/ but its line edited: a conflict.
      if (change.kind !== 'removed') diagnostics.push(conflict(line, `${file} was removed since the last commit, but its line in README.md was edited; nothing was absorbed.`, `Restore ${file} to keep the edit, or remove this line too.`));
      continue;
    }
    const current = work.values.get(file);
    if (change.kind === 'removed' || !current) {
      diagnostics.push(conflict(line, `${file} was changed since the last commit, and its line${change.lines.length > 1 ? 's' : ''} in README.md ${change.kind === 'removed' ? 'removed' : 'edited'}; nothing was absorbed.`,
        change.kind === 'removed' ? `Delete ${file} yourself if the paper should go, or put its line back.` : `Fix ${file} first (npm run lint), or make this change in it by hand.`));
      continue;
    }
    // Both sides changed the entry: apply the README's field changes where the entry still has the old value.
    const next = structuredClone(current);
    const applied: FieldChange[] = [];
    let clash = false;
    for (const f of change.fields) {
      if (f.field === 'sections') {
        const now = next.sections;
        const removed = list(f.from).filter((s) => !list(f.to).includes(s));
        const added = list(f.to).filter((s) => !list(f.from).includes(s));
        const sections = [...now.filter((s) => !removed.includes(s)), ...added.filter((s) => !now.includes(s))];
        if (sections.join(', ') !== now.join(', ')) applied.push({ field: 'sections', from: now.join(', '), to: sections.join(', ') });
        next.sections = sections;
        continue;
      }
      const have = get(next, f.field);
      if (have === f.to) continue;
      if (have !== f.from) {
        clash = true;
        diagnostics.push(conflict(line, `${f.field} of ${file} was changed both in the file (to ${have === undefined ? '(none)' : JSON.stringify(have)}) and on this line (to ${f.to === undefined ? '(none)' : JSON.stringify(f.to)}); nothing was absorbed.`, `Keep one: set it in ${file}, or make the line say what the file says.`));
        continue;
      }
      set(next, f.field, f.to);
      applied.push(f);
    }
    if (clash || !applied.length) continue;
    if (!next.sections.length) {
      files.set(file, null);
      changes.push({ ...change, kind: 'removed', fields: applied });
      continue;
    }
    files.set(file, isPaper(next) ? formatPaper(next) : formatDataset(next as Dataset));
    changes.push({ ...change, fields: applied });
  }
  return { files, changes, diagnostics };
}
