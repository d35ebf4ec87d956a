// `paperlist absorb`: README.md edited by hand → the entry and template changes that make generate
// write it, laid onto the entries as they are now, then README.md regenerated. The edit is what
// README.md says against what the last commit's files generate (readme-state.ts); what changed in
// entries/ since that commit is kept (absorb/onto-worktree.ts). Everything goes through the write
// gate: nothing is written when a line cannot be read, a change conflicts, or the result has errors.
import { planAbsorb, type Change } from '../absorb/plan.js';
import { ontoWorktree, type Side } from '../absorb/onto-worktree.js';
import { compareStrings, type Diagnostic } from '../core/diagnostics.js';
import { ENTRY_DIRS, README_FILE, SECTIONS_FILE, TEMPLATE_FILE, type Dataset, type Paper } from '../core/model.js';
import { loadVenues } from '../core/package-files.js';
import { checkRepository, type CheckedRepository } from '../pipeline/pipeline.js';
import { readmeState, type ReadmeFacts, type ReadmeState } from '../pipeline/readme-state.js';
import { atOrigin, gateWrites } from '../pipeline/write-gate.js';

export interface AbsorbOutcome {
  /** 'regenerated': README.md had no hand edit (it was stale), and was written from the entries. */
  status: 'nothing' | 'planned' | 'written' | 'refused';
  changes: Change[];
  /** What each changed file becomes (null: deleted), README.md and the chart included. */
  files: Record<string, string | null>;
  /** The files generate wrote afterwards. */
  generated: string[];
  diagnostics: Diagnostic[];
  readme?: ReadmeState;
}

const refuse = (diagnostics: Diagnostic[], readme?: ReadmeState): AbsorbOutcome => ({ status: 'refused', changes: [], files: {}, generated: [], diagnostics, ...(readme ? { readme } : {}) });

/** Entry files, the sections file and the template of a checked repository, as text and as values. */
function sideOf(checked: CheckedRepository): Side & { sections?: string } {
  const { project } = checked;
  const texts = new Map<string, string>(project.workspace.entries.map((e) => [e.source.file, e.source.text]));
  if (project.workspace.template) texts.set(TEMPLATE_FILE, project.workspace.template.text);
  const values = new Map<string, Paper | Dataset>([...project.papers.map((p) => [p.entry.source.file, p.paper] as const), ...project.datasets.map((d) => [d.entry.source.file, d.dataset] as const)]);
  return { texts, values, ...(project.workspace.sections ? { sections: project.workspace.sections.text } : {}) };
}

/**
 * `known`: the repository as a caller has checked it already, and what README.md is (lint asks
 * both before it asks absorb), so that neither the entries nor the last commit are read twice.
 */
export async function absorb(root: string, options: { dryRun: boolean }, known?: { checked: CheckedRepository; facts?: ReadmeFacts }): Promise<AbsorbOutcome> {
  const checked = known?.checked ?? (await checkRepository(root, { render: true }));
  const { project, rendered } = checked;
  if (!rendered || !project.sections || !project.workspace.template) return refuse(checked.diagnostics.filter((d) => d.severity === 'error'));
  const edited = project.workspace.readme;
  if (edited === undefined || edited === rendered.text) return { status: 'nothing', changes: [], files: {}, generated: [], diagnostics: [] };

  const facts = known?.facts ?? (await readmeState(root, checked));
  if (facts.state === 'unknown')
    return refuse([{ file: README_FILE, line: 1, column: 1, ruleId: 'absorb', severity: 'error',
      message: 'README.md differs from what the entries generate, and there is no git commit to tell a hand edit of README.md from a change to the entries; nothing was absorbed.',
      hint: "absorb reads the edit against the last commit: run it in the list's git repository, with the entries committed (git add entries templates && git commit)." }], facts.state);

  let files = new Map<string, string | null>();
  let changes: Change[] = [];
  const diagnostics: Diagnostic[] = [];
  if (facts.state === 'hand-edited') {
    const base = facts.base!;
    if (!base.rendered || !base.project.sections || !base.project.workspace.template)
      return refuse([{ file: README_FILE, line: 1, column: 1, ruleId: 'absorb', severity: 'error', message: `The entries of the last commit (${facts.commit!.slice(0, 12)}) do not render, so the edit of README.md cannot be read against them; nothing was absorbed.`, hint: "Fix the entries' errors ('npm run lint'), commit them, and absorb again." }], facts.state);
    const was = sideOf(base);
    const now = sideOf(checked);
    if (was.sections !== now.sections)
      return refuse([{ file: SECTIONS_FILE, line: 1, column: 1, ruleId: 'absorb', severity: 'error', message: 'entries/sections.yml changed since the last commit, and README.md has edits made by hand: the edit is read against the committed sections, so nothing was absorbed.', hint: 'Commit the change to the sections (or undo it), then absorb; or make one change at a time.' }], facts.state);
    const ids = (dir: string): string[] => [...now.texts.keys()].filter((f) => f.startsWith(`${dir}/`)).map((f) => f.slice(dir.length + 1).replace(/\.ya?ml$/, ''));
    const plan = planAbsorb({
      papers: base.project.papers, datasets: base.project.datasets, sections: base.project.sections, template: base.project.workspace.template.text,
      expected: base.rendered, edited, venues: loadVenues(), taken: { papers: ids(ENTRY_DIRS.paper), datasets: ids(ENTRY_DIRS.dataset) },
    });
    diagnostics.push(...plan.diagnostics);
    if (plan.diagnostics.some((d) => d.severity === 'error')) return refuse(diagnostics, facts.state);
    const merged = ontoWorktree(plan, was, now);
    diagnostics.push(...merged.diagnostics);
    if (merged.diagnostics.some((d) => d.severity === 'error')) return refuse(diagnostics, facts.state);
    files = merged.files;
    changes = merged.changes;
  }
  // 'stale' or 'missing': README.md holds no hand edit; regenerating it is all there is to do.
  const gate = await gateWrites({ root, writes: files, dryRun: options.dryRun, readme: 'always' });
  const origins = new Map(changes.filter((c) => c.lines.length).map((c) => [c.file, { file: README_FILE, line: c.lines[0]! }]));
  if (gate.status === 'refused') return refuse([...diagnostics, ...gate.diagnostics.map((d) => atOrigin(d, origins))], facts.state);
  const written = Object.fromEntries([...gate.files].sort(([a], [b]) => compareStrings(a, b)));
  const generated = [...gate.files.keys()].filter((f) => !files.has(f)).sort(compareStrings);
  const status = gate.status === 'nothing' ? 'nothing' : gate.status;
  return { status, changes, files: written, generated, diagnostics: [...diagnostics, ...gate.diagnostics], readme: facts.state };
}
