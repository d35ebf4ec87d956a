// Writes the tables of docs/rules.md from the check descriptors (src/check/checks.ts): one row per
// check under its rule's heading, with the anchor each diagnostic's `url` points at, and the table
// of the diagnostics that are not checks. The examples around them are written by hand (and
// tested). `npm run docs`; tests/rules-doc.test.ts fails when the doc and the descriptors differ.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const CHECKS_HEADER = '| check | default | finds |';
const OTHERS_HEADER = '| diagnostic | reports |';

/** The doc with every table rewritten from `checks` and `others` (each check's row carrying `anchor(id)`); the rest of the text unchanged. */
export function rulesDoc(doc, checks, others, anchor) {
  const lines = doc.split('\n');
  const out = [];
  let rule;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heading = /^## (.+)$/.exec(line);
    if (heading) rule = heading[1];
    if (line !== CHECKS_HEADER && line !== OTHERS_HEADER) {
      out.push(line);
      continue;
    }
    // Skip the old rows: the table ends at the first line that is not a row.
    let end = i + 1;
    while (lines[end]?.startsWith('|')) end++;
    if (line === CHECKS_HEADER) {
      const rows = Object.entries(checks).filter(([id]) => id.startsWith(`${rule}/`));
      if (!rows.length) throw new Error(`docs/rules.md: a table of checks under "## ${rule}", which has none`);
      out.push(line, '| --- | --- | --- |', ...rows.map(([id, c]) => `| <a id="${anchor(id)}"></a>\`${id}\` | ${c.level}${c.fix ? `, fixable (\`${c.fix}\`)` : ''} | ${c.finds} |`));
    } else {
      out.push(line, '| --- | --- |', ...Object.entries(others).map(([id, what]) => `| \`${id}\` | ${what} |`));
    }
    i = end - 1;
  }
  return out.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { CHECKS, OTHER_DIAGNOSTICS, checkAnchor } = await import('../dist/check/checks.js');
  const file = fileURLToPath(new URL('../docs/rules.md', import.meta.url));
  const doc = await readFile(file, 'utf8');
  const next = rulesDoc(doc, CHECKS, OTHER_DIAGNOSTICS, checkAnchor);
  const written = Object.keys(CHECKS).filter((id) => next.includes(`<a id="${checkAnchor(id)}"></a>`));
  const missing = Object.keys(CHECKS).filter((id) => !written.includes(id));
  if (missing.length) {
    console.error(`docs/rules.md has no table for: ${missing.join(', ')} (add "## <rule>" with a "${CHECKS_HEADER}" table)`);
    process.exit(1);
  }
  if (next !== doc) await writeFile(file, next);
  console.log(next === doc ? 'docs/rules.md: tables up to date' : 'docs/rules.md: tables written');
}
