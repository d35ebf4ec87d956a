// `paperlist links --fix`: entries whose link moved permanently (a 301/308 chain that ends in a page,
// or a GitHub repository renamed or transferred, as GitHub's API says) are given the new URL, then
// README.md is generated again. Only entry link fields change; the template's prose is left to a
// person (the report names it), and nothing else in an entry is touched.
import type { Diagnostic } from '../core/diagnostics.js';
import { formatDataset, formatPaper } from '../core/entry-format.js';
import type { CheckedLink } from '../links/report.js';
import { movedLinks } from '../links/moved.js';
import { LINK_KINDS } from '../core/model.js';
import { loadProject, type Project } from '../check/project.js';
import { writeEntryFixes, type EntryFix } from './write-entries.js';

export interface MovedFix {
  /** Entry files written, with what changed in each and the answer it rests on. */
  fixed: EntryFix[];
  /** Files generate wrote after them (README.md, the chart). */
  generated: string[];
  diagnostics: Diagnostic[];
}

/** `project`: the one the links were read from, when the caller has it (not loaded again). */
export async function fixMovedLinks(root: string, links: readonly CheckedLink[], loaded?: Project): Promise<MovedFix> {
  const moved = movedLinks(links);
  if (!moved.size) return { fixed: [], generated: [], diagnostics: [] };
  const project = loaded ?? (await loadProject(root));
  const writes: Array<EntryFix & { text: string }> = [];
  for (const p of project.papers) {
    const changes: string[] = [];
    const evidence: string[] = [];
    const links = { ...p.paper.links };
    for (const kind of LINK_KINDS) {
      const move = links[kind] ? moved.get(links[kind]) : undefined;
      if (move) {
        changes.push(`links.${kind}: ${links[kind]} → ${move.to}`);
        evidence.push(move.evidence);
        links[kind] = move.to;
      }
    }
    if (changes.length) writes.push({ file: p.entry.source.file, text: formatPaper({ ...p.paper, links }), changes, evidence });
  }
  for (const d of project.datasets) {
    const move = d.dataset.url ? moved.get(d.dataset.url) : undefined;
    if (move) writes.push({ file: d.entry.source.file, text: formatDataset({ ...d.dataset, url: move.to }), changes: [`url: ${d.dataset.url} → ${move.to}`], evidence: [move.evidence] });
  }
  if (!writes.length) return { fixed: [], generated: [], diagnostics: [] };
  return writeEntryFixes(root, writes, 'links --fix');
}
