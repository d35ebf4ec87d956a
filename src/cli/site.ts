// The command line of `paperlist site`: options, help, and the exit code.
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../core/fs-atomic.js';
import { buildSite } from '../commands/site.js';
import { type Command, EXIT, refuseOnErrors, rootOf, rootOption, UsageError } from './shared.js';
import { count } from '../text/count.js';

export const siteCommand: Command = {
  usage: 'paperlist site --out DIR|FILE.html [--root DIR]',
  options: { out: { type: 'string' }, ...rootOption },
  help: `Writes DIR/index.html: the whole list in one self-contained page (no server, no network):
search titles and authors, filter by section, year and venue, sort, each paper's BibTeX to copy,
links out; the title and the links at the top come from .paperlist.yml (site.title, site.links).

Options:
  --out DIR   where to write index.html (required); a name ending in .html is the page itself
  --root DIR  the repository (default: the current directory)`,
  exits: '0 written, 1 refused: the entries have errors (listed on stderr)',
  async run({ values }, io) {
    if (typeof values.out !== 'string') throw new UsageError('site needs --out DIR.');
    const page = /\.html?$/i.test(values.out);
    const out = resolve(io.cwd, values.out);
    if (!page && isFile(out)) throw new UsageError(`--out ${values.out} is a file: give a folder (index.html is written in it) or a file name ending in .html.`);
    const site = await buildSite(rootOf(values, io));
    const refused = refuseOnErrors(site.diagnostics, io, 'the site was not written');
    if (refused !== undefined || site.html === undefined) return refused ?? EXIT.errors;
    await writeFileAtomic(page ? out : join(out, 'index.html'), site.html);
    io.stderr.write(`wrote ${page ? values.out : join(values.out, 'index.html')}: ${count(site.papers, 'paper')} and ${count(site.datasets, 'dataset')}\n`);
    return EXIT.ok;
  },
};

/** A path that is a file (not a folder, not missing, not under a file). */
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
