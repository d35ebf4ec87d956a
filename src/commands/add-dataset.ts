// `paperlist add` for a dataset: name, link, description and sections, from the flags or the "Add
// a dataset" issue form, written in canonical form through the write gate (which checks the list
// with it: schema, duplicates by name and link, hygiene). Never overwrites a file.
import type { Diagnostic } from '../core/diagnostics.js';
import { formatDataset } from '../core/entry-format.js';
import { assignIds } from '../core/entry-ids.js';
import { ENTRY_DIRS, type Dataset } from '../core/model.js';
import { loadProject, type Project } from '../check/project.js';
import { readBackEntry } from '../check/validate.js';
import { gateWrites } from '../pipeline/write-gate.js';

export interface DatasetFields {
  name: string;
  url?: string;
  description: string;
  sections: string[];
}

export interface AddDatasetOutcome {
  file?: string;
  /** The entry as written (or as it would be, with write: false); absent when refused. */
  text?: string;
  generated?: string[];
  diagnostics: Diagnostic[];
}

/** `project`: the repository's, when the caller has loaded it already (not loaded again). */
export async function addDataset(request: { root: string; fields: DatasetFields; write: boolean; project?: Project }): Promise<AddDatasetOutcome> {
  const { root, fields } = request;
  const project = request.project ?? (await loadProject(root));
  const dataset: Dataset = { name: fields.name.trim(), ...(fields.url?.trim() ? { url: fields.url.trim() } : {}), description: fields.description.trim(), sections: fields.sections };
  const [id] = assignIds([{ name: dataset.name || 'untitled' }], project.workspace.entries.filter((e) => e.kind === 'dataset').map((e) => e.id));
  const file = `${ENTRY_DIRS.dataset}/${id}.yml`;
  const text = formatDataset(dataset);
  const { problems } = readBackEntry('dataset', file, text);
  if (problems.length) return { diagnostics: problems };
  // The whole list with the new entry, checked as lint checks it; README.md regenerated with it.
  const gate = await gateWrites({ root, writes: new Map([[file, text]]), dryRun: !request.write, readme: 'if-generated' });
  if (gate.status === 'refused') return { diagnostics: gate.diagnostics };
  return { file, text, generated: [...gate.files.keys()].filter((f) => f !== file), diagnostics: gate.diagnostics };
}
