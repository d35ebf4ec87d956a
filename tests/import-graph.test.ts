// The shape of the code, held: no module imports one that imports it back (statically or on
// demand), no folder either, and the layers import downward only — core/ (the model, files, the
// decisions every layer shares), check/ (a repository read and validated), pipeline/ (the checked
// view, the write gate), with http/ the leaf every network caller shares, records/ never reaching
// into links/, and nothing below reaching into the commands that use it.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/core/package-files.js';

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

  it('imports downward: each folder only from the layers below it (core/ holds the model, check/ reads and validates, pipeline/ the checked view and the write gate)', async () => {
    // Each folder and the folders it may import (besides itself): the layers, bottom up.
    const allowed: Record<string, string[]> = {
      text: [],
      markdown: [],
      http: [],
      core: ['text', 'markdown'],
      check: ['core', 'text', 'markdown'],
      records: ['core', 'http', 'text'],
      render: ['core', 'markdown', 'text'],
      export: ['core', 'text'],
      import: ['core', 'markdown', 'text'],
      site: ['core', 'export', 'text'],
      rules: ['check', 'core', 'http', 'markdown', 'text'],
      pipeline: ['check', 'core', 'render', 'rules', 'text', 'markdown'],
      links: ['check', 'core', 'http', 'markdown', 'records', 'text'],
      verify: ['check', 'core', 'records', 'rules', 'text'],
      absorb: ['check', 'core', 'import', 'markdown', 'pipeline', 'render', 'text'],
    };
    const forbidden = Object.fromEntries(Object.entries(allowed).map(([folder, may]) => [folder, [...Object.keys(allowed), 'commands', 'cli', '(top)'].filter((f) => f !== folder && !may.includes(f))]));
    const wrong: string[] = [];
    for (const [module, imports] of await importGraph()) {
      for (const target of imports) if (forbidden[folderOf(module)]?.includes(folderOf(target))) wrong.push(`${module} -> ${target}`);
    }
    expect(wrong).toEqual([]);
  });

  it('has no cycle between folders either, and src/ itself holds only the command line', async () => {
    const graph = await importGraph();
    const folders = new Map<string, string[]>();
    for (const [module, imports] of graph) {
      const from = folderOf(module);
      folders.set(from, [...new Set([...(folders.get(from) ?? []), ...imports.map(folderOf).filter((to) => to !== from)])]);
    }
    expect(cycles(folders)).toEqual([]);
    expect([...graph.keys()].filter((m) => folderOf(m) === '(top)')).toEqual(['cli.ts']);
  });

  it('sees the imports it judges (the test would notice a module it could not read)', async () => {
    const graph = await importGraph();
    expect(graph.get('records/sources.ts')).toContain('http/polite-request.ts');
    expect(graph.get('links/api-paths.ts')).toEqual(expect.arrayContaining(['links/arxiv-path.ts', 'records/sources.ts']));
  });
});
