// Where links come from: every link field of the entries and the Markdown links of the template
// (or of any Markdown files given), each URL with all its file:line origins.
import type { Definition, Link, Nodes } from 'mdast';
import { locate, type Workspace } from '../load.js';
import { parseMarkdown } from '../markdown.js';
import { LINK_KINDS } from '../model.js';
import type { Project } from '../project.js';

export interface Origin {
  file: string;
  line: number;
}

export interface LinkSource {
  /** The URL as checked: without its fragment. */
  url: string;
  origins: Origin[];
}

/** Drops the fragment (the page is the same) and keeps everything else as written. */
export function checkableUrl(raw: string): string {
  const hash = raw.indexOf('#');
  return hash === -1 ? raw : raw.slice(0, hash);
}

export class LinkCollector {
  private readonly byUrl = new Map<string, Origin[]>();

  add(raw: string, origin: Origin): void {
    const url = checkableUrl(raw.trim());
    if (!url) return;
    const origins = this.byUrl.get(url) ?? [];
    if (!origins.some((o) => o.file === origin.file && o.line === origin.line)) origins.push(origin);
    this.byUrl.set(url, origins);
  }

  /** Unique URLs in first-seen order. */
  sources(): LinkSource[] {
    return [...this.byUrl].map(([url, origins]) => ({ url, origins }));
  }
}

/**
 * Splits Markdown into pieces that parse to the same links as the whole: cuts only between two
 * consecutive top-level list-item lines, never inside a fenced code block. micromark's memory grows with the size of what it parses (a 2,000-line list
 * costs ~80 MB at once), so long lists are parsed ~200 lines at a time.
 */
export function markdownChunks(text: string, target = 200): Array<{ text: string; firstLine: number }> {
  const lines = text.split('\n');
  const chunks: Array<{ text: string; firstLine: number }> = [];
  let start = 0;
  let fence: string | undefined;
  let previousWasItem = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (marker) {
      if (!fence) fence = marker[1]!;
      else if (line.trim().startsWith(fence)) fence = undefined;
    }
    // A one-line item right after another: the boundary between them is a safe cut.
    const item = !fence && !marker && /^([-*+]|\d{1,9}[.)]) \S/.test(line);
    if (item && previousWasItem && i - start >= target) {
      chunks.push({ text: lines.slice(start, i).join('\n'), firstLine: start + 1 });
      start = i;
    }
    previousWasItem = item;
  }
  chunks.push({ text: lines.slice(start).join('\n'), firstLine: start + 1 });
  return chunks;
}

/** Links in a Markdown text (inline links, definitions, autolinks), with their lines. */
export function markdownLinks(text: string, file: string, into: LinkCollector): void {
  for (const chunk of markdownChunks(text)) {
    const visit = (node: Nodes): void => {
      if (node.type === 'link' || node.type === 'definition') {
        const url = (node as Link | Definition).url;
        if (/^[a-z][a-z0-9+.-]*:/i.test(url)) into.add(url, { file, line: (node.position?.start.line ?? 1) + chunk.firstLine - 1 });
      }
      if ('children' in node) for (const child of node.children) visit(child as Nodes);
    };
    visit(parseMarkdown(chunk.text));
  }
}

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

/** All links of the repository: entries, then the template's prose. */
export function repositoryLinks(project: Project): LinkSource[] {
  const collector = new LinkCollector();
  entryLinks(project, collector);
  const template: Workspace['template'] = project.workspace.template;
  if (template) markdownLinks(template.text, template.file, collector);
  return collector.sources();
}
