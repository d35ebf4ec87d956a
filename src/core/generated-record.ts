// The README.md texts paperlist itself wrote in this clone, as hashes kept in the git directory
// (never committed, never read from a pull request): a README.md that is one of them is generated,
// not edited by hand, even when the entries changed again since (edit an entry, generate, edit it
// again: the second generate must not take the first one's output for a person's edit).
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { gitPath } from './git.js';

const RECORD = 'paperlist/generated-readme';
/** How many written READMEs are remembered: enough for a session of edits and generates. */
const KEEP = 20;

const hash = (text: string): string => createHash('sha256').update(text).digest('hex');

async function recordFile(root: string): Promise<string | undefined> {
  return gitPath(root, RECORD);
}

async function recorded(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter((l) => /^[0-9a-f]{64}$/.test(l)).slice(-KEEP);
}

/** Was `readme` written by paperlist in this clone? */
export async function wasGenerated(root: string, readme: string): Promise<boolean> {
  const file = await recordFile(root);
  return file !== undefined && (await recorded(file)).includes(hash(readme));
}

/** Remembers a README.md text paperlist just wrote (nothing outside a git repository). */
export async function rememberGenerated(root: string, readme: string): Promise<void> {
  const file = await recordFile(root);
  if (!file) return;
  const kept = (await recorded(file)).filter((h) => h !== hash(readme));
  // A memory, not an output: a git directory that cannot be written costs only that memory.
  await mkdir(dirname(file), { recursive: true })
    .then(() => writeFile(file, `${[...kept, hash(readme)].slice(-KEEP).join('\n')}\n`))
    .catch(() => undefined);
}
