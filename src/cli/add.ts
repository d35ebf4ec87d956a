// The command line of `paperlist add`: options, help, and the exit code.
import { createInterface } from 'node:readline/promises';
import { addPaper, REQUIRED_FIELDS, type AddFields } from '../commands/add.js';
import { formatReport } from '../report.js';
import { type Command, EXIT, formatOf, formatOption, rootOf, rootOption, UsageError, useColor } from './shared.js';

export const addCommand: Command = {
  positionals: true,
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
    const root = rootOf(values, io);
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
    const dryRun = values['dry-run'] === true;
    const outcome = await addPaper(root, fields, !dryRun);
    // With --format json, stdout is one JSON document: the entry goes inside it.
    if (format === 'json') io.stdout.write(formatReport(outcome.diagnostics, format, { color: false, extra: { file: outcome.file ?? null }, json: outcome.text !== undefined ? { entry: outcome.text } : {} }));
    else if (outcome.diagnostics.length || format !== 'stylish') io.stdout.write(formatReport(outcome.diagnostics, format, { color: useColor(io), extra: { file: outcome.file ?? null } }));
    if (!outcome.text) {
      io.stderr.write('paperlist: the entry was not written: fix the errors above.\n');
      return EXIT.errors;
    }
    if (dryRun) {
      if (format === 'stylish') io.stdout.write(outcome.text);
      else if (format === 'github') io.stderr.write(outcome.text);
    } else io.stderr.write(`created ${outcome.file}\nNext: npm run generate, then commit ${outcome.file}, README.md and docs/papers-per-year.svg.\n`);
    return EXIT.ok;
  },
};
