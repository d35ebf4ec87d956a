// The command line of `paperlist export`: options, help, and the exit code.
import { resolve } from 'node:path';
import { writeFileAtomic } from '../fs-atomic.js';
import { toBibtex } from '../export/bibtex.js';
import { toCsv, toJson } from '../export/tabular.js';
import { loadVenues } from '../package-files.js';
import { checkRepository } from '../pipeline.js';
import { compareStrings } from '../diagnostics.js';
import { type Command, EXIT, refuseOnErrors, rootOf, rootOption, UsageError } from './shared.js';

const EXPORT_FORMATS = ['bibtex', 'json', 'csv'] as const;

export const exportCommand: Command = {
  usage: 'paperlist export --format bibtex|json|csv [--out FILE] [--root DIR]',
  options: { format: { type: 'string' }, out: { type: 'string' }, ...rootOption },
  help: `Writes every paper (and, in JSON, every dataset) in id order, to standard output or --out.

  bibtex  stable citation keys (surname, year, first title word: zhu2024question), @inproceedings,
          @article or @misc by venue kind, TeX specials escaped, arXiv eprint fields
  json    validated by schema/export.schema.json; adds the arXiv and ACL Anthology ids
  csv     RFC 4180, one row per paper, sections space-separated

Options:
  --format FORMAT  bibtex, json or csv (required)
  --out FILE       write there (atomically) instead of standard output
  --root DIR       the repository (default: the current directory)`,
  exits: '0 written, 1 refused: the entries have errors (listed on stderr)',
  async run({ values }, io) {
    const format = values.format;
    if (typeof format !== 'string' || !(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}.`);
    const { project, diagnostics } = await checkRepository(rootOf(values, io), { render: false });
    const refused = refuseOnErrors(diagnostics, io, 'nothing exported');
    if (refused !== undefined) return refused;
    const papers = [...project.papers].sort((a, b) => compareStrings(a.id, b.id));
    const datasets = [...project.datasets].sort((a, b) => compareStrings(a.id, b.id));
    const text = format === 'bibtex' ? toBibtex(papers.map((p) => p.paper), loadVenues()) : format === 'json' ? toJson(papers, datasets) : toCsv(papers);
    if (typeof values.out === 'string') {
      await writeFileAtomic(resolve(io.cwd, values.out), text);
      io.stderr.write(`wrote ${values.out}: ${papers.length} papers${format === 'json' ? ` and ${datasets.length} datasets` : ''}\n`);
    } else io.stdout.write(text);
    return EXIT.ok;
  },
};
