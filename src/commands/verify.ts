// `paperlist verify`: entries against the records of arXiv and the ACL Anthology.
import { resolve } from 'node:path';
import { levelOf, loadConfig } from '../config.js';
import type { Diagnostic } from '../diagnostics.js';
import { paperIdentifiers } from '../identifiers.js';
import { loadProject, type PaperEntry } from '../project.js';
import { placeOf, type Finding } from '../rules/types.js';
import { compareRecord } from '../verify/compare.js';
import { fetchAnthology, fetchArxiv, RecordCache, type SourceOptions } from '../records/sources.js';

export interface VerifyOutcome {
  diagnostics: Diagnostic[];
  counts: { arxiv: number; anthology: number; checked: number };
}

export async function verify(root: string, cachePath: string | undefined, sources: SourceOptions): Promise<VerifyOutcome> {
  const { config, diagnostics: configDiagnostics } = await loadConfig(root);
  const project = await loadProject(root);
  const keyed = new Map<string, PaperEntry[]>();
  for (const p of project.papers) {
    const url = p.paper.links.paper;
    if (!url) continue;
    const { arxiv, acl } = paperIdentifiers(url);
    const key = arxiv ? `arxiv:${arxiv.id}` : acl ? `acl:${acl.id}` : undefined;
    if (key) keyed.set(key, [...(keyed.get(key) ?? []), p]);
  }
  const ids = (prefix: string): string[] => [...keyed.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)).sort();
  const cache = await RecordCache.open(cachePath ? resolve(root, cachePath) : undefined);
  const problems = [
    ...(await fetchArxiv(ids('arxiv:'), cache, sources)).map((p) => ({ ...p, key: `arxiv:${p.id}` })),
    ...(await fetchAnthology(ids('acl:'), cache, sources)).map((p) => ({ ...p, key: `acl:${p.id}` })),
  ];
  await cache.save();

  const findings: Finding[] = [];
  let checked = 0;
  for (const [key, entries] of keyed) {
    const record = cache.get(key);
    for (const p of entries) {
      if (record) {
        checked++;
        findings.push(...compareRecord(p, record));
      }
    }
  }
  for (const problem of problems) {
    for (const p of keyed.get(problem.key) ?? []) {
      const missing = cache.get(problem.key) === null;
      findings.push({
        check: missing ? 'verify/missing' : 'verify/unavailable', ...placeOf(p, ['links', 'paper']),
        message: `${problem.message}.`,
        hint: missing ? 'The id in the link does not exist: correct the link.' : 'Not checked this time; it is tried again on the next run.',
      });
    }
  }
  const diagnostics: Diagnostic[] = [...configDiagnostics, ...project.diagnostics.filter((d) => d.severity === 'error')];
  for (const { check, ...rest } of findings) {
    const level = levelOf(config, check);
    if (level !== 'off') diagnostics.push({ ...rest, ruleId: check, severity: level });
  }
  return { diagnostics, counts: { arxiv: ids('arxiv:').length, anthology: ids('acl:').length, checked } };
}
