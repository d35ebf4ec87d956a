// `paperlist lint`: schema, rules and README drift over the whole repository; `--fix` for safe fixes.
import { descriptionTree, walkSections } from '../core/section-tree.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { fixesFrom, type EntryFix } from '../check/fix.js';
import { gateWrites } from '../pipeline/write-gate.js';
import { baseSettings } from '../check/base-settings.js';
import { diskTree, type FileTree } from '../core/file-tree.js';
import { checkRepository, readmeDrift, type CheckedRepository } from '../pipeline/pipeline.js';
import { readmeState } from '../pipeline/readme-state.js';
import { levelOf } from '../check/config.js';
import { toDiagnostics, type Finding } from '../check/findings.js';
import { README_FILE } from '../core/model.js';
import type { LocalText } from '../links/local.js';

export interface LintOutcome {
  diagnostics: Diagnostic[];
  fixed: EntryFix[];
  counts: { papers: number; datasets: number; files: number };
}

export interface AppliedFixes {
  /** The fixes written (or, without `write`, found). Empty when the gate refused them. */
  fixes: EntryFix[];
  /** The files written with them (README.md and the chart, regenerated). */
  generated: string[];
  /** The gate's refusal (the candidate's errors and why nothing was written) or its warnings. */
  diagnostics: Diagnostic[];
}

/**
 * The fixes lint's findings carry (every rule, at the levels the settings give); written through
 * the write gate when `write` (lint --fix, fmt), else only listed (fmt --check). With an error
 * anywhere in the fixed list, none is written.
 */
export async function applyFixes(root: string, write: boolean): Promise<AppliedFixes> {
  const checked = await checkRepository(root, { render: false });
  const fixes = fixesFrom(checked.diagnostics, checked.project);
  if (!write || !fixes.length) return { fixes, generated: [], diagnostics: [] };
  const gate = await gateWrites({ root, writes: new Map(fixes.map((f) => [f.file, f.text])), dryRun: false, readme: 'if-generated' });
  if (gate.status === 'refused') {
    return { fixes: [], generated: [], diagnostics: [...gate.diagnostics, { file: fixes[0]!.file, line: 1, column: 1, ruleId: 'write-gate', severity: 'error', message: `No fix was written: with ${fixes.length === 1 ? 'it' : `the ${fixes.length} fixes`} the list would still have errors (the other errors reported).`, hint: "Fix those first ('npm run lint' lists them with hints), then run it again." }] };
  }
  const fixed = new Set(fixes.map((f) => f.file));
  return { fixes, generated: [...gate.files.keys()].filter((f) => !fixed.has(f)), diagnostics: gate.diagnostics };
}

/**
 * README drift, or what a hand edit of README.md means. A README.md edited by hand (readme-state.ts)
 * that absorb can turn into entry changes passing every check is not an error: each change it
 * would make is a readme/hand-edit warning at its line (a contributor who edits in the browser
 * needs no command; the main branch's absorb workflow applies it after merge). An edit absorb
 * cannot take is absorb's errors, at their lines. Anything else is readme/drift.
 */
async function handEditOrDrift(root: string, checked: CheckedRepository): Promise<Diagnostic[]> {
  const drift = readmeDrift(checked);
  if (!drift.some((d) => d.file === README_FILE && d.severity === 'error')) return drift;
  const facts = await readmeState(root, checked);
  if (facts.state !== 'hand-edited') return drift;
  const { absorb } = await import('./absorb.js');
  const planned = await absorb(root, { dryRun: true }, { checked, facts });
  const others = drift.filter((d) => d.file !== README_FILE);
  if (planned.status === 'refused') return [...others, ...planned.diagnostics];
  if (levelOf(checked.config, 'readme/hand-edit') === 'off') return others;
  return [
    ...others,
    ...planned.diagnostics.filter((d) => d.severity !== 'error'),
    ...toDiagnostics(planned.changes.map((c): Finding => ({
      check: 'readme/hand-edit', file: README_FILE, line: c.lines[0] ?? 1, column: 1,
      message: `README.md was edited by hand here: absorb ${c.kind === 'created' ? 'creates' : c.kind === 'removed' ? 'removes' : 'updates'} ${c.file}${c.fields.length ? ` (${c.fields.map((f) => `${f.field}: ${f.from ?? '(none)'} → ${f.to ?? '(none)'}`).join('; ')})` : ''}.`,
      hint: "On the main branch this is applied after merge; to apply it now, run 'npx paperlist absorb' and commit the files it names.",
    })), checked.config),
  ];
}

/** Relative links and images of the template and the section descriptions whose file is missing (links/local.ts), as links/dead. */
async function localFileFindings(root: string, checked: CheckedRepository): Promise<Diagnostic[]> {
  const { project } = checked;
  if (levelOf(checked.config, 'links/dead') === 'off' || !project.workspace.template) return [];
  const { missingLocalFiles } = await import('../links/local.js');
  const texts: LocalText[] = [{ file: project.workspace.template.file, text: project.workspace.template.text }];
  const { locate } = await import('../check/load.js');
  const sectionsFile = project.workspace.sections;
  for (const { section, path } of walkSections(project.sections)) {
    const tree = descriptionTree(section);
    if (tree && sectionsFile) texts.push({ file: sectionsFile.file, tree, line: locate(sectionsFile, [...path, 'description']).line });
  }
  return toDiagnostics((await missingLocalFiles(root, texts)).map((m): Finding => ({
    check: 'links/dead', file: m.file, line: m.line, column: 1,
    message: `The relative link or image ${m.url} is dead: ${m.error}.`,
    hint: 'Commit the file at that path, or correct the path.',
  })), checked.config);
}

export async function lint(root: string, options: { fix: boolean; base?: string }): Promise<LintOutcome> {
  const applied = options.fix ? await applyFixes(root, true) : undefined;
  const fixed = applied?.fixes ?? [];
  let added: Set<string> | undefined;
  let settings: { settings: FileTree; diagnostics: Diagnostic[] } | undefined;
  if (options.base !== undefined) {
    const { assertCommit, filesSince } = await import('../core/git.js');
    await assertCommit(root, options.base, '--base');
    added = new Set(await filesSince(root, options.base, 'A', ['entries']));
    // The pull request is judged by the base's settings, not its own.
    settings = await baseSettings(root, options.base, diskTree(root), '--base');
  }
  const checked = await checkRepository(root, { render: true, ...(added ? { added } : {}), ...(settings ? { settings: settings.settings } : {}) });
  const drift = await handEditOrDrift(root, checked);
  const local = await localFileFindings(root, checked);
  const { project } = checked;
  return {
    // A refused --fix adds only its own word: the errors that stopped it are lint's own.
    diagnostics: [...(settings?.diagnostics ?? []), ...checked.diagnostics, ...local, ...drift, ...(applied?.diagnostics.filter((d) => d.ruleId === 'write-gate' || d.ruleId === 'readme/kept') ?? [])],
    fixed,
    counts: { papers: project.papers.length, datasets: project.datasets.length, files: project.workspace.entries.length },
  };
}
