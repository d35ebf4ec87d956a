// How much Markdown is read at all; apart from the parser so that a command can check a file's
// size before loading micromark (~50 ms).

/**
 * Larger Markdown files (a README to import, a file given to links) are refused unread: micromark
 * parses ~0.5 MB a second here and needs ~300 bytes of memory per byte of a block it cannot take
 * piecewise (a 5 MB paragraph took 1.5 GB); a list README is far smaller (this one is 51 KB).
 */
export const MAX_MARKDOWN_BYTES = 2 * 1024 * 1024;

/**
 * Emphasis and link marks (`*`, `_`, `[`, `]`) one paragraph may hold. micromark matches them at
 * a cost that grows faster than their number: a 32 KB paragraph of `**a*` took 4.3 s, a 108 KB
 * one 31 s; 400 paragraphs of 256 marks each take 1 s in all. A real paragraph of the template has
 * a few dozen. (Section descriptions need no such bound: the schema keeps each under 2,000
 * characters, which parse in milliseconds whatever they hold.)
 */
export const MAX_MARKS_PER_PARAGRAPH = 256;

/** The first paragraph (text between blank lines) with more marks than MAX_MARKS_PER_PARAGRAPH: its first line and count. */
export function tooManyMarks(text: string): { line: number; marks: number } | undefined {
  const rows = text.split('\n');
  let start = 0;
  let marks = 0;
  for (let i = 0; i <= rows.length; i++) {
    const row = rows[i];
    if (row === undefined || !row.trim()) {
      if (marks > MAX_MARKS_PER_PARAGRAPH) return { line: start + 1, marks };
      start = i + 1;
      marks = 0;
      continue;
    }
    for (const c of row) if (c === '*' || c === '_' || c === '[' || c === ']') marks++;
  }
  return undefined;
}
