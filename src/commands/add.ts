// `paperlist add`: a new paper entry, from the paper's record (arXiv, ACL Anthology, Crossref) or by
// hand, checked like lint checks it, written in canonical form. Never overwrites a file.
import { tidySpaces } from '../text/spacing.js';
import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadConfig } from '../check/config.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { formatPaper } from '../core/entry-format.js';
import { UsageError } from '../core/errors.js';
import { canonicalArxivLink, paperIdentifiers } from '../core/paper-identifiers.js';
import { comparePapers, findByIdentifier, POLICY } from '../core/same-paper.js';
import { assignIds } from '../core/entry-ids.js';
import { ENTRY_DIRS, LINK_KINDS, type Paper } from '../core/model.js';
import { loadVenues } from '../core/package-files.js';
import { loadProject, withPartialEntries, type PaperEntry, type Project } from '../check/project.js';
import { canonicalPaperUrl, identifyPaper, recordKey, type PaperRef } from '../core/identify.js';
import type { SourceRecord } from '../records/record.js';
import { cacheNotSaved, RecordCache } from '../records/record-cache.js';
import { fetchAnthology, fetchArxiv, fetchDois, withContact, type FetchProblem, type SourceOptions } from '../records/sources.js';
import { recordFields } from '../records/to-entry.js';
import { runRules } from '../rules/index.js';
import { duplicates } from '../rules/duplicates.js';
import { hygiene } from '../rules/hygiene.js';
import { mislabels } from '../rules/mislabels.js';
import { readBackEntry } from '../check/validate.js';
import { gateWrites } from '../pipeline/write-gate.js';

export interface AddFields {
  title?: string;
  authors?: string;
  authorList?: string[];
  year?: string;
  venue?: string;
  doi?: string;
  paper?: string;
  code?: string;
  model?: string;
  data?: string;
  project?: string;
  sections: string[];
}

export interface AddOutcome {
  /** The file written (relative to the root), when it was; with write false, the file it would be. */
  file?: string;
  text?: string;
  /** The other files written with it: README.md and the chart, regenerated (unless README.md has hand edits). */
  generated?: string[];
  diagnostics: Diagnostic[];
}

/** The fields a paper needs that the record gives (or the contributor types, by hand). */
export const REQUIRED_FIELDS = ['title', 'authors', 'year'] as const;

/** Builds the entry from the fields: trimmed, venue alias resolved, links in canonical order. */
export function paperFromFields(fields: AddFields): Paper {
  const venues = loadVenues();
  const venue = fields.venue?.trim();
  const links: Paper['links'] = {};
  for (const kind of LINK_KINDS) if (fields[kind]?.trim()) links[kind] = fields[kind]!.trim();
  if (links.paper) links.paper = canonicalArxivLink(links.paper) ?? links.paper;
  const authorList = fields.authorList?.map((a) => tidySpaces(a)).filter(Boolean);
  return {
    title: tidySpaces(fields.title ?? '').replace(/(?<![?!.])\.$/, ''),
    authors: tidySpaces(fields.authors ?? ''),
    ...(authorList?.length ? { authorList } : {}),
    year: /^\d+$/.test((fields.year ?? '').trim()) ? Number(fields.year!.trim()) : (fields.year as unknown as number),
    ...(venue ? { venue: venues.resolve(venue)?.name ?? venue } : {}),
    ...(fields.doi?.trim() ? { doi: fields.doi.trim().toLowerCase() } : {}),
    links,
    sections: [...new Set(fields.sections.map((s) => s.trim()).filter(Boolean))],
  };
}

/** What add found when it went for the record: the fields it gives, or why there are none. */
export type RecordLookup = { fields: AddFields; record: SourceRecord; diagnostics: Diagnostic[] } | { problem: FetchProblem };

/** The entry (if any) that has this identifier, by its paper link or its DOI. */
function listedUnder(project: Project, ref: PaperRef): { entry: PaperEntry; label: string } | undefined {
  const found = findByIdentifier(canonicalPaperUrl(ref), project.papers, (p) => p.paper);
  return found && { entry: found.entry, label: found.by.label };
}

/** The record of `ref`, from the cache or its source. */
export async function lookUpRecord(ref: PaperRef, sources: SourceOptions, cachePath: string | undefined): Promise<{ record: SourceRecord; warnings: Diagnostic[] } | { problem: FetchProblem }> {
  const cache = await RecordCache.open(cachePath);
  const key = recordKey(ref);
  let problems: FetchProblem[] = [];
  const warnings: Diagnostic[] = cache.warning ? [{ file: cachePath!, ruleId: 'records', severity: 'warning', message: cache.warning }] : [];
  if (cache.get(key) === undefined) {
    if (ref.kind === 'arxiv') problems = await fetchArxiv([ref.id], cache, sources);
    else if (ref.kind === 'acl') problems = await fetchAnthology([ref.id], cache, sources);
    else problems = await fetchDois([ref.doi], cache, sources);
    const unsaved = await cache.save();
    if (unsaved) warnings.push(cacheNotSaved(cachePath!, unsaved));
  }
  const record = cache.get(key);
  if (record) return { record, warnings };
  return { problem: problems[0] ?? { id: key, kind: 'missing', message: `${key} has no record` } };
}

export interface AddRequest {
  root: string;
  /** The repository's entries, when the caller loaded them already (the command line did, for the form's sections). */
  project?: Project;
  /** A link or id of the paper: its record gives the fields that `fields` does not. */
  source?: string;
  fields: AddFields;
  sources: SourceOptions;
  /** The record cache (verify's), relative to the root. */
  cache?: string;
  write: boolean;
}

/**
 * Adds a paper: from its record when `source` names one (what the contributor typed overrides
 * the record), else from the fields alone. Checks the new entry as lint would (schema, sections,
 * duplicates, mislabels, hygiene) against the entries already there, and writes it only when
 * nothing is an error. A paper already listed, under any identifier or by title, is refused with
 * the file named and how to change that one instead.
 */
export async function addPaper(request: AddRequest): Promise<AddOutcome & { problem?: FetchProblem }> {
  const { root } = request;
  // Entries with only unknown-field errors count too: a paper listed with a typo'd key is listed.
  const [loaded, { config }] = await Promise.all([request.project ?? loadProject(root), loadConfig(root)]);
  const project = withPartialEntries(loaded);
  let fields = request.fields;
  const diagnostics: Diagnostic[] = [];
  let ref: PaperRef | undefined;
  if (request.source !== undefined) {
    ref = identifyPaper(request.source);
    if (!ref) throw new UsageError(`${JSON.stringify(request.source)} is not an arXiv, ACL Anthology or DOI link or id (e.g. https://arxiv.org/abs/2402.07827, 2023.emnlp-main.226, 10.1145/3442188.3445922).`);
    const listed = listedUnder(project, ref);
    if (listed) return { diagnostics: [alreadyListed(listed.entry, `the same ${listed.label}`, `duplicates/${ref.kind}`)] };
    const sources = { ...withContact(request.sources, config.contact), ...(config.links.hosts ? { hosts: config.links.hosts } : {}) };
    const found = await lookUpRecord(ref, sources, request.cache ? resolve(root, request.cache) : undefined);
    if ('problem' in found) return { diagnostics, problem: found.problem };
    diagnostics.push(...found.warnings);
    const fromRecord = recordFields(ref, found.record, loadVenues());
    if (fromRecord.venue === undefined && fields.venue === undefined && ref.kind === 'doi')
      diagnostics.push({ file: ENTRY_DIRS.paper, ruleId: 'add', severity: 'warning', message: `The venue of DOI ${ref.doi} (${JSON.stringify(found.record.publishedIn ?? 'none given')}) is not one of schema/venues.json; the entry has none.`, hint: 'Give it with --venue NAME (a name from schema/venues.json), or add the venue there.' });
    // What the contributor typed wins over the record; the record fills in the rest.
    fields = {
      title: fromRecord.title,
      ...(fromRecord.authors !== undefined ? { authors: fromRecord.authors } : {}),
      ...(fromRecord.authorList ? { authorList: fromRecord.authorList } : {}),
      year: String(fromRecord.year),
      ...(fromRecord.venue !== undefined ? { venue: fromRecord.venue } : {}),
      ...(fromRecord.doi !== undefined ? { doi: fromRecord.doi } : {}),
      paper: fromRecord.paper,
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      sections: fields.sections,
    };
  }
  const paper = paperFromFields(fields);
  const [id] = assignIds([{ name: paper.title || 'untitled', year: typeof paper.year === 'number' ? paper.year : undefined }], project.workspace.entries.filter((e) => e.kind === 'paper').map((e) => e.id));
  const file = `${ENTRY_DIRS.paper}/${id}.yml`;
  for (const d of diagnostics) d.file = file;
  const text = formatPaper(paper);
  const { source, problems } = readBackEntry('paper', file, text);
  diagnostics.push(...problems);
  if (!diagnostics.some((d) => d.ruleId === 'schema')) {
    const candidate: PaperEntry = { id: id!, paper, entry: { kind: 'paper', id: id!, source } };
    const withCandidate = { ...project, papers: [...project.papers, candidate] };
    for (const d of runRules({ project: withCandidate, venues: loadVenues() }, config, [duplicates, mislabels, hygiene])) {
      if (d.file !== file) continue;
      const existing = project.papers.find((p) => p.entry.source.file === d.related?.[0]?.file);
      const what = SAME[d.ruleId];
      // Listed already (same-paper.ts says so), or a clash: then the rule's own word, that a link is wrong.
      const same = existing && comparePapers(paper, existing.paper, POLICY.listed).verdict !== 'clash';
      diagnostics.push(what && existing && same ? alreadyListed(existing, what, d.ruleId, paper) : d);
    }
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  if (await access(join(root, file)).then(() => true, () => false)) {
    return { diagnostics: [...diagnostics, { file, ruleId: 'add', severity: 'error', message: 'The file exists already; nothing was written.', hint: 'Edit that file instead.' }] };
  }
  // The whole list with the new entry, checked as lint checks it; README.md regenerated with it.
  const gate = await gateWrites({ root, writes: new Map([[file, text]]), dryRun: !request.write, readme: 'if-generated' });
  if (gate.status === 'refused') return { diagnostics: [...diagnostics, ...gate.diagnostics] };
  return { file, text, generated: [...gate.files.keys()].filter((f) => f !== file), diagnostics: [...diagnostics, ...gate.diagnostics] };
}

/**
 * The refusal of a paper already listed: at the existing file, saying how to change it instead.
 * When the new one is the published version of a listed preprint, the fields to set are spelled out.
 */
const SAME: Record<string, string> = {
  'duplicates/title': 'the same title',
  'duplicates/arxiv': 'the same arXiv id',
  'duplicates/acl': 'the same ACL Anthology id',
  'duplicates/doi': 'the same DOI',
  'duplicates/paper-url': 'the same paper link',
};

function alreadyListed(existing: PaperEntry, what: string, ruleId: string, candidate?: Paper): Diagnostic {
  const file = existing.entry.source.file;
  const listedAsPreprint = paperIdentifiers(existing.paper.links.paper).arxiv !== undefined;
  const published = candidate && candidate.links.paper && paperIdentifiers(candidate.links.paper).arxiv === undefined && candidate.venue !== undefined && candidate.venue !== 'arXiv';
  const upgrade = published && listedAsPreprint
    ? ` It is listed under its arXiv preprint: to link this published version instead, set in ${file}: venue: ${candidate.venue}, year: ${candidate.year}, links.paper: ${candidate.links.paper} (\`npx paperlist verify --fix\` does the same when Semantic Scholar links the two versions), then run \`npm run generate\`.`
    : '';
  return {
    file, line: 1, column: 1, ruleId, severity: 'error',
    message: `This paper is listed already: ${file} ("${existing.paper.title}") has ${what}.`,
    hint: `To list it in another section too, add the section to \`sections\` in ${file}; nothing was written.${upgrade}`,
  };
}
