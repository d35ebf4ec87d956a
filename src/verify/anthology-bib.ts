// Reads the BibTeX the ACL Anthology serves for a paper (aclanthology.org/<id>.bib): the fields
// verify compares. Values may be braced (nested) or quoted.
export interface AnthologyRecord {
  title: string;
  year: number;
  authors: string[];
  booktitle?: string;
}

export function parseAnthologyBib(body: string): AnthologyRecord | undefined {
  if (!/^\s*@\w+\s*\{/.test(body)) return undefined;
  const fields = new Map<string, string>();
  const re = /(\w+)\s*=\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    const start = re.lastIndex;
    const open = body[start];
    let value = '';
    let end = start;
    if (open === '{') {
      let depth = 0;
      for (end = start; end < body.length; end++) {
        if (body[end] === '{') depth++;
        else if (body[end] === '}' && --depth === 0) break;
      }
      value = body.slice(start + 1, end);
    } else if (open === '"') {
      end = body.indexOf('"', start + 1);
      if (end === -1) return undefined;
      value = body.slice(start + 1, end);
    } else {
      const bare = /^[\w.-]+/.exec(body.slice(start));
      value = bare?.[0] ?? '';
      end = start + value.length;
    }
    fields.set(m[1]!.toLowerCase(), value.replace(/[{}]/g, '').replace(/\s+/g, ' ').trim());
    re.lastIndex = end + 1;
  }
  const title = fields.get('title');
  const year = Number(fields.get('year'));
  if (!title || !Number.isInteger(year)) return undefined;
  const authors = (fields.get('author') ?? '').split(/\s+and\s+/).map((a) => a.trim()).filter(Boolean);
  return { title, year, authors, ...(fields.get('booktitle') ? { booktitle: fields.get('booktitle')! } : {}) };
}
