// Cutting Markdown into pieces that can be parsed one at a time (see markdown-links.ts).

/** Where an HTML block that began on a line ends (CommonMark's kinds 1–7), or at a blank line. */
function htmlBlockEnd(line: string): RegExp | 'blank' | undefined {
  if (!/^ {0,3}</.test(line)) return undefined;
  if (/^ {0,3}<(script|pre|style|textarea)(\s|>|$)/i.test(line)) return /<\/(script|pre|style|textarea)>/i;
  if (/^ {0,3}<!--/.test(line)) return /-->/;
  if (/^ {0,3}<\?/.test(line)) return /\?>/;
  if (/^ {0,3}<!\[CDATA\[/.test(line)) return /\]\]>/;
  if (/^ {0,3}<![A-Za-z]/.test(line)) return />/;
  return 'blank';
}

/**
 * Splits Markdown into pieces that parse to the same links as the whole: cuts only between two
 * items of a top-level list or before a line at the margin that follows a blank line, never
 * inside a fenced code block or an HTML block.
 * micromark's memory grows with the size of what it parses (a 2,000-line list costs ~80 MB at
 * once), so long lists are parsed up to `target` lines at a time (no slower than whole, and the
 * links reach the checker as a steady stream); the first pieces are smaller (25 lines, then
 * doubling), so that the links at the top are ready at once.
 */
export function markdownChunks(text: string, target = 100): Array<{ text: string; firstLine: number }> {
  const lines = text.split('\n');
  const chunks: Array<{ text: string; firstLine: number }> = [];
  let size = Math.min(25, target);
  let start = 0;
  let fence: string | undefined;
  let html: RegExp | 'blank' | undefined;
  let previousItem: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence) {
      if (/^ {0,3}(`{3,}|~{3,})\s*$/.test(line) && line.trim().startsWith(fence)) fence = undefined;
      continue;
    }
    if (html) {
      if (html === 'blank' ? line.trim() === '' : html.test(line)) html = undefined;
      continue;
    }
    // Two safe cuts. An item right after an item of the same list (same bullet, or same
    // delimiter) continues that list, never the paragraph above it (as an ordered item numbered 2
    // after a bullet one might, being unable to start a list there). And a line at the margin
    // after a blank line: nothing open before the blank line (a list item, a paragraph, indented
    // code) can take it in, so it starts a block of its own.
    const item = /^(?:([-*+])|\d{1,9}([.)])) \S/.exec(line)?.slice(1).join('');
    const afterBlank = i > 0 && lines[i - 1]!.trim() === '' && /^\S/.test(line);
    if (((item && item === previousItem) || afterBlank) && i - start >= size) {
      chunks.push({ text: lines.slice(start, i).join('\n'), firstLine: start + 1 });
      start = i;
      size = Math.min(size * 2, target);
    }
    previousItem = item;
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (marker) {
      fence = marker[1]!;
      previousItem = undefined;
      continue;
    }
    const end = htmlBlockEnd(line);
    if (end !== undefined && !(end !== 'blank' && end.test(line.replace(/^ {0,3}<[^>]*?/, '')))) {
      html = end;
      previousItem = undefined;
    }
  }
  chunks.push({ text: lines.slice(start).join('\n'), firstLine: start + 1 });
  return chunks;
}
