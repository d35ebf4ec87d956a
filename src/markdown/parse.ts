// The one place that parses Markdown, for the importer, the renderer, the rules and the link
// reader alike: mdast-util-from-markdown, which is what remark-parse runs (same tree) without
// loading unified, so that a link-parsing worker starts quickly.
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { markdownChunks } from './chunks.js';

export function parseMarkdown(text: string): Root {
  return fromMarkdown(text);
}

/** Link reference definitions: a text that has one is parsed whole, so references resolve. */
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m;

/**
 * The same tree as parseMarkdown, with positions in the whole text, but parsed a piece at a time
 * (see chunks.ts). micromark's cost grows faster than the text for some documents: it re-copies
 * its whole event list each time a list closes, so 3,000 sections of one line each took 12 s
 * whole and take ~0.3 s in pieces. A top-level list may come back as several consecutive lists
 * (the pieces are cut between items); every block and inline node is the same.
 */
export function parseMarkdownChunked(text: string): Root {
  if (DEFINITION.test(text)) return parseMarkdown(text);
  const root: Root = { type: 'root', children: [] };
  let offset = 0;
  for (const chunk of markdownChunks(text)) {
    const tree = parseMarkdown(chunk.text);
    shiftPositions(tree, chunk.firstLine - 1, offset);
    root.children.push(...tree.children);
    offset += chunk.text.length + 1; // the line ending between two chunks
  }
  const last = root.children.at(-1)?.position;
  root.position = { start: { line: 1, column: 1, offset: 0 }, end: last ? { ...last.end } : { line: 1, column: 1, offset: 0 } };
  return root;
}

/** Moves every position of a chunk's tree by its first line and offset in the whole text (chunks start at a line start). */
function shiftPositions(tree: Root, lines: number, offset: number): void {
  if (!lines && !offset) return;
  const stack: Nodes[] = [...tree.children];
  while (stack.length) {
    const node = stack.pop()!;
    const p = node.position;
    if (p) {
      p.start = { ...p.start, line: p.start.line + lines, ...(p.start.offset !== undefined ? { offset: p.start.offset + offset } : {}) };
      p.end = { ...p.end, line: p.end.line + lines, ...(p.end.offset !== undefined ? { offset: p.end.offset + offset } : {}) };
    }
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
}
