// The answers of the "Add a paper" and "Add a dataset" issue forms, read from the issue body as
// GitHub writes it: each field a "### Label" heading followed by the answer, "_No response_" for
// none, and the choices of a multiple dropdown joined by ", ". The body is untrusted text: it is
// only parsed, never run.
import { parseMarkdown } from '../markdown/parse.js';
import type { SectionChoice } from '../core/section-labels.js';
import { tidySpaces } from '../text/spacing.js';

export const FORM_LABELS = { link: 'Paper link', sections: 'Sections', code: 'Code link' } as const;
export const DATASET_FORM_LABELS = { name: 'Dataset name', link: 'Link', description: 'Description', sections: 'Sections' } as const;
export const CORRECTION_FORM_LABELS = { entry: 'Entry', problem: 'What is wrong', evidence: 'Evidence' } as const;

export interface IssueForm {
  link?: string;
  /** Section ids, mapped from the titles (or ids) the form offers. */
  sections: string[];
  code?: string;
  /** What is missing or unknown, each as a sentence part ("which sections: 'Nope' is not one"). */
  problems: string[];
}

/** The answer under each "### Label" heading. */
export function formAnswers(body: string): Map<string, string> {
  const text = body.replace(/\r\n?/g, '\n');
  const tree = parseMarkdown(text);
  const answers = new Map<string, string>();
  const headings = tree.children.filter((n) => n.type === 'heading' && n.depth === 3);
  headings.forEach((h, i) => {
    const label = text.slice(h.position!.start.offset!, h.position!.end.offset!).replace(/^#+\s*/, '').trim();
    const end = headings[i + 1]?.position!.start.offset ?? text.length;
    const answer = text.slice(h.position!.end.offset!, end).trim();
    if (!answers.has(label)) answers.set(label, answer === '_No response_' ? '' : answer);
  });
  return answers;
}

/** The section ids a "Sections" answer names (the labels the form offered, or ids), and what it names that is no section. */
function readSections(chosen: string, choices: readonly SectionChoice[], problems: string[]): string[] {
  const ids: string[] = [];
  // Labels are matched longest first, so a label with ", " in it is still one choice.
  const byLength = [...choices].sort((a, b) => b.label.length - a.label.length);
  let rest = chosen;
  while (rest) {
    const hit = byLength.find((s) => rest === s.label || rest.startsWith(`${s.label}, `)) ?? choices.find((s) => rest === s.id || rest.startsWith(`${s.id}, `));
    if (!hit) {
      problems.push(`which sections: ${JSON.stringify(rest.split(', ')[0])} is not a section of entries/sections.yml`);
      break;
    }
    if (!ids.includes(hit.id)) ids.push(hit.id);
    rest = rest.slice((rest === hit.label || rest.startsWith(`${hit.label}, `) ? hit.label : hit.id).length).replace(/^, /, '');
  }
  if (!chosen) problems.push(`which sections (the "${FORM_LABELS.sections}" answer is empty or missing)`);
  return ids;
}

const firstLine = (answer: string | undefined): string | undefined => answer?.split('\n')[0]?.trim() || undefined;

export function readIssueForm(body: string, sections: readonly SectionChoice[]): IssueForm {
  const answers = formAnswers(body);
  const problems: string[] = [];
  const link = firstLine(answers.get(FORM_LABELS.link));
  if (!link) problems.push(`the paper's link (the "${FORM_LABELS.link}" answer is empty or missing)`);
  const ids = readSections((answers.get(FORM_LABELS.sections) ?? '').trim(), sections, problems);
  const code = firstLine(answers.get(FORM_LABELS.code));
  return { ...(link ? { link } : {}), sections: ids, ...(code ? { code } : {}), problems };
}

export interface DatasetForm {
  name?: string;
  url?: string;
  /** One paragraph: the answer's lines joined. */
  description?: string;
  sections: string[];
  problems: string[];
}

/** Whether a body is the "Add a dataset" form's (it has a "Dataset name" answer). */
export function isDatasetForm(body: string): boolean {
  return formAnswers(body).has(DATASET_FORM_LABELS.name);
}

export function readDatasetForm(body: string, sections: readonly SectionChoice[]): DatasetForm {
  const answers = formAnswers(body);
  const problems: string[] = [];
  const name = firstLine(answers.get(DATASET_FORM_LABELS.name));
  if (!name) problems.push(`the dataset's name (the "${DATASET_FORM_LABELS.name}" answer is empty or missing)`);
  const url = firstLine(answers.get(DATASET_FORM_LABELS.link));
  const description = tidySpaces(answers.get(DATASET_FORM_LABELS.description) ?? '') || undefined;
  if (!description) problems.push(`what the dataset is (the "${DATASET_FORM_LABELS.description}" answer is empty or missing)`);
  const ids = readSections((answers.get(DATASET_FORM_LABELS.sections) ?? '').trim(), sections, problems);
  return { ...(name ? { name } : {}), ...(url ? { url } : {}), ...(description ? { description } : {}), sections: ids, problems };
}

/** The "Report a correction" form: which entry (a file, link or title), as the reporter wrote it. */
export function readCorrectionForm(body: string): { entry?: string; problems: string[] } {
  const entry = firstLine(formAnswers(body).get(CORRECTION_FORM_LABELS.entry));
  return entry ? { entry, problems: [] } : { problems: [`which entry (the "${CORRECTION_FORM_LABELS.entry}" answer is empty or missing)`] };
}
