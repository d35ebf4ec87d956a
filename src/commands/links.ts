// `paperlist links`: collect URLs (entries + template, or Markdown files), check them, report.
import { readFile } from 'node:fs/promises';
import { resolve, relative } from 'node:path';
import { loadConfig, type LinkSettings } from '../config.js';
import type { Diagnostic } from '../diagnostics.js';
import { loadProject } from '../project.js';
import { decodeText } from '../text/decode.js';
import { LinkCache } from '../links/cache.js';
import { changedUrls } from '../links/changed.js';
import { checkLinks, DEFAULT_CHECK_OPTIONS, type CheckOptions, type LinkResult } from '../links/checker.js';
import type { CheckedLink } from '../links/report.js';
import { LinkCollector, markdownLinks, repositoryLinks, type LinkSource } from '../links/sources.js';

export interface LinksRequest {
  root: string;
  /** Markdown files to check instead of the repository. */
  files: string[];
  changed?: string;
  cache?: string;
  /** Command-line overrides; the rest comes from .paperlist.yml, then the defaults. */
  overrides: Partial<Pick<CheckOptions, 'concurrency' | 'perHost' | 'timeout' | 'deadline' | 'retries' | 'allowPrivate'>>;
  onStart?: (total: number) => void;
  onResult?: (result: LinkResult) => void;
}

export interface LinksOutcome {
  links: CheckedLink[];
  diagnostics: Diagnostic[];
  /** Nothing answered at all: the machine is offline, and no link was judged. */
  offline: boolean;
  counts: { sources: number; checked: number; cached: number };
}

export function checkOptions(settings: LinkSettings, overrides: LinksRequest['overrides']): CheckOptions {
  return {
    ...DEFAULT_CHECK_OPTIONS,
    ...(settings.concurrency ? { concurrency: settings.concurrency } : {}),
    ...(settings.perHost ? { perHost: settings.perHost } : {}),
    ...(settings.timeout ? { timeout: settings.timeout } : {}),
    ...(settings.retries !== undefined ? { retries: settings.retries } : {}),
    hosts: settings.hosts ?? {},
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  };
}

/** `exclude` entries are URL prefixes, or regular expressions written /like this/. */
export function excluder(patterns: readonly string[] = []): (url: string) => boolean {
  const tests = patterns.map((p) => (p.length > 2 && p.startsWith('/') && p.endsWith('/') ? ((u: string) => new RegExp(p.slice(1, -1)).test(u)) : (u: string) => u.startsWith(p)));
  return (url) => tests.some((t) => t(url));
}

export async function runLinks(request: LinksRequest): Promise<LinksOutcome> {
  const { config, diagnostics } = await loadConfig(request.root);
  let sources: LinkSource[];
  if (request.files.length) {
    const collector = new LinkCollector();
    for (const file of request.files) {
      const path = resolve(request.root, file);
      let text: string;
      try {
        text = decodeText(new Uint8Array(await readFile(path))).text;
      } catch (error) {
        diagnostics.push({ file, ruleId: 'links', severity: 'error', message: `Cannot read the file: ${(error as Error).message}` });
        continue;
      }
      markdownLinks(text, relative(request.root, path) || file, collector);
    }
    sources = collector.sources();
  } else {
    const project = await loadProject(request.root);
    diagnostics.push(...project.diagnostics.filter((d) => d.severity === 'error' && (d.ruleId === 'yaml' || d.ruleId === 'encoding')));
    sources = repositoryLinks(project);
  }
  const total = sources.length;
  if (request.changed) {
    const changed = await changedUrls(request.root, request.changed);
    sources = sources.filter((s) => changed.has(s.url));
  }

  const options = checkOptions(config.links, request.overrides);
  const excluded = excluder(config.links.exclude);
  const ttl = (config.links.cacheTtlDays ?? 7) * 24 * 3600 * 1000;
  const opened = request.cache ? await LinkCache.open(resolve(request.root, request.cache), ttl) : undefined;
  if (opened?.warning) diagnostics.push({ file: request.cache!, ruleId: 'links', severity: 'warning', message: opened.warning });
  const cache = opened?.cache;

  const results = new Map<string, LinkResult>();
  const toCheck: string[] = [];
  let cached = 0;
  for (const { url } of sources) {
    if (excluded(url)) results.set(url, { url, state: 'skipped', error: 'excluded by configuration', attempts: 0 });
    else {
      const hit = cache?.get(url);
      if (hit) {
        results.set(url, hit);
        cached++;
      } else toCheck.push(url);
    }
  }
  request.onStart?.(toCheck.length);
  const checked = await checkLinks(toCheck, { ...options, ...(request.onResult ? { onResult: request.onResult } : {}) });
  for (const r of checked) {
    results.set(r.url, r);
    cache?.record(r);
  }
  if (cache) await cache.save();

  const links: CheckedLink[] = sources.map((s) => ({ ...results.get(s.url)!, origins: s.origins }));
  return { links, diagnostics, offline: isOffline(checked), counts: { sources: total, checked: checked.length, cached } };
}

/**
 * No HTTP answer from anyone, and every failure a network one, across at least three hosts: that is
 * a machine without network, not a list of dead links. (Three hosts: one or two dead domains in
 * a pull request must still be reported dead.)
 */
export function isOffline(checked: readonly LinkResult[]): boolean {
  const tried = checked.filter((r) => r.state !== 'skipped' && r.state !== 'blocked');
  if (!tried.length || tried.some((r) => r.status !== undefined || !r.network)) return false;
  const hosts = new Set(tried.map((r) => { try { return new URL(r.url).host; } catch { return r.url; } }));
  return hosts.size >= 3;
}
