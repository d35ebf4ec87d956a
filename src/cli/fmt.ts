// The command line of `paperlist fmt`: options, help, and the exit code.
import { applyFixes } from '../commands/lint.js';
import { hasErrors } from '../core/diagnostics.js';
import { formatReport, printable } from './report.js';
import { type Command, EXIT, rootOf, rootOption, useColor } from './shared.js';

export const fmtCommand: Command = {
  usage: 'paperlist fmt [--check] [--root DIR]',
  options: { check: { type: 'boolean', default: false }, ...rootOption },
  help: `Rewrites every valid entry in canonical form: key order, quoting, indentation, the schema
comment, LF line ends, no BOM; venue aliases become display names; spaces are trimmed. The same
fixes as 'lint --fix', without the lint report. README.md is regenerated with them (unless it has
edits made by hand); with an error anywhere in the list, nothing is rewritten.

Options:
  --check     write nothing; exit 1 and list the files that are not in canonical form
  --root DIR  the repository (default: the current directory)`,
  exits: '0 every entry in canonical form (or rewritten), 1 --check found entries to rewrite, or the list has errors (nothing rewritten)',
  async run({ values }, io) {
    const root = rootOf(values, io);
    const { fixes, generated, diagnostics } = await applyFixes(root, values.check !== true);
    for (const f of fixes) io.stdout.write(`${values.check === true ? 'would rewrite' : 'rewrote'} ${printable(f.file)}: ${f.changes.join(', ')}\n`);
    if (diagnostics.length) io.stdout.write(formatReport(diagnostics, 'stylish', { color: useColor(io) }));
    if (hasErrors(diagnostics)) return EXIT.errors;
    if (!fixes.length) io.stderr.write('All entries are in canonical form.\n');
    else if (values.check !== true) io.stderr.write(`Commit ${printable([...fixes.map((f) => f.file), ...generated].join(', '))}.\n`);
    return values.check === true && fixes.length ? EXIT.errors : EXIT.ok;
  },
};
