// Reads the repository's files as untrusted input: a pull request can commit a symbolic link (to
// /etc/passwd, to /dev/zero) where an entry should be, and the gate must neither follow it, hang on
// it, nor quote what it points at. Only regular files inside the root are read, under a size cap.
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ReadProblem = 'missing' | 'not-regular' | 'too-large' | 'unreadable';

export type ReadOutcome = { bytes: Uint8Array } | { problem: ReadProblem; message: string; hint: string };

// O_NOFOLLOW: a symbolic link as the last component fails to open (ELOOP) instead of being followed.
// O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer; fstat then refuses it.
const FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

const NOT_REGULAR_HINT = 'Commit the file itself: symbolic links, devices and pipes are never read.';

/**
 * The directories between `root` and `relative`'s parent, each checked to be a real directory (not a
 * symbolic link that leads outside the root). Memoised per root: thousands of entries share two.
 */
const checkedDirs = new Map<string, ReadOutcome | undefined>();

function checkDirectories(root: string, relative: string): ReadOutcome | undefined {
  const parts = relative.split(/[\\/]/).slice(0, -1);
  let rel = '';
  for (const part of parts) {
    rel = rel ? `${rel}/${part}` : part;
    const key = `${root}\u0000${rel}`;
    if (checkedDirs.has(key)) {
      const known = checkedDirs.get(key);
      if (known) return known;
      continue;
    }
    let problem: ReadOutcome | undefined;
    try {
      const info = lstatSync(join(root, rel));
      if (info.isSymbolicLink())
        problem = { problem: 'not-regular', message: `${rel} is a symbolic link; folders of the repository must be real folders, so nothing in it was read.`, hint: NOT_REGULAR_HINT };
      else if (!info.isDirectory()) problem = { problem: 'not-regular', message: `${rel} is not a folder.`, hint: `Remove ${rel} or make it a folder.` };
    } catch (error) {
      problem = (error as NodeJS.ErrnoException).code === 'ENOENT' ? { problem: 'missing', message: `${rel} does not exist.`, hint: '' } : unreadable(error);
    }
    // Only answers about real folders are kept: the others may be fixed while the process runs (tests).
    if (!problem) checkedDirs.set(key, undefined);
    else return problem;
  }
  return undefined;
}

function unreadable(error: unknown): ReadOutcome {
  const e = error as NodeJS.ErrnoException;
  return { problem: 'unreadable', message: `Cannot read the file (${e.code ?? 'error'}).`, hint: 'Check its permissions.' };
}

/** A folder of the repository (`relative`, forward slashes) that is a real folder inside it, or the problem. */
export function checkRepositoryFolder(root: string, relative: string): ReadOutcome | undefined {
  return checkDirectories(root, `${relative}/-`);
}

/** Reads `relative` (forward slashes) under `root` if it is a regular file inside it of at most `maxBytes`. */
export function readRepositoryFile(root: string, relative: string, maxBytes: number): ReadOutcome {
  if (relative.split('/').some((p) => p === '..' || p === '' || p === '.')) {
    return { problem: 'not-regular', message: `${relative} is not a path inside the repository.`, hint: 'Name a file inside the repository.' };
  }
  const dirs = checkDirectories(root, relative);
  if (dirs) return dirs;
  return readRegularFile(join(root, relative), maxBytes, false);
}

/**
 * Reads a regular file of at most `maxBytes`. `followLinks`: a path the user typed may be a link
 * (their choice); a path found in the repository may not.
 */
export function readRegularFile(path: string, maxBytes: number, followLinks: boolean): ReadOutcome {
  let fd: number;
  try {
    fd = openSync(path, followLinks ? constants.O_RDONLY | constants.O_NONBLOCK : FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A path through a regular file (ENOTDIR) names nothing, as a path to nothing does.
    if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: 'missing', message: 'The file does not exist.', hint: 'Check the path.' };
    if (code === 'ELOOP') return { problem: 'not-regular', message: 'The file is a symbolic link; its target was not read.', hint: NOT_REGULAR_HINT };
    return unreadable(error);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) {
      const what = info.isDirectory() ? 'a folder' : info.isFIFO() ? 'a named pipe' : info.isSocket() ? 'a socket' : 'a device';
      return { problem: 'not-regular', message: `The file is ${what}, not a regular file; it was not read.`, hint: NOT_REGULAR_HINT };
    }
    if (info.size > maxBytes) {
      return { problem: 'too-large', message: `The file is ${info.size} bytes; files over ${maxBytes} bytes are not read.`, hint: '' };
    }
    const bytes = new Uint8Array(readFileSync(fd));
    // A file that grew between fstat and the read is refused too: the cap holds whatever happens.
    if (bytes.length > maxBytes) return { problem: 'too-large', message: `The file is over ${maxBytes} bytes; it was not read.`, hint: '' };
    return { bytes };
  } catch (error) {
    return unreadable(error);
  } finally {
    closeSync(fd);
  }
}
