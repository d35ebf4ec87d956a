// The one place that configures remark: parsing, and serialising in the list's house style.
import type { Node, Root, Nodes, PhrasingContent } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
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

const stringifyOptions: StringifyOptions = {
  bullet: '-',
  emphasis: '*',
  strong: '*',
  listItemIndent: 'one',
  fences: true,
  rule: '-',
  handlers: { literal } as unknown as StringifyOptions['handlers'],
};

const parser = unified().use(remarkParse);
const stringifier = unified().use(remarkStringify, stringifyOptions);

export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}

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
