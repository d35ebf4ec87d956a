// Schema validation of entries and sections: ajv's errors, each mapped to the key or value it is
// about (the validators themselves: core/validators.ts).
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { schemaValidators } from '../core/validators.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { readCanonical } from '../core/entry-format.js';
import { locate, parseYaml, type PathSegment, type YamlSource } from './load.js';
import { decodeText } from '../text/decode.js';
import { SCHEMA_FILES, type EntryKind } from '../core/model.js';
import { readPackageJson } from '../core/package-files.js';
import { editDistance } from '../core/venues.js';

type SchemaKind = EntryKind | 'sections';

interface JsonSchema {
  description?: string;
  properties?: Record<string, JsonSchema>;
  $ref?: string;
  [key: string]: unknown;
}

export class Validator {
  private readonly validators: Record<SchemaKind, ValidateFunction>;
  private readonly schemas: Record<SchemaKind, JsonSchema>;

  constructor() {
    this.schemas = {
      paper: readPackageJson<JsonSchema>(SCHEMA_FILES.paper),
      dataset: readPackageJson<JsonSchema>(SCHEMA_FILES.dataset),
      sections: readPackageJson<JsonSchema>(SCHEMA_FILES.sections),
    };
    this.validators = { paper: schemaValidators.paper, dataset: schemaValidators.dataset, sections: schemaValidators.sections };
  }

  /** Diagnostics for every schema error in `source.data`; empty when valid. */
  validate(kind: SchemaKind, source: YamlSource): Diagnostic[] {
    return this.check(kind, source).problems;
  }

  /**
   * The schema errors, and the data the rules may still check: the entry itself when valid, or,
   * when its only errors are unknown fields (a typo such as "cod:"), the entry without them, so
   * that one lint run reports the rest of what is wrong too.
   */
  check(kind: SchemaKind, source: YamlSource): { problems: Diagnostic[]; checkable?: unknown } {
    const validate = this.validators[kind];
    if (validate(source.data)) return { problems: [], checkable: source.data };
    const errors = simplify(validate.errors ?? []);
    const problems = errors.map((e) => this.toDiagnostic(kind, source, e));
    if (!errors.every((e) => e.keyword === 'additionalProperties')) return { problems };
    const pruned = structuredClone(source.data);
    for (const e of errors) {
      const parent = valueAt(pruned, pointerToPath(e.instancePath)) as Record<string, unknown>;
      delete parent[(e.params as { additionalProperty: string }).additionalProperty];
    }
    return validate(pruned) ? { problems, checkable: pruned } : { problems };
  }

  private toDiagnostic(kind: SchemaKind, source: YamlSource, e: ErrorObject): Diagnostic {
    const path = pointerToPath(e.instancePath);
    const field = path.length ? path.join('.') : 'the entry';
    const base = { file: source.file, ruleId: 'schema', severity: 'error' as const };
    const propertyHelp = (p: PathSegment[]): string | undefined => this.describe(kind, p);
    switch (e.keyword) {
      case 'required': {
        const missing = (e.params as { missingProperty: string }).missingProperty;
        const help = propertyHelp([...path, missing]);
        return {
          ...base, ...locate(source, path, 'key'),
          message: `Missing required field "${[...path, missing].join('.')}".`,
          hint: `Add "${missing}:"${help ? ` (${help})` : ''}.`,
        };
      }
      case 'additionalProperties': {
        const extra = (e.params as { additionalProperty: string }).additionalProperty;
        const known = this.knownProperties(kind, path);
        const near = nearest(extra, known);
        return {
          ...base, ...locate(source, [...path, extra], 'key'),
          message: `Unknown field "${[...path, extra].join('.')}".`,
          hint: `${near ? `Did you mean "${near}"? ` : ''}Allowed here: ${known.join(', ')}.`,
        };
      }
      case 'type':
        return {
          ...base, ...locate(source, path),
          message: `"${field}" must be ${article((e.params as { type: string }).type)}, found ${describeValue(valueAt(source.data, path))}.`,
          ...hintFor(propertyHelp(path)),
        };
      case 'pattern':
        return {
          ...base, ...locate(source, path),
          message: `"${field}" has the wrong form: ${JSON.stringify(valueAt(source.data, path))}.`,
          ...hintFor(propertyHelp(path)),
        };
      case 'minProperties':
        return { ...base, ...locate(source, path, 'key'), message: `"${field}" is empty.`, ...hintFor(propertyHelp(path)) };
      case 'uniqueItems':
        return { ...base, ...locate(source, path), message: `"${field}" lists the same value twice.`, hint: 'Remove the repeated item.' };
      case 'enum':
        return {
          ...base, ...locate(source, path),
          message: `"${field}" must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues).map((v) => JSON.stringify(v)).join(', ')}.`,
        };
      default:
        return { ...base, ...locate(source, path), message: `"${field}" ${e.message ?? 'is invalid'}.`, ...hintFor(propertyHelp(path)) };
    }
  }

  /** The schema description of the property at `path`, following $refs within our schemas. */
  private describe(kind: SchemaKind, path: PathSegment[]): string | undefined {
    return this.schemaAt(kind, path)?.description;
  }

  private knownProperties(kind: SchemaKind, path: PathSegment[]): string[] {
    return Object.keys(this.schemaAt(kind, path)?.properties ?? {});
  }

  private schemaAt(kind: SchemaKind, path: PathSegment[]): JsonSchema | undefined {
    let schema: JsonSchema | undefined = this.schemas[kind];
    for (const segment of path) {
      if (!schema) return undefined;
      if (typeof segment === 'number') schema = (schema.items as JsonSchema | undefined) ?? undefined;
      else schema = schema.properties?.[segment];
      schema = schema && this.resolve(kind, schema);
    }
    return schema;
  }

  private resolve(kind: SchemaKind, schema: JsonSchema): JsonSchema {
    if (!schema.$ref) return schema;
    const [file, pointer] = schema.$ref.split('#');
    const target = file ? Object.values(this.schemas).find((s) => (s.$id as string).endsWith(`/${file}`)) : this.schemas[kind];
    let node: unknown = target;
    for (const part of (pointer ?? '').split('/').filter(Boolean)) node = (node as Record<string, unknown>)?.[part];
    return { ...(node as JsonSchema), ...(schema.description ? { description: schema.description } : {}) };
  }
}

/** One error per place: when a value has the wrong type, its pattern/length errors add nothing. */
function simplify(errors: ErrorObject[]): ErrorObject[] {
  const typed = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (e.keyword !== 'type' && typed.has(e.instancePath)) return false;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function pointerToPath(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function valueAt(data: unknown, path: PathSegment[]): unknown {
  let v = data;
  for (const p of path) v = (v as Record<string | number, unknown> | undefined)?.[p];
  return v;
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

function article(type: string): string {
  const names: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', integer: 'a whole number', number: 'a number', boolean: 'true or false' };
  return names[type] ?? type;
}

function hintFor(help: string | undefined): { hint?: string } {
  return help ? { hint: help } : {};
}

function nearest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

let shared: Validator | undefined;

/** One Validator per process: compiling the schemas is the expensive part. */
export function sharedValidator(): Validator {
  shared ??= new Validator();
  return shared;
}

/**
 * An entry text this tool is about to write (add, import, absorb), read back as lint will read it
 * and validated: its source, and its schema problems.
 */
export function readBackEntry(kind: EntryKind, file: string, text: string): { source: YamlSource; problems: Diagnostic[] } {
  const { source } = parseYaml(file, decodeText(new TextEncoder().encode(text)), (t) => readCanonical(kind, t));
  return { source, problems: sharedValidator().validate(kind, source) };
}
