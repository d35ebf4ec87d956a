// Settings from .paperlist.yml (validated by schema/config.schema.json), and the default severity of
// every check. Rules never decide their own severity: this table and the config file do.
import { diskTree, type FileTree } from '../core/file-tree.js';
import type { Diagnostic, Severity } from '../core/diagnostics.js';
import { decodeText } from '../text/decode.js';
import { CHECKS, type CheckId } from './checks.js';

export const CONFIG_FILE = '.paperlist.yml';

export type Level = Severity | 'off';

/** The level of every check when the settings name none (declared in checks.ts). */
export const DEFAULT_LEVELS = Object.fromEntries(Object.entries(CHECKS).map(([id, c]) => [id, c.level])) as { readonly [K in CheckId]: (typeof CHECKS)[K]['level'] };

export type { CheckId } from './checks.js';

export interface LinkSettings {
  /** Check arXiv links through the arXiv API's batches (default true). */
  arxivApi?: boolean;
  /** Check GitHub repository links through GitHub's GraphQL API when a token is given (default true). */
  githubApi?: boolean;
  /** Check DOI links against the DOI resolver's handle API, not the publisher's page (default true). */
  doiApi?: boolean;
  concurrency?: number;
  perHost?: number;
  timeout?: number;
  retries?: number;
  cacheTtlDays?: number;
  exclude?: string[];
  hosts?: Record<string, { concurrency?: number; minInterval?: number }>;
}

export interface Config {
  rules: Record<string, Level>;
  links: LinkSettings;
  /** An address the record services may write to (sent in the User-Agent as "mailto:"). */
  contact?: string;
  /** The static page's title and top links (paperlist site). */
  site?: { title?: string; links?: Array<{ label: string; url: string }> };
}

/** The level of a check: config for the check, else config for its rule, else the default. */
export function levelOf(config: Config, check: CheckId): Level {
  const rule = check.split('/')[0]!;
  return config.rules[check] ?? config.rules[rule] ?? DEFAULT_LEVELS[check];
}

/** Larger settings files are refused unread: the real one is 20 lines. */
const MAX_CONFIG_BYTES = 64 * 1024;

/** `exclude` entries are URL prefixes, or regular expressions written /like this/. */
export function isExcludeRegExp(pattern: string): boolean {
  return pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/');
}

/** Why an exclude pattern cannot be used, or undefined when it can. */
export function excludePatternProblem(pattern: string): string | undefined {
  if (!isExcludeRegExp(pattern)) return undefined;
  try {
    new RegExp(pattern.slice(1, -1));
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: /, '');
  }
}

export async function loadConfig(root: string, tree: FileTree = diskTree(root)): Promise<{ config: Config; diagnostics: Diagnostic[] }> {
  const empty: Config = { rules: {}, links: {} };
  const read = tree.read(CONFIG_FILE, MAX_CONFIG_BYTES);
  if ('problem' in read) {
    if (read.problem === 'missing') return { config: empty, diagnostics: [] };
    return { config: empty, diagnostics: [{ file: CONFIG_FILE, line: 1, column: 1, ruleId: 'config', severity: 'error', message: read.message, hint: read.hint || 'The settings are a few lines of YAML: see schema/config.schema.json.' }] };
  }
  const bytes = read.bytes;
  // The YAML parser and ajv are loaded only when there is a file to read (~80 ms otherwise).
  const [{ locate, parseYaml }, { pointerToPath }, { schemaValidators }] = await Promise.all([import('./load.js'), import('./validate.js'), import('../core/validators.js')]);
  const parsed = parseYaml(CONFIG_FILE, decodeText(bytes));
  if (parsed.diagnostics.length) return { config: empty, diagnostics: parsed.diagnostics };
  const data = parsed.source.data ?? {};
  const validate = schemaValidators.config;
  if (!validate(data)) {
    return {
      config: empty,
      diagnostics: (validate.errors ?? []).map((e) => ({
        file: CONFIG_FILE, ...locate(parsed.source, pointerToPath(e.instancePath)), ruleId: 'config', severity: 'error' as const,
        message: `Configuration ${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? `: "${String(e.params.additionalProperty)}"` : ''}.`,
        hint: 'See schema/config.schema.json for the settings.',
      })),
    };
  }
  const unknown = Object.keys((data as Config).rules ?? {}).filter((k) => !(k in DEFAULT_LEVELS) && !Object.keys(DEFAULT_LEVELS).some((c) => c.startsWith(`${k}/`)));
  const diagnostics: Diagnostic[] = unknown.map((k) => ({
    file: CONFIG_FILE, ...locate(parsed.source, ['rules', k], 'key'), ruleId: 'config', severity: 'warning' as const,
    message: `Unknown rule or check "${k}" in rules.`,
    hint: `Known rules: duplicates, mislabels, hygiene, readme; checks are listed in docs/rules.md.`,
  }));
  ((data as Config).links?.exclude ?? []).forEach((pattern, i) => {
    const problem = excludePatternProblem(pattern);
    if (problem)
      diagnostics.push({
        file: CONFIG_FILE, ...locate(parsed.source, ['links', 'exclude', i]), ruleId: 'config', severity: 'error',
        message: `links.exclude[${i}] is not a valid regular expression: ${problem}.`,
        hint: 'Write a URL prefix (https://example.org/), or a JavaScript regular expression between slashes (/^https:\\/\\/example\\./).',
      });
  });
  if (diagnostics.some((d) => d.severity === 'error')) return { config: empty, diagnostics };
  return { config: { rules: {}, links: {}, ...(data as Partial<Config>) } as Config, diagnostics };
}
