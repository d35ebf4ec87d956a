// What verify concludes from a record: pure comparisons, each a finding at the entry's field.
import { titleSimilarity } from '../import/merge.js';

export { titleSimilarity };
import type { PaperEntry } from '../project.js';
import { normalizeTitle } from '../text/normalize.js';
import { placeOf, type Finding } from '../rules/types.js';
import type { SourceRecord } from '../records/record.js';


/** Titles this alike (word overlap) are the same paper, allowing a subtitle or casing change. */
export const SAME_TITLE = 0.6;

const surname = (name: string): string => normalizeTitle(name.normalize('NFKD').replace(/\p{M}+/gu, '')).split(' ').filter(Boolean).at(-1) ?? '';
const firstWord = (authors: string): string => normalizeTitle(authors.replace(/\bet al\.?$/, '').normalize('NFKD').replace(/\p{M}+/gu, '')).split(' ').filter(Boolean).at(-1) ?? '';

export function compareRecord(p: PaperEntry, record: SourceRecord): Finding[] {
  const findings: Finding[] = [];
  const similarity = titleSimilarity(p.paper.title, record.title);
  if (similarity < SAME_TITLE) {
    findings.push({
      check: 'verify/title', ...placeOf(p, ['title']),
      message: `${record.source} ${record.id} is titled "${record.title}", not "${p.paper.title}": the link probably points at another paper.`,
      hint: 'Check the paper link; if it is right, correct the title.',
      related: [placeOf(p, ['links', 'paper'])],
    });
    return findings; // another paper: its year and authors say nothing about this one
  }
  const first = record.authors[0];
  if (first && !/ /.test(p.paper.authors.replace(/\bet al\.?$/, '').trim()) && p.paper.authors.includes('et al') && firstWord(p.paper.authors) !== surname(first)) {
    findings.push({
      check: 'verify/author', ...placeOf(p, ['authors']),
      message: `${record.source} ${record.id} lists ${first} first, not "${p.paper.authors}".`,
      hint: `Write "${first.split(/\s+/).at(-1)} et al.".`,
    });
  }
  if (record.source === 'arXiv' && p.paper.year < record.year) {
    findings.push({
      check: 'verify/year', ...placeOf(p, ['year']),
      message: `Year ${p.paper.year} is before the first arXiv version of ${record.id} (${record.year}).`,
      hint: `Set year: ${record.year}.`,
    });
  }
  if (record.source === 'ACL Anthology' && p.paper.year !== record.year) {
    findings.push({ check: 'verify/year', ...placeOf(p, ['year']), message: `Year ${p.paper.year} differs from the Anthology's ${record.year} for ${record.id}.`, hint: `Set year: ${record.year}.` });
  }
  if (record.journalRef && (p.paper.venue === undefined || p.paper.venue === 'arXiv')) {
    findings.push({
      check: 'verify/journal-ref', ...placeOf(p, p.paper.venue ? ['venue'] : ['links', 'paper']),
      message: `arXiv says ${record.id} was published: "${record.journalRef}".`,
      hint: 'Consider the published venue (and its link) for this entry.',
    });
  }
  return findings;
}
