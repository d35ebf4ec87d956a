// The command line of `paperlist export`: options, help, and the exit code.
import { resolve } from 'node:path';
import { writeFileAtomic } from '../core/fs-atomic.js';
import { EXPORT_FORMATS, exportList, type ExportFormat } from '../commands/export.js';
import { type Command, EXIT, refuseOnErrors, rootOf, rootOption, UsageError } from './shared.js';
import { count } from '../text/count.js';

export const exportCommand: Command = {
  usage: 'paperlist export --format bibtex|json|csv|csl [--out FILE] [--root DIR]',
  options: { format: { type: 'string' }, out: { type: 'string' }, ...rootOption },
  help: `Writes every paper (and, in JSON, every dataset) in id order, to standard output or --out.

  bibtex  stable citation keys (surname, year, first title word: zhu2024question), @inproceedings,
          @article or @misc by venue kind, TeX specials escaped, arXiv eprint fields
  json    validated by schema/export.schema.json; adds the arXiv and ACL Anthology ids
  csv     RFC 4180, one row per paper, sections space-separated; a cell that starts with = + - @
          is prefixed with ' so that a spreadsheet shows it as text
  csl     CSL-JSON (what Zotero, citation-js and pandoc read): the full author list, DOI, arXiv id

On stderr: how many papers have only "Surname et al." as their authors (verify --fix fills the
full lists from the records).

Options:
  --format FORMAT  bibtex, json, csv or csl (required)
  --out FILE       write there (atomically) instead of standard output
  --root DIR       the repository (default: the current directory)`,
  exits: '0 written, 1 refused: the entries have errors (listed on stderr)',
  async run({ values }, io) {
    const format = values.format;
    if (typeof format !== 'string' || !(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}.`);
    const outcome = await exportList(rootOf(values, io), format as ExportFormat);
    const refused = refuseOnErrors(outcome.diagnostics, io, 'nothing exported');
    if (refused !== undefined || outcome.text === undefined) return refused ?? EXIT.errors;
    if (typeof values.out === 'string') {
      await writeFileAtomic(resolve(io.cwd, values.out), outcome.text);
      io.stderr.write(`wrote ${values.out}: ${count(outcome.papers, 'paper')}${format === 'json' ? ` and ${count(outcome.datasets, 'dataset')}` : ''}\n`);
    } else io.stdout.write(outcome.text);
    if (format !== 'json' && outcome.abbreviated)
      io.stderr.write(`${count(outcome.abbreviated, 'paper has', 'papers have')} only "Surname et al." as authors: 'npx paperlist verify --fix' fills the full author lists from the records.\n`);
    return EXIT.ok;
  },
};
