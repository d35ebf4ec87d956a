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

// The parts of mdast-util-to-markdown's handler state that the text handler uses.
interface SafeState {
  unsafe: Array<{ character: string }>;
  indexStack: number[];
  safe(value: string, config: Record<string, unknown>): string;
}

const unsafeCharacters = new WeakMap<object, RegExp>();

/**
 * remark-stringify's own text handler, with a fast path. `safe` only ever escapes a character that
 * some unsafe pattern names, or a backslash; a space or tab only next to a line ending (which is
 * itself such a character) or at the very start or end of the text. So text holding none of those
 * characters, and not starting or ending with a space, comes back as it is: same bytes, without
 * the scan of ~50 patterns that made serialising the list the slowest part of generate.
 */
const textHandler = (node: { value: string }, parent: { children: unknown[] } | undefined, state: SafeState, info: Record<string, unknown>): string => {
  if (!needsEscapeCheck(node.value, state)) return node.value;
  const siblings = parent ? parent.children : [];
  const index = state.indexStack[state.indexStack.length - 1]!;
  return state.safe(node.value, { ...info, afterNode: siblings[index + 1], beforeNode: siblings[index - 1] });
};

function needsEscapeCheck(value: string, state: SafeState): boolean {
  let chars = unsafeCharacters.get(state.unsafe);
  if (!chars) {
    const set = [...new Set(state.unsafe.map((p) => p.character))].filter((c) => c !== ' ' && c !== '\t').concat('\\');
    chars = new RegExp(`[${set.map((c) => c.replace(/[\]\\^-]/g, '\\$&')).join('')}]|^[ \\t]|[ \\t]$`);
    unsafeCharacters.set(state.unsafe, chars);
  }
  return chars.test(value);
}

const stringifyOptions: StringifyOptions = {
  bullet: '-',
  emphasis: '*',
  strong: '*',
  listItemIndent: 'one',
  fences: true,
  rule: '-',
  handlers: { literal, text: textHandler } as unknown as StringifyOptions['handlers'],
};

const parser = unified().use(remarkParse);
const stringifier = unified().use(remarkStringify, stringifyOptions);
const referenceStringifier = unified().use(remarkStringify, { ...stringifyOptions, handlers: { literal } as unknown as StringifyOptions['handlers'] });

export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}

export function stringifyMarkdown(tree: Root): string {
  return stringifier.stringify(tree);
}

/** Without the text fast path: remark-stringify's own handler. For the test that compares both. */
export function stringifyMarkdownReference(tree: Root): string {
  return referenceStringifier.stringify(tree);
}

export function lit(value: string): RawMarkdown {
  return { type: 'literal', value };
}

export function text(value: string): PhrasingContent {
  return { type: 'text', value };
}

export type { Root, Nodes };
