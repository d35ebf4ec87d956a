// What a fix command changed and why, as Markdown for a reviewer: the body of the weekly "Keep the
// list true" pull request (verify --fix and links --fix each add their part with --changes FILE).
// Every value is untrusted (titles, URLs, a server's answer): each goes into a code span.
import { readFile } from 'node:fs/promises';
import type { EntryFix } from './write-entries.js';
import { writeFileAtomic } from '../core/fs-atomic.js';
import { codeCell } from '../links/report.js';
import { count } from '../text/count.js';

/** One command's part: a table of entry, changes (old → new) and evidence. */
export function fixesMarkdown(command: string, fixed: readonly EntryFix[]): string {
  if (!fixed.length) return `### ${command}\n\nNothing to change.\n\n`;
  const rows = fixed.map((f) => `| ${codeCell(f.file)} | ${f.changes.map(codeCell).join('<br>')} | ${f.evidence.map(codeCell).join('<br>') || 'none given'} |`);
  return `### ${command}: ${count(fixed.length, 'entry', 'entries')}\n\n| entry | change | evidence |\n| --- | --- | --- |\n${rows.join('\n')}\n\n`;
}

/** Adds one command's part to FILE (made when missing). */
export async function appendFixes(path: string, command: string, fixed: readonly EntryFix[]): Promise<void> {
  const before = await readFile(path, 'utf8').catch(() => '');
  await writeFileAtomic(path, before + fixesMarkdown(command, fixed));
}
