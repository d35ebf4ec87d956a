// What every command's CLI adapter shares: the I/O it is given, exit codes, usage errors, options.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { hasErrors, type Diagnostic } from '../core/diagnostics.js';
import { FORMATS, formatReport, printable, type Format } from './report.js';

export interface Io {
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * 0 clean (warnings allowed); 1 problems found (CI's "fix the list"); 2 the command line is wrong;
 * 3 a file could not be read or written; 4 a network source could not be reached (offline: nothing
 * was judged); 70 a bug in paperlist (sysexits' EX_SOFTWARE).
 */
export const EXIT = { ok: 0, errors: 1, usage: 2, file: 3, offline: 4, internal: 70, cancelled: 130 } as const;

/** The exit codes every command shares, after its own meaning of 0 and 1 (Command.exits). */
export const SHARED_EXITS = '2 usage error, 3 a file could not be read or written, 70 a bug in paperlist';

import { CancelledError, FileError, UsageError } from '../core/errors.js';

export { CancelledError, FileError, UsageError };

export interface Command {
  usage: string;
  /** The command takes arguments besides options (files, a link); the others refuse stray ones. */
  positionals?: boolean;
  options: NonNullable<ParseArgsConfig['options']>;
  help: string;
  /** What 0, 1 (and 4, when the command uses the network) mean for this command; --help adds the shared codes. */
  exits: string;
  run(args: { values: Record<string, unknown>; positionals: string[] }, io: Io): Promise<number>;
}

export const formatOption = { format: { type: 'string', default: 'stylish' } } as const;
export const rootOption = { root: { type: 'string', default: '.' } } as const;


export function formatOf(values: Record<string, unknown>): Format {
  const f = values.format;
  if (typeof f !== 'string' || !(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}.`);
  return f as Format;
}

export function useColor(io: Io): boolean {
  return io.stdout.isTTY === true && !('NO_COLOR' in io.env) && io.env.TERM !== 'dumb';
}

export function fail(io: Io, message: string): number {
  io.stderr.write(`paperlist: ${message}\n`);
  return EXIT.usage;
}

/** The --root directory, resolved; a missing one is a usage error, not a list of missing files. */
export function rootOf(values: Record<string, unknown>, io: Io): string {
  const root = resolve(io.cwd, typeof values.root === 'string' ? values.root : '.');
  let isDirectory = false;
  try {
    isDirectory = statSync(root).isDirectory();
  } catch {
    isDirectory = false;
  }
  if (!isDirectory) throw new UsageError(`--root ${String(values.root)} is not a directory.`);
  return root;
}

/**
 * For commands that write output from the entries (export, site): reports the errors lint would
 * report, on stderr (stdout may be the output itself), and returns the exit code when there are
 * any; undefined when the command may go on.
 */
export function refuseOnErrors(diagnostics: readonly Diagnostic[], io: Io, outcome: string): number | undefined {
  if (!hasErrors(diagnostics)) return undefined;
  io.stderr.write(formatReport(diagnostics.filter((d) => d.severity === 'error'), 'stylish', { color: io.stderr.isTTY === true && !('NO_COLOR' in io.env) }));
  io.stderr.write(`paperlist: ${outcome}: fix the errors above first ('npm run lint' lists them with hints).\n`);
  return EXIT.errors;
}

/** What an entry-changing command wrote, on stderr: each entry file with its changes, then every file to commit. */
export function reportWritten(io: Io, fixed: ReadonlyArray<{ file: string; changes: string[] }>, generated: readonly string[]): void {
  for (const f of fixed) io.stderr.write(`fixed ${printable(f.file)}: ${printable(f.changes.join(', '))}\n`);
  if (fixed.length) io.stderr.write(`Commit: ${printable([...fixed.map((f) => f.file), ...generated].join(', '))}.\n`);
}
