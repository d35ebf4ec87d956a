// The command line: the only module that reads argv and decides the exit code. Each command's
// options, help and exit codes are in src/cli/<command>.ts.
import { parseArgs } from 'node:util';
import { addCommand } from './cli/add.js';
import { exportCommand } from './cli/export.js';
import { fmtCommand } from './cli/fmt.js';
import { generateCommand } from './cli/generate.js';
import { importCommand } from './cli/import.js';
import { lintCommand } from './cli/lint.js';
import { linksCommand } from './cli/links.js';
import { EXIT, fail, UsageError, type Command, type Io } from './cli/shared.js';

export type { Io } from './cli/shared.js';
export { EXIT } from './cli/shared.js';

const commands: Record<string, Command> = {
  add: addCommand,
  export: exportCommand,
  fmt: fmtCommand,
  generate: generateCommand,
  import: importCommand,
  lint: lintCommand,
  links: linksCommand,
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
  const command = commands[name];
  if (!command) return fail(io, `unknown command '${name}'. Commands: ${Object.keys(commands).join(', ')}.`);
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
    return await command.run(parsed, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      return fail(io, `${(error as Error).message}\nUsage: ${command.usage}`);
    }
    return fail(io, `internal error: ${(error as Error).stack ?? String(error)}`);
  }
}
