// Relative links and images of Markdown (README.md's `image/main.png`), checked against the files
// of the repository: no request, so offline or not makes no difference.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { LinkResult } from './options.js';

/**
 * A relative link, checked against the repository's files (no network): it must name a file or
 * folder inside the root, as GitHub shows README.md's relative links and images. Only whether the
 * path exists is asked; nothing is read.
 */
export function checkLocal(root: string, url: string): LinkResult {
  const base = { url, attempts: 0 } as const;
  if (!url.startsWith('./')) return { ...base, state: 'dead', error: 'the path leads out of the repository' };
  try {
    statSync(join(root, url));
    return { ...base, state: 'ok' };
  } catch {
    return { ...base, state: 'dead', error: 'no such file in the repository' };
  }
}
