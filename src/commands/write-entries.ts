// Entry changes written to disk, then README.md generated from them: the last step of every command
// that changes entries (absorb, verify --fix, links --fix). Each file is written atomically; a
// null text removes the file.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { writeFileAtomic } from '../fs-atomic.js';
import { generate } from './generate.js';

export interface Regenerated {
  /** The files generate wrote (README.md, the chart). */
  generated: string[];
  /** Generate's errors: the entries as written do not render. */
  diagnostics: Diagnostic[];
}

export async function writeEntriesAndGenerate(root: string, writes: Iterable<{ file: string; text: string | null }>): Promise<Regenerated> {
  for (const { file, text } of writes) {
    if (text === null) await rm(join(root, file), { force: true });
    else await writeFileAtomic(join(root, file), text);
  }
  const regenerated = await generate(root, false);
  return { generated: regenerated.files, diagnostics: regenerated.diagnostics.filter((d) => d.severity === 'error') };
}
