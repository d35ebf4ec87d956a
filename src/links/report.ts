// Link results as diagnostics (at every origin), as the JSON `links` array, and as Markdown.
import type { CheckId, Level } from '../check/config.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { LinkResult, LinkState, LinkVia } from './options.js';
import { isLocalTarget, type LinkSource } from './collector.js';
import { count } from '../text/count.js';
import { movedLinks } from './moved.js';

export interface CheckedLink extends LinkResult {
  origins: LinkSource['origins'];
}

/** The states that are findings; their severity comes from the settings (`links/<state>`). */
/** The check each reported state is (the others, ok and skipped, are no finding). */
const FINDINGS: Partial<Record<LinkState, CheckId>> = { dead: 'links/dead', blocked: 'links/blocked', unreachable: 'links/unreachable', redirected: 'links/redirected' };

function describe(link: CheckedLink): { message: string; hint: string } {
  if (link.state === 'dead' && isLocalTarget(link.url)) {
    return {
      message: `Missing file: ${link.url.replace(/^\.\//, '')} (${link.error ?? 'no such file in the repository'}).`,
      hint: 'Add the file to the repository at that path (README.md is at the root), or correct or remove the link.',
    };
  }
  switch (link.state) {
    case 'dead':
      return {
        message: `Dead link${link.status ? ` (${link.status})` : ''}: ${link.url}${link.finalUrl ? ` → ${link.finalUrl}` : ''}${link.error ? ` (${link.error})` : ''}.`,
        hint: 'Find where the page moved (the paper\'s page, the Wayback Machine) and update the link, or remove it.',
      };
    case 'blocked':
      return { message: `Link to a private or reserved address, not checked: ${link.url} (${link.error ?? ''}).`, hint: 'Links must point at public web pages.' };
    case 'unreachable':
      return {
        message: `Could not confirm ${link.url}: ${link.error ?? (link.status ? `HTTP ${link.status}` : 'no answer')}.`,
        hint: 'Often temporary, or a site that blocks bots: open it in a browser; it is reported again on the next run.',
      };
    case 'redirected':
      return {
        message: `${link.permanent ? 'Moved permanently' : 'Redirects'}: ${link.url} → ${link.finalUrl}.`,
        hint: link.permanent ? `Update the link to ${link.finalUrl} (in entries, \`npx paperlist links --fix\` does it and names the files to commit).` : 'Nothing to do unless the target is wrong.',
      };
    default:
      return { message: `${link.state}: ${link.url}`, hint: '' };
  }
}

const ARCHIVED = {
  message: (link: CheckedLink): string => `Code repository archived: ${link.url}${link.finalUrl ? ` (now ${link.finalUrl})` : ''} is read-only, no longer kept up by its owners.`,
  hint: 'Nothing is broken; if the paper\'s code has a newer home, link that instead.',
};

/** Each finding at each of its origins, at the level the settings give its check (`off`: not reported). */
export function linkDiagnostics(links: readonly CheckedLink[], level: (check: CheckId) => Level): Diagnostic[] {
  const out: Diagnostic[] = [];
  const stateLevel = (link: CheckedLink): Level => (FINDINGS[link.state] ? level(FINDINGS[link.state]!) : 'off');
  const archivedLevel = level('links/archived');
  const moved = movedLinks(links);
  for (const link of links) {
    const severity = stateLevel(link);
    const { message, hint } = describe(link);
    // What links --fix would write instead (a permanent move): vfile-message's expected value.
    const to = moved.get(link.url)?.to;
    for (const origin of link.origins) {
      const at = { file: origin.file, line: origin.line, column: 1 };
      if (severity !== 'off') out.push({ ...at, ruleId: FINDINGS[link.state]!, severity, message, hint, ...(to ? { expected: [to] } : {}) });
      if (link.archived && archivedLevel !== 'off') out.push({ ...at, ruleId: 'links/archived', severity: archivedLevel, message: ARCHIVED.message(link), hint: ARCHIVED.hint });
    }
  }
  return out;
}

/** How a link was checked: through an API, over HTTP, against the repository's files; none when skipped. */
export function checkedBy(link: LinkResult): LinkVia | 'http' | 'file' | undefined {
  if (link.via) return link.via;
  if (isLocalTarget(link.url)) return 'file';
  return link.state === 'skipped' ? undefined : 'http';
}

const BY_NAME: Record<LinkVia | 'http' | 'file', string> = { 'arxiv-api': 'the arXiv API', 'github-api': 'GitHub\'s API', 'doi-api': 'the DOI resolver', http: 'HTTP', file: 'the repository\'s files' };

/** "103 through the arXiv API, 74 through GitHub's API, 40 over HTTP": how the links were checked. */
export function checkedBySummary(links: readonly LinkResult[]): string {
  const counts = new Map<string, number>();
  for (const link of links) {
    const by = checkedBy(link);
    if (by) counts.set(by, (counts.get(by) ?? 0) + 1);
  }
  return (Object.keys(BY_NAME) as Array<keyof typeof BY_NAME>).filter((k) => counts.has(k)).map((k) => `${counts.get(k)} ${k === 'http' ? 'over' : k === 'file' ? 'against' : 'through'} ${BY_NAME[k]}`).join(', ');
}

export function linksJson(links: readonly CheckedLink[]): Array<Record<string, unknown>> {
  return links.map((l) => {
    const via = checkedBy(l);
    return {
      url: l.url,
      state: l.state,
      ...(l.status !== undefined ? { status: l.status } : {}),
      ...(l.error !== undefined ? { error: l.error } : {}),
      ...(l.finalUrl !== undefined ? { finalUrl: l.finalUrl } : {}),
      ...(via ? { via } : {}),
      ...(l.archived ? { archived: true } : {}),
      origins: l.origins,
    };
  });
}

/** "8 links: 5 ok, 1 redirected, 2 dead": the number of links and of each state that occurs. */
export function statesSummary(links: readonly CheckedLink[], counts: Record<LinkState, number> = countStates(links)): string {
  return `${count(links.length, 'link')}: ${Object.entries(counts).filter(([, n]) => n).map(([s, n]) => `${n} ${s}`).join(', ') || 'none'}`;
}

export function countStates(links: readonly CheckedLink[]): Record<LinkState, number> {
  const counts: Record<LinkState, number> = { ok: 0, redirected: 0, dead: 0, unreachable: 0, blocked: 0, skipped: 0 };
  for (const l of links) counts[l.state]++;
  return counts;
}

/**
 * A table cell of untrusted text (a URL, a server's error or Location header, a file name): a
 * code span, so that nothing in it becomes a link, an image, a mention, HTML or a table column.
 * The fence is longer than any run of backticks inside; pipes are escaped (GFM splits cells on
 * them even in code); line breaks and other control characters become spaces.
 */
export function codeCell(s: string): string {
  const text = s.replace(/[\u0000-\u001F\u007F]/g, ' ').replace(/\|/g, '\\|');
  if (!text) return '';
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * A Markdown report for a job summary or an issue body: the problems first, then the counts.
 * With `maxChars`, whole table rows are left out from the end so that the report stays within it
 * (an issue body holds 65,536 characters), and a note says how many and where the rest is.
 */
export function linksMarkdown(links: readonly CheckedLink[], title = 'Link check', maxChars = Infinity): string {
  const counts = countStates(links);
  const where = (l: CheckedLink): string => l.origins.map((o) => codeCell(`${o.file}:${o.line}`)).join(', ');
  const by = checkedBySummary(links);
  const head = `## ${title}\n\n${statesSummary(links, counts)}.${by ? ` Checked ${by}.` : ''}\n`;
  const parts: Array<{ text: string; row: boolean }> = [{ text: head, row: false }];
  const section = (heading: string, list: CheckedLink[], detail: (l: CheckedLink) => string): void => {
    if (!list.length) return;
    parts.push({ text: `\n### ${heading} (${list.length})\n\n| link | result | where |\n| --- | --- | --- |\n`, row: false });
    for (const l of list) parts.push({ text: `| ${codeCell(l.url)} | ${codeCell(detail(l))} | ${where(l)} |\n`, row: true });
  };
  section('Dead', links.filter((l) => l.state === 'dead'), (l) => (l.status ? String(l.status) : (l.error ?? '')));
  section('Blocked', links.filter((l) => l.state === 'blocked'), (l) => l.error ?? '');
  section('Could not confirm', links.filter((l) => l.state === 'unreachable'), (l) => l.error ?? String(l.status ?? ''));
  section('Moved permanently', links.filter((l) => l.state === 'redirected' && l.permanent), (l) => `→ ${l.finalUrl ?? ''}`);
  section('Archived code repositories', links.filter((l) => l.archived), () => 'archived (read-only)');
  if (!counts.dead && !counts.blocked && !counts.unreachable) parts.push({ text: '\nAll links are fine.\n', row: false });
  const full = parts.map((p) => p.text).join('');
  if (full.length <= maxChars) return full;
  // Leave rows out until the report and its note fit.
  const rows = parts.filter((p) => p.row).length;
  for (let keep = rows - 1; keep >= 0; keep--) {
    let seen = 0;
    const kept = parts.filter((p) => !p.row || seen++ < keep).map((p) => p.text).join('');
    const note = `\n*${count(rows - keep, 'more row')} left out to keep this within ${maxChars} characters: the whole report is the run's \`links-report\` artifact.*\n`;
    if (kept.length + note.length <= maxChars) return kept + note;
  }
  return `${head.slice(0, Math.max(0, maxChars - 80))}\n*The report is too long to show here: see the run's \`links-report\` artifact.*\n`;
}
