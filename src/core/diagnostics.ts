// The one shape every stage reports in, and small helpers over it. It is vfile-message's, flattened
// the way ESLint's JSON is: line/column and endLine/endColumn are its place's start and end,
// ruleId its ruleId, hint its note, related its cause's places, expected (or fix.value) its
// expected; the report adds its url (check/checks.ts checkUrl).

export type Severity = 'error' | 'warning' | 'info';

export interface Place {
  file: string;
  line?: number;
  column?: number;
  /** Where the place ends (exclusive), when it is one value: a field's text, a link. */
  endLine?: number;
  endColumn?: number;
}

/**
 * The safe fix of a finding: the value the field at `path` of the entry in `file` should hold (an
 * empty path: the whole file's text). `lint --fix` writes exactly this; nothing recomputes it.
 */
export interface Fix {
  path: ReadonlyArray<string | number>;
  value: string;
}

export interface Diagnostic extends Place {
  ruleId: string;
  severity: Severity;
  /** What was found and what was expected. */
  message: string;
  /** The next step: how to fix it. */
  hint?: string;
  /** The other place involved (e.g. the first copy of a duplicate). */
  related?: Place[];
  /** The fix lint --fix writes (its value is the expected value shown). */
  fix?: Fix;
  /** What the place should say, where another command writes it (links --fix: a link's new URL). */
  expected?: string[];
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
}

export function summarize(diagnostics: readonly Diagnostic[]): Summary {
  const summary: Summary = { errors: 0, warnings: 0, infos: 0 };
  for (const d of diagnostics) {
    if (d.severity === 'error') summary.errors++;
    else if (d.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return summary;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Stable order: by file, line, column, rule, message — so output never depends on discovery order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareStrings(a.ruleId, b.ruleId) ||
      compareStrings(a.message, b.message),
  );
}

/** Code-unit comparison: locale-independent, unlike localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
