// The command line of `paperlist import`: options, help, and the exit code.
import { resolve } from 'node:path';
import { existingFiles, planImport, readImportSource, writePlan } from '../commands/import.js';
import { atOrigin, gateWrites } from '../pipeline/write-gate.js';
import { statSync } from 'node:fs';
import { asFileError, FileError } from '../core/errors.js';
import { hasErrors, type Diagnostic } from '../core/diagnostics.js';
import { loadVenues } from '../core/package-files.js';
import { formatReport } from './report.js';
import { EXIT, fail, formatOf, formatOption, UsageError, useColor, type Command } from './shared.js';
import { count } from '../text/count.js';

/** The output folder is a folder, or can be made one: a file in the way is exit 3, before anything is checked. */
function assertFolder(out: string): void {
  try {
    if (!statSync(out).isDirectory()) throw new FileError(out, 'write', 'it is a file, not a folder');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw asFileError(error, out, 'write');
  }
}

export const importCommand: Command = {
  positionals: true,
  usage: 'paperlist import <README.md> --out <DIR> [--force] [--allow-errors] [--format stylish|json|github]',
  options: { out: { type: 'string' }, force: { type: 'boolean', default: false }, 'allow-errors': { type: 'boolean', default: false }, ...formatOption },
  help: `Reads the README with remark, merges papers listed in several sections into one entry,
repairs UTF-8-read-as-Windows-1252 mojibake, and reports every line it could not read.

Writes <DIR>/entries/papers/*.yml, <DIR>/entries/datasets/*.yml, <DIR>/entries/sections.yml
and <DIR>/templates/README.md. Existing files are never overwritten unless --force is given
(then nothing else is removed: delete stale entries yourself). The imported list is checked as
lint checks it (schema, every rule, the render) before anything is written: with an error,
nothing is written, unless --allow-errors.

Options:
  --out DIR        where to write (required)
  --force          overwrite files that already exist
  --allow-errors   write the import even when it has errors (a migration: fix them in place with
                   'npx paperlist lint'); they are listed, and the exit code is 1
  --format FORMAT  stylish (default), json or github`,
  exits: '0 imported, 1 errors (nothing written without --allow-errors), or files that exist (without --force)',
  async run({ values, positionals }, io) {
    const format = formatOf(values);
    if (positionals.length !== 1) throw new UsageError('import takes exactly one README file.');
    if (typeof values.out !== 'string') throw new UsageError('import needs --out DIR.');
    const input = resolve(io.cwd, positionals[0]!);
    const read = readImportSource(input);
    if ('problem' in read) return fail(io, `cannot import ${positionals[0]}: ${read.message}${read.problem === 'too-large' ? ' Import a list README, not an archive of them.' : ''}`);
    const bytes = read.bytes;
    const plan = planImport(bytes, positionals[0]!, loadVenues());
    const diagnostics: Diagnostic[] = [...plan.diagnostics];
    let written = 0;
    const out = resolve(io.cwd, values.out);
    const allowErrors = values['allow-errors'] === true;
    if (plan.files.size) {
      const existing = values.force === true ? [] : await existingFiles(plan, out);
      for (const file of existing)
        diagnostics.push({ file: `${values.out}/${file}`, ruleId: 'import', severity: 'error', message: 'The file exists; nothing was written.', hint: 'Pass --force to overwrite, or choose another --out.' });
      if (!existing.length) {
        assertFolder(out);
        // The import, checked whole before a file is written: the write gate, as for every write
        // (when the lines themselves have errors, nothing would be written anyway).
        if (!hasErrors(diagnostics)) {
          const gate = await gateWrites({ root: out, writes: plan.files, dryRun: true, readme: 'never' });
          diagnostics.push(...gate.candidate.diagnostics.filter((d) => d.severity === 'error').map((d) => atOrigin(d, plan.origins)));
        }
        if (allowErrors || !hasErrors(diagnostics)) written = (await writePlan(plan, out, true)).written.length;
        else diagnostics.push({ file: positionals[0]!, line: 1, column: 1, ruleId: 'import', severity: 'error', message: 'Nothing was written: the imported list would have the errors reported.', hint: 'Correct the README lines (or pass --allow-errors to import anyway and fix the entries in place).' });
      }
    }
    const extra = { ...plan.counts, written };
    io.stdout.write(formatReport(diagnostics, format, { color: useColor(io), extra }));
    if (format === 'stylish')
      io.stdout.write(`imported ${count(plan.counts.items, 'list item')} as ${count(plan.counts.papers, 'paper')} and ${count(plan.counts.datasets, 'dataset')} in ${count(plan.counts.sections, 'section')}; wrote ${count(written, 'file')}\n`);
    return hasErrors(diagnostics) ? EXIT.errors : EXIT.ok;
  },
};
