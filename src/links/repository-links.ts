// Where the repository's links come from: every link field of the entries and the Markdown links
// of the template, each URL with all its file:line origins.
import { locate, type Workspace } from '../check/load.js';
import { LINK_KINDS } from '../core/model.js';
import type { Project } from '../check/project.js';
import type { LinkCollector } from './collector.js';
import { markdownLinks } from './markdown-links.js';

export function entryLinks(project: Project, into: LinkCollector): void {
  for (const p of project.papers) {
    for (const kind of LINK_KINDS) {
      const url = p.paper.links[kind];
      if (url) into.add(url, { file: p.entry.source.file, line: locate(p.entry.source, ['links', kind]).line });
    }
  }
  for (const d of project.datasets) {
    if (d.dataset.url) into.add(d.dataset.url, { file: d.entry.source.file, line: locate(d.entry.source, ['url']).line });
  }
}

/** All links of the repository, into a collector: entries, then the template's prose. */
export function repositoryLinks(project: Project, collector: LinkCollector): void {
  entryLinks(project, collector);
  const template: Workspace['template'] = project.workspace.template;
  // The template becomes README.md at the root: its relative links are relative to the root.
  if (template) markdownLinks(template.text, template.file, collector, '');
}
