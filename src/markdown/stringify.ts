// The one place that serialises Markdown: remark-stringify in the list's house style.
import type { Node, Root, Nodes, PhrasingContent } from 'mdast';
import { unified } from 'unified';
import remarkStringify from 'remark-stringify';
import type { Options as StringifyOptions } from 'remark-stringify';

/**
 * A run of Markdown written out exactly as given. Used for the fixed syntax of a list line
 * ("[2024] ", " [", "]") that remark-stringify would otherwise escape as "\[". Only ever built
 * from values the renderer controls (digits, fixed punctuation), never from entry text.
 */
export interface RawMarkdown extends Node {
  type: 'literal';
  value: string;
}

declare module 'mdast' {
  interface PhrasingContentMap {
    literal: RawMarkdown;
  }
  interface RootContentMap {
    literal: RawMarkdown;
  }
}

const literal = (node: RawMarkdown): string => node.value;

// Text goes through remark-stringify's own handler (mdast-util-to-markdown's escaping). A fast path
// that skipped its pattern scan was measured out (2026-12-01, 10,000 papers, medians of 5 side by
// side with ../shared/bench/yardstick.mjs): generate 2.83 s with it, 2.83 s without (0.91× the
// yardstick either way), so the library's handler is used as it is.
const stringifyOptions: StringifyOptions = {
  bullet: '-',
  emphasis: '*',
  strong: '*',
  listItemIndent: 'one',
  fences: true,
  rule: '-',
  handlers: { literal } as unknown as StringifyOptions['handlers'],
};

const stringifier = unified().use(remarkStringify, stringifyOptions);

export function stringifyMarkdown(tree: Root): string {
  return stringifier.stringify(tree);
}

export function lit(value: string): RawMarkdown {
  return { type: 'literal', value };
}

export function text(value: string): PhrasingContent {
  return { type: 'text', value };
}

export type { Root, Nodes };
