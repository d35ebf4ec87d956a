// The command line of `paperlist add`: options, prompts, help, and the exit code.
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { resolve } from 'node:path';
import { addPaper, REQUIRED_FIELDS, type AddFields } from '../commands/add.js';
import { addDataset, type AddDatasetOutcome } from '../commands/add-dataset.js';
import { isDatasetForm, readDatasetForm, readIssueForm } from '../check/issue-form.js';
import { loadProject, type Project } from '../check/project.js';
import { sectionChoices, type SectionChoice } from '../core/section-labels.js';
import { canonicalPaperUrl, identifyPaper, impliedFields, type PaperRef } from '../core/identify.js';
import { loadVenues } from '../core/package-files.js';
import { DEFAULT_SOURCE_OPTIONS } from '../records/sources.js';
import { sourceOptions, sourcesOf } from './source-options.js';
import { formatReport, printable } from './report.js';
import { CancelledError, type Command, EXIT, formatOf, formatOption, rootOf, rootOption, UsageError, useColor, type Io } from './shared.js';

const FIELD_FLAGS = ['title', 'authors', 'year', 'venue', 'doi', 'paper', 'code', 'model', 'data', 'project'] as const;

/** The repository's entries, loaded once per command however many steps ask (the form's choices, the prompts, the add itself). */
function projectOnce(root: string): () => Promise<Project> {
  let loaded: Promise<Project> | undefined;
  return () => (loaded ??= loadProject(root));
}

/** Paper sections of the repository (those entries go in), for prompts, hints and the issue form. */
async function paperSectionList(project: () => Promise<Project>): Promise<SectionChoice[]> {
  return sectionChoices((await project()).sections, 'paper');
}

const DATASET_FLAGS = ['name', 'url', 'description'] as const;

async function paperSections(project: () => Promise<Project>): Promise<string[]> {
  return (await paperSectionList(project)).map((s) => s.id);
}

/** On a terminal: asks for what is missing, and asks again for a section that does not exist. */
async function ask(io: Io, project: () => Promise<Project>, fields: AddFields, needRecordFields: boolean): Promise<void> {
  const rl = createInterface({ input: io.stdin!, output: io.stderr, terminal: io.stdin!.isTTY === true });
  // Ctrl+C (SIGINT on the prompt) or Ctrl+D (the input ends): nothing is written, exit 130.
  let cancel: (error: CancelledError) => void = () => {};
  const cancelled = new Promise<never>((_, reject) => (cancel = reject));
  cancelled.catch(() => {});
  rl.on('SIGINT', () => cancel(new CancelledError()));
  rl.on('close', () => cancel(new CancelledError()));
  const question = (prompt: string): Promise<string> => Promise.race([rl.question(prompt), cancelled]);
  try {
    if (needRecordFields) {
      for (const key of REQUIRED_FIELDS) if (!fields[key]?.trim()) fields[key] = (await question(`${key}${key === 'authors' ? ' (as the list shows them: "Zhu et al.")' : ''}: `)).trim();
      if (fields.venue === undefined) fields.venue = (await question('venue (e.g. arXiv, ACL, EMNLP; Enter for none): ')).trim() || undefined;
      if (!fields.paper) fields.paper = (await question('paper link (Enter for none): ')).trim() || undefined;
    }
    if (!fields.sections.length) {
      const known = await paperSections(project);
      io.stderr.write(`Sections: ${known.join(', ')}\n`);
      for (;;) {
        const answer = (await question('section ids (comma-separated): ')).split(',').map((x) => x.trim()).filter(Boolean);
        const unknown = answer.filter((s) => !known.includes(s));
        if (answer.length && !unknown.length) {
          fields.sections = answer;
          break;
        }
        io.stderr.write(answer.length ? `Not a section: ${unknown.join(', ')}. Use ids from the list above.\n` : 'At least one section, please.\n');
      }
    }
  } finally {
    rl.close();
  }
}

/** A word for the shell: quoted unless it is plain (a title or venue has spaces, a DOI may have parentheses). */
const shellWord = (word: string): string => (/^[\w.,:/@%+=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/**
 * The add command that needs no source: what was given, what the identifier says (an arXiv or
 * Anthology id gives the year and venue lint expects), placeholders for the rest.
 */
function byHandCommand(fields: AddFields, ref: PaperRef | undefined): string {
  const implied = ref ? impliedFields(ref, loadVenues()) : {};
  const value = (given: string | undefined, known: string | number | undefined, placeholder: string): string => (given?.trim() ? shellWord(given.trim()) : known !== undefined ? shellWord(String(known)) : placeholder);
  const sections = fields.sections.length ? fields.sections.map((s) => `--section ${shellWord(s)}`).join(' ') : '--section ID';
  const links = (['code', 'model', 'data', 'project'] as const).filter((k) => fields[k]?.trim()).map((k) => ` --${k} ${shellWord(fields[k]!.trim())}`).join('');
  return `npx paperlist add --title ${value(fields.title, undefined, 'T')} --authors ${value(fields.authors, undefined, 'A')} --year ${value(fields.year, implied.year, 'Y')} --venue ${value(fields.venue, implied.venue, 'V')} --paper ${ref ? shellWord(canonicalPaperUrl(ref)) : 'URL'}${links} ${sections}`;
}

export const addCommand: Command = {
  positionals: true,
  usage: 'paperlist add [LINK|ID] --section ID [--section ID ...] [--title T] [--authors A] [--year Y] [--venue V] [--doi DOI] [--paper|--code|--model|--data|--project URL] [--name N --url URL --description D (a dataset)] [--from-issue FILE] [--dry-run] [--arxiv-api URL] [--anthology URL] [--crossref URL] [--datacite URL] [--doi-api URL] [--cache FILE] [--root DIR] [--format stylish|json|github]',
  options: {
    ...Object.fromEntries([...FIELD_FLAGS, ...DATASET_FLAGS].map((f) => [f, { type: 'string' }])),
    section: { type: 'string', multiple: true },
    'from-issue': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    ...sourceOptions,
    ...rootOption,
    ...formatOption,
  },
  help: `With a LINK or ID (arXiv: https://arxiv.org/abs/2402.07827, a pdf or versioned link, 2402.07827,
cs/0112017; ACL Anthology: https://aclanthology.org/2023.emnlp-main.226, 2023.emnlp-main.226;
a DOI: https://doi.org/10.1145/3442188.3445922, 10.1145/3442188.3445922), writes the entry from
the paper's record: title, authors ("Üstün et al."), the full author list, year, venue, DOI and
the paper link in canonical form. Flags given by hand override the record. Without one, every
field comes from the flags (--title, --authors and --year are then required).

With --name, adds a dataset instead: --name, --description and --section are required, --url is
its link; written to entries/datasets/<id>.yml. --from-issue takes the "Add a paper" or the "Add a
dataset" form, whichever the issue is.

Writes entries/papers/<id>.yml, the id derived from the title, in canonical form. Refuses (exit 1,
naming the existing file) a paper that is already listed: same title, arXiv id, ACL Anthology id,
DOI or paper URL; and anything lint would call an error. On a terminal, asks for what is missing.

Options:
  --section ID                 repeatable; ids from entries/sections.yml (asked on a terminal)
  --name, --url, --description a dataset's fields (a dataset is added when --name is given)
  --title, --authors, --year   override the record, or give the paper by hand
  --venue, --doi               from schema/venues.json (aliases such as Arxiv are accepted); the DOI
  --paper, --code, --model, --data, --project   links
  --from-issue FILE            the body of an "Add a paper" issue (the form's answers)
  --dry-run                    check and print the entry, write nothing
  --arxiv-api URL              the arXiv API (default ${DEFAULT_SOURCE_OPTIONS.arxivApi})
  --anthology URL              the ACL Anthology (default ${DEFAULT_SOURCE_OPTIONS.anthology})
  --crossref URL               Crossref's REST API, for DOIs (default ${DEFAULT_SOURCE_OPTIONS.crossref})
  --datacite URL               DataCite's REST API, for DOIs Crossref lacks (default ${DEFAULT_SOURCE_OPTIONS.datacite})
  --doi-api URL                the DOI resolver's handle API (default ${DEFAULT_SOURCE_OPTIONS.doiApi})
  --cache FILE                 keep records in FILE (verify's cache)
  --root DIR                   the repository (default: the current directory)
  --format FORMAT              stylish (default), json or github

README.md and the chart are regenerated with the entry (unless README.md has edits made by hand:
then run 'npx paperlist absorb'); commit the files it names.`,
  exits: '0 written, 1 refused (listed already, errors, unknown id), 4 the source could not be reached, 130 cancelled at a prompt (nothing written)',
  async run({ values, positionals }, io) {
    const format = formatOf(values);
    const root = rootOf(values, io);
    const project = projectOnce(root);
    const fields: AddFields = { sections: (values.section as string[] | undefined) ?? [] };
    for (const key of FIELD_FLAGS) if (typeof values[key] === 'string') fields[key] = values[key] as string;
    if (positionals.length > 1) throw new UsageError(`add takes one link or id, found ${positionals.length}.`);
    let source = positionals[0];
    const body = typeof values['from-issue'] === 'string'
      ? await readFile(resolve(io.cwd, values['from-issue']), 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(`cannot read --from-issue ${values['from-issue']}: ${error.code ?? error.message}`);
      })
      : undefined;
    if (typeof values.name === 'string' || (body !== undefined && isDatasetForm(body))) return addDatasetCommand(values, body, root, project, format, io);
    if (body !== undefined) {
      const form = readIssueForm(body, await paperSectionList(project));
      if (form.problems.length) throw new UsageError(`the issue does not say ${form.problems.join('; ')}`);
      source ??= form.link;
      if (!fields.sections.length) fields.sections = form.sections;
      if (form.code && !fields.code) fields.code = form.code;
    }
    const missing = [...(source === undefined ? REQUIRED_FIELDS.filter((k) => !fields[k]?.trim()) : []), ...(fields.sections.length ? [] : ['section'])];
    if (missing.length && io.stdin?.isTTY) await ask(io, project, fields, source === undefined);
    else if (missing.length) throw new UsageError(`missing ${missing.map((k) => `--${k}`).join(', ')}${missing.includes('section') ? ` (sections: ${(await paperSections(project)).join(', ')})` : ''}.`);

    const dryRun = values['dry-run'] === true;
    const outcome = await addPaper({
      root, project: await project(), ...(source !== undefined ? { source } : {}), fields, sources: sourcesOf(values), write: !dryRun,
      ...(typeof values.cache === 'string' ? { cache: values.cache } : {}),
    });
    if (outcome.problem) {
      const ref = source !== undefined ? identifyPaper(source) : undefined;
      const byHand = byHandCommand(fields, ref);
      // A script asking for JSON gets one document that says what went wrong.
      if (format === 'json') io.stdout.write(formatReport([], 'json', { color: false, extra: { file: null }, json: { problem: { kind: outcome.problem.kind, message: outcome.problem.message, byHand } } }));
      io.stderr.write(`paperlist: ${outcome.problem.message}. Nothing was written. To add it by hand: ${byHand}\n`);
      return outcome.problem.kind === 'unreachable' ? EXIT.offline : EXIT.errors;
    }
    return reportAdded(outcome, format, dryRun, io);
  },
};

/** What add says once it has an outcome (a paper's or a dataset's): the report, the entry on a dry run, the files to commit. */
function reportAdded(outcome: AddDatasetOutcome, format: ReturnType<typeof formatOf>, dryRun: boolean, io: Io): number {
  // With --format json, stdout is one JSON document: the entry goes inside it.
  if (format === 'json') io.stdout.write(formatReport(outcome.diagnostics, format, { color: false, extra: { file: outcome.file ?? null }, json: outcome.text !== undefined ? { entry: outcome.text } : {} }));
  else if (outcome.diagnostics.length || format !== 'stylish') io.stdout.write(formatReport(outcome.diagnostics, format, { color: useColor(io), extra: { file: outcome.file ?? null } }));
  if (!outcome.text) {
    io.stderr.write('paperlist: the entry was not written: see above.\n');
    return EXIT.errors;
  }
  if (dryRun) {
    if (format === 'stylish') io.stdout.write(outcome.text);
    else if (format === 'github') io.stderr.write(outcome.text);
  } else {
    const generated = outcome.generated ?? [];
    io.stderr.write(printable(`created ${outcome.file}`) + `\n${generated.length ? `wrote ${generated.join(' and ')} with it. Commit ${printable([outcome.file, ...generated].join(', '))}.` : "README.md was not regenerated (see above): run 'npx paperlist absorb', then commit the files it names."}\n`);
  }
  return EXIT.ok;
}

/** add for a dataset: from the flags, or the "Add a dataset" form (flags given win). */
async function addDatasetCommand(values: Record<string, unknown>, body: string | undefined, root: string, projectOf: () => Promise<Project>, format: ReturnType<typeof formatOf>, io: Io): Promise<number> {
  const project = await projectOf();
  const choices = sectionChoices(project.sections, 'dataset');
  const flag = (name: string): string | undefined => (typeof values[name] === 'string' && (values[name] as string).trim() ? (values[name] as string) : undefined);
  const form = body !== undefined ? readDatasetForm(body, choices) : undefined;
  if (form?.problems.length) throw new UsageError(`the issue does not say ${form.problems.join('; ')}`);
  const sections = (values.section as string[] | undefined)?.length ? (values.section as string[]) : form?.sections ?? [];
  const name = flag('name') ?? form?.name;
  const description = flag('description') ?? form?.description;
  const url = flag('url') ?? form?.url;
  const missing = [...(name ? [] : ['--name']), ...(description ? [] : ['--description']), ...(sections.length ? [] : ['--section'])];
  if (missing.length) throw new UsageError(`missing ${missing.join(', ')}${sections.length ? '' : ` (dataset sections: ${choices.map((c) => c.id).join(', ')})`}.`);
  const dryRun = values['dry-run'] === true;
  const outcome = await addDataset({ root, fields: { name: name!, description: description!, sections, ...(url ? { url } : {}) }, write: !dryRun, project });
  return reportAdded(outcome, format, dryRun, io);
}
