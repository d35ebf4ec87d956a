// The errors that stop a command, typed so that the CLI reports each once, in one line, with its
// exit code, whichever layer throws them. Anything else that reaches the CLI is a bug.

/** The command line is wrong: an unknown option, a missing argument, a value of the wrong form. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The person stopped the command at a prompt (Ctrl+C, Ctrl+D) before anything was written. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor() {
    super('cancelled: nothing was written');
  }
}

/** A file or folder cannot be read or written: the path and the reason, as a person would say them. */
export class FileError extends Error {
  override readonly name = 'FileError';
  constructor(readonly path: string, readonly action: 'read' | 'write', readonly reason: string) {
    super(`cannot ${action} ${path}: ${reason}`);
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file is in the way of a folder on that path',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
};

/** A file system error as a FileError on `path`; other errors (bugs) pass through unchanged. */
export function asFileError(error: unknown, path: string, action: 'read' | 'write'): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof FileError || !code || !/^E[A-Z]+$/.test(code)) return error;
  return new FileError(path, action, REASONS[code] ?? code);
}
