// mislabels: year and venue against what the identifiers in the links say; links under the wrong key.
import { paperIdentifiers } from '../core/paper-identifiers.js';
import type { PaperEntry } from '../check/project.js';
import type { VenueList } from '../core/venues.js';
import type { Finding } from '../check/findings.js';
import { placeOf, type Rule } from './types.js';

const CODE_HOSTS = [/^github\.com$/, /^gitlab\.com$/, /^gitlab\./, /^bitbucket\.org$/, /^codeberg\.org$/, /^gitee\.com$/, /^sourceforge\.net$/, /^git\./];

/** What a non-code URL under `code` most likely is, or undefined when it looks like code. */
export function linkKindOf(url: string): 'model' | 'data' | 'project' | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const host = u.hostname.toLowerCase();
  if (host === 'huggingface.co' || host === 'hf.co') {
    if (u.pathname.startsWith('/datasets/')) return 'data';
    if (u.pathname.startsWith('/spaces/')) return 'project';
    return 'model';
  }
  if (host === 'modelscope.cn' || host.endsWith('.modelscope.cn')) return u.pathname.includes('/datasets/') ? 'data' : 'model';
  if (host === 'github.com' && u.pathname.split('/').filter(Boolean).length === 1) return 'project'; // an organisation, not a repository
  if (CODE_HOSTS.some((re) => re.test(host))) return undefined;
  return 'project';
}

function checkPaper(p: PaperEntry, venues: VenueList): Finding[] {
  const findings: Finding[] = [];
  const { paper } = p;
  const paperUrl = paper.links.paper;
  const { arxiv, acl, doi: linked } = paperIdentifiers(paperUrl);
  const venue = paper.venue === undefined ? undefined : venues.resolve(paper.venue);

  if (arxiv && paper.year < arxiv.earliest) {
    const when = arxiv.earliest < arxiv.year ? `announced in January ${arxiv.year}, so first submitted in ${arxiv.earliest} at the earliest` : `first submitted in ${arxiv.year}`;
    findings.push({
      check: 'mislabels/year-before-arxiv', ...placeOf(p, ['year']),
      message: `Year ${paper.year} is earlier than the arXiv id ${arxiv.id} allows (${when}).`,
      hint: `If the link is right, the year is ${arxiv.earliest} or later; if the year is right, the link points at another paper.`,
      related: [placeOf(p, ['links', 'paper'])],
    });
  }
  if (acl && paper.year !== acl.year) {
    findings.push({
      check: 'mislabels/acl-year', ...placeOf(p, ['year']),
      message: `Year ${paper.year} differs from the ACL Anthology id ${acl.id}, which is from ${acl.year}.`,
      hint: `Set year: ${acl.year}, or correct the link if it points at another paper.`,
      related: [placeOf(p, ['links', 'paper'])],
    });
  }
  if (acl) {
    const expected = venues.forAnthology(acl);
    if (expected && paper.venue !== undefined && venue?.name !== expected.name && venue !== undefined) {
      findings.push({
        check: 'mislabels/acl-venue', ...placeOf(p, ['venue']),
        message: `Venue "${paper.venue}" contradicts the ACL Anthology id ${acl.id}, which is in ${expected.name} (volume "${acl.volume}").`,
        hint: `Set venue: ${expected.name}.`,
        related: [placeOf(p, ['links', 'paper'])],
      });
    }
    if (expected && paper.venue === undefined) {
      findings.push({
        check: 'mislabels/acl-venue', ...placeOf(p, ['links', 'paper']),
        message: `The paper is in the ACL Anthology (${acl.id}, ${expected.name}) but has no venue.`,
        hint: `Add venue: ${expected.name}.`,
      });
    }
  }
  if (venue?.kind === 'preprint' && paperUrl && !arxiv) {
    findings.push({
      check: 'mislabels/arxiv-venue', ...placeOf(p, ['venue']),
      message: `Venue is "${venue.name}" but the paper link is not an arXiv link: ${paperUrl}.`,
      hint: acl ? `The link is in the ACL Anthology: set venue: ${venues.forAnthology(acl)?.name ?? 'the Anthology venue'}.` : 'Set the venue where it was published, or link the arXiv page.',
      related: [placeOf(p, ['links', 'paper'])],
    });
  }
  if (venue && venue.kind !== 'preprint' && arxiv && !acl) {
    findings.push({
      check: 'mislabels/preprint-only', ...placeOf(p, ['links', 'paper']),
      message: `Venue is ${venue.name} but the only paper link is the arXiv preprint ${arxiv.id}.`,
      hint: `Link the ${venue.name} version (publisher or ACL Anthology page), or set venue: arXiv if it was not published there.`,
      related: [placeOf(p, ['venue'])],
    });
  }
  if (paper.venue !== undefined && !venue) {
    const near = venues.nearest(paper.venue);
    findings.push({
      check: 'mislabels/unknown-venue', ...placeOf(p, ['venue']),
      message: `Unknown venue "${paper.venue}".`,
      hint: near ? `Did you mean "${near.name}"? If it is a new venue, add it to schema/venues.json.` : 'Use a name from schema/venues.json, or add the venue there.',
    });
  } else if (venue && paper.venue !== venue.name) {
    findings.push({
      check: 'mislabels/venue-alias', ...placeOf(p, ['venue']),
      message: `Venue "${paper.venue}" is an alias of "${venue.name}".`,
      hint: `Write venue: ${venue.name} (lint --fix does it).`,
      fix: { path: ['venue'], value: venue.name },
    });
  }
  // The DOI a doi.org, ACM or Springer link names: exports and citations carry the doi field.
  if (linked && paper.doi === undefined) {
    findings.push({
      check: 'mislabels/missing-doi', ...placeOf(p, ['links', 'paper']),
      message: `The paper link names the DOI ${linked}, which the entry does not record.`,
      hint: `Add doi: ${linked} (lint --fix does it).`,
      fix: { path: ['doi'], value: linked },
    });
  }
  const code = paper.links.code;
  const kind = code ? linkKindOf(code) : undefined;
  if (code && kind) {
    const free = !paper.links[kind];
    findings.push({
      check: 'mislabels/code-link', ...placeOf(p, ['links', 'code']),
      message: `The code link ${code} looks like ${kind === 'model' ? 'model weights' : kind === 'data' ? 'a dataset' : 'a project page'}, not source code.`,
      hint: free ? `Move it under links.${kind}.` : `links.${kind} is taken already: check which of the two belongs where.`,
    });
  }
  return findings;
}

export const mislabels: Rule = {
  id: 'mislabels',
  run({ project, venues }) {
    return project.papers.flatMap((p) => checkPaper(p, venues));
  },
};
