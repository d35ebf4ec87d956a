// `paperlist add`: a new paper entry, checked like lint checks it, written in canonical form.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import type { Diagnostic } from '../diagnostics.js';
import { formatPaper } from '../entry-format.js';
import { writeFileAtomic } from '../fs-atomic.js';
import { assignIds } from '../ids.js';
import { parseYaml } from '../load.js';
import { ENTRY_DIRS, LINK_KINDS, type Paper } from '../model.js';
import { loadVenues } from '../package-files.js';
import { loadProject, type PaperEntry } from '../project.js';
import { runRules } from '../rules/index.js';
import { duplicates } from '../rules/duplicates.js';
import { hygiene } from '../rules/hygiene.js';
import { mislabels } from '../rules/mislabels.js';
import { decodeText } from '../text/decode.js';
import { sharedValidator } from '../validate.js';

export interface AddFields {
  title?: string;
  authors?: string;
  year?: string;
  venue?: string;
  paper?: string;
  code?: string;
  model?: string;
  data?: string;
  project?: string;
  sections: string[];
}

export interface AddOutcome {
  /** The file written (relative to the root), when it was. */
  file?: string;
  text?: string;
  diagnostics: Diagnostic[];
}

export const REQUIRED_FIELDS = ['title', 'authors', 'year'] as const;

/** Builds the entry from the fields: trimmed, venue alias resolved, links in canonical order. */
export function paperFromFields(fields: AddFields): Paper {
  const venues = loadVenues();
  const venue = fields.venue?.trim();
  const links: Paper['links'] = {};
  for (const kind of LINK_KINDS) if (fields[kind]?.trim()) links[kind] = fields[kind]!.trim();
  return {
    title: (fields.title ?? '').trim().replace(/\s+/g, ' ').replace(/(?<![?!.])\.$/, ''),
    authors: (fields.authors ?? '').trim().replace(/\s+/g, ' '),
    year: /^\d+$/.test((fields.year ?? '').trim()) ? Number(fields.year!.trim()) : (fields.year as unknown as number),
    ...(venue ? { venue: venues.resolve(venue)?.name ?? venue } : {}),
    links,
    sections: [...new Set(fields.sections.map((s) => s.trim()).filter(Boolean))],
  };
}

/**
 * Checks the new entry as lint would (schema, sections, duplicates, mislabels, hygiene) against the
 * entries already there, and writes it only when nothing is an error. Never overwrites a file.
 */
export async function addPaper(root: string, fields: AddFields, write = true): Promise<AddOutcome> {
  const project = await loadProject(root);
  const { config } = await loadConfig(root);
  const paper = paperFromFields(fields);
  const [id] = assignIds([{ name: paper.title || 'untitled', year: typeof paper.year === 'number' ? paper.year : undefined }], project.workspace.entries.filter((e) => e.kind === 'paper').map((e) => e.id));
  const file = `${ENTRY_DIRS.paper}/${id}.yml`;
  const text = formatPaper(paper);
  const { source } = parseYaml(file, decodeText(new TextEncoder().encode(text)));
  const diagnostics: Diagnostic[] = sharedValidator().validate('paper', source);
  if (!diagnostics.length) {
    const candidate: PaperEntry = { id: id!, paper, entry: { kind: 'paper', id: id!, source } };
    const known = project.sections?.groups.filter((g) => g.kind === 'paper').flatMap((g) => g.sections.flatMap((s) => (s.sections ? s.sections.map((c) => c.id) : [s.id]))) ?? [];
    for (const section of paper.sections) {
      if (!known.includes(section)) diagnostics.push({ file, ruleId: 'hygiene/unknown-section', severity: 'error', message: `Unknown section "${section}".`, hint: `Paper sections: ${known.join(', ')}.` });
    }
    const withCandidate = { ...project, papers: [...project.papers, candidate] };
    for (const d of runRules({ project: withCandidate, venues: loadVenues() }, config, [duplicates, mislabels, hygiene])) {
      if (d.file !== file) continue;
      const existing = d.related?.[0]?.file;
      diagnostics.push(d.ruleId.startsWith('duplicates/') && existing ? { ...d, hint: `It is listed already: add the section to \`sections\` in ${existing} instead.` } : d);
    }
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  if (!write) return { file, text, diagnostics };
  if (await access(join(root, file)).then(() => true, () => false)) {
    return { diagnostics: [...diagnostics, { file, ruleId: 'add', severity: 'error', message: 'The file exists already; nothing was written.', hint: 'Edit that file instead.' }] };
  }
  await writeFileAtomic(join(root, file), text);
  return { file, text, diagnostics };
}
