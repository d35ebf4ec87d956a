// `paperlist links --fix`: entries whose link moved permanently (a 301/308 chain that ends in a page,
// or a GitHub repository renamed or transferred, as GitHub's API says) are given the new URL, then
// README.md is generated again. Only entry link fields change; the template's prose is left to a
// person (the report names it), and nothing else in an entry is touched.
import type { Diagnostic } from '../diagnostics.js';
import { formatDataset, formatPaper } from '../entry-format.js';
import type { CheckedLink } from '../links/report.js';
import { LINK_KINDS } from '../model.js';
import { loadProject } from '../project.js';
import { writeEntryFixes } from './write-entries.js';

export interface MovedFix {
  /** Entry files written, with what changed in each. */
  fixed: Array<{ file: string; changes: string[] }>;
  /** Files generate wrote after them (README.md, the chart). */
  generated: string[];
  diagnostics: Diagnostic[];
}

/** The new URL of each link that moved permanently. */
export function movedLinks(links: readonly CheckedLink[]): Map<string, string> {
  return new Map(links.filter((l) => l.state === 'redirected' && l.permanent && l.finalUrl && /^https?:\/\//.test(l.finalUrl)).map((l) => [l.url, l.finalUrl!]));
}

export async function fixMovedLinks(root: string, links: readonly CheckedLink[]): Promise<MovedFix> {
  const moved = movedLinks(links);
  if (!moved.size) return { fixed: [], generated: [], diagnostics: [] };
  const project = await loadProject(root);
  const writes: Array<{ file: string; text: string; changes: string[] }> = [];
  for (const p of project.papers) {
    const changes: string[] = [];
    const links = { ...p.paper.links };
    for (const kind of LINK_KINDS) {
      const to = links[kind] ? moved.get(links[kind]) : undefined;
      if (to) {
        changes.push(`links.${kind}: ${links[kind]} → ${to}`);
        links[kind] = to;
      }
    }
    if (changes.length) writes.push({ file: p.entry.source.file, text: formatPaper({ ...p.paper, links }), changes });
  }
  for (const d of project.datasets) {
    const to = d.dataset.url ? moved.get(d.dataset.url) : undefined;
    if (to) writes.push({ file: d.entry.source.file, text: formatDataset({ ...d.dataset, url: to }), changes: [`url: ${d.dataset.url} → ${to}`] });
  }
  if (!writes.length) return { fixed: [], generated: [], diagnostics: [] };
  return writeEntryFixes(root, writes, 'links --fix');
}
