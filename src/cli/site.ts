// The command line of `paperlist site`: options, help, and the exit code.
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../fs-atomic.js';
import { checkRepository } from '../pipeline.js';
import { renderSite, siteData } from '../site/page.js';
import { type Command, EXIT, refuseOnErrors, rootOf, rootOption, UsageError } from './shared.js';

export const siteCommand: Command = {
  usage: 'paperlist site --out DIR [--root DIR]',
  options: { out: { type: 'string' }, ...rootOption },
  help: `Writes DIR/index.html: the whole list in one self-contained page (no server, no network):
search titles and authors, filter by section, year and venue, links out.

Options:
  --out DIR   where to write index.html (required)
  --root DIR  the repository (default: the current directory)`,
  exits: '0 written, 1 refused: the entries have errors (listed on stderr)',
  async run({ values }, io) {
    if (typeof values.out !== 'string') throw new UsageError('site needs --out DIR.');
    const { project, diagnostics } = await checkRepository(rootOf(values, io), { render: false });
    const refused = refuseOnErrors(diagnostics, io, 'the site was not written');
    if (refused !== undefined || !project.sections) return refused ?? EXIT.errors;
    const file = join(resolve(io.cwd, values.out), 'index.html');
    await writeFileAtomic(file, renderSite(siteData(project.sections, project.papers, project.datasets), 'Awesome Multilingual LLM'));
    io.stderr.write(`wrote ${join(values.out, 'index.html')}: ${project.papers.length} papers\n`);
    return EXIT.ok;
  },
};
