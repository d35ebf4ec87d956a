// The last step of the fix commands (verify --fix, links --fix): their entry changes go through the
// write gate (write-gate.ts), which checks the whole candidate and writes all of it or nothing,
// README.md and the chart included. A refusal is said as one error naming what was not written.
import type { Diagnostic } from '../core/diagnostics.js';
import { gateWrites } from '../pipeline/write-gate.js';

export interface EntryFix {
  file: string;
  changes: string[];
  /** What each change rests on (a record, a redirect), for a reviewer. */
  evidence: string[];
}

export interface EntryFixes {
  /** Entry files written, with what changed in each (empty when the gate refused). */
  fixed: EntryFix[];
  /** The other files written with them (README.md, the chart). */
  generated: string[];
  /** The gate's errors (nothing written) or its warnings (README.md kept as edited by hand). */
  diagnostics: Diagnostic[];
}

export async function writeEntryFixes(root: string, fixes: ReadonlyArray<EntryFix & { text: string }>, command: string): Promise<EntryFixes> {
  if (!fixes.length) return { fixed: [], generated: [], diagnostics: [] };
  const gate = await gateWrites({ root, writes: new Map(fixes.map((f) => [f.file, f.text])), dryRun: false, readme: 'if-generated' });
  if (gate.status === 'refused') {
    const said: Diagnostic = {
      file: fixes[0]!.file, line: 1, column: 1, ruleId: 'write-gate', severity: 'error',
      message: `${command} wrote nothing: with its ${fixes.length === 1 ? 'change' : `${fixes.length} changes`} the list would have the errors reported.`,
      hint: "Fix those first ('npm run lint' lists them with hints), then run it again.",
    };
    return { fixed: [], generated: [], diagnostics: [...gate.diagnostics, said] };
  }
  const entryFiles = new Set(fixes.map((f) => f.file));
  return { fixed: fixes.map(({ file, changes, evidence }) => ({ file, changes, evidence })), generated: [...gate.files.keys()].filter((f) => !entryFiles.has(f)), diagnostics: gate.diagnostics };
}
