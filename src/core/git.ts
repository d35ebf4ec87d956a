// The few git questions the pull-request gate asks about its branch: which files it changed or
// added since the base, and what a file held there. Arguments are passed as an argv array, never
// through a shell; a ref git does not know is a usage error.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { UsageError } from './errors.js';
import { memoryTree, type FileTree } from './file-tree.js';
import type { ReadOutcome } from './fs-read.js';

const run = promisify(execFile);

async function git(root: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: root, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

/** git's -z lists: NUL-separated and never quoted (a newline-separated list C-quotes non-ASCII names). */
const entries = (s: string): string[] => s.split('\0').filter(Boolean);

/** Refuses a ref that is not a commit here, naming the option it came from. */
export async function assertCommit(root: string, ref: string, option: string): Promise<void> {
  // "--end-of-options" keeps a ref that starts with "-" from being read as an option of git.
  await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).catch(() => {
    throw new UsageError(`${option} ${ref}: '${ref}' is not a commit in this repository (in CI, fetch the base branch first)`);
  });
}

/**
 * Files under `paths` that differ from `ref` (filter: git's --diff-filter letters, e.g. "A" added,
 * "AMR" added, modified, renamed), plus files not yet committed.
 */
export async function filesSince(root: string, ref: string, filter: string, paths: readonly string[]): Promise<string[]> {
  const changed = entries(await git(root, ['diff', '-z', '--name-only', '--no-renames', `--diff-filter=${filter}`, '--end-of-options', ref, '--', ...paths]));
  const untracked = entries(await git(root, ['ls-files', '-z', '--others', '--exclude-standard', '--', ...paths]));
  return [...new Set([...changed, ...untracked])].sort();
}

/** What `file` held at `ref`; empty when it did not exist there. */
export async function fileAt(root: string, ref: string, file: string): Promise<string> {
  return git(root, ['show', '--end-of-options', `${ref}:${file}`]).catch(() => '');
}

/** The commit `ref` names here, or undefined (not a repository, no commit yet, an unknown ref). */
export async function commitOf(root: string, ref = 'HEAD'): Promise<string | undefined> {
  return git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).then((out) => out.trim() || undefined, () => undefined);
}

/** Blobs larger than this are not read from a commit (as files over the loaders' caps are not). */
const MAX_BLOB_BYTES = 16 * 1024 * 1024;

/**
 * The files under `paths` (relative to `root`) as commit `commit` holds them, in memory. A
 * symbolic link or a submodule there is a problem, as on disk; nothing is checked out.
 */
export async function treeAt(root: string, commit: string, paths: readonly string[]): Promise<FileTree> {
  const listing = entries(await git(root, ['ls-tree', '-r', '-z', '-l', '--end-of-options', commit, '--', ...paths]));
  const files = new Map<string, Uint8Array | Exclude<ReadOutcome, { bytes: Uint8Array }>>();
  const wanted: Array<{ path: string; oid: string }> = [];
  for (const line of listing) {
    // "<mode> <type> <oid> <size>\t<path>"
    const tab = line.indexOf('\t');
    const [mode, type, oid, size] = line.slice(0, tab).split(/ +/);
    const path = line.slice(tab + 1);
    if (type !== 'blob' || mode === '120000') files.set(path, { problem: 'not-regular', message: `${path} is ${mode === '120000' ? 'a symbolic link' : 'not a file'} in commit ${commit.slice(0, 12)}; it was not read.`, hint: 'Commit the file itself.' });
    else if (Number(size) > MAX_BLOB_BYTES) files.set(path, { problem: 'too-large', message: `The file is ${size} bytes in commit ${commit.slice(0, 12)}; it was not read.`, hint: '' });
    else wanted.push({ path, oid: oid! });
  }
  const blobs = await catBlobs(root, wanted.map((w) => w.oid));
  wanted.forEach((w, i) => files.set(w.path, blobs[i]!));
  return memoryTree(root, files);
}

/** The contents of blobs, in order, with one `git cat-file --batch` (one process, not one per file). */
function catBlobs(root: string, oids: readonly string[]): Promise<Uint8Array[]> {
  if (!oids.length) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git cat-file exited with ${code}`));
      const out = Buffer.concat(chunks);
      const blobs: Uint8Array[] = [];
      let at = 0;
      for (let n = 0; n < oids.length; n++) {
        const eol = out.indexOf(10, at);
        const size = Number(out.subarray(at, eol).toString('latin1').split(' ')[2]);
        if (!Number.isFinite(size)) return reject(new Error('git cat-file: unexpected answer'));
        blobs.push(new Uint8Array(out.subarray(eol + 1, eol + 1 + size)));
        at = eol + 1 + size + 1;
      }
      resolve(blobs);
    });
    child.stdin.end(`${oids.join('\n')}\n`);
  });
}

/** The path of `name` inside this repository's git directory (undefined outside a repository). */
export async function gitPath(root: string, name: string): Promise<string | undefined> {
  return git(root, ['rev-parse', '--path-format=absolute', '--git-path', name]).then((out) => out.trim() || undefined, () => undefined);
}
