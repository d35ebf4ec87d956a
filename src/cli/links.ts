// The command line of `paperlist links`: options, help, and the exit code.
import { runLinks } from '../commands/links.js';
import { isLocalTarget } from '../links/collector.js';
import { Progress } from './progress.js';
import { checkedBySummary, countStates, linkDiagnostics, linksJson, linksMarkdown, statesSummary } from '../links/report.js';
import { formatReport } from './report.js';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../core/fs-atomic.js';
import { appendFixes } from '../commands/fix-report.js';
import { type Command, EXIT, formatOf, formatOption, reportWritten, rootOf, rootOption, UsageError, useColor } from './shared.js';

export const linksCommand: Command = {
  positionals: true,
  usage: 'paperlist links [FILE.md ...] [--fix] [--changed REF] [--cache FILE] [--concurrency N] [--per-host N] [--timeout MS] [--deadline S] [--retries N] [--allow-private] [--records FILE] [--arxiv-api URL] [--github-api URL] [--doi-api URL] [--root DIR] [--format stylish|json|github|markdown] [--max-chars N] [--report FILE] [--changes FILE]',
  options: {
    fix: { type: 'boolean', default: false },
    changed: { type: 'string' },
    cache: { type: 'string' },
    concurrency: { type: 'string' },
    'per-host': { type: 'string' },
    timeout: { type: 'string' },
    deadline: { type: 'string' },
    retries: { type: 'string' },
    'allow-private': { type: 'boolean', default: false },
    records: { type: 'string' },
    'arxiv-api': { type: 'string' },
    'github-api': { type: 'string' },
    'doi-api': { type: 'string' },
    'max-chars': { type: 'string' },
    report: { type: 'string' },
    changes: { type: 'string' },
    ...rootOption,
    ...formatOption,
  },
  help: `Without FILE: every link field of entries/ and the Markdown links of templates/README.md.
With FILE.md arguments (up to 2 MB each): the links of those Markdown files instead.

Checks each unique URL once (fragments dropped), politely: HEAD first, GET (headers only)
when HEAD is refused, a global and a per-host limit, Retry-After honoured, retries with backoff on
429, 5xx and network errors. Three kinds of link are asked of an API instead (see docs/links.md):
  arXiv pages          the arXiv API, 50 ids a request, one request every 3 s
  GitHub repositories  GitHub's GraphQL API, 100 a query, when GITHUB_TOKEN is set: missing,
                       renamed (redirected, with the new URL) and archived (a warning) told apart
  DOI links            the DOI resolver's handle API: does the DOI exist (no publisher page)
links.arxivApi, links.githubApi, links.doiApi: false in .paperlist.yml turn each off; what an API
cannot answer is checked over HTTP. The report says which way each link was checked.

States: ok, redirected (final URL reported), dead (404/410, DNS name not found, malformed URL:
an error), unreachable (timeouts, resets, 403/429/5xx that persist: a warning), blocked (private
address: an error), skipped (excluded in .paperlist.yml, or not http).

Options:
  --fix              give entries whose link moved permanently (301/308, a renamed repository)
                     the new URL, then write README.md again; it names the files to commit
  --changed REF      only URLs that entries/templates added or changed since the git REF (PR mode)
  --cache FILE       keep successes in FILE for links.cacheTtlDays (default 7); failures are re-checked
  --concurrency N    requests in flight, all hosts (default 64)
  --per-host N       requests in flight per host (default 4); per-host overrides in .paperlist.yml
  --timeout MS       per request, until the response headers (default 15000)
  --deadline S       for the whole run (default 600); unfinished links are reported unreachable
  --retries N        after 429, 5xx or a network error (default 2)
  --allow-private    allow private and loopback addresses (for local tests only)
  --records FILE     the record cache verify keeps (verify --cache FILE): arXiv records go there too
  --arxiv-api URL    the arXiv API endpoint (default https://export.arxiv.org/api/query)
  --github-api URL   GitHub's GraphQL endpoint (default https://api.github.com/graphql; https only)
  --doi-api URL      the DOI handle API (default https://doi.org/api/handles)
  --root DIR         the repository (default: the current directory)
  --format FORMAT    stylish (default), json, github or markdown
  --max-chars N      with markdown: leave whole table rows out so that the report stays within N
                     characters (an issue body holds 65,536), with a note saying so
  --report FILE      also write the whole Markdown report to FILE (for a run's artifact)
  --changes FILE     with --fix: add to FILE a Markdown table of every change written, with the
                     answer it rests on (the weekly pull request's body)

Environment: GITHUB_TOKEN, if set, is sent to the GitHub API only: never printed or cached.`,
  exits: '0 no dead link (unreachable ones are warnings), 1 dead or blocked links, 4 offline (no web link judged, whatever else was found)',
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
    const maxChars = number('max-chars', 1000);
    const overrides = {
      concurrency: number('concurrency', 1),
      perHost: number('per-host', 1),
      timeout: number('timeout', 1),
      retries: number('retries', 0),
      ...(deadline !== undefined ? { deadline: deadline * 1000 } : {}),
      allowPrivate: values['allow-private'] === true,
    };
    if (values.fix === true && positionals.length) throw new UsageError('--fix changes entries: it cannot be used with FILE.md arguments.');
    const progress = new Progress(0, io.stderr);
    const root = rootOf(values, io);
    const outcome = await runLinks({
      root,
      files: positionals,
      ...(typeof values.changed === 'string' ? { changed: values.changed } : {}),
      ...(typeof values.cache === 'string' ? { cache: values.cache } : {}),
      ...(typeof values.records === 'string' ? { records: values.records } : {}),
      ...(typeof values['arxiv-api'] === 'string' ? { arxivApi: values['arxiv-api'] } : {}),
      ...(typeof values['github-api'] === 'string' ? { githubApi: values['github-api'] } : {}),
      ...(typeof values['doi-api'] === 'string' ? { doiApi: values['doi-api'] } : {}),
      ...(io.env.GITHUB_TOKEN ? { githubToken: io.env.GITHUB_TOKEN } : {}),
      overrides,
      onQueued: () => progress.queue(),
      onResult: () => progress.tick(),
    });
    progress.finish();
    // Offline, no web link was judged; the repository's own files (relative links, images) were.
    const links = outcome.offline ? outcome.links.filter((l) => isLocalTarget(l.url)) : outcome.links;
    const diagnostics = [...outcome.diagnostics, ...linkDiagnostics(links, outcome.level)];
    const counts = countStates(links);
    if (typeof values.report === 'string') await writeFileAtomic(resolve(io.cwd, values.report), linksMarkdown(outcome.links));
    if (outcome.offline) {
      // JSON is always one document, so that a script reads "offline" instead of failing to parse;
      // Markdown is always Markdown. Offline is exit 4 whatever else was found: nothing on the web
      // was judged, so a weekly job opens no "dead links" issue from such a run.
      if (format === 'markdown') io.stdout.write(`## Link check\n\nThis run could not reach the web: no web link was judged. Try again with a network.\n`);
      else if (links.length || diagnostics.length || format === 'json')
        io.stdout.write(formatReport(diagnostics, format, { color: useColor(io), extra: { links: links.length, offline: true }, json: { links: linksJson(links) } }));
      io.stderr.write(`paperlist: no web link could be reached at all: this machine looks offline. No web link was judged${links.length ? ` (${links.length === 1 ? 'the one relative link or image was' : `the ${links.length} relative links and images were`})` : ''}; try again with a network.\n`);
      return EXIT.offline;
    }
    if (format === 'markdown') io.stdout.write(linksMarkdown(outcome.links, 'Link check', maxChars ?? Infinity));
    else
      io.stdout.write(
        formatReport(diagnostics, format, {
          color: useColor(io),
          extra: { links: links.length, ...outcome.counts, ...counts, offline: false },
          json: { links: linksJson(links) },
        }),
      );
    if (format === 'stylish') {
      const by = checkedBySummary(links);
      io.stderr.write(`${statesSummary(links, counts)}${outcome.counts.cached ? ` (${outcome.counts.cached} from the cache)` : ''}${by ? `; checked ${by}` : ''}\n`);
    }
    let fixErrors = false;
    if (values.fix === true) {
      const { fixMovedLinks } = await import('../commands/links-fix.js');
      const fix = await fixMovedLinks(root, outcome.links, outcome.project);
      if (fix.diagnostics.length) io.stderr.write(formatReport(fix.diagnostics, 'stylish', { color: false }));
      reportWritten(io, fix.fixed, fix.generated);
      if (typeof values.changes === 'string') await appendFixes(resolve(io.cwd, values.changes), 'links --fix', fix.fixed);
      fixErrors = fix.diagnostics.some((d) => d.severity === 'error');
      if (!fix.fixed.length && !fixErrors) io.stderr.write('--fix: no entry link moved permanently; nothing changed.\n');
    }
    // Errors fail the run: dead and blocked links by default, as .paperlist.yml's rules set them.
    return fixErrors || diagnostics.some((d) => d.severity === 'error') ? EXIT.errors : EXIT.ok;
  },
};
