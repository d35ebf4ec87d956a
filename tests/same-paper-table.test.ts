// One "same paper" answer for every command: the same pairs, asked of same-paper.ts and through
// lint (duplicates), import (merge), absorb (a README line) and add (listed already), give the same
// verdict: one paper, a clash (a shared identifier on another paper: a wrong link), or two papers.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeItems } from '../src/import/merge.js';
import type { PaperItem } from '../src/import/parse-readme.js';
import { loadVenues } from '../src/core/package-files.js';
import { comparePapers, POLICY } from '../src/core/same-paper.js';
import { gitFixture, runCli } from './helpers.js';

// The listed paper (tests/fixtures/lint-base), and what each pair's other side says.
const LISTED = { title: 'Question Translation Training for Better Multilingual Reasoning', authors: 'Zhu et al.', year: 2024, venue: 'arXiv', paper: 'https://arxiv.org/abs/2401.07817' };
const FILE = 'entries/papers/question-translation-training-for-better-multilingual.yml';

type Verdict = 'same' | 'clash' | 'different';
const PAIRS: Array<{ name: string; title: string; authors: string; paper: string; verdict: Verdict }> = [
  { name: 'the same arXiv id and title', title: LISTED.title, authors: 'Zhu et al.', paper: 'https://arxiv.org/abs/2401.07817', verdict: 'same' },
  { name: 'the same arXiv id, a shortened title, a pdf link', title: 'Question Translation Training', authors: 'Zhu et al.', paper: 'https://arxiv.org/pdf/2401.07817v2.pdf', verdict: 'same' },
  { name: 'the same arXiv id, another title', title: 'My Totally Different Paper', authors: 'Roe et al.', paper: 'https://arxiv.org/abs/2401.07817', verdict: 'clash' },
  { name: 'the same arXiv id and title, another first author', title: LISTED.title, authors: 'Roe et al.', paper: 'https://arxiv.org/abs/2401.07817', verdict: 'clash' },
  { name: 'the same title, another link', title: LISTED.title, authors: 'Zhu et al.', paper: 'https://arxiv.org/abs/2402.99999', verdict: 'same' },
  { name: 'another title and link', title: 'An Unrelated Study of Tokenizers', authors: 'Roe et al.', paper: 'https://arxiv.org/abs/2402.99998', verdict: 'different' },
];

const item = (p: { title: string; authors: string; paper: string }, line: number): PaperItem => ({ kind: 'paper', line, section: line === 1 ? 'sft' : 'prompting', title: p.title, authors: p.authors, shown: { title: `${p.title}.`, authors: p.authors }, year: 2024, venue: 'arXiv', links: { paper: p.paper } });

/** What lint says of the pair: the duplicates finding on the new file, if any. */
async function lintVerdict(p: (typeof PAIRS)[number]): Promise<Verdict> {
  const root = await gitFixture('lint-base');
  await writeFile(join(root, 'entries/papers/zz-new.yml'), `title: "${p.title}"\nauthors: ${p.authors}\nyear: 2024\nvenue: arXiv\nlinks:\n  paper: ${p.paper}\nsections:\n  - prompting\n`);
  const { stdout } = await runCli(['lint', '--root', root, '--format', 'json'], root);
  const found = JSON.parse(stdout).diagnostics.find((d: { file: string; ruleId: string }) => d.file === 'entries/papers/zz-new.yml' && d.ruleId.startsWith('duplicates/') && d.ruleId !== 'duplicates/near-title');
  if (!found) return 'different';
  return found.hint.startsWith('One identifier cannot belong to two papers') ? 'clash' : 'same';
}

/** What absorb makes of the pair's line, added in another section. */
async function absorbVerdict(p: (typeof PAIRS)[number]): Promise<Verdict> {
  const root = await gitFixture('lint-base');
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const heading = readme.split('\n').findIndex((l) => /^#+ .*Prompting/.test(l));
  const lines = readme.split('\n');
  lines.splice(heading + 2, 0, `- [2024] **${p.title}.** *${p.authors}* \`arXiv\` [[paper](${p.paper})]`);
  await writeFile(join(root, 'README.md'), lines.join('\n'));
  const { stdout } = await runCli(['absorb', '--dry-run', '--root', root, '--format', 'json'], root);
  const report = JSON.parse(stdout) as { changes: Array<{ kind: string; file: string }>; diagnostics: Array<{ severity: string; message: string }> };
  if (report.diagnostics.some((d) => d.severity === 'error' && d.message.includes('one of the two links is wrong'))) return 'clash';
  if (report.changes.some((c) => c.kind === 'created')) return 'different';
  return report.changes.some((c) => c.kind === 'updated' && c.file === FILE) ? 'same' : 'different';
}

/** What add says of the pair, given by hand. */
async function addVerdict(p: (typeof PAIRS)[number]): Promise<Verdict> {
  const root = await gitFixture('lint-base');
  const { code, stdout } = await runCli(['add', '--title', p.title, '--authors', p.authors, '--year', '2024', '--venue', 'arXiv', '--paper', p.paper, '--section', 'prompting', '--dry-run', '--root', root, '--format', 'json'], root);
  if (code === 0) return 'different';
  const messages = JSON.parse(stdout).diagnostics.map((d: { message: string; hint?: string }) => `${d.message} ${d.hint ?? ''}`).join('\n');
  if (messages.includes('One identifier cannot belong to two papers')) return 'clash';
  return messages.includes('This paper is listed already') ? 'same' : 'different';
}

/** What import's merge makes of the two lines. */
function importVerdict(p: (typeof PAIRS)[number]): Verdict {
  const merged = mergeItems([item({ ...LISTED }, 1), item(p, 2)], 'R.md', loadVenues());
  if (merged.diagnostics.some((d) => d.severity === 'error' && d.message.includes('one of the two links is wrong'))) return 'clash';
  return merged.papers.length === 1 ? 'same' : 'different';
}

describe('one "same paper" answer, whoever asks', () => {
  for (const p of PAIRS) {
    it(`${p.name}: ${p.verdict}, for same-paper.ts, lint, import, absorb and add`, async () => {
      const answer = comparePapers({ title: p.title, authors: p.authors, links: { paper: p.paper } }, { title: LISTED.title, authors: LISTED.authors, links: { paper: LISTED.paper } }, POLICY.listed);
      expect({
        samePaper: answer.verdict,
        lint: await lintVerdict(p),
        import: importVerdict(p),
        absorb: await absorbVerdict(p),
        add: await addVerdict(p),
      }).toEqual({ samePaper: p.verdict, lint: p.verdict, import: p.verdict, absorb: p.verdict, add: p.verdict });
    }, 30_000);
  }
});
