// The command line of `paperlist verify`: options, help, and the exit code.
import { verify } from '../commands/verify.js';
import { hasErrors } from '../core/diagnostics.js';
import { formatReport } from './report.js';
import { DEFAULT_SOURCE_OPTIONS } from '../records/sources.js';
import { Progress } from './progress.js';
import { sourcesOf, verifySourceOptions } from './source-options.js';
import { type Command, EXIT, formatOf, formatOption, reportWritten, rootOf, rootOption, UsageError, useColor } from './shared.js';
import { count } from '../text/count.js';
import { resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { readCorrectionForm } from '../check/issue-form.js';
import { appendFixes } from '../commands/fix-report.js';

export const verifyCommand: Command = {
  usage: 'paperlist verify [--entry FILE|LINK|TITLE] [--from-issue FILE] [--fix] [--changes FILE] [--cache FILE] [--root DIR] [--format stylish|json|github] [--arxiv-api URL] [--anthology URL] [--crossref URL] [--datacite URL] [--doi-api URL] [--semantic-scholar URL] [--interval MS]',
  options: {
    fix: { type: 'boolean', default: false },
    changes: { type: 'string' },
    entry: { type: 'string' },
    'from-issue': { type: 'string' },
    ...verifySourceOptions,
    interval: { type: 'string' },
    ...rootOption,
    ...formatOption,
  },
  help: `Fetches the record of every paper whose link is arXiv (the API's Atom feed, ids in batches of
50, at most one request every 3 s), the ACL Anthology (its BibTeX) or a DOI (Crossref), and
compares it with the entry: the title (a different title means the link points at another
paper), the first author, the year (not before the first arXiv version). Entries labelled arXiv
are looked up in Semantic Scholar (one batch request for up to 500 papers), which knows the
published versions of arXiv papers; the published version's own record (Anthology or Crossref)
is then read, and the entry gets a warning "published as <venue> <year>: <link>". A venue that
gives no DOI or Anthology page (ICLR, NeurIPS, ...) is named by the DBLP key Semantic Scholar gives,
when its title and an author are the entry's. Records are cached 30 days. Not part of the
pull-request gate: the scheduled workflow runs it.

  --entry E        only this paper: its file (entries/papers/<id>.yml), its paper link or id, or
                   its exact title
  --from-issue F   only the paper a "Report a correction" issue names (its "Entry" answer)
  --fix   sets venue, year and paper link from the published version (nothing else of it;
          for a venue without a page to link, venue and year, and the arXiv link stays),
          fills the full author list (authorList) and the DOI of every entry whose record
          agrees with it, then regenerates README.md and names the files to commit.

Options:
  --changes FILE            with --fix: add to FILE a Markdown table of every change written, with
                            the record it comes from (the weekly pull request's body)
  --cache FILE              keep records in FILE (JSON) for 30 days
  --root DIR                the repository (default: the current directory)
  --format FORMAT           stylish (default), json or github
  --arxiv-api URL           the arXiv API endpoint (default ${DEFAULT_SOURCE_OPTIONS.arxivApi})
  --anthology URL           the Anthology's base URL (default ${DEFAULT_SOURCE_OPTIONS.anthology})
  --crossref URL            Crossref's REST API (default ${DEFAULT_SOURCE_OPTIONS.crossref})
  --datacite URL            DataCite's REST API, for DOIs Crossref lacks (default ${DEFAULT_SOURCE_OPTIONS.datacite})
  --doi-api URL             the DOI resolver's handle API (default ${DEFAULT_SOURCE_OPTIONS.doiApi})
  --semantic-scholar URL    Semantic Scholar's Graph API (default ${DEFAULT_SOURCE_OPTIONS.semanticScholar})
  --interval MS             between arXiv requests (default 3000; arXiv asks for no less)

Environment: SEMANTIC_SCHOLAR_API_KEY, if set, is sent to Semantic Scholar only (higher rate).`,
  exits: '0 entries agree with their records (warnings allowed), 1 errors, 4 a source could not be reached',
  async run({ values }, io) {
    const format = formatOf(values);
    const interval = values.interval === undefined ? DEFAULT_SOURCE_OPTIONS.interval : Number(values.interval);
    if (!Number.isInteger(interval) || interval < 0) throw new UsageError('--interval takes a whole number of milliseconds.');
    const key = io.env.SEMANTIC_SCHOLAR_API_KEY?.trim();
    const sources = { ...sourcesOf(values, interval), ...(key ? { semanticScholarKey: key } : {}) };
    const progress = new Progress(0, io.stderr, 'papers');
    let entry = typeof values.entry === 'string' ? values.entry : undefined;
    if (typeof values['from-issue'] === 'string') {
      const body = await readFile(resolve(io.cwd, values['from-issue']), 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(`cannot read --from-issue ${values['from-issue']}: ${error.code ?? error.message}`);
      });
      const form = readCorrectionForm(body);
      if (form.problems.length) throw new UsageError(`the issue does not say ${form.problems.join('; ')}`);
      entry ??= form.entry;
    }
    const outcome = await verify(rootOf(values, io), {
      fix: values.fix === true, sources, ...(entry !== undefined ? { entry } : {}),
      ...(typeof values.cache === 'string' ? { cachePath: values.cache } : {}),
      progress: (source, done, total) => progress.set(done, total, `${source} papers`),
    });
    progress.finish();
    // Offline, "no problems" would be a claim about papers nobody looked at.
    const nothingVerified = outcome.counts.checked === 0 && outcome.unreachable.length > 0;
    if (!(nothingVerified && format === 'stylish' && !outcome.diagnostics.length)) io.stdout.write(formatReport(outcome.diagnostics, format, { color: useColor(io), extra: { ...outcome.counts, offline: nothingVerified }, json: { unreachable: outcome.unreachable } }));
    reportWritten(io, outcome.fixed, outcome.generated);
    if (values.fix === true && typeof values.changes === 'string') await appendFixes(resolve(io.cwd, values.changes), 'verify --fix', outcome.fixed);
    if (!outcome.fixed.length && !values.fix && outcome.counts.fillable) {
      io.stderr.write(`${count(outcome.counts.fillable, 'entry', 'entries')} can take more from the records (published version, full author list, DOI): run 'npx paperlist verify --fix'.\n`);
    }
    for (const line of outcome.unreachable) io.stderr.write(`paperlist: ${line}.\n`);
    if (nothingVerified) io.stderr.write('paperlist: nothing was verified: no source could be reached (offline?). Try again with a network.\n');
    if (hasErrors(outcome.diagnostics)) return EXIT.errors;
    return outcome.unreachable.length ? EXIT.offline : EXIT.ok;
  },
};
