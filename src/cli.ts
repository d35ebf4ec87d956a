// The command line: the only module that reads argv and decides the exit code.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import { hasErrors, type Diagnostic } from './diagnostics.js';
import { FORMATS, formatReport, type Format } from './report.js';
import { loadVenues } from './package-files.js';
import { planImport, readBytes, writePlan } from './commands/import.js';
import { generate } from './commands/generate.js';
import { applyFixes, lint } from './commands/lint.js';
import { addPaper, REQUIRED_FIELDS, type AddFields } from './commands/add.js';
import { createInterface } from 'node:readline/promises';
import { runLinks } from './commands/links.js';
import { countStates, linkDiagnostics, linksJson, linksMarkdown } from './links/report.js';
import { Progress } from './links/progress.js';

export interface Io {
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export const EXIT = { ok: 0, errors: 1, usage: 2 } as const;

class UsageError extends Error {}

interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  help: string;
  run(args: { values: Record<string, unknown>; positionals: string[] }, io: Io): Promise<number>;
}

const formatOption = { format: { type: 'string', default: 'stylish' } } as const;
const rootOption = { root: { type: 'string', default: '.' } } as const;

const commands: Record<string, Command> = {
  add: {
    summary: 'create a paper entry, checked like lint checks it',
    usage: 'paperlist add --title T --authors A --year Y [--venue V] [--paper URL] [--code URL] [--model URL] [--data URL] [--project URL] --section ID [--section ID ...] [--dry-run] [--root DIR] [--format stylish|json|github]',
    options: {
      title: { type: 'string' },
      authors: { type: 'string' },
      year: { type: 'string' },
      venue: { type: 'string' },
      paper: { type: 'string' },
      code: { type: 'string' },
      model: { type: 'string' },
      data: { type: 'string' },
      project: { type: 'string' },
      section: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean', default: false },
      ...rootOption,
      ...formatOption,
    },
    help: `Writes entries/papers/<id>.yml, the id derived from the title, in canonical form. Refuses
(exit 1, naming the existing file) a paper that is already listed: same title, arXiv id, ACL
Anthology id, DOI or paper URL; and anything lint would call an error (unknown venue or section,
a year before the arXiv id, Markdown in the title ...). On a terminal, asks for what is missing.

Options:
  --title, --authors, --year       required ("Zhu et al.", 2024)
  --venue                          from schema/venues.json (aliases such as Arxiv are accepted)
  --paper, --code, --model, --data, --project   links
  --section ID                     repeatable; ids from entries/sections.yml
  --dry-run                        check and print the entry, write nothing
  --root DIR                       the repository (default: the current directory)
  --format FORMAT                  stylish (default), json or github

Then run 'npm run generate' and commit the entry with README.md.`,
    async run({ values }, io) {
      const format = formatOf(values);
      const root = resolve(io.cwd, values.root as string);
      const fields: AddFields = { sections: (values.section as string[] | undefined) ?? [] };
      for (const key of ['title', 'authors', 'year', 'venue', 'paper', 'code', 'model', 'data', 'project'] as const) {
        if (typeof values[key] === 'string') fields[key] = values[key] as string;
      }
      const missing = [...REQUIRED_FIELDS.filter((k) => !fields[k]?.trim()), ...(fields.sections.length ? [] : ['section'])];
      if (missing.length && io.stdin?.isTTY) {
        const rl = createInterface({ input: io.stdin, output: io.stderr });
        try {
          for (const key of missing) {
            const answer = (await rl.question(`${key}${key === 'section' ? ' (ids, comma-separated)' : ''}: `)).trim();
            if (key === 'section') fields.sections = answer.split(',').map((x) => x.trim()).filter(Boolean);
            else fields[key as (typeof REQUIRED_FIELDS)[number]] = answer;
          }
          if (!fields.paper) fields.paper = (await rl.question('paper link (Enter for none): ')).trim() || undefined;
        } finally {
          rl.close();
        }
      } else if (missing.length) {
        throw new UsageError(`missing ${missing.map((k) => `--${k}`).join(', ')}.`);
      }
      const outcome = await addPaper(root, fields, values['dry-run'] !== true);
      if (outcome.diagnostics.length || format !== 'stylish') io.stdout.write(formatReport(outcome.diagnostics, format, { color: useColor(io), extra: { file: outcome.file ?? null } }));
      if (!outcome.text) {
        io.stderr.write('paperlist: the entry was not written: fix the errors above.\n');
        return EXIT.errors;
      }
      if (values['dry-run'] === true) io.stdout.write(outcome.text);
      else io.stderr.write(`created ${outcome.file}\nNext: npm run generate, then commit ${outcome.file} and README.md.\n`);
      return EXIT.ok;
    },
  },
  fmt: {
    summary: 'rewrite entries in canonical form (--check: only list them)',
    usage: 'paperlist fmt [--check] [--root DIR]',
    options: { check: { type: 'boolean', default: false }, ...rootOption },
    help: `Rewrites every valid entry in canonical form: key order, quoting, indentation, the schema
comment, LF line ends, no BOM; venue aliases become display names; spaces are trimmed. The same
fixes as 'lint --fix', without the lint report.

Options:
  --check     write nothing; exit 1 and list the files that are not in canonical form
  --root DIR  the repository (default: the current directory)`,
    async run({ values }, io) {
      const root = resolve(io.cwd, values.root as string);
      const fixes = await applyFixes(root, values.check !== true);
      for (const f of fixes) io.stdout.write(`${values.check === true ? 'would rewrite' : 'rewrote'} ${f.file}: ${f.changes.join(', ')}\n`);
      if (!fixes.length) io.stderr.write('All entries are in canonical form.\n');
      return values.check === true && fixes.length ? EXIT.errors : EXIT.ok;
    },
  },
  links: {
    summary: 'check every link (entries and template, or Markdown files) for dead ones',
    usage: 'paperlist links [FILE.md ...] [--changed REF] [--cache FILE] [--concurrency N] [--per-host N] [--timeout MS] [--deadline S] [--retries N] [--allow-private] [--root DIR] [--format stylish|json|github|markdown]',
    options: {
      changed: { type: 'string' },
      cache: { type: 'string' },
      concurrency: { type: 'string' },
      'per-host': { type: 'string' },
      timeout: { type: 'string' },
      deadline: { type: 'string' },
      retries: { type: 'string' },
      'allow-private': { type: 'boolean', default: false },
      ...rootOption,
      ...formatOption,
    },
    help: `Checks each unique URL once (fragments dropped), politely: HEAD first, GET (headers only)
when HEAD is refused, a global and a per-host limit, Retry-After honoured, retries with backoff on
429, 5xx and network errors. See docs/links.md.

States: ok, redirected (final URL reported), dead (404/410, DNS name not found, malformed URL:
an error), unreachable (timeouts, resets, 403/429/5xx that persist: a warning), blocked (private
address: an error), skipped (excluded in .paperlist.yml, or not http).

Options:
  --changed REF      only URLs that entries/templates added or changed since the git REF (PR mode)
  --cache FILE       keep successes in FILE for links.cacheTtlDays (default 7); failures are re-checked
  --concurrency N    requests in flight, all hosts (default 64)
  --per-host N       requests in flight per host (default 4); per-host overrides in .paperlist.yml
  --timeout MS       per request, until the response headers (default 15000)
  --deadline S       for the whole run (default 600); unfinished links are reported unreachable
  --retries N        after 429, 5xx or a network error (default 2)
  --allow-private    allow private and loopback addresses (for local tests only)
  --root DIR         the repository (default: the current directory)
  --format FORMAT    stylish (default), json, github or markdown

Exit codes: 0 no dead link (unreachable ones are warnings), 1 dead or blocked links,
2 usage error, or no network at all (nothing could be checked).`,
    async run({ values, positionals }, io) {
      const format = values.format === 'markdown' ? 'markdown' : formatOf(values);
      const number = (name: string, min: number): number | undefined => {
        const raw = values[name];
        if (raw === undefined) return undefined;
        const n = Number(raw);
        if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} takes a whole number of at least ${min}.`);
        return n;
      };
      const deadline = number('deadline', 1);
      const overrides = {
        concurrency: number('concurrency', 1),
        perHost: number('per-host', 1),
        timeout: number('timeout', 1),
        retries: number('retries', 0),
        ...(deadline !== undefined ? { deadline: deadline * 1000 } : {}),
        allowPrivate: values['allow-private'] === true,
      };
      let progress: Progress | undefined;
      const outcome = await runLinks({
        root: resolve(io.cwd, values.root as string),
        files: positionals,
        ...(typeof values.changed === 'string' ? { changed: values.changed } : {}),
        ...(typeof values.cache === 'string' ? { cache: values.cache } : {}),
        overrides,
        onStart: (total) => (progress = new Progress(total, io.stderr)),
        onResult: () => progress?.tick(),
      }).catch((error: Error) => {
        if (/is not a commit/.test(error.message)) throw new UsageError(error.message);
        throw error;
      });
      progress?.finish();
      if (outcome.offline) {
        io.stderr.write('paperlist: no link could be reached at all: this machine looks offline. No link was judged; try again with a network.\n');
        return EXIT.usage;
      }
      const diagnostics = [...outcome.diagnostics, ...linkDiagnostics(outcome.links)];
      const counts = countStates(outcome.links);
      if (format === 'markdown') io.stdout.write(linksMarkdown(outcome.links));
      else
        io.stdout.write(
          formatReport(diagnostics, format, {
            color: useColor(io),
            extra: { links: outcome.links.length, ...outcome.counts, ...counts },
            json: { links: linksJson(outcome.links) },
          }),
        );
      if (format === 'stylish') io.stderr.write(`${outcome.links.length} links: ${Object.entries(counts).filter(([, n]) => n).map(([s, n]) => `${n} ${s}`).join(', ') || 'none'}${outcome.counts.cached ? ` (${outcome.counts.cached} from the cache)` : ''}\n`);
      return counts.dead || counts.blocked || diagnostics.some((d) => d.severity === 'error') ? EXIT.errors : EXIT.ok;
    },
  },
  lint: {
    summary: 'check entries: schema, duplicates, mislabels, hygiene, README drift',
    usage: 'paperlist lint [--fix] [--root DIR] [--format stylish|json|github]',
    options: { fix: { type: 'boolean', default: false }, ...rootOption, ...formatOption },
    help: `Validates every entry against schema/ and runs the rules (docs/rules.md): duplicates,
mislabels, hygiene, readme. Each problem is reported at file:line:column with a hint.
Severities can be changed per rule or check in .paperlist.yml.

Options:
  --fix            apply safe fixes first (venue aliases, spacing, canonical formatting)
                   and list what changed; never judgement calls
  --root DIR       the repository (default: the current directory)
  --format FORMAT  stylish (default), json, or github (workflow annotations)

Exit codes: 0 no errors (warnings allowed), 1 errors, 2 usage or internal error.`,
    async run({ values }, io) {
      const format = formatOf(values);
      const root = resolve(io.cwd, values.root as string);
      const outcome = await lint(root, { fix: values.fix === true });
      for (const f of outcome.fixed) io.stderr.write(`fixed ${f.file}: ${f.changes.join(', ')}\n`);
      io.stdout.write(formatReport(outcome.diagnostics, format, { color: useColor(io), extra: { ...outcome.counts, fixed: outcome.fixed.length } }));
      return hasErrors(outcome.diagnostics) ? EXIT.errors : EXIT.ok;
    },
  },
  generate: {
    summary: 'write README.md from templates/README.md and the entries (--check: only compare)',
    usage: 'paperlist generate [--check] [--root DIR] [--format stylish|json|github]',
    options: { check: { type: 'boolean', default: false }, ...rootOption, ...formatOption },
    help: `Renders README.md: numbered sections and a table of contents from entries/sections.yml,
papers newest first then by title, datasets by name. The same entries give the same bytes on any
machine. The file is written atomically, and not at all when the entries have errors.

Options:
  --check          write nothing; exit 1 with a unified diff when README.md is not current
  --root DIR       the repository (default: the current directory)
  --format FORMAT  stylish (default), json or github, for the diagnostics`,
    async run({ values }, io) {
      const format = formatOf(values);
      const root = resolve(io.cwd, values.root as string);
      const outcome = await generate(root, values.check === true);
      const shown = outcome.diagnostics.filter((d) => d.severity === 'error' || format !== 'stylish');
      if (shown.length || format !== 'stylish') io.stdout.write(formatReport(shown, format, { color: useColor(io), extra: { readme: outcome.status } }));
      switch (outcome.status) {
        case 'refused':
          io.stderr.write('paperlist: README.md was not written: fix the errors above first.\n');
          return EXIT.errors;
        case 'stale':
          io.stdout.write(outcome.diff ?? '');
          io.stderr.write("paperlist: README.md is not what the entries generate. Run 'npm run generate' and commit the result.\n");
          return EXIT.errors;
        case 'unchanged':
          if (format === 'stylish') io.stderr.write('README.md is up to date.\n');
          return EXIT.ok;
        case 'written':
          if (format === 'stylish') io.stderr.write('README.md written.\n');
          return EXIT.ok;
      }
    },
  },
  import: {
    summary: 'turn a hand-written list README into entries/, sections.yml and a template',
    usage: 'paperlist import <README.md> --out <DIR> [--force] [--format stylish|json|github]',
    options: { out: { type: 'string' }, force: { type: 'boolean', default: false }, ...formatOption },
    help: `Reads the README with remark, merges papers listed in several sections into one entry,
repairs UTF-8-read-as-Windows-1252 mojibake, and reports every line it could not read.

Writes <DIR>/entries/papers/*.yml, <DIR>/entries/datasets/*.yml, <DIR>/entries/sections.yml
and <DIR>/templates/README.md. Existing files are never overwritten unless --force is given
(then nothing else is removed: delete stale entries yourself).

Options:
  --out DIR        where to write (required)
  --force          overwrite files that already exist
  --format FORMAT  stylish (default), json or github`,
    async run({ values, positionals }, io) {
      const format = formatOf(values);
      if (positionals.length !== 1) throw new UsageError('import takes exactly one README file.');
      if (typeof values.out !== 'string') throw new UsageError('import needs --out DIR.');
      const input = resolve(io.cwd, positionals[0]!);
      let bytes: Uint8Array;
      try {
        bytes = await readBytes(input);
      } catch (error) {
        return fail(io, `cannot read ${positionals[0]}: ${(error as Error).message}`);
      }
      const plan = planImport(bytes, positionals[0]!, loadVenues());
      const diagnostics: Diagnostic[] = [...plan.diagnostics];
      let written = 0;
      if (plan.files.size) {
        const outcome = await writePlan(plan, resolve(io.cwd, values.out), values.force === true);
        written = outcome.written.length;
        for (const file of outcome.refused)
          diagnostics.push({ file: `${values.out}/${file}`, ruleId: 'import', severity: 'error', message: 'The file exists; nothing was written.', hint: 'Pass --force to overwrite, or choose another --out.' });
      }
      const extra = { ...plan.counts, written };
      io.stdout.write(formatReport(diagnostics, format, { color: useColor(io), extra }));
      if (format === 'stylish')
        io.stdout.write(`imported ${plan.counts.items} list items as ${plan.counts.papers} papers and ${plan.counts.datasets} datasets in ${plan.counts.sections} sections; wrote ${written} files\n`);
      return hasErrors(diagnostics) ? EXIT.errors : EXIT.ok;
    },
  },
};

function formatOf(values: Record<string, unknown>): Format {
  const f = values.format;
  if (typeof f !== 'string' || !(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}.`);
  return f as Format;
}

export function useColor(io: Io): boolean {
  return io.stdout.isTTY === true && !('NO_COLOR' in io.env) && io.env.TERM !== 'dumb';
}

function fail(io: Io, message: string): number {
  io.stderr.write(`paperlist: ${message}\n`);
  return EXIT.usage;
}

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
