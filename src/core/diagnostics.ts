// The one shape every stage reports in (vfile-like message fields), and small helpers over it.

export type Severity = 'error' | 'warning' | 'info';

export interface Place {
  file: string;
  line?: number;
  column?: number;
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
