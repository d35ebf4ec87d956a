// Relative links and images of Markdown (README.md's `image/main.png`), checked against the files
// of the repository: no request, so offline or not makes no difference.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'mdast';
import type { LinkResult } from './options.js';

/**
 * A relative link, checked against the repository's files (no network): it must name a file or
 * folder inside the root, as GitHub shows README.md's relative links and images. Only whether the
 * path exists is asked; nothing is read.
 */
export function checkLocal(root: string, url: string): LinkResult {
  const base = { url, attempts: 0 } as const;
  if (!url.startsWith('./')) return { ...base, state: 'dead', error: 'the path leads out of the repository' };
  try {
    statSync(join(root, url));
    return { ...base, state: 'ok' };
  } catch {
    return { ...base, state: 'dead', error: 'no such file in the repository' };
  }
}

/**
 * The relative links and images of the template (README.md's `image/main.png`) and of section
 * descriptions whose file is not in the repository: lint reports them with no network, so the
 * pull-request gate catches a missing figure (the links command checks the same way).
 */
/** Markdown whose relative links lint checks: its text, or its tree parsed already; `line` is where it starts in `file`. */
export type LocalText = { file: string; line?: number } & ({ text: string } | { tree: Root });

export async function missingLocalFiles(root: string, texts: readonly LocalText[]): Promise<Array<{ file: string; line: number; url: string; error: string }>> {
  const [{ LinkCollector, isLocalTarget, collect }, { markdownLinks, treeLinks }] = await Promise.all([import('./collector.js'), import('./markdown-links.js')]);
  const missing: Array<{ file: string; line: number; url: string; error: string }> = [];
  for (const item of texts) {
    const { file, line = 1 } = item;
    const collector = new LinkCollector();
    // Both are shown from the repository's root (README.md), so their relative links start there.
    // A section description comes parsed already (core/section-tree.ts descriptionTree).
    if ('tree' in item) collect(treeLinks(item.tree, 1), file, collector, '');
    else markdownLinks(item.text, file, collector, '');
    for (const source of collector.sources()) {
      if (!isLocalTarget(source.url)) continue;
      const result = checkLocal(root, source.url);
      if (result.state === 'dead') for (const o of source.origins) missing.push({ file: o.file, line: o.line + line - 1, url: source.url, error: result.error ?? 'no such file' });
    }
  }
  return missing;
}
