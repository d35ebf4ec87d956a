// Pull-request mode (lint --base REF, links --changed REF): the gate's settings are the base
// branch's .paperlist.yml, never the pull request's, so that a pull request cannot turn off the
// checks it is judged by. A change to the file in the pull request is said, naming what it would
// change; it applies after merge.
import { loadConfig, CONFIG_FILE, type Config } from './config.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { FileTree } from '../core/file-tree.js';
import { assertCommit, treeAt } from '../core/git.js';

/** Every leaf of the settings as "path: value", to say what a change would change. */
function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value)) flatten(v, path ? `${path}.${key}` : key, out);
  } else if (value !== undefined) out.set(path, JSON.stringify(value));
}

/** What the pull request's settings change against the base's, one "path: old → new" each. */
export function settingsChanges(base: Config, head: Config): string[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  flatten(base, '', a);
  flatten(head, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.filter((p) => a.get(p) !== b.get(p)).map((p) => `${p}: ${a.get(p) ?? '(none)'} → ${b.get(p) ?? '(none)'}`);
}

/** The base's settings as a tree to load them from, and a warning when the pull request changes them. */
export async function baseSettings(root: string, ref: string, head: FileTree, option: string): Promise<{ settings: FileTree; diagnostics: Diagnostic[] }> {
  await assertCommit(root, ref, option);
  const settings = await treeAt(root, ref, [CONFIG_FILE]);
  const [was, now] = await Promise.all([loadConfig(root, settings), loadConfig(root, head)]);
  const changes = settingsChanges(was.config, now.config);
  const readable = now.diagnostics.some((d) => d.severity === 'error') ? ['(the new file has errors: see lint)'] : changes;
  if (!readable.length) return { settings, diagnostics: [] };
  return {
    settings,
    diagnostics: [{
      file: CONFIG_FILE, line: 1, column: 1, ruleId: 'config/changed', severity: 'warning',
      message: `This pull request changes the settings (${readable.join('; ')}); the checks of this run use the base branch's, and the change applies after merge.`,
      hint: 'A maintainer reviews a change to .paperlist.yml: say why in the pull request.',
    }],
  };
}
