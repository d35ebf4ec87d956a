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
const TEMPORARY = /^\..+\.(\d+)\.(\d+)\.tmp$/;

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
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  sweep(dir);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  pending.add(tmp);
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  } finally {
    pending.delete(tmp);
  }
}

/** Synchronously removes the temporary files of writes still in progress (for a signal handler). */
export function removePendingTemporaryFiles(): void {
  for (const tmp of pending) rmSync(tmp, { force: true });
  pending.clear();
}
