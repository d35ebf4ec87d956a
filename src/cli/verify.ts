// The command line of `paperlist verify`: options, help, and the exit code.
import { verify } from '../commands/verify.js';
import { hasErrors } from '../diagnostics.js';
import { formatReport } from '../report.js';
import { DEFAULT_SOURCE_OPTIONS } from '../records/sources.js';
import { sourceOptions, sourcesOf } from './source-options.js';
import { type Command, EXIT, formatOf, formatOption, rootOf, rootOption, UsageError, useColor } from './shared.js';

export const verifyCommand: Command = {
  usage: 'paperlist verify [--cache FILE] [--root DIR] [--format stylish|json|github] [--arxiv-api URL] [--anthology URL] [--interval MS]',
  options: {
    ...sourceOptions,
    interval: { type: 'string' },
    ...rootOption,
    ...formatOption,
  },
  help: `Fetches the records of every paper linked to arXiv (the API's Atom feed, ids in batches of
50, at most one request every 3 s) or to the ACL Anthology (its BibTeX), and compares them with the
entry: the title (a different title means the link points at another paper), the first author,
the year (not before the first arXiv version), and arXiv's journal reference. Records are cached
30 days. Not part of the pull-request gate: the scheduled workflow runs it.

Options:
  --cache FILE        keep records in FILE (JSON) for 30 days
  --root DIR          the repository (default: the current directory)
  --format FORMAT     stylish (default), json or github
  --arxiv-api URL     the arXiv API endpoint (default ${DEFAULT_SOURCE_OPTIONS.arxivApi})
  --anthology URL     the Anthology's base URL (default ${DEFAULT_SOURCE_OPTIONS.anthology})
  --interval MS       between arXiv requests (default 3000; arXiv asks for no less)`,
  async run({ values }, io) {
    const format = formatOf(values);
    const interval = values.interval === undefined ? DEFAULT_SOURCE_OPTIONS.interval : Number(values.interval);
    if (!Number.isInteger(interval) || interval < 0) throw new UsageError('--interval takes a whole number of milliseconds.');
    const sources = sourcesOf(values, interval);
    const outcome = await verify(rootOf(values, io), typeof values.cache === 'string' ? values.cache : undefined, sources);
    io.stdout.write(formatReport(outcome.diagnostics, format, { color: useColor(io), extra: outcome.counts }));
    return hasErrors(outcome.diagnostics) ? EXIT.errors : EXIT.ok;
  },
};
