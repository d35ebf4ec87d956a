// `paperlist links`: collect URLs (entries + template, or Markdown files), check them, report.
import type { Project } from '../check/project.js';
import { FileError, UsageError } from '../core/errors.js';
import { readRegularFile } from '../core/fs-read.js';
import { MAX_MARKDOWN_BYTES } from '../markdown/limits.js';
import { resolve, relative } from 'node:path';
import { CONFIG_FILE, isExcludeRegExp, levelOf, loadConfig, type CheckId, type Level, type LinkSettings } from '../check/config.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { decodeText } from '../text/decode.js';
import { LinkCache } from '../links/cache.js';
import { startMarkdownReader, type MarkdownText } from '../links/markdown-reader.js';
import { DEFAULT_CHECK_OPTIONS, type CheckOptions, type LinkResult } from '../links/options.js';
import type { CheckedLink } from '../links/report.js';
import { collect, isLocalTarget, LinkCollector } from '../links/collector.js';
import { checkLocal } from '../links/local.js';
import { apiPaths, type ApiPath, type PathRequest } from '../links/api-paths.js';
import { cacheNotSaved } from '../records/record-cache.js';

/** PathRequest: where the APIs are (tests point them at local servers), the GitHub token, the record cache. */
export interface LinksRequest extends PathRequest {
  root: string;
  /** Markdown files to check instead of the repository. */
  files: string[];
  changed?: string;
  cache?: string;
  /** Command-line overrides; the rest comes from .paperlist.yml, then the defaults. */
  overrides: Partial<Pick<CheckOptions, 'concurrency' | 'perHost' | 'timeout' | 'deadline' | 'retries' | 'allowPrivate'>>;
  /** A URL is to be checked (called as sources are read, before or while others are checked). */
  onQueued?: () => void;
  onResult?: (result: LinkResult) => void;
}

export interface LinksOutcome {
  links: CheckedLink[];
  diagnostics: Diagnostic[];
  /** Nothing answered at all: the machine is offline, and no link was judged. */
  offline: boolean;
  /** The level of each links/* check, from .paperlist.yml. */
  level: (check: CheckId) => Level;
  counts: { sources: number; checked: number; cached: number };
  /** The project the links were read from (the repository's, not Markdown files named): links --fix edits it without loading it again. */
  project?: Project;
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

/** `exclude` entries are URL prefixes, or regular expressions written /like this/ (validated by loadConfig). */
export function excluder(patterns: readonly string[] = []): (url: string) => boolean {
  const tests = patterns.map((p) => {
    if (!isExcludeRegExp(p)) return (u: string) => u.startsWith(p);
    const re = new RegExp(p.slice(1, -1));
    return (u: string) => re.test(u);
  });
  return (url) => tests.some((t) => t(url));
}


/**
 * Reads the Markdown files given. A name that is not there is a usage error (a typo: nothing is
 * checked); a file that cannot be used is an error diagnostic, and the rest go on.
 */
async function readTexts(request: LinksRequest, diagnostics: Diagnostic[]): Promise<MarkdownText[]> {
  const texts: MarkdownText[] = [];
  for (const file of request.files) {
    const path = resolve(request.root, file);
    const refuse = (message: string, hint?: string): void => void diagnostics.push({ file, line: 1, column: 1, ruleId: 'links', severity: 'error', message, ...(hint ? { hint } : {}) });
    const read = readRegularFile(path, MAX_MARKDOWN_BYTES, true);
    if ('problem' in read && read.problem === 'missing') throw new UsageError(`links: there is no file ${file}.`);
    if ('problem' in read) {
      refuse(read.message, read.problem === 'too-large' ? 'Split it, and check the parts one by one or together.' : read.hint || undefined);
      continue;
    }
    const decoded = decodeText(read.bytes);
    if (decoded.binary) refuse('The file has NUL bytes: it is not a Markdown text.', 'Give the Markdown files whose links are to be checked.');
    else texts.push({ file: relative(request.root, path) || file, text: decoded.text });
  }
  return texts;
}

export async function runLinks(request: LinksRequest): Promise<LinksOutcome> {
  // Markdown files are read and their parsing started first: a parse worker's start-up then
  // overlaps the loading of the config and of the checker (undici takes ~0.1 s to load).
  const readDiagnostics: Diagnostic[] = [];
  const reader = request.files.length ? startMarkdownReader(await readTexts(request, readDiagnostics)) : undefined;
  // In pull-request mode (--changed REF) the settings are the base's: a pull request cannot exclude its own links.
  const base = request.changed ? await (await import('../check/base-settings.js')).baseSettings(request.root, request.changed, (await import('../core/file-tree.js')).diskTree(request.root), '--changed') : undefined;
  const { config, diagnostics } = await loadConfig(request.root, base?.settings);
  diagnostics.push(...(base?.diagnostics ?? []), ...readDiagnostics);
  if (diagnostics.some((d) => d.file === CONFIG_FILE && d.severity === 'error')) {
    // Without its settings (per-host limits, exclusions) the check would not be polite: none is made.
    await reader?.close();
    return { links: [], diagnostics, offline: false, level: (check) => levelOf(config, check), counts: { sources: 0, checked: 0, cached: 0 } };
  }
  const changed = request.changed ? await (await import('../links/changed.js')).changedUrls(request.root, request.changed) : undefined;
  const excluded = excluder(config.links.exclude);
  const ttl = (config.links.cacheTtlDays ?? 7) * 24 * 3600 * 1000;
  const opened = request.cache ? await LinkCache.open(resolve(request.root, request.cache), ttl) : undefined;
  if (opened?.warning) diagnostics.push({ file: request.cache!, ruleId: 'links', severity: 'warning', message: opened.warning });
  const cache = opened?.cache;

  // Each URL is settled as soon as it is first seen: skipped, from the cache, or handed to the
  // checker, which starts on it while the remaining sources are still being read.
  const { createLinkChecker } = await import('../links/checker.js');
  const checker = createLinkChecker({ ...checkOptions(config.links, request.overrides), ...(request.onResult ? { onResult: request.onResult } : {}) });
  const results = new Map<string, LinkResult | Promise<LinkResult>>();
  let cached = 0;
  // Links an API can answer (arXiv, GitHub, DOI) wait for its batches; each can be turned off in .paperlist.yml.
  const paths = apiPaths(config.links, { ...request, ...(request.records ? { records: resolve(request.root, request.records) } : {}), deadlineAt: checker.deadlineAt });
  const queues = new Map<ApiPath, string[]>(paths.map((p) => [p, []]));
  const settle = (url: string): void => {
    if (changed && !changed.has(url)) return;
    if (isLocalTarget(url)) return void results.set(url, checkLocal(request.root, url));
    if (excluded(url)) return void results.set(url, { url, state: 'skipped', error: 'excluded by configuration', attempts: 0 });
    const hit = cache?.get(url);
    if (hit) {
      cached++;
      return void results.set(url, hit);
    }
    request.onQueued?.();
    const path = paths.find((p) => p.claims(url));
    if (path) return void queues.get(path)!.push(url);
    results.set(url, checker.check(url));
  };

  const collector = new LinkCollector();
  const checked: LinkResult[] = [];
  let project: Project | undefined;
  try {
    if (reader) {
      for await (const { file, links } of reader) collect(links, file, collector).forEach(settle);
    } else {
      const [{ loadProject, withPartialEntries }, { repositoryLinks }] = await Promise.all([import('../check/project.js'), import('../links/repository-links.js')]);
      project = await loadProject(request.root);
      diagnostics.push(...project.diagnostics.filter((d) => d.severity === 'error' && (d.ruleId === 'yaml' || d.ruleId === 'encoding')));
      // An entry with a typo'd key still has its links checked (lint reports the key).
      repositoryLinks(withPartialEntries(project), collector);
      for (const { url } of collector.sources()) settle(url);
    }
    // The paths ask their APIs side by side while the HTTP checks run.
    await Promise.all(paths.map(async (path) => {
      const urls = queues.get(path)!;
      if (!urls.length) return;
      const answered = await path.check(urls);
      for (const result of answered.results) {
        results.set(result.url, result);
        checked.push(result);
        cache?.record(result);
        request.onResult?.(result);
      }
      for (const url of answered.fallback) results.set(url, checker.check(url));
      for (const note of answered.notes) diagnostics.push({ file: CONFIG_FILE, ruleId: `links/${path.name}`, ...note });
    }));
    for (const path of paths) {
      const problem = await path.close();
      if (problem) diagnostics.push(cacheNotSaved(request.records!, problem, '--records', 'links'));
    }
    for (const [url, pending] of results) {
      if (!(pending instanceof Promise)) continue;
      const result = await pending;
      results.set(url, result);
      checked.push(result);
      cache?.record(result);
    }
  } finally {
    await checker.close();
  }
  // The check is done: a cache that cannot be written costs the next run time, not this report.
  if (cache) {
    await cache.save().catch((error: unknown) => {
      if (!(error instanceof FileError)) throw error;
      diagnostics.push({ file: request.cache!, ruleId: 'links', severity: 'warning', message: `The link cache was not saved: ${error.reason}.`, hint: 'Give --cache a path that can be written; the next run checks these links again.' });
    });
  }

  const sources = collector.sources();
  const links: CheckedLink[] = sources.filter((s) => results.has(s.url)).map((s) => ({ ...(results.get(s.url) as LinkResult), origins: s.origins }));
  const offline = isOffline(checked);
  // Offline, "the API could not be reached, checked over HTTP" is said by the one offline line.
  const said = offline ? diagnostics.filter((d) => !(d.severity === 'info' && paths.some((p) => d.ruleId === `links/${p.name}`))) : diagnostics;
  return { links, diagnostics: said, offline, level: (check) => levelOf(config, check), counts: { sources: sources.length, checked: checked.length, cached }, ...(project ? { project } : {}) };
}

/**
 * No HTTP answer from anyone, and every failure a network one: a machine without network, not a
 * list of dead links, when no name resolved (the resolver is known not to work, whatever the
 * count), or when connections failed across at least three hosts (one or two dead servers in a
 * pull request must still be reported).
 */
export function isOffline(checked: readonly LinkResult[]): boolean {
  const tried = checked.filter((r) => r.state !== 'skipped' && r.state !== 'blocked' && !isLocalTarget(r.url));
  if (!tried.length || tried.some((r) => r.status !== undefined || !r.network)) return false;
  if (tried.some((r) => r.noResolver)) return true;
  const hosts = new Set(tried.map((r) => { try { return new URL(r.url).host; } catch { return r.url; } }));
  return hosts.size >= 3;
}

