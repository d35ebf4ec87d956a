// Tests own their data: no test reads the live list (entries/, README.md, templates/, the chart) at
// the repository root, so that a contributor's correct change to the list never fails a test.
// The tests copy tests/fixtures/ instead (tests/fixtures/list is a frozen copy of the list).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** A line that joins the package root with a part of the live list, or runs a command in it. */
const LIVE_PART = /['"`](?:entries|README\.md|templates|docs\/papers-per-year\.svg|image)\b/;
const isLive = (line: string): boolean => (line.includes('PACKAGE_ROOT') && LIVE_PART.test(line)) || /runCli\([^\n]*,\s*PACKAGE_ROOT\)|cwd:\s*PACKAGE_ROOT/.test(line);

describe('tests own their data', () => {
  it('no test file reaches the live list through the package root', async () => {
    const dir = import.meta.dirname;
    const offenders: string[] = [];
    for (const name of (await readdir(dir)).filter((n) => n.endsWith('.ts') && n !== 'tests-own-data.test.ts')) {
      (await readFile(join(dir, name), 'utf8')).split('\n').forEach((line, i) => {
        if (isLive(line)) offenders.push(`${name}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('the pattern does find such a line', () => {
    expect(isLive("const dir = join(PACKAGE_ROOT, 'entries', kind);")).toBe(true);
    expect(isLive("for (const part of ['entries', 'templates', 'README.md']) await cp(join(PACKAGE_ROOT, part), join(root, part));")).toBe(true);
    expect(isLive("await runCli(['export', '--format', 'json'], PACKAGE_ROOT);")).toBe(true);
    expect(isLive("const read = (path: string) => readFile(join(PACKAGE_ROOT, path), 'utf8');")).toBe(false);
  });
});
