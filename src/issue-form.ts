// The answers of the "Add a paper" issue form, read from the issue body as GitHub writes it: each
// field a "### Label" heading followed by the answer, "_No response_" for none, and the choices of
// a multiple dropdown joined by ", ". The body is untrusted text: it is only parsed, never run.
import { parseMarkdown } from './markdown/parse.js';

export const FORM_LABELS = { link: 'Paper link', sections: 'Sections', code: 'Code link' } as const;

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

export function readIssueForm(body: string, sections: ReadonlyArray<{ id: string; title: string }>): IssueForm {
  const answers = formAnswers(body);
  const problems: string[] = [];
  const link = answers.get(FORM_LABELS.link)?.split('\n')[0]?.trim();
  if (!link) problems.push(`the paper's link (the "${FORM_LABELS.link}" answer is empty or missing)`);
  const chosen = (answers.get(FORM_LABELS.sections) ?? '').trim();
  const ids: string[] = [];
  // Titles are matched longest first, so a title with ", " in it is still one choice.
  const byLength = [...sections].sort((a, b) => b.title.length - a.title.length);
  let rest = chosen;
  while (rest) {
    const hit = byLength.find((s) => rest === s.title || rest.startsWith(`${s.title}, `)) ?? sections.find((s) => rest === s.id || rest.startsWith(`${s.id}, `));
    if (!hit) {
      problems.push(`which sections: ${JSON.stringify(rest.split(', ')[0])} is not a section of entries/sections.yml`);
      break;
    }
    if (!ids.includes(hit.id)) ids.push(hit.id);
    rest = rest.slice((rest === hit.title || rest.startsWith(`${hit.title}, `) ? hit.title : hit.id).length).replace(/^, /, '');
  }
  if (!chosen) problems.push(`which sections (the "${FORM_LABELS.sections}" answer is empty or missing)`);
  const code = answers.get(FORM_LABELS.code)?.split('\n')[0]?.trim();
  return { ...(link ? { link } : {}), sections: ids, ...(code ? { code } : {}), problems };
}
