// The command line of `paperlist absorb`: options, help, and the exit code.
import { absorb } from '../commands/absorb.js';
import type { Change } from '../absorb/plan.js';
import { formatReport, printable } from './report.js';
import { type Command, EXIT, formatOf, formatOption, rootOf, rootOption, useColor } from './shared.js';
import { count } from '../text/count.js';

function describeChange(c: Change, dryRun: boolean): string {
  const verb = { created: dryRun ? 'would create' : 'created', updated: dryRun ? 'would update' : 'updated', removed: dryRun ? 'would remove' : 'removed' }[c.kind];
  const fields = (c.kind === 'updated' ? c.fields : []).map((f) => `${f.field}: ${f.from === undefined ? '(none)' : JSON.stringify(f.from)} → ${f.to === undefined ? '(none)' : JSON.stringify(f.to)}`);
  const where = c.lines.length ? `README.md:${c.lines.join(',')}` : 'README.md';
  return printable(`${where}  ${verb} ${c.file}${fields.length ? `: ${fields.join('; ')}` : ''}${c.kind === 'removed' ? ' (its lines were deleted)' : ''}`);
}

export const absorbCommand: Command = {
  usage: 'paperlist absorb [--dry-run] [--root DIR] [--format stylish|json|github]',
  options: { 'dry-run': { type: 'boolean', default: false }, ...rootOption, ...formatOption },
  help: `Reads README.md as edited by hand and changes entries/ (and templates/README.md) so that
'paperlist generate' writes that edit, then regenerates README.md and the chart:
  a new paper or dataset line    → a new entry in the section it was put in
  a changed line                 → only the fields that changed (title, authors, year, venue, links)
  a line removed from a section  → that section removed from the entry (the file, when none is left)
  a line moved to another section → the entry moved
  an edit to the prose           → the same edit in templates/README.md
Lines are read as the importer reads them ('Arxiv', a missing title period, a venue alias); their
order does not matter (it is generated). Edits to headings, the contents list or the chart are
reported and not kept. A line that cannot be read is an error at its line, and nothing is written.

The edit is read against what the last git commit's entries generate, and laid onto the entries as
they are now: a file added by 'add' or an entry edited by hand since that commit is kept. A field
changed both in an entry file and on its README line, differently, is a conflict: reported at the
line, nothing written. A line with a listed paper's identifier but another title is an error; one
that lists a listed paper again, in another section, adds that section and leaves its fields alone.
Nothing is written unless the whole result passes every check lint makes.

Options:
  --dry-run        print the changes, write nothing
  --root DIR       the repository (default: the current directory)
  --format FORMAT  stylish (default), json or github`,
  exits: '0 absorbed (or nothing to absorb), 1 nothing written: a line could not be read, a conflict, errors in the result, or no commit to read the edit against',
  async run({ values }, io) {
    const format = formatOf(values);
    const dryRun = values['dry-run'] === true;
    const outcome = await absorb(rootOf(values, io), { dryRun });
    if (format === 'json') {
      io.stdout.write(formatReport(outcome.diagnostics, 'json', { color: false, extra: { status: outcome.status, changes: outcome.changes.length }, json: { changes: outcome.changes, files: outcome.files, generated: outcome.generated } }));
    } else if (format === 'github') {
      const notices = outcome.changes.map((c) => `::notice file=README.md${c.lines[0] ? `,line=${c.lines[0]}` : ''},title=absorb::${describeChange(c, dryRun).replace(/^\S+\s+/, '').replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
      io.stdout.write(notices.join('') + formatReport(outcome.diagnostics, 'github', { color: false }));
    } else {
      for (const c of outcome.changes) io.stdout.write(`${describeChange(c, dryRun)}\n`);
      if (outcome.diagnostics.length) io.stdout.write(formatReport(outcome.diagnostics, 'stylish', { color: useColor(io) }));
    }
    const files = Object.keys(outcome.files).map(printable);
    switch (outcome.status) {
      case 'refused':
        io.stderr.write("paperlist: nothing was absorbed: fix the lines above (or the entries' errors) first.\n");
        return EXIT.errors;
      case 'nothing':
        if (format === 'stylish') io.stderr.write('README.md is what the entries generate: nothing to absorb.\n');
        return EXIT.ok;
      case 'planned':
        if (format === 'stylish') io.stderr.write(`${count(outcome.changes.length, 'change')}; nothing written (--dry-run). Run 'npx paperlist absorb' to apply ${outcome.changes.length === 1 ? 'it' : 'them'}.\n`);
        return EXIT.ok;
      case 'written':
        if (format === 'stylish' && outcome.readme !== 'hand-edited') io.stderr.write(`README.md had no edit made by hand (it is what the last commit's entries generate): regenerated it from the entries. Commit ${files.join(', ')}.\n`);
        else if (format === 'stylish') io.stderr.write(`${count(outcome.changes.length, 'change')}. Commit ${files.join(', ')}.\n`);
        return EXIT.ok;
    }
  },
};
