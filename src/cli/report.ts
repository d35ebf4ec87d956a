// The only place that formats diagnostics: stylish (people), json (tools), github (Actions annotations).
import { sortDiagnostics, summarize, type Diagnostic, type Summary } from '../core/diagnostics.js';
import { count } from '../text/count.js';
import { checkUrl } from '../check/checks.js';

export const FORMATS = ['stylish', 'json', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface ReportOptions {
  color: boolean;
  /** Extra summary fields (counts of entries, links ...), shown in json and in the summary line. */
  extra?: Record<string, unknown>;
  /** Extra top-level JSON members (e.g. the links array). */
  json?: Record<string, unknown>;
}

/**
 * Messages quote entry text and file names, which are untrusted: control characters (a terminal
 * escape sequence, a line break that would start a workflow command or leave a summary's code
 * fence), bidi overrides and zero-width characters (a message about one would show nothing) are
 * shown as \u{…} escapes, and "##[" (which the Actions runner reads
 * as a command anywhere in a line) loses its bracket, so a report cannot repaint a terminal or
 * write to a log.
 */
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;
export const printable = (s: string): string => s.replace(UNPRINTABLE, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`).replace(/##\[/g, '##\\u{5B}');

function printableDiagnostic(d: Diagnostic): Diagnostic {
  return {
    ...d,
    file: printable(d.file),
    message: printable(d.message),
    ...(d.hint !== undefined ? { hint: printable(d.hint) } : {}),
    ...(d.related ? { related: d.related.map((r) => ({ ...r, file: printable(r.file) })) } : {}),
  };
}

export function formatReport(diagnostics: readonly Diagnostic[], format: Format, options: ReportOptions): string {
  const sorted = sortDiagnostics(format === 'json' ? diagnostics : diagnostics.map(printableDiagnostic));
  const summary = summarize(sorted);
  switch (format) {
    case 'json':
      return `${JSON.stringify({ diagnostics: sorted.map(toJson), summary: { ...summary, ...options.extra }, ...options.json }, null, 2)}\n`;
    case 'github':
      return sorted.map(toGithub).join('') + `${summaryLine(summary)}\n`;
    case 'stylish':
      return stylish(sorted, summary, options.color);
  }
}

/** vfile-message's fields, flattened as ESLint's JSON is (core/diagnostics.ts says which is which). */
function toJson(d: Diagnostic): Record<string, unknown> {
  return {
    file: d.file,
    line: d.line ?? null,
    column: d.column ?? null,
    ...(d.endLine !== undefined ? { endLine: d.endLine, endColumn: d.endColumn ?? null } : {}),
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    ...(d.hint ? { hint: d.hint } : {}),
    ...(d.related?.length ? { related: d.related } : {}),
    // A whole file's text (the canonical form) is no value to show: only a field's is.
    ...(d.expected ? { expected: d.expected } : d.fix?.path.length ? { expected: [d.fix.value] } : {}),
    url: checkUrl(d.ruleId),
  };
}

// Workflow commands: data escapes %, CR, LF; property values also ':' and ','.
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function toGithub(d: Diagnostic): string {
  const level = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
  const props = [`file=${escapeProperty(d.file)}`];
  if (d.line) props.push(`line=${d.line}`);
  if (d.column) props.push(`col=${d.column}`);
  // GitHub takes an end column only on the start's line.
  if (d.line && d.endLine) props.push(`endLine=${d.endLine}`);
  if (d.line && d.endLine === d.line && d.endColumn) props.push(`endColumn=${d.endColumn}`);
  props.push(`title=${escapeProperty(d.ruleId)}`);
  const related = d.related?.length ? `\n(see ${d.related.map(place).join(', ')})` : '';
  return `::${level} ${props.join(',')}::${escapeData(d.message + (d.hint ? `\n${d.hint}` : '') + related + `\n${checkUrl(d.ruleId)}`)}\n`;
}

function place(p: { file: string; line?: number; column?: number }): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}${p.line && p.column ? `:${p.column}` : ''}`;
}

function summaryLine(s: Summary): string {
  if (!s.errors && !s.warnings && !s.infos) return 'no problems';
  return [count(s.errors, 'error'), count(s.warnings, 'warning'), ...(s.infos ? [count(s.infos, 'note')] : [])].join(', ');
}

function stylish(sorted: Diagnostic[], summary: Summary, color: boolean): string {
  const paint = (code: number, s: string): string => (color ? `\u001b[${code}m${s}\u001b[39m` : s);
  const dim = (s: string): string => (color ? `\u001b[2m${s}\u001b[22m` : s);
  const label = { error: paint(31, 'error'), warning: paint(33, 'warning'), info: paint(36, 'note') };
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of sorted) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  let out = '';
  for (const [file, list] of byFile) {
    out += `${color ? `\u001b[4m${file}\u001b[24m` : file}\n`;
    for (const d of list) {
      const pos = `${d.line ?? 1}:${d.column ?? 1}`.padEnd(7);
      out += `  ${pos} ${label[d.severity]}${' '.repeat(8 - (d.severity === 'info' ? 4 : d.severity.length))}${d.message}  ${dim(d.ruleId)}\n`;
      if (d.hint) out += `          ${dim('→')} ${d.hint}\n`;
      if (d.related?.length) out += `          ${dim(`see ${d.related.map(place).join(', ')}`)}\n`;
    }
    out += '\n';
  }
  const line = summaryLine(summary);
  out += `${summary.errors ? paint(31, `✖ ${line}`) : summary.warnings ? paint(33, `⚠ ${line}`) : paint(32, `✔ ${line}`)}\n`;
  return out;
}
