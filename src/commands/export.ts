// `paperlist export`: the checked entries as BibTeX, JSON or CSV, in a stable order (by entry id).
import { compareStrings, type Diagnostic } from '../core/diagnostics.js';
import { toBibtex } from '../export/bibtex.js';
import { toCsv, toJson } from '../export/tabular.js';
import { toCsl } from '../export/csl.js';
import { loadVenues } from '../core/package-files.js';
import { checkRepository } from '../pipeline/pipeline.js';

export const EXPORT_FORMATS = ['bibtex', 'json', 'csv', 'csl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportOutcome = { diagnostics: Diagnostic[]; text?: undefined } | { diagnostics: Diagnostic[]; text: string; papers: number; datasets: number; abbreviated: number };

/** The export text, or none when lint would refuse the entries (their errors are the diagnostics). */
export async function exportList(root: string, format: ExportFormat): Promise<ExportOutcome> {
  const { project, diagnostics } = await checkRepository(root, { render: false });
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const papers = [...project.papers].sort((a, b) => compareStrings(a.id, b.id));
  const datasets = [...project.datasets].sort((a, b) => compareStrings(a.id, b.id));
  const text = format === 'bibtex' ? toBibtex(papers.map((p) => p.paper), loadVenues()) : format === 'json' ? toJson(papers, datasets) : format === 'csl' ? toCsl(papers, loadVenues()) : toCsv(papers);
  // Papers cited with only "Surname et al.": verify --fix fills their full author lists from the records.
  const abbreviated = papers.filter((p) => !p.paper.authorList?.length && /\bet al\.?$/.test(p.paper.authors.trim())).length;
  return { diagnostics, text, papers: papers.length, datasets: datasets.length, abbreviated };
}
