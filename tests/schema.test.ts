// The schemas are the only definition of what a field is: each must say what every property means
// and reject what it does not define.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/core/package-files.js';
import { FIXTURES } from './helpers.js';

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
    expect(files.sort()).toEqual(['config.schema.json', 'dataset.schema.json', 'export.schema.json', 'link-cache.schema.json', 'paper.schema.json', 'record-cache.schema.json', 'sections.schema.json', 'venues.schema.json']);
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

  it('every entry file and the sections file of the fixture list name their schema for editors', async () => {
    for (const [dir, schema] of [['entries/papers', '../../schema/paper.schema.json'], ['entries/datasets', '../../schema/dataset.schema.json']]) {
      for (const name of await readdir(join(FIXTURES, 'list', dir!))) {
        expect((await readFile(join(FIXTURES, 'list', dir!, name), 'utf8')).split('\n')[0], name).toBe(`# yaml-language-server: $schema=${schema}`);
      }
    }
    expect((await readFile(join(FIXTURES, 'list', 'entries/sections.yml'), 'utf8')).split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/sections.schema.json');
  });

  it('the built validators (ajv standalone code, scripts/build-validators.mjs) judge exactly as ajv compiling the schemas does', async () => {
    const built = (await import(join(PACKAGE_ROOT, 'dist/schema-validators.js'))) as Record<string, ((data: unknown) => boolean) & { errors?: unknown }>;
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const documents: Record<string, unknown[]> = {
      paper: [
        { title: 'Mistral 7B', authors: 'Jiang et al.', year: 2023, venue: 'arXiv', links: { paper: 'https://arxiv.org/abs/2310.06825' }, sections: ['sft'] },
        { title: 'Bad', authr: 'X et al.', year: 'twenty' },
        { title: '', authors: 'A', year: 2023, doi: '10.1145/ABC', authorList: [], links: { code: 'javascript:alert(1)' }, sections: [] },
      ],
      dataset: [{ name: 'mC4', url: 'https://huggingface.co/datasets/mc4', description: 'A corpus.', sections: ['corpora'] }, { name: 1, extra: true }],
      sections: [{ groups: [] }, { groups: [{ id: 'Bad Id', title: 'x', kind: 'paper', sections: [] }] }],
      config: [{ rules: { 'duplicates/title': 'off' } }, { rules: { x: 'loud' }, links: { concurrency: 0 } }],
    };
    for (const [kind, docs] of Object.entries(documents)) {
      const compiled = ajv.compile(JSON.parse(await readFile(join(PACKAGE_ROOT, 'schema', `${kind}.schema.json`), 'utf8')));
      for (const doc of docs) {
        expect(built[kind]!(doc), `${kind} ${JSON.stringify(doc)}`).toBe(compiled(doc));
        expect(built[kind]!.errors ?? null).toEqual(compiled.errors ?? null);
      }
    }
  });
});
