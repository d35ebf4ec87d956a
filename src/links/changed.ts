// PR mode: the URLs that entries and templates added or changed since a git ref.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodeText } from '../text/decode.js';
import { parseYaml } from '../load.js';
import { LINK_KINDS } from '../model.js';
import { checkableUrl, LinkCollector } from './collector.js';
import { markdownLinks } from './markdown-links.js';
import { UsageError } from '../errors.js';

const run = promisify(execFile);

async function git(root: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: root, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

/** URLs in an entry or template text, whatever its validity: a broken file still has its links. */
export function urlsIn(file: string, text: string): Set<string> {
  const urls = new Set<string>();
  if (file.endsWith('.md')) {
    const collector = new LinkCollector();
    markdownLinks(text, file, collector);
    for (const s of collector.sources()) urls.add(s.url);
    return urls;
  }
  const data = parseYaml(file, decodeText(new TextEncoder().encode(text))).source.data as Record<string, unknown> | undefined;
  if (!data || typeof data !== 'object') return urls;
  const links = (data.links ?? {}) as Record<string, unknown>;
  for (const kind of LINK_KINDS) if (typeof links[kind] === 'string') urls.add(checkableUrl(links[kind] as string));
  if (typeof data.url === 'string') urls.add(checkableUrl(data.url));
  return urls;
}

/**
 * URLs present now in files changed since `ref` (entries, templates) that the same files did not
 * have at `ref`. Throws with git's message when the ref is unknown.
 */
export async function changedUrls(root: string, ref: string): Promise<Set<string>> {
  await git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => {
    throw new UsageError(`--changed ${ref}: '${ref}' is not a commit in this repository (in CI, fetch the base branch first)`);
  });
  const changed = (await git(root, ['diff', '--name-only', '--diff-filter=AMR', ref, '--', 'entries', 'templates'])).split('\n').filter(Boolean);
  const untracked = (await git(root, ['ls-files', '--others', '--exclude-standard', '--', 'entries', 'templates'])).split('\n').filter(Boolean);
  const added = new Set<string>();
  for (const file of [...new Set([...changed, ...untracked])]) {
    if (!/\.(ya?ml|md)$/.test(file)) continue;
    const now = await readFile(join(root, file), 'utf8').catch(() => '');
    const before = await git(root, ['show', `${ref}:${file}`]).catch(() => '');
    const old = urlsIn(file, before);
    for (const url of urlsIn(file, now)) if (!old.has(url)) added.add(url);
  }
  return added;
}
