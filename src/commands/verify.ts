// `paperlist verify`: entries against their records (arXiv, the ACL Anthology, Crossref), arXiv-only
// entries against their published versions (Semantic Scholar maps arXiv ids to them); `--fix`
// applies the published version and fills the full author list and DOI from the records.
import { resolve } from 'node:path';
import { levelOf, loadConfig } from '../check/config.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { formatPaper } from '../core/entry-format.js';
import { loadVenues } from '../core/package-files.js';
import { loadProject, type PaperEntry } from '../check/project.js';
import { identifyPaper, recordKey, type PaperRef } from '../core/identify.js';
import { cacheNotSaved, RecordCache } from '../records/record-cache.js';
import { findPaper } from '../check/find-entry.js';
import { UsageError } from '../core/errors.js';
import { fetchAnthology, fetchArxiv, fetchDois, fetchPublished, withContact, type FetchProblem, type SourceOptions } from '../records/sources.js';
import { toDiagnostics, type Finding } from '../check/findings.js';
import { placeOf } from '../rules/types.js';
import { compareRecord } from '../verify/compare.js';
import { fillFromRecords, isPreprintOnly, publishedFinding, publishedVersion, venueOnlyFinding, venueOnlyVersion, type PublishedVersion } from '../verify/published.js';
import { count } from '../text/count.js';
import { writeEntryFixes, type EntryFix } from './write-entries.js';

export interface VerifyOptions {
  cachePath?: string;
  fix: boolean;
  sources: SourceOptions;
  /** Called as each source's part starts and after each of its requests. */
  progress?: (source: string, done: number, total: number) => void;
  /** Only this entry (a file, link, id or title: find-entry.ts); a name that finds none is a usage error. */
  entry?: string;
}

export interface VerifyOutcome {
  diagnostics: Diagnostic[];
  counts: { arxiv: number; anthology: number; crossref: number; checked: number; published: number; fillable: number };
  /** One line per source that could not be reached at all; its papers were not checked. */
  unreachable: string[];
  /** Entry files written by --fix, with what changed and the records it rests on, then the files generate wrote. */
  fixed: EntryFix[];
  generated: string[];
}

const refOf = (p: PaperEntry): PaperRef | undefined => identifyPaper(p.paper.links.paper ?? '');

export async function verify(root: string, options: VerifyOptions): Promise<VerifyOutcome> {
  const { config, diagnostics: configDiagnostics } = await loadConfig(root);
  // Without its settings (the contact address, the checks' levels) nothing is asked of anyone.
  if (configDiagnostics.some((d) => d.severity === 'error')) {
    return { diagnostics: configDiagnostics, counts: { arxiv: 0, anthology: 0, crossref: 0, checked: 0, published: 0, fillable: 0 }, unreachable: [], fixed: [], generated: [] };
  }
  const project = await loadProject(root);
  const venues = loadVenues();
  const keyed = new Map<string, PaperEntry[]>();
  const only = options.entry !== undefined ? findPaper(project.papers, options.entry) : undefined;
  if (options.entry !== undefined && !only) throw new UsageError(`no listed paper is ${JSON.stringify(options.entry.slice(0, 200))}: name its file (entries/papers/<id>.yml), its paper link or its exact title.`);
  const scope = only ? [only] : project.papers;
  for (const p of scope) {
    const ref = refOf(p);
    if (ref) keyed.set(recordKey(ref), [...(keyed.get(recordKey(ref)) ?? []), p]);
  }
  const ids = (prefix: string, keys: Iterable<string> = keyed.keys()): string[] => [...new Set([...keys].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)))].sort();
  const cache = await RecordCache.open(options.cachePath ? resolve(root, options.cachePath) : undefined);
  const unreachable: string[] = [];
  const problems: Array<FetchProblem & { key: string }> = [];
  const run = async (what: string, prefix: string, list: string[], fetch: (ids: string[]) => Promise<FetchProblem[]>): Promise<void> => {
    if (!list.length) return;
    let reached = true;
    for (const problem of await fetch(list)) {
      if (problem.kind === 'unreachable') {
        // The source stopped at its first unreachable request: one line, not one per paper.
        if (reached) unreachable.push(`${problem.message}; ${what} not checked this run`);
        reached = false;
        continue;
      }
      problems.push({ ...problem, key: `${prefix}:${problem.id}` });
    }
  };
  const sources = { ...withContact(options.sources, config.contact), ...(config.links.hosts ? { hosts: config.links.hosts } : {}), ...(options.progress ? { progress: options.progress } : {}) };

  const arxivIds = ids('arxiv:');
  await run('papers', 'arxiv', arxivIds, (list) => fetchArxiv(list, cache, sources));
  // Published versions, for arXiv-only entries: Semantic Scholar first; arXiv's own DOI field otherwise.
  const preprints = new Set(scope.filter((p) => isPreprintOnly(p, venues)));
  const preprintIds = ids('arxiv:', [...preprints].map((p) => recordKey(refOf(p)!)));
  await run('published versions', 'published', preprintIds, (list) => fetchPublished(list, cache, sources));
  const publishedKey = (arxivId: string): { key: string; via: PublishedVersion['via'] } | undefined => {
    const s2 = cache.publishedOf(`arxiv:${arxivId}`);
    if (s2) return { key: s2, via: 'Semantic Scholar' };
    const doi = cache.get(`arxiv:${arxivId}`)?.doi;
    const ref = doi ? identifyPaper(doi) : undefined;
    return ref && ref.kind !== 'arxiv' ? { key: recordKey(ref), via: 'arXiv' } : undefined;
  };
  const targets = preprintIds.map(publishedKey).filter((t) => t !== undefined).map((t) => t.key);
  await run('papers', 'acl', ids('acl:', [...keyed.keys(), ...targets]), (list) => fetchAnthology(list, cache, sources));
  await run('papers', 'doi', ids('doi:', [...keyed.keys(), ...targets]), (list) => fetchDois(list, cache, sources));
  const unsaved = await cache.save();
  const cacheDiagnostics: Diagnostic[] = [
    ...(cache.warning ? [{ file: options.cachePath!, ruleId: 'records', severity: 'warning' as const, message: cache.warning, hint: 'What was dropped was not used; the file is rewritten with what was kept at the end of the run.' }] : []),
    ...(unsaved ? [cacheNotSaved(options.cachePath!, unsaved)] : []),
  ];

  const findings: Finding[] = [];
  const fixes: Array<{ entry: PaperEntry; changes: string[]; evidence: string[]; text: string }> = [];
  let checked = 0;
  let published = 0;
  let fillable = 0;
  // A check turned off in the settings is not applied by --fix either.
  const applyPublished = levelOf(config, 'verify/published') !== 'off';
  for (const [key, entries] of keyed) {
    const record = cache.get(key);
    const target = key.startsWith('arxiv:') ? publishedKey(key.slice('arxiv:'.length)) : undefined;
    for (const p of entries) {
      const own = record ? compareRecord(p, record) : [];
      if (record) checked++;
      let version: PublishedVersion | undefined;
      if (target && preprints.has(p)) {
        const ref = identifyPaper(target.key.slice(target.key.indexOf(':') + 1));
        const found = cache.get(target.key);
        version = ref && found ? publishedVersion(p, ref, found, target.via, venues) : undefined;
      }
      // No record of a published version, but a venue without DOIs that DBLP names (ICLR, NeurIPS).
      const claim = !version && preprints.has(p) && key.startsWith('arxiv:') ? cache.venueClaimOf(key) : undefined;
      const venueOnly = claim ? venueOnlyVersion(p, claim, venues) : undefined;
      const publishedAs = version ? publishedFinding(p, version) : venueOnly ? venueOnlyFinding(p, venueOnly) : undefined;
      if (publishedAs) {
        published++;
        // A published version found says more than arXiv's journal reference.
        findings.push(publishedAs, ...own.filter((f) => f.check !== 'verify/journal-ref'));
      } else findings.push(...own);
      // The own record adds its author list only when it is this paper, by title and first author.
      const trusted = record && !own.some((f) => f.check === 'verify/title' || f.check === 'verify/author') ? record : undefined;
      const filled = fillFromRecords(p.paper, trusted, applyPublished ? version : undefined, applyPublished ? venueOnly : undefined);
      if (!filled) continue;
      fillable++;
      if (options.fix) fixes.push({ entry: p, changes: filled.changes, evidence: filled.evidence, text: formatPaper(filled.paper) });
    }
  }
  // A published-version lookup that failed (a throttled Semantic Scholar batch) is one warning for
  // the source, not one per preprint: without a key, one 429 covers every preprint of the list.
  // So is a source that kept throttling or met the deadline: it was not asked for the rest.
  const isLookup = (p: { key: string }): boolean => p.key.startsWith('published:');
  const oneForAll = (p: (typeof problems)[number]): boolean => isLookup(p) || p.kind === 'throttled' || p.kind === 'deadline';
  const groups = new Map<string, { lookup: boolean; papers: PaperEntry[] }>();
  for (const problem of problems.filter(oneForAll)) {
    const group = groups.get(problem.message) ?? { lookup: isLookup(problem), papers: [] };
    group.papers.push(...(keyed.get(isLookup(problem) ? `arxiv:${problem.id}` : problem.key) ?? []));
    groups.set(problem.message, group);
  }
  for (const [message, { lookup, papers }] of groups) {
    if (!papers.length) continue;
    findings.push({
      check: 'verify/unavailable', ...placeOf(papers[0]!, ['links', 'paper']),
      ...(lookup
        ? { message: `${message}: the published versions of ${count(papers.length, 'preprint')} were not looked up this run.`, hint: 'They are looked up again on the next run; a SEMANTIC_SCHOLAR_API_KEY gives Semantic Scholar a higher rate.' }
        : { message: `${message}: ${count(papers.length, 'paper was', 'papers were')} not checked this run.`, hint: 'They are checked again on the next run.' }),
    });
  }
  for (const problem of problems.filter((p) => !oneForAll(p))) {
    const key = problem.key;
    for (const p of keyed.get(key) ?? []) {
      const missing = problem.kind === 'missing';
      if (problem.kind === 'unrecorded') {
        findings.push({
          check: 'verify/unrecorded', ...placeOf(p, ['links', 'paper']), message: `${problem.message}: the entry was not compared with a record.`,
          hint: 'The link is most likely right: the DOI system knows it. Nothing to do unless the entry is wrong by other evidence.',
        });
        continue;
      }
      findings.push({
        check: missing ? 'verify/missing' : 'verify/unavailable', ...placeOf(p, ['links', 'paper']),
        message: `${problem.message}.`,
        hint: missing ? 'The id in the link does not exist: correct the link.' : 'Not checked this time; it is tried again on the next run.',
      });
    }
  }
  const diagnostics: Diagnostic[] = [...configDiagnostics, ...project.diagnostics.filter((d) => d.severity === 'error'), ...cacheDiagnostics, ...toDiagnostics(findings, config)];

  const { fixed, generated, diagnostics: gate } = await writeEntryFixes(root, fixes.map((f) => ({ file: f.entry.entry.source.file, text: f.text, changes: f.changes, evidence: f.evidence })), 'verify --fix');
  diagnostics.push(...gate);
  const counts = { arxiv: arxivIds.length, anthology: ids('acl:').length, crossref: ids('doi:').length, checked, published, fillable };
  return { diagnostics, counts, unreachable, fixed, generated };
}
