// The command line of `paperlist generate`: options, help, and the exit code.
import { generate } from '../commands/generate.js';
import { formatReport } from '../report.js';
import { type Command, EXIT, formatOf, formatOption, rootOf, rootOption, useColor } from './shared.js';

export const generateCommand: Command = {
  usage: 'paperlist generate [--check] [--root DIR] [--format stylish|json|github]',
  options: { check: { type: 'boolean', default: false }, ...rootOption, ...formatOption },
  help: `Renders README.md: numbered sections and a table of contents from entries/sections.yml,
papers newest first then by title, datasets by name. The same entries give the same bytes on any
machine. The file is written atomically, and not at all when the entries have errors.

Options:
  --check          write nothing; exit 1 with a unified diff when README.md is not current
  --root DIR       the repository (default: the current directory)
  --format FORMAT  stylish (default), json or github, for the diagnostics`,
  exits: '0 written (or up to date), 1 refused (entries have errors) or --check found a stale file',
  async run({ values }, io) {
    const format = formatOf(values);
    const root = rootOf(values, io);
    const outcome = await generate(root, values.check === true);
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
        // 'npm run generate' alone would throw away a hand edit of README.md: absorb keeps it.
        io.stderr.write(`paperlist: ${named} ${outcome.files.length > 1 ? 'are' : 'is'} not what the entries generate. ${outcome.files.includes('README.md') ? "If you edited README.md by hand, run 'npx paperlist absorb' (it turns the edit into entry changes) and commit the files it names; otherwise run" : 'Run'} 'npm run generate' and commit ${named}.\n`);
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
