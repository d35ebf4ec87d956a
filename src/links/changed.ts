// PR mode: the URLs that entries and templates added or changed since a git ref.
import { readRepositoryFile } from '../core/fs-read.js';
import { assertCommit, fileAt, filesSince } from '../core/git.js';
import { decodeText } from '../text/decode.js';
import { parseYaml } from '../check/load.js';
import { LINK_KINDS } from '../core/model.js';
import { checkableUrl, LinkCollector } from './collector.js';
import { markdownLinks } from './markdown-links.js';

/** A changed file is read as entries are: a regular file inside the root, of an entry's size at most. */
const MAX_CHANGED_BYTES = 2 * 1024 * 1024;

/** URLs in an entry or template text, whatever its validity: a broken file still has its links. */
export function urlsIn(file: string, text: string): Set<string> {
  const urls = new Set<string>();
  if (file.endsWith('.md')) {
    const collector = new LinkCollector();
    markdownLinks(text, file, collector, file.startsWith('templates/') ? '' : undefined);
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
  await assertCommit(root, ref, '--changed');
  const added = new Set<string>();
  for (const file of await filesSince(root, ref, 'AMR', ['entries', 'templates'])) {
    if (!/\.(ya?ml|md)$/.test(file)) continue;
    // A link, a pipe or a file outside the root is not read: its "links" could be anything on this machine.
    const read = readRepositoryFile(root, file, MAX_CHANGED_BYTES);
    const now = 'bytes' in read ? decodeText(read.bytes).text : '';
    const before = await fileAt(root, ref, file);
    const old = urlsIn(file, before);
    for (const url of urlsIn(file, now)) if (!old.has(url)) added.add(url);
  }
  return added;
}
