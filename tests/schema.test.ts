// The schemas are the only definition of what a field is: each must say what every property means
// and reject what it does not define.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/package-files.js';

type Schema = Record<string, unknown>;

function walk(schema: Schema, path: string, problems: string[]): void {
  const properties = schema.properties as Record<string, Schema> | undefined;
  if (properties) {
    if (schema.additionalProperties !== false && path !== 'config.schema.json#/properties/links/properties/hosts/additionalProperties')
      problems.push(`${path}: additionalProperties is not false`);
    for (const [name, property] of Object.entries(properties)) {
      if (typeof property.description !== 'string' || !property.description) problems.push(`${path}/properties/${name}: no description`);
      walk(property, `${path}/properties/${name}`, problems);
    }
  }
  for (const key of ['items', 'additionalProperties']) {
    const child = schema[key];
    if (child && typeof child === 'object') walk(child as Schema, `${path}/${key}`, problems);
  }
  for (const [name, def] of Object.entries((schema.$defs as Record<string, Schema> | undefined) ?? {})) walk(def, `${path}/$defs/${name}`, problems);
}

describe('schemas', () => {
  it('are draft 2020-12 with an $id, describe every property, and allow no unknown keys', async () => {
    const files = (await readdir(join(PACKAGE_ROOT, 'schema'))).filter((f) => f.endsWith('.schema.json'));
    expect(files.sort()).toEqual(['config.schema.json', 'dataset.schema.json', 'export.schema.json', 'paper.schema.json', 'sections.schema.json', 'venues.schema.json']);
    const problems: string[] = [];
    for (const file of files) {
      const schema = JSON.parse(await readFile(join(PACKAGE_ROOT, 'schema', file), 'utf8')) as Schema;
      expect(schema.$schema, file).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id, file).toMatch(new RegExp(`/schema/${file.replace('.', '\\.')}$`));
      walk(schema, `${file}#`, problems);
    }
    expect(problems).toEqual([]);
  });

  it('are valid against the draft 2020-12 meta-schema (paperlist compiles them without checking that, for speed)', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    for (const file of (await readdir(join(PACKAGE_ROOT, 'schema'))).filter((f) => f.endsWith('.schema.json'))) {
      const schema = JSON.parse(await readFile(join(PACKAGE_ROOT, 'schema', file), 'utf8')) as Schema;
      expect(ajv.validateSchema(schema), `${file}: ${JSON.stringify(ajv.errors)}`).toBe(true);
    }
  });

  it('every entry file and the sections file name their schema for editors', async () => {
    for (const [dir, schema] of [['entries/papers', '../../schema/paper.schema.json'], ['entries/datasets', '../../schema/dataset.schema.json']]) {
      for (const name of await readdir(join(PACKAGE_ROOT, dir!))) {
        expect((await readFile(join(PACKAGE_ROOT, dir!, name), 'utf8')).split('\n')[0], name).toBe(`# yaml-language-server: $schema=${schema}`);
      }
    }
    expect((await readFile(join(PACKAGE_ROOT, 'entries/sections.yml'), 'utf8')).split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/sections.schema.json');
  });
});
