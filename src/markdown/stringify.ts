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

// The parts of mdast-util-to-markdown's handler state that the text handler uses.
interface UnsafePattern {
  character: string;
  atBreak?: boolean;
  inConstruct?: string | string[];
  notInConstruct?: string | string[];
}

interface SafeState {
  unsafe: UnsafePattern[];
  stack: string[];
  indexStack: number[];
  safe(value: string, config: Record<string, unknown>): string;
}

const unsafeCharacters = new WeakMap<object, Map<string, RegExp>>();

const listHas = (list: string | string[] | undefined, name: string): boolean => (typeof list === 'string' ? list === name : (list ?? []).includes(name));

/** mdast-util-to-markdown's rule for whether a pattern applies in the current construct stack. */
function inScope(stack: string[], pattern: UnsafePattern): boolean {
  const inside = pattern.inConstruct === undefined || stack.some((c) => listHas(pattern.inConstruct, c));
  return inside && !stack.some((c) => listHas(pattern.notInConstruct, c));
}

/**
 * A test for the characters that `safe` could escape here: those named by a pattern that applies
 * in this construct stack (at-break patterns only when the text could start a line), a backslash,
 * line endings, and a space or tab at either end (escaped only next to a line ending or at the
 * edges). Cached per unsafe list and stack.
 */
function escapeCandidates(state: SafeState, atBreak: boolean): RegExp {
  let byStack = unsafeCharacters.get(state.unsafe);
  if (!byStack) unsafeCharacters.set(state.unsafe, (byStack = new Map()));
  const key = `${atBreak ? 1 : 0}${state.stack.join('/')}`;
  let test = byStack.get(key);
  if (!test) {
    const chars = new Set(['\\', '\n', '\r']);
    for (const p of state.unsafe) if ((atBreak || !p.atBreak) && inScope(state.stack, p) && p.character !== ' ' && p.character !== '\t') chars.add(p.character);
    test = new RegExp(`[${[...chars].map((c) => c.replace(/[\]\\^-]/g, '\\$&')).join('')}]|^[ \\t]|[ \\t]$`);
    byStack.set(key, test);
  }
  return test;
}

/**
 * remark-stringify's own text handler, with a fast path: text in which `safe` could escape
 * nothing comes back as it is. Same bytes (tests compare it with the stock handler on every
 * entry), without scanning ~50 patterns per text, the slowest part of generate.
 */
const textHandler = (node: { value: string }, parent: { children: unknown[] } | undefined, state: SafeState, info: Record<string, unknown>): string => {
  // An at-break pattern can only match where the text could begin a line: nothing, or a line
  // ending, before it.
  const before = typeof info.before === 'string' ? info.before : '';
  const atBreak = before === '' || before.endsWith('\n') || before.endsWith('\r');
  if (!escapeCandidates(state, atBreak).test(node.value)) return node.value;
  const siblings = parent ? parent.children : [];
  const index = state.indexStack[state.indexStack.length - 1]!;
  return state.safe(node.value, { ...info, afterNode: siblings[index + 1], beforeNode: siblings[index - 1] });
};

const stringifyOptions: StringifyOptions = {
  bullet: '-',
  emphasis: '*',
  strong: '*',
  listItemIndent: 'one',
  fences: true,
  rule: '-',
  handlers: { literal, text: textHandler } as unknown as StringifyOptions['handlers'],
};

const stringifier = unified().use(remarkStringify, stringifyOptions);
const referenceStringifier = unified().use(remarkStringify, { ...stringifyOptions, handlers: { literal } as unknown as StringifyOptions['handlers'] });

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
