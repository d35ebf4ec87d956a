// What verify concludes from a record: pure comparisons, each a finding at the entry's field.
import { familyOf, firstAuthorIs, isRecordOf } from '../core/same-paper.js';
import type { PaperEntry } from '../check/project.js';
import type { Finding } from '../check/findings.js';
import { placeOf } from '../rules/types.js';
import type { SourceRecord } from '../records/record.js';



export function compareRecord(p: PaperEntry, record: SourceRecord): Finding[] {
  const findings: Finding[] = [];
  if (!isRecordOf(p.paper, record)) {
    findings.push({
      check: 'verify/title', ...placeOf(p, ['title']),
      message: `${record.source} ${record.id} is titled "${record.title}", not "${p.paper.title}": the link probably points at another paper.`,
      hint: 'Check the paper link; if it is right, correct the title.',
      related: [placeOf(p, ['links', 'paper'])],
    });
    return findings; // another paper: its year and authors say nothing about this one
  }
  const first = record.authors[0];
  if (first && /\bet al\.?$/.test(p.paper.authors.trim()) && !firstAuthorIs(p.paper.authors, first)) {
    findings.push({
      check: 'verify/author', ...placeOf(p, ['authors']),
      message: `${record.source} ${record.id} lists ${first} first, not "${p.paper.authors}".`,
      hint: `Write "${record.families?.[0] || familyOf(first)} et al.".`,
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
