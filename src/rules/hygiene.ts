// hygiene: damaged or invisible characters, stray spacing, markup that could inject into the README,
// non-http(s) links, empty sections, file names off the id convention, files not in canonical form.
import { formatDataset, formatPaper } from '../core/entry-format.js';
import { idMatches } from '../core/entry-ids.js';
import { locate } from '../check/load.js';
import { LINK_KINDS } from '../core/model.js';
import type { Nodes, Root } from 'mdast';
import type { Project } from '../check/project.js';
import { hasMojibake, repairMojibake } from '../text/mojibake.js';
import { issueFormFindings, sectionFindings } from './hygiene-sections.js';
import { literalAddressRefusal } from '../http/address.js';
import { disguisedWords } from '../text/confusables.js';
import { spacingNeedsFix, tidySpaces } from '../text/spacing.js';
import { descriptionTree, walkSections } from '../core/section-tree.js';
import { canonicalArxivLink } from '../core/paper-identifiers.js';
import type { Finding } from '../check/findings.js';
import { placeOf, type AnyEntry, type Rule } from './types.js';

// C0/C1 controls (tab and newline included: every field is one line), zero-width and bidi controls,
// soft hyphen, word joiners, BOM.
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;
// HTML tags, entities, Markdown emphasis/code/escapes, links and images, a heading start.
const MARKUP = /<[A-Za-z!/?]|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);|[*`\\]|!?\[[^\]]*\]\(|(?:^|\s)_|_(?:\s|$)|^#/u;
const DESCRIPTION_MARKUP = /<[A-Za-z!/?]|!?\[[^\]]*\]\(/u;

interface TextField {
  path: string[];
  value: string;
  markup: RegExp;
}

function textFields(e: AnyEntry): TextField[] {
  if ('paper' in e) {
    const fields: TextField[] = [
      { path: ['title'], value: e.paper.title, markup: MARKUP },
      { path: ['authors'], value: e.paper.authors, markup: MARKUP },
    ];
    if (e.paper.venue !== undefined) fields.push({ path: ['venue'], value: e.paper.venue, markup: MARKUP });
    return fields;
  }
  return [
    { path: ['name'], value: e.dataset.name, markup: MARKUP },
    { path: ['description'], value: e.dataset.description, markup: DESCRIPTION_MARKUP },
  ];
}

/**
 * A text field a spreadsheet would run as a formula: =, +, -, @ followed by a formula's shape (a
 * function call, a cell reference or arithmetic), not a title that merely starts with a hyphen.
 */
const FORMULA = /^[=+\-@]\s*(?:[A-Za-z_][\w.]*\s*\(|[A-Za-z]{1,3}\d+\b|\d+(?:\.\d+)?\s*[-+*/^&]|=)/;

/** File names Windows reserves for devices, with or without an extension: con.yml cannot be checked out there. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

function urls(e: AnyEntry): Array<{ path: string[]; url: string }> {
  if ('paper' in e) return LINK_KINDS.filter((k) => e.paper.links[k]).map((k) => ({ path: ['links', k], url: e.paper.links[k]! }));
  return e.dataset.url ? [{ path: ['url'], url: e.dataset.url }] : [];
}

function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function checkEntry(e: AnyEntry): Finding[] {
  const findings: Finding[] = [];
  for (const field of textFields(e)) {
    // Positions cost a YAML parse of the file: only work them out for a finding.
    const place = (): ReturnType<typeof placeOf> => placeOf(e, field.path);
    const name = field.path.join('.');
    if (hasMojibake(field.value)) {
      const repair = repairMojibake(field.value).repairs[0]!;
      findings.push({
        check: 'hygiene/mojibake', ...place(),
        message: `${name} has mojibake: "${repair.found}" is UTF-8 text that was read as Windows-1252.`,
        hint: `Write "${repair.repaired}" instead.`,
      });
    }
    if (field.value.includes('\uFFFD')) {
      findings.push({
        check: 'hygiene/replacement-char', ...place(),
        message: `${name} has U+FFFD (�): a character was lost to an encoding error.`,
        hint: 'Look up the original spelling (e.g. on the paper\'s page) and retype it.',
      });
    }
    const invisible = INVISIBLE.exec(field.value);
    if (invisible) {
      findings.push({
        check: 'hygiene/invisible-char', ...place(),
        message: `${name} has an invisible or control character (${codePoint(invisible[0])}) at position ${invisible.index + 1}.`,
        hint: 'Delete it; fields are one line of visible text.',
      });
    }
    const disguised = disguisedWords(field.value)[0];
    if (disguised) {
      const letters = disguised.letters.map((l) => `${l.letter} (${l.codePoint}, ${l.script}) for ${l.looksLike}`).join(', ');
      findings.push({
        check: 'hygiene/mixed-script', ...place(),
        message: `${name} has a word that mixes scripts with look-alike letters: "${disguised.word}" has ${letters}.`,
        hint: 'Retype the word in one script: look-alike letters hide it from search, and a copy so written from a reader.',
      });
    }
    if (FORMULA.test(field.value)) {
      findings.push({
        check: 'hygiene/formula', ...place(),
        message: `${name} starts like a spreadsheet formula ("${field.value.slice(0, 20)}${field.value.length > 20 ? '…' : ''}"): opened from a CSV export, it would run.`,
        hint: 'Write the text without the leading =, +, - or @ (the CSV export also neutralises such cells).',
      });
    }
    if (spacingNeedsFix(field.value)) {
      findings.push({
        check: 'hygiene/spacing', ...place(),
        message: `${name} has leading, trailing, doubled or unusual spaces (a tab, a no-break space).`,
        hint: 'Trim and collapse the spaces (lint --fix does it).',
        fix: { path: field.path, value: tidySpaces(field.value) },
      });
    }
    const markup = field.markup.exec(field.value);
    if (markup) {
      findings.push({
        check: 'hygiene/markup', ...place(),
        message: `${name} has Markdown or HTML syntax ("${markup[0].trim() || markup[0]}"); fields are plain text.`,
        hint: 'Write it as plain text: the README renders the formatting itself.',
      });
    }
  }
  for (const { path, url } of urls(e)) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (parsed?.protocol !== 'https:' && parsed?.protocol !== 'http:') {
      findings.push({
        check: 'hygiene/url-scheme', ...placeOf(e, path),
        message: `${path.join('.')} is not an http(s) link: ${url.length > 80 ? `${url.slice(0, 77)}...` : url}`,
        hint: 'Link the https:// address of the page.',
      });
      continue;
    }
    if (parsed.username || parsed.password) {
      findings.push({ check: 'hygiene/url-credentials', ...placeOf(e, path), message: `${path.join('.')} carries a user name or password (${parsed.username ? 'user:…@' : ':…@'}${parsed.host}).`, hint: 'Link the public address of the page, without credentials: a link in the list is public.' });
    }
    const arxivLink = path[1] === 'paper' ? canonicalArxivLink(url) : undefined;
    if (arxivLink) {
      findings.push({ check: 'hygiene/arxiv-link', ...placeOf(e, path), message: `links.paper is an arXiv link in another form than the abstract page: ${url}.`, hint: `Link ${arxivLink} (no version, no pdf: the page links every version); 'npm run lint -- --fix' does it.`, fix: { path, value: arxivLink } });
    }
    if (privateHost(parsed)) {
      findings.push({ check: 'hygiene/url-private', ...placeOf(e, path), message: `${path.join('.')} points at a private or local address (${parsed.hostname}), which no reader can open.`, hint: 'Link the public address of the page.' });
    }
  }
  const title = 'paper' in e ? e.paper.title : e.dataset.name;
  const year = 'paper' in e ? e.paper.year : undefined;
  if (WINDOWS_RESERVED.test(e.id)) {
    findings.push({
      check: 'hygiene/reserved-name', file: e.entry.source.file, line: 1, column: 1,
      message: `File name "${e.id}.yml" is a name Windows reserves for a device: a contributor on Windows cannot check out the list.`,
      hint: 'Rename the file (git mv), for example after the title.',
    });
  }
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(e.id)) {
    findings.push({
      check: 'hygiene/file-name', file: e.entry.source.file, line: 1, column: 1,
      message: `File name "${e.id}.yml" is not an id: lowercase letters and digits joined by hyphens.`,
      hint: 'Rename the file (git mv); paperlist add derives the name from the title.',
    });
  } else if (!idMatches(e.id, title, year)) {
    findings.push({
      check: 'hygiene/file-name', file: e.entry.source.file, line: 1, column: 1,
      message: `File name "${e.id}.yml" does not follow the ${'paper' in e ? 'title' : 'name'} "${title}".`,
      hint: 'Keep it if the entry was renamed on purpose (ids are stable); otherwise rename the file (git mv).',
    });
  }
  const source = e.entry.source;
  // An entry checked without its unknown fields (Project.partial) has no canonical form until they are fixed.
  if (e.partial) return findings;
  const canonical = 'paper' in e ? formatPaper(e.paper) : formatDataset(e.dataset);
  if (source.decoded.bom || source.decoded.crlf || source.text !== canonical) {
    const ours = canonical.split('\n');
    const theirs = source.text.split('\n');
    let line = 0;
    while (line < ours.length && ours[line] === theirs[line]) line++;
    const why = source.decoded.bom ? 'it starts with a byte-order mark' : source.decoded.crlf ? 'it has CRLF line ends' : `line ${line + 1} should be ${JSON.stringify(ours[line] ?? '')}`;
    findings.push({
      check: 'hygiene/format', file: source.file, line: source.decoded.bom || source.decoded.crlf ? 1 : line + 1, column: 1,
      message: `The file is not in canonical form: ${why}.`,
      hint: 'Run `npx paperlist lint --fix` to rewrite it (key order, quoting, indentation, schema comment).',
      fix: { path: [], value: canonical },
    });
  }
  return findings;
}

function emptySections(project: Project): Finding[] {
  const sections = project.sections;
  const source = project.workspace.sections;
  if (!sections || !source) return [];
  const used = new Set<string>();
  for (const p of project.papers) for (const s of p.paper.sections) used.add(s);
  for (const d of project.datasets) for (const s of d.dataset.sections) used.add(s);
  const findings: Finding[] = [];
  for (const node of walkSections(sections)) {
    if (!node.leaf || used.has(node.section.id)) continue;
    findings.push({
      check: 'hygiene/empty-section', file: source.file, ...locate(source, [...node.path, 'id']),
      message: `Section "${node.section.id}" has no entries; the README shows an empty heading.`,
      hint: 'Add entries to it, or remove the section from entries/sections.yml.',
    });
  }
  return findings;
}

/** The inline Markdown a section description may use: it is rendered as it is, under its heading. */
const DESCRIPTION_NODES = new Set(['paragraph', 'text', 'strong', 'emphasis', 'inlineCode', 'link']);

/**
 * Section descriptions are Markdown, rendered into the README as written: one paragraph of text,
 * emphasis, code and http(s) links; no HTML, images, lists or headings (a fake entry line, a
 * script tag and a javascript: link are all refused here).
 */
function sectionDescriptions(project: Project): Finding[] {
  const sections = project.sections;
  const source = project.workspace.sections;
  if (!sections || !source) return [];
  const findings: Finding[] = [];
  const check = (id: string, description: string | undefined, tree: Root | undefined, path: Array<string | number>): void => {
    if (description === undefined || tree === undefined) return;
    const place = (): { file: string; line: number; column: number } => ({ file: source.file, ...locate(source, [...path, 'description']) });
    const name = `The description of section "${id}"`;
    const invisible = INVISIBLE.exec(description.replace(/\n/g, ' '));
    if (invisible)
      findings.push({ check: 'hygiene/invisible-char', ...place(), message: `${name} has an invisible or control character (${codePoint(invisible[0])}).`, hint: 'Delete it.' });
    const stack: Nodes[] = [...tree.children];
    const badNodes = new Set<string>();
    while (stack.length) {
      const node = stack.pop()!;
      if (!DESCRIPTION_NODES.has(node.type)) badNodes.add(node.type === 'html' ? 'HTML' : node.type);
      if (node.type === 'link' && !/^https?:\/\//i.test(node.url))
        findings.push({ check: 'hygiene/url-scheme', ...place(), message: `${name} links to ${JSON.stringify(node.url.slice(0, 80))}, which is not an http(s) link.`, hint: 'Link the https:// address of the page.' });
      if ('children' in node) stack.push(...(node.children as Nodes[]));
    }
    if (badNodes.size)
      findings.push({
        check: 'hygiene/markup', ...place(),
        message: `${name} has ${[...badNodes].sort().join(', ')}; a description is plain paragraphs of text with **bold**, *italic*, \`code\` and links.`,
        hint: 'Rewrite it as plain paragraphs; lists of papers are generated from entries/.',
      });
  };
  for (const node of walkSections(sections)) check(node.section.id, node.section.description, descriptionTree(node.section), node.path);
  return findings;
}


/** A host no reader can reach: a private, loopback or link-local IP literal (links/address.ts), or a local name. */
function privateHost(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return literalAddressRefusal(url) !== undefined || host === 'localhost' || /\.(localhost|local|internal|lan|home\.arpa)$/.test(host);
}

export const hygiene: Rule = {
  id: 'hygiene',
  run({ project }) {
    return [...project.papers.flatMap(checkEntry), ...project.datasets.flatMap(checkEntry), ...emptySections(project), ...sectionDescriptions(project), ...sectionFindings(project), ...issueFormFindings(project)];
  },
};
