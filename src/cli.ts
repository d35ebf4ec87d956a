// The command line: reads argv, dispatches to a command's CLI half (src/cli/<command>.ts, which
// turns its outcome into an exit code), and reports an error that stopped the command (usage 2,
// file 3, cancelled 130, a bug 70).
import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { CancelledError, EXIT, fail, FileError, SHARED_EXITS, UsageError, type Command, type Io } from './cli/shared.js';
import { editDistance } from './core/venues.js';

export type { Io } from './cli/shared.js';
export { EXIT } from './cli/shared.js';

// Each command's module is loaded only when it runs: the link checker's HTTP client alone takes
// ~140 ms to load, which lint and generate do not need.
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  absorb: { summary: 'turn hand edits of README.md into entry changes, then regenerate it', load: async () => (await import('./cli/absorb.js')).absorbCommand },
  add: { summary: 'create a paper entry from its arXiv, ACL Anthology or DOI link (or by hand)', load: async () => (await import('./cli/add.js')).addCommand },
  export: { summary: 'export the list as BibTeX, JSON or CSV', load: async () => (await import('./cli/export.js')).exportCommand },
  fmt: { summary: 'rewrite entries in canonical form (--check: only list them)', load: async () => (await import('./cli/fmt.js')).fmtCommand },
  generate: { summary: 'write README.md from templates/README.md and the entries (--check: only compare)', load: async () => (await import('./cli/generate.js')).generateCommand },
  import: { summary: 'turn a hand-written list README into entries/, sections.yml and a template', load: async () => (await import('./cli/import.js')).importCommand },
  lint: { summary: 'check entries: schema, duplicates, mislabels, hygiene, README drift', load: async () => (await import('./cli/lint.js')).lintCommand },
  links: { summary: 'check every link (entries and template, or Markdown files) for dead ones', load: async () => (await import('./cli/links.js')).linksCommand },
  site: { summary: 'write a static page of the list with search and filters', load: async () => (await import('./cli/site.js')).siteCommand },
  verify: { summary: 'compare entries with their arXiv and ACL Anthology records', load: async () => (await import('./cli/verify.js')).verifyCommand },
};

function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return `paperlist: the Awesome-Multilingual-LLM list kept as data

Usage: paperlist <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join('\n')}

Run 'paperlist <command> --help' for a command's options.
Exit codes: 0 clean (warnings allowed), 1 problems found, ${SHARED_EXITS},
4 offline (links, verify, add: a source could not be reached, so nothing was judged).
`;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(mainHelp());
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version') {
    io.stdout.write('paperlist 0.1.0\n');
    return EXIT.ok;
  }
  const entry = commands[name];
  if (!entry) return fail(io, `unknown command '${name}'. Commands: ${Object.keys(commands).join(', ')}.`);
  const command = await entry.load();
  try {
    const parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.values.help) {
      io.stdout.write(`Usage: ${command.usage}\n\n${command.help}\n\nExit codes: ${command.exits}, ${SHARED_EXITS}.\n`);
      return EXIT.ok;
    }
    if (!command.positionals && parsed.positionals.length)
      throw new UsageError(`${name} takes no arguments besides options, found ${parsed.positionals.map((p) => JSON.stringify(p)).join(' ')}.`);
    return await command.run(parsed, io);
  } catch (error) {
    return report(error, command, io);
  }
}

const REPORT_BUGS = 'https://github.com/LightChen233/Awesome-Multilingual-LLM/issues';

/** The one place an error that stopped a command is reported: one line and its code; a stack only for a bug. */
function report(error: unknown, command: Command, io: Io): number {
  if (error instanceof UsageError) return fail(io, `${error.message}\nUsage: ${command.usage}`);
  if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return fail(io, `${parseArgsMessage(error as Error, command)}\nUsage: ${command.usage}`);
  if (error instanceof CancelledError) {
    io.stderr.write(`\npaperlist: ${error.message}.\n`);
    return EXIT.cancelled;
  }
  if (error instanceof FileError) {
    const shown = relative(io.cwd, error.path);
    io.stderr.write(`paperlist: cannot ${error.action} ${shown && !shown.startsWith('..') ? shown : error.path}: ${error.reason}.\n`);
    return EXIT.file;
  }
  io.stderr.write(`paperlist: internal error (a bug in paperlist). Please report it at ${REPORT_BUGS} with the command you ran and this output:\n${(error as Error)?.stack ?? String(error)}\n`);
  return EXIT.internal;
}

/** Node's parseArgs messages, as a person would say them: `--titel` → did you mean --title? */
function parseArgsMessage(error: Error & { code?: string }, command: Command): string {
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(error.message);
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
    const given = unknown[1]!.replace(/^-+/, '');
    const names = [...Object.keys(command.options), 'help'];
    const near = names.map((n) => ({ n, d: editDistance(given, n) })).sort((a, b) => a.d - b.d || (a.n < b.n ? -1 : 1))[0];
    return `unknown option --${given}${near && near.d <= Math.max(2, Math.floor(given.length / 3)) ? `: did you mean --${near.n}?` : ''}`;
  }
  const missing = /Option '(-{1,2}[^' ]+)[^']*' argument missing/.exec(error.message);
  if (missing) return `${missing[1]} needs a value`;
  const strayValue = /Option '(-{1,2}[^' ]+)[^']*' does not take an argument/.exec(error.message);
  if (strayValue) return `${strayValue[1]} takes no value`;
  return error.message.replace(/\. To specify a positional argument.*$/s, '');
}
