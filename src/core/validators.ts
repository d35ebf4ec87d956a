// The schemas' validators, for every layer that validates (entries, sections, the settings, the
// caches). The built tool uses the validators ajv generated from schema/ at build time
// (scripts/build-validators.mjs: ajv's standalone code, dist/schema-validators.js); from the
// TypeScript sources (tests), or when a schema changed since the build, they are compiled here
// the same way.
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { SCHEMA_FILES, type EntryKind } from './model.js';
import { readPackageJson } from './package-files.js';

type SchemaKind = EntryKind | 'sections';

/** Every schema a validator is built for: entries, sections, the configuration and the two cache files. */
type ValidatorName = SchemaKind | 'config' | 'recordCache' | 'linkCache';

/**
 * The validators of paper, dataset, sections, config and the caches: built ones when present. Loading ajv and
 * compiling the schemas took ~120 ms of a ~0.8 s lint of the real list (2026-12-01); the built
 * module loads in a few.
 */
export const schemaValidators: Record<ValidatorName, ValidateFunction> = await loadValidators();

async function loadValidators(): Promise<Record<ValidatorName, ValidateFunction>> {
  const kinds = { ...SCHEMA_FILES, config: 'schema/config.schema.json', recordCache: 'schema/record-cache.schema.json', linkCache: 'schema/link-cache.schema.json' } as const;
  if (!import.meta.url.endsWith('.ts')) {
    const built = new URL('../schema-validators.js', import.meta.url);
    const module = (await import(built.href).catch(() => undefined)) as (Record<ValidatorName, ValidateFunction> & { builtFrom: Record<string, string> }) | undefined;
    const current = module && Object.entries(kinds).every(([kind, file]) => module.builtFrom[kind] === JSON.stringify(readPackageJson<object>(file)));
    if (module && current) return module;
  }
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  // validateSchema: false — the schemas are ours and checked against the 2020-12 meta-schema by
  // tests/schema.test.ts.
  const ajv = new Ajv2020({ allErrors: true, strict: true, validateSchema: false });
  return Object.fromEntries(Object.entries(kinds).map(([kind, file]) => [kind, ajv.compile(readPackageJson<object>(file))])) as Record<ValidatorName, ValidateFunction>;
}

