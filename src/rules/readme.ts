// readme: README.md must be exactly what `generate` writes from the entries and the template.
import { README_FILE } from '../model.js';
import type { Finding, Rule } from './types.js';

export const readme: Rule = {
  id: 'readme',
  run({ project, expectedReadme }) {
    if (expectedReadme === undefined) return []; // the project does not render: its errors are reported already
    const current = project.workspace.readme;
    if (current === expectedReadme) return [];
    if (current === undefined) {
      return [{ check: 'readme/drift', file: README_FILE, message: 'README.md is missing.', hint: 'Run `npm run generate` and commit README.md.' }];
    }
    const a = current.split('\n');
    const b = expectedReadme.split('\n');
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    const show = (s: string | undefined): string => (s === undefined ? '(end of file)' : JSON.stringify(s.length > 120 ? `${s.slice(0, 117)}...` : s));
    return [
      {
        check: 'readme/drift', file: README_FILE, line: i + 1, column: 1,
        message: `README.md is not what the entries generate: line ${i + 1} is ${show(a[i])}, expected ${show(b[i])}.`,
        hint: 'Do not edit README.md by hand: change entries/ or templates/README.md, then run `npm run generate` and commit.',
      },
    ];
  },
};
