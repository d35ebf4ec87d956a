// Which listed paper a person means when they name one (the "Report a correction" form, verify
// --entry): its file (entries/papers/<id>.yml, or just <id>), a link or id of the paper (asked of
// same-paper.ts, as every "same paper" question is), or its exact title (after titleKey).
import type { PaperEntry } from './project.js';
import { canonicalPaperUrl, identifyPaper } from '../core/identify.js';
import { findByIdentifier, titleKey } from '../core/same-paper.js';

export function findPaper(papers: readonly PaperEntry[], named: string): PaperEntry | undefined {
  const text = named.trim();
  if (!text) return undefined;
  const byFile = papers.find((p) => p.entry.source.file === text || p.entry.source.file === `entries/papers/${text}.yml` || p.id === text);
  if (byFile) return byFile;
  const ref = identifyPaper(text);
  const byLink = ref ? findByIdentifier(canonicalPaperUrl(ref), papers, (p) => p.paper)?.entry : undefined;
  if (byLink) return byLink;
  return papers.find((p) => titleKey(p.paper.title) === titleKey(text));
}
