// The command line of `paperlist generate`: options, help, and the exit code.
import { generate } from '../commands/generate.js';
import type { ReadmeState } from '../pipeline/readme-state.js';
import { formatReport } from './report.js';
import { type Command, EXIT, formatOf, formatOption, rootOf, rootOption, useColor } from './shared.js';

/** What to run about a stale README.md: absorb keeps a hand edit, which 'npm run generate' would refuse to overwrite. */
function staleAdvice(state: ReadmeState | undefined, named: string): string {
  const absorb = "run 'npx paperlist absorb' (it turns the edit into entry changes and regenerates README.md) and commit the files it names";
  if (state === 'hand-edited') return `README.md has edits made by hand: ${absorb}.`;
  if (state === 'stale') return `Run 'npm run generate' and commit ${named}.`;
  return `If you edited README.md by hand, ${absorb}; otherwise run 'npm run generate' and commit ${named}.`;
}

export const generateCommand: Command = {
  usage: 'paperlist generate [--check] [--force] [--root DIR] [--format stylish|json|github]',
  options: { check: { type: 'boolean', default: false }, force: { type: 'boolean', default: false }, ...rootOption, ...formatOption },
  help: `Renders README.md: numbered sections and a table of contents from entries/sections.yml,
papers newest first then by title, datasets by name. The same entries give the same bytes on any
machine. The file is written atomically, and not at all when the entries have errors.

A README.md edited by hand (neither what the entries generate nor what they generated at the last
commit) is not overwritten: 'npx paperlist absorb' turns the edit into entry changes, and
--force throws it away.

Options:
  --check          write nothing; exit 1 with a unified diff when README.md is not current
  --force          regenerate README.md even when it has edits made by hand (they are lost)
  --root DIR       the repository (default: the current directory)
  --format FORMAT  stylish (default), json or github, for the diagnostics`,
  exits: '0 written (or up to date), 1 refused (entries have errors, or README.md has hand edits) or --check found a stale file',
  async run({ values }, io) {
    const format = formatOf(values);
    const root = rootOf(values, io);
    const outcome = await generate(root, { check: values.check === true, force: values.force === true });
    const shown = outcome.diagnostics.filter((d) => d.severity === 'error' || format !== 'stylish');
    const named = outcome.files.join(' and ');
    // With --format json, stdout is one JSON document: the diff goes inside it.
    if (format === 'json') io.stdout.write(formatReport(shown, format, { color: false, extra: { readme: outcome.status, files: outcome.files }, json: outcome.diff !== undefined ? { diff: outcome.diff } : {} }));
    else if (shown.length || format !== 'stylish') io.stdout.write(formatReport(shown, format, { color: useColor(io), extra: { readme: outcome.status } }));
    switch (outcome.status) {
      case 'refused':
        io.stderr.write("paperlist: nothing was written: fix the errors above first ('npm run lint' lists them with hints).\n");
        return EXIT.errors;
      case 'stale':
        if (format !== 'json') io.stdout.write(outcome.diff ?? '');
        io.stderr.write(`paperlist: ${named} ${outcome.files.length > 1 ? 'are' : 'is'} not what the entries generate. ${staleAdvice(outcome.readme, named)}\n`);
        return EXIT.errors;
      case 'hand-edited':
        io.stderr.write(outcome.readme === 'hand-edited'
          ? "paperlist: README.md has edits made by hand (it is neither what the entries generate nor what they generated at the last commit); nothing was written. Run 'npx paperlist absorb' to turn the edit into entry changes, or 'npx paperlist generate --force' to throw it away.\n"
          : "paperlist: README.md differs from what the entries generate, and there is no git commit to tell a stale README.md from a hand edit; nothing was written. Run 'npx paperlist generate --force' to regenerate it (an edit made by hand in it is lost).\n");
        return EXIT.errors;
      case 'unchanged':
        if (format === 'stylish') io.stderr.write('README.md is up to date.\n');
        return EXIT.ok;
      case 'written':
        if (format === 'stylish') io.stderr.write(`wrote ${named}: commit ${outcome.files.length > 1 ? 'them' : 'it'} with your entry changes.\n`);
        return EXIT.ok;
    }
  },
};
