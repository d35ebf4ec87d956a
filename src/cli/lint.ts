// The command line of `paperlist lint`: options, help, and the exit code.
import { lint } from '../commands/lint.js';
import { hasErrors } from '../core/diagnostics.js';
import { formatReport, printable } from './report.js';
import { type Command, EXIT, formatOf, formatOption, rootOf, rootOption, useColor } from './shared.js';

export const lintCommand: Command = {
  usage: 'paperlist lint [--fix] [--base REF] [--root DIR] [--format stylish|json|github]',
  options: { fix: { type: 'boolean', default: false }, base: { type: 'string' }, ...rootOption, ...formatOption },
  help: `Validates every entry against schema/ and runs the rules (docs/rules.md): duplicates,
mislabels, hygiene, readme. Each problem is reported at file:line:column with a hint.
Severities can be changed per rule or check in .paperlist.yml.

Options:
  --fix            apply the fixes the checks found first (venue aliases, spacing, arXiv
                   links, the DOI a link names, canonical formatting) and list what
                   changed; never judgement calls, nothing for a check turned off
  --base REF       in a pull request: the base branch (e.g. origin/main); of two copies of a
                   paper, the one the branch adds is named as the one to remove
  --root DIR       the repository (default: the current directory)
  --format FORMAT  stylish (default), json (with ranges, expected values and each
                   check's docs url), or github (workflow annotations)`,
  exits: '0 no errors (warnings allowed), 1 errors',
  async run({ values }, io) {
    const format = formatOf(values);
    const root = rootOf(values, io);
    const outcome = await lint(root, { fix: values.fix === true, ...(typeof values.base === 'string' ? { base: values.base } : {}) });
    for (const f of outcome.fixed) io.stderr.write(`fixed ${printable(f.file)}: ${printable(f.changes.join(', '))}\n`);
    io.stdout.write(formatReport(outcome.diagnostics, format, { color: useColor(io), extra: { ...outcome.counts, fixed: outcome.fixed.length } }));
    return hasErrors(outcome.diagnostics) ? EXIT.errors : EXIT.ok;
  },
};
