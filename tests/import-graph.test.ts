// The shape of the code, held: no module imports one that imports it back (statically or on
// demand), and the layers import downward only — http/ is the leaf every network caller shares,
// records/ never reaches into links/, links/ and records/ never into the commands that use them.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/package-files.js';

const SRC = join(PACKAGE_ROOT, 'src');

async function sourceFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await sourceFiles(path)));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

/** Each module (path under src/) and the modules of this package it imports, exports from, or loads with import(). */
async function importGraph(): Promise<Map<string, string[]>> {
  const files = await sourceFiles(SRC);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    const specifiers = [...text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'(\.[^']+)'|import\('(\.[^']+)'\)/gm)].map((m) => m[1] ?? m[2]!);
    const targets = specifiers.map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts'))).filter((t) => known.has(t));
    graph.set(relative(SRC, file), [...new Set(targets.map((t) => relative(SRC, t)))]);
  }
  return graph;
}

/** The groups of modules that import each other round (strongly connected, more than one). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const folderOf = (module: string): string => (module.includes('/') ? module.split('/')[0]! : '(top)');

describe('the import graph', () => {
  it('has no cycle', async () => {
    expect(cycles(await importGraph())).toEqual([]);
  });

  it('imports downward: http/ is a leaf, records/ and links/ never reach up into what uses them', async () => {
    const forbidden: Record<string, string[]> = {
      http: ['(top)', 'absorb', 'cli', 'commands', 'export', 'import', 'links', 'markdown', 'records', 'render', 'rules', 'site', 'text', 'verify'],
      records: ['absorb', 'cli', 'commands', 'links', 'rules', 'site', 'verify'],
      links: ['absorb', 'cli', 'commands', 'site', 'verify'],
      text: ['(top)', 'absorb', 'cli', 'commands', 'export', 'http', 'import', 'links', 'markdown', 'records', 'render', 'rules', 'site', 'verify'],
      markdown: ['absorb', 'cli', 'commands', 'links', 'records', 'rules', 'site', 'verify'],
    };
    const wrong: string[] = [];
    for (const [module, imports] of await importGraph()) {
      for (const target of imports) if (forbidden[folderOf(module)]?.includes(folderOf(target))) wrong.push(`${module} -> ${target}`);
    }
    expect(wrong).toEqual([]);
  });

  it('sees the imports it judges (the test would notice a module it could not read)', async () => {
    const graph = await importGraph();
    expect(graph.get('records/sources.ts')).toContain('http/polite-request.ts');
    expect(graph.get('links/api-paths.ts')).toEqual(expect.arrayContaining(['links/arxiv-path.ts', 'records/sources.ts']));
  });
});
