// readme: README.md must be exactly what `generate` writes from the entries and the template.
import { README_FILE } from '../core/model.js';
import { CHART_FILE } from '../core/model.js';
import type { Rule } from './types.js';
import type { Finding } from '../check/findings.js';

export const readme: Rule = {
  id: 'readme',
  run({ project, expectedReadme, expectedChart }) {
    if (expectedReadme === undefined) return []; // the project does not render: its errors are reported already
    const chart: Finding[] =
      expectedChart !== undefined && project.workspace.chart !== expectedChart
        ? [{ check: 'readme/drift', file: CHART_FILE, line: 1, column: 1, message: `${CHART_FILE} is ${project.workspace.chart === undefined ? 'missing' : 'not what the entries generate'}.`, hint: 'Run `npm run generate` and commit it with README.md.' }]
        : [];
    const current = project.workspace.readme;
    if (current === expectedReadme) return chart;
    if (current === undefined) {
      return [{ check: 'readme/drift', file: README_FILE, message: 'README.md is missing.', hint: 'Run `npm run generate` and commit README.md.' }, ...chart];
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
        hint: 'If you edited README.md by hand, run `npx paperlist absorb`: it turns the edit into entry changes and regenerates README.md; commit the files it names. Otherwise run `npm run generate` and commit README.md and docs/papers-per-year.svg.',
      },
      ...chart,
    ];
  },
};
