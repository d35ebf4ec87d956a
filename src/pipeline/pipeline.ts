// load → validate → rules → render: the checked view of a repository (of any tree: the disk, a
// write's candidate, a commit) that lint, generate, export, site and the write gate start from, so
// that no command writes output from entries that lint would refuse.
import { diskTree, type FileTree } from '../core/file-tree.js';
import { loadConfig, type Config } from '../check/config.js';
import { ENTRY_DIRS } from '../core/model.js';
import { hasErrors, type Diagnostic } from '../core/diagnostics.js';
import { loadVenues } from '../core/package-files.js';
import { loadProject, withPartialEntries, type Project } from '../check/project.js';
import { startRenderer } from '../render/background.js';
import type { RenderInput, RenderResult } from '../render/readme.js';
import { RULES, runRules } from '../rules/index.js';
import { readme } from '../rules/readme.js';

export interface CheckedRepository {
  project: Project;
  config: Config;
  /** Settings, loading, schema, every rule but README drift, and rendering. */
  diagnostics: Diagnostic[];
  /** What generate writes, when `render` was asked for and the entries render. */
  rendered?: Pick<RenderResult, 'text' | 'chart' | 'lineOrigins' | 'lineMeta' | 'lines'>;
}

/** What a render needs, as plain data (it crosses to a worker thread); undefined when the entries cannot render. */
export function renderInput(project: Project): RenderInput | undefined {
  if (hasErrors(project.diagnostics) || !project.sections || !project.workspace.template) return undefined;
  return {
    sections: project.sections,
    papers: project.papers.map(({ id, paper }) => ({ id, paper })),
    datasets: project.datasets.map(({ id, dataset }) => ({ id, dataset })),
    template: project.workspace.template.text,
    templateFile: project.workspace.template.file,
  };
}

/**
 * From how many entry files the render worker pays for its start. Measured 2026-12-01 (whole
 * process, medians of 7): the real list (171 entries) lints ~75 ms faster without it; on 10,000
 * papers it keeps lint and generate at 0.93× and 0.80× the plain-library yardstick.
 */
const WORKER_FROM = 2000;

/** Entry files, counted by name only (the worker must start before they are read to overlap its start-up). */
function entryFileCount(tree: FileTree): number {
  let n = 0;
  for (const dir of Object.values(ENTRY_DIRS)) {
    const listed = tree.list(dir);
    if ('names' in listed) n += listed.names.length; // missing or unreadable: loading reports it
  }
  return n;
}

export interface CheckOptions {
  render: boolean;
  /** Entry files the branch adds (lint --base): which copy of a duplicate is the new one. */
  added?: ReadonlySet<string>;
  /** Where the files are read (default: the disk): a write's candidate, a commit. */
  tree?: FileTree;
  /** Where .paperlist.yml is read (default: `tree`). */
  settings?: FileTree;
  /** false: load and render only, no rules (what a README.md's state is asked of: the disk before a write, the last commit). */
  rules?: boolean;
}

/**
 * Checks the repository as lint does (README drift aside: that is `readmeDrift`), and renders the
 * README when asked. Rendering is the slowest step: its worker thread takes two thirds of the
 * list lines while this thread runs the rules.
 */
export async function checkRepository(root: string, options: CheckOptions): Promise<CheckedRepository> {
  const tree = options.tree ?? diskTree(root);
  const renderer = options.render ? startRenderer(entryFileCount(tree) >= WORKER_FROM) : undefined;
  try {
    const { config, diagnostics: configDiagnostics } = await loadConfig(root, options.settings ?? tree);
    const project = await loadProject(root, tree);
    const context = { project: withPartialEntries(project), venues: loadVenues(), ...(options.added ? { added: options.added } : {}) };
    let ruleDiagnostics: Diagnostic[] = [];
    const runOtherRules = (): void => {
      if (options.rules !== false) ruleDiagnostics = runRules(context, config, RULES.filter((r) => r !== readme));
    };
    const input = renderer ? renderInput(project) : undefined;
    let result: RenderResult | undefined;
    if (renderer && input) result = await renderer.render(input, 2 / 3, runOtherRules);
    else runOtherRules();
    const diagnostics = [...configDiagnostics, ...project.diagnostics, ...(result?.diagnostics ?? []), ...ruleDiagnostics];
    const rendered = result && !hasErrors(result.diagnostics) ? { text: result.text, lineOrigins: result.lineOrigins, lineMeta: result.lineMeta, lines: result.lines, ...(result.chart !== undefined ? { chart: result.chart } : {}) } : undefined;
    return { project, config, diagnostics, ...(rendered ? { rendered } : {}) };
  } finally {
    await renderer?.close();
  }
}

/** README drift: the committed README.md and chart against what was rendered. */
export function readmeDrift(checked: CheckedRepository): Diagnostic[] {
  const { rendered } = checked;
  return runRules(
    { project: checked.project, venues: loadVenues(), ...(rendered ? { expectedReadme: rendered.text } : {}), ...(rendered?.chart !== undefined ? { expectedChart: rendered.chart } : {}) },
    checked.config,
    [readme],
  );
}
