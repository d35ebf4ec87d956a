// Writes that never leave a half-written file behind: write a temporary file beside, then rename.
// A run that is interrupted removes its temporary files (removePendingTemporaryFiles, called by
// the launcher on SIGINT/SIGTERM); one that was killed outright leaves them, and the next write
// into that folder removes them once their process is gone.
import { readdirSync, rmSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { asFileError } from './errors.js';

const pending = new Set<string>();
const swept = new Set<string>();

/** `.<name>.<pid>.<ms>.tmp`: the pid says whose it is, so a stale one is known by its dead process. */
const TEMPORARY = /^\..+\.(\d+)\.(\d+)(?:\.\d+)?\.tmp$/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files of processes that are no longer running, once per folder and process. */
function sweep(dir: string): void {
  if (swept.has(dir)) return;
  swept.add(dir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = TEMPORARY.exec(name);
    if (m && !alive(Number(m[1]))) rmSync(join(dir, name), { force: true });
  }
}

/** Writes `path` atomically; a file system failure is a FileError naming `path`. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  try {
    await writeAtomic(path, content);
  } catch (error) {
    throw asFileError(error, path, 'write');
  }
}

async function writeAtomic(path: string, content: string): Promise<void> {
  const tmp = await stage(path, content);
  try {
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  } finally {
    pending.delete(tmp);
  }
}

/** Writes `content` to a temporary file beside `path` (synced), and returns its name. */
async function stage(path: string, content: string): Promise<string> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  sweep(dir);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.${pending.size}.tmp`);
  pending.add(tmp);
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await rm(tmp, { force: true });
    pending.delete(tmp);
    throw error;
  }
  return tmp;
}

/**
 * Writes several files (a text) and removes others (null) as nearly all-or-nothing as a file
 * system allows: every new text is staged and synced first, and only when all of them are
 * written are they renamed into place and the removals made. A failure while staging touches
 * no file of the repository.
 */
export async function writeFilesAtomic(root: string, files: ReadonlyMap<string, string | null>): Promise<void> {
  const staged: Array<{ tmp: string; path: string }> = [];
  try {
    for (const [file, text] of files) if (text !== null) staged.push({ tmp: await stage(join(root, file), text), path: join(root, file) });
  } catch (error) {
    for (const s of staged) {
      await rm(s.tmp, { force: true });
      pending.delete(s.tmp);
    }
    throw asFileError(error, root, 'write');
  }
  for (const { tmp, path } of staged) {
    try {
      await rename(tmp, path);
    } catch (error) {
      throw asFileError(error, path, 'write');
    } finally {
      pending.delete(tmp);
    }
  }
  for (const [file, text] of files) if (text === null) await rm(join(root, file), { force: true }).catch((error: unknown) => {
    throw asFileError(error, join(root, file), 'write');
  });
}

/** Synchronously removes the temporary files of writes still in progress (for a signal handler). */
export function removePendingTemporaryFiles(): void {
  for (const tmp of pending) rmSync(tmp, { force: true });
  pending.clear();
}
