// Cache files are input like any other: a pull request can commit one where the weekly job keeps
// its cache, with a record that rewrites venues or a success dated 2999 that never expires. A cache
// is read as a regular file under a size cap, checked against its schema entry by entry (an entry
// that fails is dropped and fetched again), its times clamped to now, and what was dropped is said
// in one warning.
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { readRegularFile } from './fs-read.js';

/** A cache over this size is not read: the record cache of a 10,000-paper list is a few megabytes. */
export const MAX_CACHE_BYTES = 64 * 1024 * 1024;

export interface CacheShape {
  /** The objects of the file that map keys to entries (records, published; links). */
  collections: readonly string[];
  /** The field of each entry that holds when it was fetched. */
  timeField: string;
  /** A check the schema cannot say (a key that names another record than it holds): why it fails, or undefined. */
  consistent?: (collection: string, key: string, entry: Record<string, unknown>) => string | undefined;
}

export interface CacheRead {
  /** The file's valid content, or undefined when there is none (missing, unreadable, invalid as a whole). */
  data?: Record<string, unknown>;
  /** One sentence for the user when anything was dropped, clamped or not read; undefined when the file was whole (or absent). */
  warning?: string;
}

/** Reads, validates and clamps a cache file; `name` says which cache in the warning ("The record cache"), the caller says where. */
export function readCacheFile(path: string, name: string, validate: ValidateFunction, shape: CacheShape, now = Date.now()): CacheRead {
  const read = readRegularFile(path, MAX_CACHE_BYTES, false);
  if ('problem' in read) return read.problem === 'missing' ? {} : { warning: `${name} was not read: ${read.message} Starting a new one.` };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(read.bytes));
  } catch (error) {
    return { warning: `${name} was not read: not JSON (${(error as Error).message}). Starting a new one.` };
  }
  const kept = dropInvalid(json, validate, shape);
  if ('whole' in kept) return { warning: `${name} was not read: ${kept.whole}. Starting a new one.` };
  const clamped = clampTimes(kept.data, shape, now);
  const said: string[] = [];
  if (kept.dropped.length) said.push(`${kept.dropped.length === 1 ? '1 entry was' : `${kept.dropped.length} entries were`} dropped (${kept.dropped[0]}${kept.dropped.length > 1 ? ', …' : ''})`);
  if (clamped) said.push(`${clamped === 1 ? '1 time after now was' : `${clamped} times after now were`} taken as now`);
  return { data: kept.data, ...(said.length ? { warning: `${name}: ${said.join('; ')}. What was dropped is fetched again.` } : {}) };
}

/** The key of a collection entry an error is about, from its instance path (or the property name a propertyNames error names). */
function entryOf(error: ErrorObject, collections: readonly string[]): { collection: string; key: string } | undefined {
  const path = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const collection = path[0];
  if (collection === undefined || !collections.includes(collection)) return undefined;
  if (path.length >= 2) return { collection, key: path[1]! };
  if (error.keyword === 'propertyNames' || (error.params as { propertyName?: string }).propertyName !== undefined) {
    const key = (error.params as { propertyName?: string }).propertyName;
    return key === undefined ? undefined : { collection, key };
  }
  return undefined;
}

/** The file without its invalid entries, and why each went; `whole` when the file itself is not a cache of this kind. */
function dropInvalid(json: unknown, validate: ValidateFunction, shape: CacheShape): { data: Record<string, unknown>; dropped: string[] } | { whole: string } {
  const dropped: string[] = [];
  const drop = (collection: string, key: string, why: string): void => {
    const entries = (json as Record<string, Record<string, unknown>>)[collection];
    if (entries && Object.hasOwn(entries, key)) {
      delete entries[key];
      dropped.push(`${collection} ${JSON.stringify(key.slice(0, 80))}: ${why}`);
    }
  };
  if (!validate(json)) {
    // ajv lists each branch of an "X or null" choice; the branch that says what was expected is
    // the telling one, so those come first.
    const telling = (e: ErrorObject): boolean => e.keyword !== 'anyOf' && !(e.keyword === 'type' && (e.params as { type?: string }).type === 'null');
    const errors = [...(validate.errors ?? [])].sort((a, b) => Number(telling(b)) - Number(telling(a)));
    for (const error of errors) {
      const at = entryOf(error, shape.collections);
      if (!at) return { whole: `${error.instancePath || 'the file'} ${error.message ?? 'is invalid'}` };
      drop(at.collection, at.key, `${error.instancePath.split('/').slice(3).join('/') || 'entry'} ${error.message ?? 'is invalid'}`);
    }
    // What is left must now be valid as a whole; if not, nothing of it is trusted.
    if (!validate(json)) return { whole: validate.errors?.[0]?.message ?? 'invalid' };
  }
  const data = json as Record<string, unknown>;
  for (const collection of shape.collections) {
    for (const [key, entry] of Object.entries((data[collection] as Record<string, Record<string, unknown>> | undefined) ?? {})) {
      const why = shape.consistent?.(collection, key, entry);
      if (why) drop(collection, key, why);
    }
  }
  return { data, dropped };
}

/** Times after now become now: a cache cannot date its entries into the future to keep them forever. */
function clampTimes(data: Record<string, unknown>, shape: CacheShape, now: number): number {
  let clamped = 0;
  for (const collection of shape.collections) {
    for (const entry of Object.values((data[collection] as Record<string, Record<string, unknown>> | undefined) ?? {})) {
      const at = Date.parse(String(entry[shape.timeField]));
      // A date the pattern lets through but the calendar does not (month 13) has expired.
      if (Number.isNaN(at)) entry[shape.timeField] = new Date(0).toISOString();
      else if (at > now) {
        entry[shape.timeField] = new Date(now).toISOString();
        clamped++;
      }
    }
  }
  return clamped;
}
