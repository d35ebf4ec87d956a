// Every check, declared once: its id, default level, what it finds and the command that fixes it.
// The defaults (config.ts), the docs' tables (docs/rules.md, written by `npm run docs`) and each
// diagnostic's docs link (checkUrl) all come from here; a finding naming an undeclared check does
// not compile.
import type { Severity } from '../core/diagnostics.js';

export interface CheckDescriptor {
  level: Severity;
  /** What it finds, as the docs' table says it (Markdown). */
  finds: string;
  /** The command whose fix writes the finding's expected value. */
  fix?: 'lint --fix' | 'verify --fix' | 'links --fix';
}

export const CHECKS = {
  'duplicates/title': { level: 'error', finds: 'the same title after NFKC, case folding, punctuation and spacing folding' },
  'duplicates/arxiv': { level: 'error', finds: 'the same arXiv id in any URL form (`abs`, `pdf`, `vN`, `.pdf`, http or https)' },
  'duplicates/acl': { level: 'error', finds: 'the same ACL Anthology id (new or old style, with or without `.pdf` or `/`)' },
  'duplicates/doi': { level: 'error', finds: 'the same DOI (doi.org, ACM and Springer links)' },
  'duplicates/paper-url': { level: 'error', finds: 'one paper URL under two entries (when the titles differ, one link is wrong)' },
  'duplicates/dataset-name': { level: 'error', finds: 'two datasets with the same name' },
  'duplicates/dataset-url': { level: 'error', finds: 'two datasets with the same URL' },
  'duplicates/near-title': { level: 'warning', finds: 'titles one word apart (added, removed, changed) or differing in a plural' },
  'duplicates/lookalike-title': { level: 'error', finds: "a title (or dataset name) that looks the same as another's but is written with other letters: equal Unicode TR39 confusable skeletons (\"Tеst\" with a Cyrillic е), reported at the one with letters outside ASCII" },
  'mislabels/year-before-arxiv': { level: 'error', finds: 'a year earlier than the arXiv id allows (2209.xxxxx cannot be from 2020). An id from January may carry the year before: arXiv gives the id at announcement, so 2401.00368, submitted on 31 December 2023, is a 2023 paper' },
  'mislabels/acl-year': { level: 'error', finds: "a year other than the ACL Anthology id's year" },
  'mislabels/acl-venue': { level: 'error', finds: 'a venue that contradicts the Anthology volume (`emnlp-main` → EMNLP, `naacl-*` → NAACL, `aacl-*` → AACL, `findings-emnlp` → Findings of EMNLP, `wmt-1` → WMT, `D19-…` → EMNLP, …)' },
  'mislabels/arxiv-venue': { level: 'error', finds: 'venue `arXiv` with a paper link that is not arXiv' },
  'mislabels/preprint-only': { level: 'warning', finds: 'a conference or journal venue whose only paper link is the arXiv preprint' },
  'mislabels/code-link': { level: 'warning', finds: 'a `code` link to model weights, a dataset or a project page (suggests `model`, `data` or `project`)' },
  'mislabels/unknown-venue': { level: 'error', finds: 'a venue not in `schema/venues.json` (suggests the nearest one)' },
  'mislabels/venue-alias': { level: 'warning', fix: 'lint --fix', finds: 'an alias (`Arxiv`, `MTSummit`) instead of the display name' },
  'mislabels/missing-doi': { level: 'warning', fix: 'lint --fix', finds: "a paper link that names a DOI (a doi.org, ACM or Springer link) the entry's `doi` does not record: exports and citations would go without it" },
  'hygiene/mojibake': { level: 'error', finds: 'UTF-8 read as Windows-1252 (`SabiÃ¡`), with the repaired text in the hint' },
  'hygiene/replacement-char': { level: 'error', finds: 'U+FFFD (`�`): a character lost to an encoding error' },
  'hygiene/invisible-char': { level: 'error', finds: 'control characters, zero-width and bidi characters, soft hyphens, a BOM inside a field' },
  'hygiene/spacing': { level: 'warning', fix: 'lint --fix', finds: 'leading, trailing, doubled or unusual spaces (a tab, a no-break space): exactly what `lint --fix` changes (`text/spacing.ts` decides both)' },
  'hygiene/markup': { level: 'error', finds: 'HTML or Markdown syntax in a title, author, venue or name (`<b>`, `*`, `` ` ``, `[x](y)`, `\\`), and HTML or links in a description: fields are plain text, so nothing can be injected into the README' },
  'hygiene/url-scheme': { level: 'error', finds: 'a link that is not http(s) (`javascript:`, `ftp:`, `file:`)' },
  'hygiene/arxiv-link': { level: 'warning', fix: 'lint --fix', finds: 'a paper link to arXiv in another form than `https://arxiv.org/abs/<id>` (a version, a pdf): the abstract page links every version; `lint --fix`, `absorb` and `add` write that form' },
  'hygiene/url-credentials': { level: 'error', finds: 'a link with a user name or password in it (`https://user:pass@host/`)' },
  'hygiene/url-private': { level: 'error', finds: "a link to a private, loopback or link-local address (`http://169.254.169.254/`, `http://10.0.0.1/`, `localhost`, `*.local`, `*.internal`): no reader can open it, and a link check must not probe the runner's network" },
  'hygiene/unknown-section': { level: 'error', finds: 'a section id that `entries/sections.yml` does not have, or one with subsections' },
  'hygiene/duplicate-section-id': { level: 'error', finds: 'a section id used twice in `entries/sections.yml`' },
  'hygiene/issue-form': { level: 'error', finds: 'an issue form that adds an entry ("Add a paper", "Add a dataset" in `.github/ISSUE_TEMPLATE/`) does not offer exactly the sections of its kind, in order, labelled as `section-labels.ts` labels them' },
  'hygiene/empty-section': { level: 'warning', finds: 'a section without entries' },
  'hygiene/file-name': { level: 'warning', finds: 'a file name that is not an id, or not derived from the title' },
  'hygiene/reserved-name': { level: 'error', finds: 'a file name Windows reserves for a device (`con.yml`, `aux.yml`, `nul.yml`, `prn.yml`, `com1.yml`, `lpt1.yml`): a contributor on Windows could not check out the list' },
  'hygiene/mixed-script': { level: 'warning', finds: 'a word in one script with letters of another that look like its own ("Tеst": Latin with a Cyrillic е), named with their code points; a word that mixes scripts otherwise ("ωTest") is fine' },
  'hygiene/formula': { level: 'error', finds: "a text field that starts like a spreadsheet formula (`=HYPERLINK(…)`, `@SUM(1+1)`, `+1+2`): opened from a CSV export it would run (the export also prefixes such cells with `'`)" },
  'hygiene/format': { level: 'warning', fix: 'lint --fix', finds: 'a file not in canonical form (key order, quoting, indentation, schema comment, LF, no BOM)' },
  'readme/drift': { level: 'error', finds: 'README.md differs from what `paperlist generate` writes, and is not a hand edit `absorb` can take in; shows the first differing line' },
  'readme/hand-edit': { level: 'warning', finds: "README.md was edited by hand and `absorb` turns the edit into entry changes that pass every check: one finding per change, at its line (on the main branch, the absorb workflow applies it after merge). An edit absorb cannot take is reported as absorb's errors instead" },
  'verify/title': { level: 'error', finds: "the record's title is not the entry's: the link points at another paper" },
  'verify/author': { level: 'warning', finds: "the record's first author is not the one in `Name et al.`" },
  'verify/year': { level: 'error', finds: "a year before the first arXiv version, or not the Anthology's year" },
  'verify/journal-ref': { level: 'info', finds: "arXiv's journal reference says the paper was published (when no published version is found)" },
  'verify/published': { level: 'warning', fix: 'verify --fix', finds: 'an entry labelled arXiv has a published version: "published as <venue> <year>: <link>"' },
  'verify/missing': { level: 'error', finds: 'the source has no paper with the id in the link (for a DOI: Crossref, DataCite and the DOI resolver all say so)' },
  'verify/unavailable': { level: 'warning', finds: 'the source answered, but not usably (throttled, malformed, HTTP error): checked next run' },
  'verify/unrecorded': { level: 'info', finds: 'the DOI exists (the DOI resolver knows it) but neither Crossref nor DataCite holds its record: nothing to compare with' },
  'links/dead': { level: 'error', finds: '404 or 410 (confirmed), a name that does not exist, a malformed URL, a missing file, an id arXiv, GitHub or the DOI system does not have' },
  'links/blocked': { level: 'error', finds: 'a link to a private, loopback or reserved address' },
  'links/unreachable': { level: 'warning', finds: 'no verdict: timeouts, resets, bot walls (403), rate limits and 5xx that persist' },
  'links/redirected': { level: 'info', fix: 'links --fix', finds: 'the link moved; permanently when every hop was 301/308 or GitHub names the repository anew (`links --fix` updates entries)' },
  'links/archived': { level: 'warning', finds: "a code repository its owners archived (GitHub's API says so, with `GITHUB_TOKEN` set)" },
} as const satisfies Record<string, CheckDescriptor>;

/** Every check there is: a finding names one of these. */
export type CheckId = keyof typeof CHECKS;

/**
 * The diagnostics that are not checks: problems with the input or the run itself, whose severity
 * the settings cannot change (a file that is not YAML cannot be read, whatever the settings say).
 * Each is listed, with what it reports, in docs/rules.md; a test holds the code to this list.
 */
export const OTHER_DIAGNOSTICS = {
  encoding: 'a file that is not UTF-8 text, or has a byte-order mark (error)',
  yaml: 'a file that is not valid YAML (error)',
  schema: 'an entry or the sections file that does not match its schema (error)',
  file: 'a file or folder of the repository that cannot be read: a symbolic link, a device, too large (error)',
  sections: 'entries/sections.yml missing or unreadable (error)',
  template: 'templates/README.md missing, or a marker in it that names no group (error)',
  config: 'a .paperlist.yml that cannot be read or does not match its schema (error), an unknown rule in it (warning)',
  'config/changed': 'a pull request that changes .paperlist.yml: it is judged by the base branch\'s, and told what the change would do (warning)',
  'write-gate': 'a command that wrote nothing because the list with its change would have errors (error)',
  'readme/kept': 'README.md kept as it is because it has edits made by hand (warning)',
  add: 'add: a record whose venue is not in schema/venues.json (warning)',
  absorb: 'absorb: a README.md line it cannot read or place (error), or a change it leaves to a person (warning)',
  'absorb/conflict': 'absorb: a field changed in README.md and in its entry file, differently (error)',
  import: 'import: a line of the hand-edited list it cannot read (error or warning)',
  links: 'links: a file it cannot check or a cache it cannot read or write (error or warning)',
  'links/arxiv-api': 'links: what the arXiv API could not answer, checked over HTTP instead (info)',
  'links/github-api': 'links: what GitHub\'s API could not answer, or a token it refused (info or warning)',
  'links/doi-api': 'links: what the DOI resolver could not answer (info)',
  records: 'verify, add: a record cache that was not read whole (warning) or not saved (warning)',
} as const;

/** The anchor of a check's row in docs/rules.md ('duplicates/title' → 'duplicates-title'); scripts/rules-doc.mjs writes it. */
export const checkAnchor = (id: string): string => id.replace('/', '-');

/** Where a diagnostic's id is explained: its row in docs/rules.md (an anchor per check), for the `url` of the JSON report and annotations. */
export function checkUrl(ruleId: string): string {
  const anchor = ruleId in CHECKS ? checkAnchor(ruleId) : ruleId in OTHER_DIAGNOSTICS ? 'other-diagnostics' : undefined;
  return `${DOCS_URL}rules.md${anchor ? `#${anchor}` : ''}`;
}

/** The docs of this version of paperlist, where GitHub shows them (package.json's repository; a test holds the two equal). */
export const DOCS_URL = 'https://github.com/LightChen233/Awesome-Multilingual-LLM/blob/main/docs/';
