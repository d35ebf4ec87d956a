// The bounded line diff (src/text/line-diff.ts) behind absorb and generate --check: exact for the
// few changes a hand edit makes, one replaced block (said so) past MAX_EDITS changed lines, so that
// a 20,000-line template that differs everywhere is answered at once instead of in 90 s.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineDiff, MAX_EDITS } from '../src/text/line-diff.js';
import { git, gitFixture, runCli } from './helpers.js';

describe('the bounded line diff', () => {
  it('is exact for a few changes among repeated lines', () => {
    const a = ['x', 'y', 'x', 'y', 'x', 'y'];
    const b = ['x', 'y', 'new', 'x', 'y', 'x'];
    expect(lineDiff(a, b)).toEqual({ capped: false, parts: [
      { kind: 'equal', lines: ['x', 'y'] }, { kind: 'added', lines: ['new'] }, { kind: 'equal', lines: ['x', 'y', 'x'] }, { kind: 'removed', lines: ['y'] },
    ] });
  });

  it('takes the middle as one replaced block past MAX_EDITS changed lines, and says so', () => {
    const a = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
    const b = a.map((l, i) => (i === 0 || i === a.length - 1 ? l : `${l} edited`));
    expect(lineDiff(a, b)).toEqual({ capped: true, parts: [
      { kind: 'equal', lines: [a[0]] }, { kind: 'removed', lines: a.slice(1, -1) }, { kind: 'added', lines: b.slice(1, -1) }, { kind: 'equal', lines: [a.at(-1)] },
    ] });
  });

  it('absorb and generate --check answer a 20,000-line template edited on every line', async () => {
    const root = await gitFixture('lint-base');
    const prose = Array.from({ length: 20_000 }, (_, i) => `w${i % 97}`).join('\n');
    const template = await readFile(join(root, 'templates/README.md'), 'utf8');
    await writeFile(join(root, 'templates/README.md'), template.replace('# Test list\n', `# Test list\n\n${prose}\n`));
    expect((await runCli(['generate', '--root', root], root)).code).toBe(0);
    await git(root, 'commit', '-qam', 'a long template');
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    await writeFile(join(root, 'README.md'), readme.replace(/^w(\d+)$/gm, 'v$1'));
    const check = await runCli(['generate', '--check', '--root', root], root);
    expect(check.code).toBe(1);
    expect(check.stdout).toBe(`--- a/README.md\tcommitted\n+++ b/README.md\tgenerated\n(README.md differs from what the entries generate in more than ${MAX_EDITS} lines: no line diff is shown.)\n`);
    const absorbed = await runCli(['absorb', '--root', root, '--format', 'json'], root);
    expect(absorbed.code).toBe(0);
    expect(JSON.parse(absorbed.stdout).diagnostics.map((d: { severity: string; message: string }) => `${d.severity} ${d.message}`)).toEqual([
      `info README.md differs from what the entries generate in more than ${MAX_EDITS} lines: lines 4 to 20003 were read as one replaced block.`,
    ]);
    expect(await readFile(join(root, 'templates/README.md'), 'utf8')).toBe(template.replace('# Test list\n', `# Test list\n\n${prose.replace(/^w(\d+)$/gm, 'v$1')}\n`));
  }, 60_000); // a generous ceiling for a loaded machine, not a measurement: npm run bench:absorb measures
});
