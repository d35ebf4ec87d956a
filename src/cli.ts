// The command line: the only module that reads argv and decides the exit code. Each command's
// options, help and exit codes are in src/cli/<command>.ts.
import { parseArgs } from 'node:util';
import { EXIT, fail, UsageError, type Command, type Io } from './cli/shared.js';

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
Exit codes: 0 clean (warnings allowed), 1 errors found, 2 usage or internal error.
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
      io.stdout.write(`Usage: ${command.usage}\n\n${command.help}\n`);
      return EXIT.ok;
    }
    if (!command.positionals && parsed.positionals.length)
      throw new UsageError(`${name} takes no arguments besides options, found ${parsed.positionals.map((p) => JSON.stringify(p)).join(' ')}.`);
    return await command.run(parsed, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      return fail(io, `${(error as Error).message}\nUsage: ${command.usage}`);
    }
    return fail(io, `internal error: ${(error as Error).stack ?? String(error)}`);
  }
}
