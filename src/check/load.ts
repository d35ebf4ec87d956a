// Reads the entry files, the sections file and the template, keeping a position for every YAML node
// so that any later finding resolves to file:line:column. Never throws on bad content.
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../core/diagnostics.js';
import { compareStrings } from '../core/diagnostics.js';
import { ENTRY_DIRS, ISSUE_FORMS, README_FILE, SECTIONS_FILE, TEMPLATE_FILE, type EntryKind } from '../core/model.js';
import { decodeText, type DecodedText } from '../text/decode.js';
import { readCanonical } from '../core/entry-format.js';
import { CHART_FILE } from '../core/model.js';
import { diskTree, type FileTree } from '../core/file-tree.js';
import { MAX_MARKS_PER_PARAGRAPH, tooManyMarks } from '../markdown/limits.js';

/** Larger entry files are refused unread: an entry is a few hundred bytes. */
export const MAX_FILE_BYTES = 1024 * 1024;
/**
 * The template's prose is parsed as Markdown, whose cost grows faster than its size for some inputs
 * (deep nesting: a 600-level list of 360 KB took 12 s): the real one is 6 KB.
 */
export const MAX_TEMPLATE_BYTES = 128 * 1024;
/** README.md and the chart are only compared with what generate writes (10,000 papers: ~3 MB). */
export const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
const MAX_ALIASES = 100;

export interface YamlSource {
  /** Path relative to the root, with forward slashes. */
  file: string;
  text: string;
  decoded: Omit<DecodedText, 'text'>;
  /** The plain data, or undefined when the YAML could not be read. */
  data: unknown;
}

interface Syntax {
  doc: Document.Parsed;
  lines: LineCounter;
}

const YAML_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true } as const;
const syntaxCache = new WeakMap<YamlSource, Syntax>();

/** The YAML syntax tree with positions; built on first use for files read by a fast reader. */
function syntaxOf(source: YamlSource): Syntax {
  let syntax = syntaxCache.get(source);
  if (!syntax) {
    const lines = new LineCounter();
    syntax = { doc: parseDocument(source.text, { ...YAML_OPTIONS, lineCounter: lines }), lines };
    syntaxCache.set(source, syntax);
  }
  return syntax;
}

export interface LoadedEntry {
  kind: EntryKind;
  /** File name without .yml: the entry's id. */
  id: string;
  source: YamlSource;
}

export interface Workspace {
  root: string;
  entries: LoadedEntry[];
  sections?: YamlSource;
  template?: { file: string; text: string };
  /** The committed README.md, if there is one. */
  readme?: string;
  /** The committed chart (docs/papers-per-year.svg), if there is one. */
  chart?: string;
  /** The "Add a paper" issue form, if the repository has one (its section choices are checked). */
  /** The "Add a paper" and "Add a dataset" issue forms, when the repository has them. */
  issueForms: Partial<Record<EntryKind, YamlSource>>;
  diagnostics: Diagnostic[];
}

export type PathSegment = string | number;

/** A place in a file: where a node starts and, for a one-value node (a scalar, a key), where it ends (exclusive, as in unist). */
export interface Span {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** Place of the node at `path` (its key when `at` is 'key'), or of the nearest ancestor that exists. */
export function locate(source: YamlSource, path: readonly PathSegment[], at: 'key' | 'value' = 'value'): Span {
  // An entry read in canonical form has its places where the form puts them: found without
  // parsing the file again (links asks this of every link of every entry).
  const known = canonicalSources.has(source) ? canonicalPosition(source.text, path, at) : undefined;
  if (known) return known;
  const { doc, lines } = syntaxOf(source);
  let node: unknown = doc.contents;
  let keyNode: unknown;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      keyNode = undefined;
      node = node.items[segment];
    } else break;
  }
  const target = [at === 'key' ? keyNode : undefined, node, keyNode].find((n) => isNode(n) && n.range);
  if (!isNode(target) || !target.range) return firstContentPosition(doc, lines);
  const start = linePos(lines, target.range[0]);
  // Only a scalar's end is its own: a collection's range runs to whatever follows it.
  if (!isScalar(target)) return start;
  const end = linePos(lines, target.range[1]);
  return { ...start, endLine: end.line, endColumn: end.column };
}

/** Sources whose text the canonical reader took whole: their layout is the canonical one. */
const canonicalSources = new WeakSet<YamlSource>();

/**
 * The place of a field in canonical entry text, as the YAML parser would give it: a top-level
 * `key: value` line, a `key:` line with two-space children (`  sub: value`, `  - item`); a
 * collection's value starts at its first child. A scalar is one line to its end (the form never
 * folds). Undefined for anything else (the parser decides).
 */
function canonicalPosition(text: string, path: readonly PathSegment[], at: 'key' | 'value'): Span | undefined {
  const [first, second] = path;
  if (typeof first !== 'string' || path.length > 2) return undefined;
  const lines = text.split('\n');
  const top = lines.findIndex((l) => l === `${first}:` || l.startsWith(`${first}: `));
  if (top < 0) return undefined;
  const span = (index: number, column: number, endColumn: number): Span => ({ line: index + 1, column, endLine: index + 1, endColumn });
  if (path.length === 1) {
    if (at === 'key') return span(top, 1, first.length + 1);
    if (lines[top] !== `${first}:`) return span(top, first.length + 3, lines[top]!.length + 1);
    return lines[top + 1]?.startsWith('  ') ? { line: top + 2, column: 3 } : undefined;
  }
  let item = -1;
  for (let i = top + 1; i < lines.length && lines[i]!.startsWith('  '); i++) {
    const line = lines[i]!;
    if (typeof second === 'number' && line.startsWith('  - ') && ++item === second) return span(i, 5, line.length + 1);
    if (typeof second === 'string' && line.startsWith(`  ${second}: `)) return at === 'key' ? span(i, 3, second.length + 3) : span(i, second.length + 5, line.length + 1);
  }
  return undefined;
}

function linePos(lines: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

function firstContentPosition(doc: Document.Parsed, lines: LineCounter): { line: number; column: number } {
  const contents = doc.contents as Node | null;
  return contents?.range ? linePos(lines, contents.range[0]) : { line: 1, column: 1 };
}

/**
 * Parses YAML text; problems become diagnostics on `file`. `fastRead` may recognise the text
 * (an entry in canonical form) and return its data, sparing the full parse; it must return
 * undefined for anything it is not sure of.
 */
export function parseYaml(file: string, decoded: DecodedText, fastRead?: (text: string) => unknown): { source: YamlSource; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { text, ...facts } = decoded;
  const source: YamlSource = { file, text, decoded: facts, data: undefined };
  const quick = fastRead?.(text);
  if (quick !== undefined) {
    source.data = quick;
    canonicalSources.add(source);
    return { source, diagnostics };
  }
  const { doc, lines } = syntaxOf(source);
  // One error per line: yaml reports one misplaced line as up to three errors there.
  const said = new Set<number>();
  for (const error of doc.errors) {
    const pos = linePos(lines, error.pos[0]);
    if (said.has(pos.line)) continue;
    said.add(pos.line);
    diagnostics.push({
      file, ...pos, ruleId: 'yaml', severity: 'error',
      message: `The file is not valid YAML: ${firstLine(error.message)}`,
      hint: yamlHint(error.code, text.split('\n')[pos.line - 1] ?? ''),
    });
  }
  if (doc.errors.length === 0) {
    try {
      source.data = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (error) {
      diagnostics.push({
        file, line: 1, column: 1, ruleId: 'yaml', severity: 'error',
        message: `The YAML could not be expanded: ${firstLine((error as Error).message)}`,
        hint: 'Entry files need no anchors or aliases (&x, *x): write the values out.',
      });
    }
  }
  return { source, diagnostics };
}

/** What to do about a YAML error, from its code and the line it is on. */
function yamlHint(code: string, line: string): string {
  // "title: Foo: Bar": a second ": " in a plain value reads as a nested mapping.
  if (/^\s*(- )?[\w.-]+: .*: /.test(line) && (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY'))
    return 'A value with ": " in it needs quotes: title: "Foo: Bar".';
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
    case 'BAD_INDENT':
      return 'Check the indentation of this line: fields start at the margin; links and list items are two spaces in, like the lines above them.';
    case 'BAD_SCALAR_START':
      return 'A value that starts with a special character (@ ` | > % and others) needs quotes: title: "@Foo".';
    case 'DUPLICATE_KEY':
      return 'Each field may appear once: remove or merge the repeated key.';
    case 'MULTIPLE_DOCS':
      return 'An entry file holds one entry: remove the "---" separator and what follows, or move it to its own file.';
    case 'TAB_AS_INDENT':
      return 'Indent with spaces, not tabs.';
    default:
      return 'Fix the syntax at this position; quote titles that contain ": " or start with a special character.';
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/**
 * Reads and decodes one file of the repository, refusing links, special files, binary and
 * oversized ones with a diagnostic (never quoting their content). Synchronous on purpose:
 * thousands of tiny files read one after another beat a round trip through the thread pool for
 * each (measured: 2.6 s → 0.4 s for 12,000 entries).
 */
function readSource(tree: FileTree, file: string, diagnostics: Diagnostic[], limit: number = MAX_FILE_BYTES, what = 'An entry is a few lines of YAML: this file is not an entry, remove it or split it.'): DecodedText | undefined {
  const read = tree.read(file, limit);
  if ('problem' in read) {
    if (read.problem !== 'missing')
      diagnostics.push({ file, line: 1, column: 1, ruleId: read.problem === 'unreadable' ? 'io' : 'file', severity: 'error', message: read.message, hint: read.hint || what });
    return undefined;
  }
  const decoded = decodeText(read.bytes);
  if (decoded.binary) {
    diagnostics.push({
      file, line: 1, column: 1, ruleId: 'encoding', severity: 'error',
      message: 'The file has NUL bytes: it is binary, not text.',
      hint: 'Save it as UTF-8 text, or remove it.',
    });
    return undefined;
  }
  for (const line of decoded.invalidLines)
    diagnostics.push({
      file, line, column: 1, ruleId: 'encoding', severity: 'error',
      message: 'This line has bytes that are not UTF-8.',
      hint: 'Save the file as UTF-8 and retype the damaged characters.',
    });
  return decoded;
}

/** Entry file names of a folder, sorted; a folder that is a link is reported and not listed. */
function listYaml(tree: FileTree, dir: string, diagnostics: Diagnostic[]): string[] {
  const listed = tree.list(dir);
  if ('problem' in listed) {
    if (listed.problem !== 'missing') diagnostics.push({ file: dir, ruleId: 'file', severity: 'error', message: listed.message, hint: listed.hint });
    return [];
  }
  return listed.names.filter((n) => n.endsWith('.yml') || n.endsWith('.yaml')).sort(compareStrings);
}

/**
 * Loads everything under `root` (from `tree`: the disk, a candidate, a commit). File order is
 * sorted, so results never depend on the file system.
 */
export async function loadWorkspace(root: string, tree: FileTree = diskTree(root)): Promise<Workspace> {
  const diagnostics: Diagnostic[] = [];
  const entries: LoadedEntry[] = [];
  const files: Array<{ kind: EntryKind; name: string; file: string }> = [];
  for (const kind of ['paper', 'dataset'] as const) {
    const dir = ENTRY_DIRS[kind];
    for (const name of listYaml(tree, dir, diagnostics)) files.push({ kind, name, file: `${dir}/${name}` });
  }
  for (const { kind, name, file } of files) {
    const decoded = readSource(tree, file, diagnostics);
    if (!decoded) continue;
    const parsed = parseYaml(file, decoded, (text) => readCanonical(kind, text));
    diagnostics.push(...parsed.diagnostics);
    entries.push({ kind, id: name.replace(/\.ya?ml$/, ''), source: parsed.source });
  }
  const workspace: Workspace = { root, entries, diagnostics, issueForms: {} };
  const before = diagnostics.length;
  const sectionsText = readSource(tree, SECTIONS_FILE, diagnostics, MAX_FILE_BYTES, 'The sections file is a short list of headings: this is not it.');
  if (sectionsText) {
    const parsed = parseYaml(SECTIONS_FILE, sectionsText);
    diagnostics.push(...parsed.diagnostics);
    workspace.sections = parsed.source;
  } else if (diagnostics.length === before) {
    diagnostics.push({
      file: SECTIONS_FILE, ruleId: 'sections', severity: 'error',
      message: 'The sections file is missing.',
      hint: 'Create entries/sections.yml (paperlist import writes one).',
    });
  }
  const template = readSource(tree, TEMPLATE_FILE, diagnostics, MAX_TEMPLATE_BYTES, 'The template is the prose around the lists: keep it short, and the lists in entries/.');
  const costly = template && tooManyMarks(template.text);
  if (costly)
    diagnostics.push({ file: TEMPLATE_FILE, line: costly.line, column: 1, ruleId: 'template', severity: 'error',
      message: `This paragraph has ${costly.marks} emphasis and link marks (* _ [ ]); at most ${MAX_MARKS_PER_PARAGRAPH} are read in one paragraph, so the template was not parsed.`,
      hint: 'Split the paragraph, or write the marks as text (\\*): the Markdown parser takes a time that grows faster than their number.' });
  else if (template) workspace.template = { file: TEMPLATE_FILE, text: template.text };
  // The outputs are only compared with what generate writes: a problem with them is drift.
  const readme = readSource(tree, README_FILE, diagnostics, MAX_OUTPUT_BYTES, 'README.md is generated: delete it and run `npm run generate`.');
  if (readme) workspace.readme = readme.text;
  const chart = readSource(tree, CHART_FILE, diagnostics, MAX_OUTPUT_BYTES, `${CHART_FILE} is generated: delete it and run \`npm run generate\`.`);
  if (chart) workspace.chart = chart.text;
  for (const [kind, file] of Object.entries(ISSUE_FORMS) as Array<[EntryKind, string]>) {
    const form = readSource(tree, file, diagnostics, MAX_FILE_BYTES, 'An issue form is a short YAML file.');
    if (!form) continue;
    const parsed = parseYaml(file, form);
    diagnostics.push(...parsed.diagnostics);
    workspace.issueForms[kind] = parsed.source;
  }
  return workspace;
}
