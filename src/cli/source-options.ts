// The options that say where each source of records is (add and verify), for tests and mirrors.
import { DEFAULT_SOURCE_OPTIONS, type SourceOptions } from '../records/sources.js';

export const sourceOptions = {
  'arxiv-api': { type: 'string' },
  anthology: { type: 'string' },
  crossref: { type: 'string' },
  datacite: { type: 'string' },
  'doi-api': { type: 'string' },
  cache: { type: 'string' },
} as const;

/** verify reads one source more than add: Semantic Scholar, for published versions. */
export const verifySourceOptions = { ...sourceOptions, 'semantic-scholar': { type: 'string' } } as const;

export function sourcesOf(values: Record<string, unknown>, interval = DEFAULT_SOURCE_OPTIONS.interval): SourceOptions {
  return {
    ...DEFAULT_SOURCE_OPTIONS,
    interval,
    ...(typeof values['arxiv-api'] === 'string' ? { arxivApi: values['arxiv-api'] } : {}),
    ...(typeof values.anthology === 'string' ? { anthology: values.anthology } : {}),
    ...(typeof values.crossref === 'string' ? { crossref: values.crossref } : {}),
    ...(typeof values.datacite === 'string' ? { datacite: values.datacite } : {}),
    ...(typeof values['doi-api'] === 'string' ? { doiApi: values['doi-api'] } : {}),
    ...(typeof values['semantic-scholar'] === 'string' ? { semanticScholar: values['semantic-scholar'] } : {}),
  };
}

