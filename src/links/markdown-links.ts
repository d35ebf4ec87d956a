// Links of Markdown text, a chunk at a time, with the shared parser (markdown/parse.ts: no unified, so
// a parse worker starts quickly).
import type { Definition, Image, Link, Nodes, Root } from 'mdast';
import { parseMarkdown } from '../markdown/parse.js';
import { collect, type FoundLink, type LinkCollector } from './collector.js';
import { markdownChunks } from '../markdown/chunks.js';

/**
 * The links of one chunk (inline links, images, definitions, autolinks), absolute or relative, with
 * their lines in the whole text; `collect` resolves the relative ones.
 */
export function chunkLinks(chunk: { text: string; firstLine: number }): FoundLink[] {
  return treeLinks(parseMarkdown(chunk.text), chunk.firstLine);
}

/** The links of a parsed Markdown tree whose first line is `firstLine` of its file. */
export function treeLinks(tree: Root, firstLine: number): FoundLink[] {
  const found: FoundLink[] = [];
  // Depth-first in document order with an explicit stack: nesting (10,000 '>' deep) costs heap, not call stack.
  const stack: Nodes[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'link' || node.type === 'definition' || node.type === 'image') {
      const url = (node as Link | Definition | Image).url;
      if (url && !url.startsWith('#')) found.push({ url, line: (node.position?.start.line ?? 1) + firstLine - 1 });
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return found;
}

/** Links in a Markdown text, with their lines, all at once; relative ones resolved against `base` (default: the file's folder). */
export function markdownLinks(text: string, file: string, into: LinkCollector, base?: string): void {
  for (const chunk of markdownChunks(text)) collect(chunkLinks(chunk), file, into, base);
}
