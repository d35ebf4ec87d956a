// `paperlist site`: the checked entries as one static page.
import type { Diagnostic } from '../diagnostics.js';
import { checkRepository } from '../pipeline.js';
import { renderSite, siteData } from '../site/page.js';

export type SiteOutcome = { diagnostics: Diagnostic[]; html?: undefined } | { diagnostics: Diagnostic[]; html: string; papers: number; datasets: number };

/** The page, or none when lint would refuse the entries (their errors are the diagnostics). */
export async function buildSite(root: string): Promise<SiteOutcome> {
  const { project, diagnostics } = await checkRepository(root, { render: false });
  if (diagnostics.some((d) => d.severity === 'error') || !project.sections) return { diagnostics };
  const html = renderSite(siteData(project.sections, project.papers, project.datasets), 'Awesome Multilingual LLM');
  return { diagnostics, html, papers: project.papers.length, datasets: project.datasets.length };
}
