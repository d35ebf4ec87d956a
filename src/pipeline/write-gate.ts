// The one gate every write passes (add, absorb, import, fmt, lint --fix, verify --fix, links --fix,
// generate): the command hands over its changes as data; they are laid over the repository in
// memory, and that candidate is checked whole (settings, schema, every rule, the render). An error
// anywhere in it means nothing is written; otherwise every file is written at once
// (fs-atomic.ts writeFilesAtomic). README.md and the chart are regenerated from the candidate
// unless README.md carries a person's edits (readme-state.ts), which are kept and named.
import { hasErrors, type Diagnostic } from '../core/diagnostics.js';
import { diskTree, overlayTree } from '../core/file-tree.js';
import { writeFilesAtomic } from '../core/fs-atomic.js';
import { README_FILE } from '../core/model.js';
import { checkRepository, type CheckedRepository } from './pipeline.js';
import { CHART_FILE } from '../core/model.js';
import { readmeState, type ReadmeState } from './readme-state.js';
import { rememberGenerated } from '../core/generated-record.js';

export interface GateRequest {
  root: string;
  /** Entry files, the sections file, the template: a text to write, null to remove. */
  writes: ReadonlyMap<string, string | null>;
  dryRun: boolean;
  /**
   * 'if-generated': README.md and the chart are regenerated unless README.md carries hand edits
   * (then it is kept, with a warning naming absorb); 'always': regenerated (absorb, whose writes
   * carry the hand edit, and generate --force); 'never': the command writes no README (import).
   */
  readme: 'if-generated' | 'always' | 'never';
  /** Entry files the branch adds (lint --base), passed to the rules as lint passes them. */
  added?: ReadonlySet<string>;
}

export interface GateOutcome {
  /** 'nothing': no file would change; 'planned': --dry-run; 'refused': the candidate has errors. */
  status: 'written' | 'planned' | 'refused' | 'nothing';
  /** Every file written (or, planned, to write), README.md and the chart included; null: removed. */
  files: Map<string, string | null>;
  /** Refused: the candidate's errors. Otherwise what the gate has to say (README.md kept). */
  diagnostics: Diagnostic[];
  /** What README.md was before the write (absent with readme 'never'). */
  readme?: ReadmeState;
  /** The candidate, checked. */
  candidate: CheckedRepository;
}

export async function gateWrites(request: GateRequest): Promise<GateOutcome> {
  const { root } = request;
  const disk = diskTree(root);
  const tree = overlayTree(disk, request.writes);
  const candidate = await checkRepository(root, { render: request.readme !== 'never', tree, settings: disk, ...(request.added ? { added: request.added } : {}) });
  const files = new Map(request.writes);
  const errors = candidate.diagnostics.filter((d) => d.severity === 'error');
  if (hasErrors(errors) || (request.readme !== 'never' && !candidate.rendered)) return { status: 'refused', files, diagnostics: errors, candidate };

  const diagnostics: Diagnostic[] = [];
  let state: ReadmeState | undefined;
  if (request.readme !== 'never') {
    const { rendered, project } = candidate;
    // The README as it is on disk: what the candidate saw of it is the same file (no write names it).
    // Its state needs the disk's entries rendered, not checked: the candidate was checked already.
    const now = request.readme === 'always' ? undefined : request.writes.size ? await checkRepository(root, { render: true, tree: disk, rules: false }) : candidate;
    state = now ? (await readmeState(root, now)).state : 'current';
    if (state === 'hand-edited' || state === 'unknown') {
      diagnostics.push({
        file: README_FILE, line: 1, column: 1, ruleId: 'readme/kept', severity: 'warning',
        message: state === 'hand-edited'
          ? 'README.md has edits made by hand, so it was not regenerated: they are kept as they are.'
          : 'README.md differs from what the entries generate, and there is no commit to tell a stale README.md from a hand edit, so it was not regenerated.',
        hint: "Run 'npx paperlist absorb' to turn the hand edit into entry changes (it regenerates README.md), or 'npx paperlist generate --force' to throw it away.",
      });
    } else {
      if (project.workspace.readme !== rendered!.text) files.set(README_FILE, rendered!.text);
      if (rendered!.chart !== undefined && project.workspace.chart !== rendered!.chart) files.set(CHART_FILE, rendered!.chart);
    }
  }
  const changed = new Map([...files].filter(([file, text]) => text !== (readOld(disk, file) ?? null)));
  const base = { files: changed, diagnostics, candidate, ...(state ? { readme: state } : {}) };
  if (!changed.size) return { status: 'nothing', ...base };
  if (request.dryRun) return { status: 'planned', ...base };
  await writeFilesAtomic(root, changed);
  const readme = changed.get(README_FILE);
  if (readme) await rememberGenerated(root, readme);
  return { status: 'written', ...base };
}

/**
 * A candidate's finding in a file the command would write, said where that file comes from (the
 * README line that absorb or import reads it from): the file does not exist yet, or is not the
 * person's to edit. Other findings are returned as they are.
 */
export function atOrigin(d: Diagnostic, origins: ReadonlyMap<string, { file: string; line: number }>): Diagnostic {
  const from = origins.get(d.file);
  if (!from) return d;
  // The place, its end, the related places and the fix are the entry file's: none of them is the line's.
  const { related: _r, endLine: _l, endColumn: _c, fix: _f, ...rest } = d;
  return { ...rest, file: from.file, line: from.line, column: 1, message: `${d.message.replace(/\.$/, '')} (in ${d.file}, the entry this line would write).`, hint: `${d.hint ? `${d.hint} ` : ''}Correct the line, then run it again.` };
}

/** A file as it is on disk now (undefined: not there or not readable), to leave unchanged files alone. */
function readOld(tree: ReturnType<typeof diskTree>, file: string): string | undefined {
  const read = tree.read(file, 64 * 1024 * 1024);
  return 'bytes' in read ? new TextDecoder().decode(read.bytes) : undefined;
}
