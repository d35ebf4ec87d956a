// The few git questions the pull-request gate asks about its branch: which files it changed or
// added since the base, and what a file held there. Arguments are passed as an argv array, never
// through a shell; a ref git does not know is a usage error.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { UsageError } from './errors.js';

const run = promisify(execFile);

async function git(root: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: root, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

const lines = (s: string): string[] => s.split('\n').filter(Boolean);

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
  const changed = lines(await git(root, ['diff', '--name-only', `--diff-filter=${filter}`, '--end-of-options', ref, '--', ...paths]));
  const untracked = lines(await git(root, ['ls-files', '--others', '--exclude-standard', '--', ...paths]));
  return [...new Set([...changed, ...untracked])].sort();
}

/** What `file` held at `ref`; empty when it did not exist there. */
export async function fileAt(root: string, ref: string, file: string): Promise<string> {
  return git(root, ['show', '--end-of-options', `${ref}:${file}`]).catch(() => '');
}
