// Where the repository's files are read from: the disk (regular files inside the root only, see
// fs-read.ts), the disk with a command's planned writes laid over it (the candidate the write gate
// checks before anything is written), or a commit (git.ts treeAt: what README.md was generated
// from). Loading takes a tree, so the same checks run on each without touching the disk.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkRepositoryFolder, readRepositoryFile, type ReadOutcome } from './fs-read.js';

export type ListOutcome = { names: string[] } | Exclude<ReadOutcome, { bytes: Uint8Array }>;

export interface FileTree {
  /** The repository root on disk (for messages and for what is not read through the tree). */
  root: string;
  /** The names in a folder (relative, forward slashes), unsorted. */
  list(dir: string): ListOutcome;
  /** A file (relative, forward slashes) of at most `maxBytes`. */
  read(file: string, maxBytes: number): ReadOutcome;
}

const MISSING = { problem: 'missing', message: 'The file does not exist.', hint: 'Check the path.' } as const;

export function diskTree(root: string): FileTree {
  return {
    root,
    list(dir) {
      const problem = checkRepositoryFolder(root, dir);
      if (problem && 'problem' in problem) return problem;
      try {
        return { names: readdirSync(join(root, dir)) };
      } catch {
        return { ...MISSING, message: `${dir} does not exist.` };
      }
    },
    read: (file, maxBytes) => readRepositoryFile(root, file, maxBytes),
  };
}

/** `base` with `writes` laid over it: a text replaces or adds a file, null removes it. */
export function overlayTree(base: FileTree, writes: ReadonlyMap<string, string | null>): FileTree {
  const encoded = new Map([...writes].map(([file, text]) => [file, text === null ? null : new TextEncoder().encode(text)]));
  return {
    root: base.root,
    list(dir) {
      const listed = base.list(dir);
      const names = new Set('names' in listed ? listed.names : []);
      for (const [file, bytes] of encoded) {
        const slash = file.lastIndexOf('/');
        if (file.slice(0, slash) !== dir) continue;
        if (bytes === null) names.delete(file.slice(slash + 1));
        else names.add(file.slice(slash + 1));
      }
      return 'names' in listed || names.size ? { names: [...names] } : listed;
    },
    read(file, maxBytes) {
      if (!encoded.has(file)) return base.read(file, maxBytes);
      const bytes = encoded.get(file);
      if (bytes === null || bytes === undefined) return MISSING;
      if (bytes.length > maxBytes) return { problem: 'too-large', message: `The file is ${bytes.length} bytes; files over ${maxBytes} bytes are not read.`, hint: '' };
      return { bytes };
    },
  };
}

/** Files held in memory (a commit's blobs): path → bytes, or a problem found when they were read. */
export function memoryTree(root: string, files: ReadonlyMap<string, Uint8Array | Exclude<ReadOutcome, { bytes: Uint8Array }>>): FileTree {
  return {
    root,
    list(dir) {
      const prefix = `${dir}/`;
      const names = [...files.keys()].filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes('/')).map((f) => f.slice(prefix.length));
      return names.length ? { names } : { ...MISSING, message: `${dir} does not exist.` };
    },
    read(file, maxBytes) {
      const held = files.get(file);
      if (held === undefined) return MISSING;
      if (!(held instanceof Uint8Array)) return held;
      if (held.length > maxBytes) return { problem: 'too-large', message: `The file is ${held.length} bytes; files over ${maxBytes} bytes are not read.`, hint: '' };
      return { bytes: held };
    },
  };
}
