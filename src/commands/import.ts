// `paperlist import`: a hand-written list README → entries/, entries/sections.yml, templates/README.md.
import { access } from 'node:fs/promises';
import { readRegularFile, type ReadOutcome } from '../core/fs-read.js';
import { MAX_MARKDOWN_BYTES } from '../markdown/limits.js';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { Diagnostic } from '../core/diagnostics.js';
import { formatDataset, formatPaper, formatSections } from '../core/entry-format.js';
import { writeFileAtomic } from '../core/fs-atomic.js';
import { assignIds } from '../core/entry-ids.js';
import { mergeItems } from '../import/merge.js';
import { parseReadme } from '../import/parse-readme.js';
import { ENTRY_DIRS, SECTIONS_FILE, TEMPLATE_FILE, type SectionsFile } from '../core/model.js';
import { decodeText, positionAt } from '../text/decode.js';
import { repairMojibake } from '../text/mojibake.js';
import type { VenueList } from '../core/venues.js';
import { readBackEntry } from '../check/validate.js';

export interface ImportPlan {
  /** Output files, path relative to the output directory → content. */
  files: Map<string, string>;
  /** The README line each entry file comes from. */
  origins: Map<string, { file: string; line: number }>;
  diagnostics: Diagnostic[];
  counts: { papers: number; datasets: number; items: number; sections: number };
}

/** Pure: README bytes → the files to write and what was found on the way. */
export function planImport(bytes: Uint8Array, file: string, venues: VenueList): ImportPlan {
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, string>();
  const origins = new Map<string, { file: string; line: number }>();
  const counts = { papers: 0, datasets: 0, items: 0, sections: 0 };
  const at = (line: number, severity: Diagnostic['severity'], message: string, hint?: string, column = 1): void => {
    diagnostics.push({ file, line, column, ruleId: 'import', severity, message, ...(hint ? { hint } : {}) });
  };

  if (bytes.length === 0) {
    at(1, 'error', 'The file is empty: nothing to import.', 'Pass the list README (e.g. ../shared/upstream/README.md).');
    return { files, origins, diagnostics, counts };
  }
  const decoded = decodeText(bytes);
  if (decoded.binary) {
    at(1, 'error', 'The file has NUL bytes: it is a binary file, not a Markdown README.', 'Pass the list README.');
    return { files, origins, diagnostics, counts };
  }
  if (decoded.bom) at(1, 'info', 'The file starts with a byte-order mark; it was dropped.');
  if (decoded.crlf) at(1, 'info', 'The file has CRLF line ends; they were read as LF.');
  for (const line of decoded.invalidLines)
    at(line, 'warning', 'This line has bytes that are not UTF-8; they were read as U+FFFD.', 'Retype the damaged characters in the imported entry.');

  const { text, repairs } = repairMojibake(decoded.text);
  for (const r of repairs) {
    const pos = positionAt(decoded.text, r.offset);
    at(pos.line, 'info', `Repaired mojibake "${r.found}" → "${r.repaired}" (UTF-8 that had been read as Windows-1252).`, undefined, pos.column);
  }
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) {
    const pos = positionAt(text, i);
    if (diagnostics.some((d) => d.line === pos.line && d.message.includes('U+FFFD'))) continue;
    at(pos.line, 'warning', 'This line has U+FFFD (�), a character lost to an encoding error before this file was written.',
      'Look up the original spelling and correct it in the imported entry.', pos.column);
  }

  const parsed = parseReadme(text, file);
  diagnostics.push(...parsed.diagnostics);
  const merged = mergeItems(parsed.items, file, venues);
  diagnostics.push(...merged.diagnostics);

  const paperIds = assignIds(merged.papers.map((p) => ({ name: p.value.title, year: p.value.year })));
  const datasetIds = assignIds(merged.datasets.map((d) => ({ name: d.value.name })));
  // Every entry written is validated as lint will read it; a problem is reported at its README line.
  const plan = (kind: 'paper' | 'dataset', path: string, text: string, line: number): void => {
    files.set(path, text);
    origins.set(path, { file, line });
    for (const d of readBackEntry(kind, path, text).problems)
      diagnostics.push({ file, line, column: 1, ruleId: 'import', severity: 'error', message: `The entry imported from this line (${path}) is not valid: ${d.message}`, hint: `Correct the line, or the entry after importing. ${d.hint ?? ''}`.trim() });
  };
  merged.papers.forEach((p, i) => plan('paper', `${ENTRY_DIRS.paper}/${paperIds[i]}.yml`, formatPaper(p.value), p.lines[0]!));
  merged.datasets.forEach((d, i) => plan('dataset', `${ENTRY_DIRS.dataset}/${datasetIds[i]}.yml`, formatDataset(d.value), d.lines[0]!));
  if (parsed.groups.length) {
    const sections: SectionsFile = { groups: parsed.groups };
    files.set(SECTIONS_FILE, formatSections(sections));
    files.set(TEMPLATE_FILE, parsed.template);
  }
  counts.papers = merged.papers.length;
  counts.datasets = merged.datasets.length;
  counts.items = parsed.items.length;
  counts.sections = parsed.groups.reduce((n, g) => n + g.sections.reduce((m, s) => m + 1 + (s.sections?.length ?? 0), 0), 0);
  return { files, origins, diagnostics, counts };
}

export interface WriteOutcome {
  written: string[];
  /** Files that exist and were left alone because --force was not given. */
  refused: string[];
}

/** The plan's files that exist under `outDir` already. */
export async function existingFiles(plan: ImportPlan, outDir: string): Promise<string[]> {
  const paths = [...plan.files.keys()];
  return (await Promise.all(paths.map(async (p) => ((await exists(join(outDir, p))) ? p : undefined)))).filter((p): p is string => p !== undefined);
}

/** Writes the plan under `outDir`; without `force`, writes nothing at all if any target exists. */
export async function writePlan(plan: ImportPlan, outDir: string, force: boolean): Promise<WriteOutcome> {
  const paths = [...plan.files.keys()];
  if (!force) {
    const existing = (await Promise.all(paths.map(async (p) => ((await exists(join(outDir, p))) ? p : undefined)))).filter(
      (p): p is string => p !== undefined,
    );
    if (existing.length) return { written: [], refused: existing };
  }
  // Several writes at a time: each waits on its own fsync (3,000 entries: 2.7 s one by one).
  const limit = pLimit(16);
  await Promise.all(paths.map((p) => limit(() => writeFileAtomic(join(outDir, p), plan.files.get(p)!))));
  return { written: paths, refused: [] };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** The README to import: a regular file (a link the user names is followed) of at most MAX_MARKDOWN_BYTES. */
export function readImportSource(path: string): ReadOutcome {
  return readRegularFile(path, MAX_MARKDOWN_BYTES, true);
}
