// `paperlist site`: the checked entries as one static page.
import type { Diagnostic } from '../core/diagnostics.js';
import { loadVenues } from '../core/package-files.js';
import { checkRepository } from '../pipeline/pipeline.js';
import { renderSite, siteData } from '../site/page.js';

export type SiteOutcome = { diagnostics: Diagnostic[]; html?: undefined } | { diagnostics: Diagnostic[]; html: string; papers: number; datasets: number };

/** The page, or none when lint would refuse the entries (their errors are the diagnostics). */
export async function buildSite(root: string): Promise<SiteOutcome> {
  const { project, config, diagnostics } = await checkRepository(root, { render: false });
  if (diagnostics.some((d) => d.severity === 'error') || !project.sections) return { diagnostics };
  const html = renderSite(siteData(project.sections, project.papers, project.datasets, loadVenues()), config.site?.title ?? 'Awesome Multilingual LLM', config.site?.links ?? []);
  return { diagnostics, html, papers: project.papers.length, datasets: project.datasets.length };
}
