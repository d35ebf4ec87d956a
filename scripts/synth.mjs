// Builds a synthetic list repository (for benchmarks): N papers with distinct titles and ids, spread
// over a fixed taxonomy, each a canonical entry file. Deterministic for a given N (seeded PRNG).
import { mkdir, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseId } from '../dist/core/entry-ids.js';

const WORDS = 'multilingual cross lingual alignment transfer reasoning translation instruction tuning pretraining language model large small efficient robust retrieval augmented prompting chain thought code switching low resource benchmark evaluation dataset corpus parallel adapter vocabulary tokenizer knowledge editing safety culture dialect speech vision summarization question answering generation understanding'.split(' ');
const SECTIONS = ['sft', 'pretraining', 'rlhf', 'finetuning', 'direct', 'thinking', 'switching', 'translation', 'retrieval'];

function prng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export async function makeRepo(papers, datasets = Math.round(papers / 5)) {
  const root = await mkdtemp(join(tmpdir(), `paperlist-bench-${papers}-`));
  const rand = prng(papers);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  await mkdir(join(root, 'entries/papers'), { recursive: true });
  await mkdir(join(root, 'entries/datasets'), { recursive: true });
  await mkdir(join(root, 'templates'), { recursive: true });
  await writeFile(join(root, 'entries/sections.yml'), `groups:
  - id: papers
    title: Papers
    kind: paper
    sections:
      - id: tuned
        title: Parameter-Tuned Alignment
        sections:
${SECTIONS.slice(0, 4).map((s) => `          - id: ${s}\n            title: ${s[0].toUpperCase()}${s.slice(1)}`).join('\n')}
      - id: frozen
        title: Parameter-Frozen Alignment
        sections:
${SECTIONS.slice(4).map((s) => `          - id: ${s}\n            title: ${s[0].toUpperCase()}${s.slice(1)}`).join('\n')}
  - id: data
    title: Data
    kind: dataset
    sections:
      - id: corpora
        title: Corpora
`);
  await writeFile(join(root, 'templates/README.md'), '# Bench\n\n## Contents\n\n<!-- paperlist:toc -->\n\n<!-- paperlist:group papers -->\n\n<!-- paperlist:group data -->\n');
  const writes = [];
  const taken = new Set();
  for (let i = 0; i < papers; i++) {
    // A unique number spelled into the title keeps titles (and near-duplicate keys) distinct.
    const words = Array.from({ length: 6 + Math.floor(rand() * 6) }, () => pick(WORDS));
    const title = `${words.join(' ')} ${i.toString(36)}`.replace(/^./, (c) => c.toUpperCase());
    const year = 2019 + Math.floor(rand() * 6);
    // The id convention of src/entry-ids.ts: the title's slug, then the year, then a counter on a clash.
    let id = baseId(title);
    if (taken.has(id)) id = `${baseId(title)}-${year}`;
    for (let n = 2; taken.has(id); n++) id = `${baseId(title)}-${n}`;
    taken.add(id);
    // Unique, valid arXiv ids: a five-digit number, and the month tells apart every 90,000th.
    const arxiv = `${String(year % 100).padStart(2, '0')}${String(1 + (Math.floor(i / 90_000) % 12)).padStart(2, '0')}.${10_000 + (i % 90_000)}`;
    const sections = [...new Set([pick(SECTIONS), ...(rand() < 0.3 ? [pick(SECTIONS)] : [])])];
    const code = rand() < 0.5 ? `  code: https://github.com/org${i % 97}/repo-${i}\n` : '';
    writes.push(writeFile(join(root, 'entries/papers', `${id}.yml`),
      `# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: ${title}\nauthors: Author${i % 500} et al.\nyear: ${year}\nvenue: arXiv\nlinks:\n  paper: https://arxiv.org/abs/${arxiv}\n${code}sections:\n${sections.map((s) => `  - ${s}`).join('\n')}\n`));
    if (writes.length > 512) await Promise.all(writes.splice(0));
  }
  for (let i = 0; i < datasets; i++) {
    writes.push(writeFile(join(root, 'entries/datasets', `dataset-${i}.yml`),
      `# yaml-language-server: $schema=../../schema/dataset.schema.json\nname: Dataset ${i}\nurl: https://huggingface.co/datasets/org/d${i}\ndescription: A corpus of ${pick(WORDS)} text number ${i}.\nsections:\n  - corpora\n`));
    if (writes.length > 512) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  return root;
}
