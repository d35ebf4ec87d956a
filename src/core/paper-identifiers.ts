// Identifiers a paper URL carries: arXiv id, ACL Anthology id, DOI. Pure string work, no I/O.

export interface ArxivId {
  /** Without version: "2305.11662" or "cs/0112017". */
  id: string;
  /** Year of first submission the id encodes. */
  year: number;
  /**
   * The earliest year the paper can carry: the id is given at announcement, so a paper submitted
   * in the last days of December has a January id of the next year (2401.00368, submitted
   * 2023-12-31: arXiv's help on identifiers). For an id from January, the year before.
   */
  earliest: number;
}

// Parsed once per distinct URL: several rules ask about the same links.
const parsed = new Map<string, URL | null>();
function tryUrl(url: string): URL | undefined {
  let u = parsed.get(url);
  if (u === undefined) {
    try {
      u = new URL(url);
    } catch {
      u = null;
    }
    parsed.set(url, u);
  }
  return u ?? undefined;
}

const ARXIV_HOSTS = /^(?:www\.|export\.)?arxiv\.org$/;

/**
 * The one form of an arXiv paper link: https://arxiv.org/abs/<id>, without version or pdf (a
 * reader lands on the abstract page, which links every version). Undefined for a link that is
 * not an arXiv paper's, or that is in that form already.
 */
export function canonicalArxivLink(url: string): string | undefined {
  const arxiv = arxivIdFromUrl(url);
  const canonical = arxiv ? `https://arxiv.org/abs/${arxiv.id}` : undefined;
  return canonical !== undefined && canonical !== url ? canonical : undefined;
}

export function arxivIdFromUrl(url: string): ArxivId | undefined {
  const u = tryUrl(url);
  if (!u) return undefined;
  if (!ARXIV_HOSTS.test(u.hostname)) return undefined;
  const m = /^\/(?:abs|pdf|html)\/(.+?)(?:v\d+)?(?:\.pdf)?\/?$/.exec(u.pathname);
  if (!m) return undefined;
  return parseArxivId(m[1]!);
}

export function parseArxivId(raw: string): ArxivId | undefined {
  const modern = /^(\d{2})(\d{2})\.\d{4,5}$/.exec(raw);
  const at = (year: number, month: number): ArxivId => ({ id: raw, year, earliest: month === 1 ? year - 1 : year });
  if (modern) return at(2000 + Number(modern[1]), Number(modern[2]));
  const legacy = /^[a-z-]+(?:\.[A-Z]{2})?\/(\d{2})(\d{2})\d{3}$/.exec(raw);
  if (legacy) {
    const yy = Number(legacy[1]);
    return at(yy >= 91 ? 1900 + yy : 2000 + yy, Number(legacy[2]));
  }
  return undefined;
}

export interface AnthologyId {
  id: string;
  year: number;
  /** New-style volume ("emnlp-main", "findings-emnlp", "wmt-1"); old-style: the letter ("P", "D"). */
  volume: string;
  oldStyle: boolean;
}

export function anthologyIdFromUrl(url: string): AnthologyId | undefined {
  const u = tryUrl(url);
  if (!u) return undefined;
  if (u.hostname !== 'aclanthology.org' && u.hostname !== 'www.aclweb.org') return undefined;
  const path = u.pathname.replace(/^\/anthology\//, '/').replace(/(?:\.pdf|\.bib)?\/?$/, '');
  const m = /^\/([^/]+)$/.exec(path);
  return m ? parseAnthologyId(m[1]!) : undefined;
}

export function parseAnthologyId(raw: string): AnthologyId | undefined {
  const modern = /^(\d{4})\.([a-z0-9]+(?:-[a-z0-9]+)*)\.(\d+)$/.exec(raw);
  if (modern) return { id: raw, year: Number(modern[1]), volume: modern[2]!, oldStyle: false };
  const old = /^([A-Z])(\d{2})-\d{4}$/.exec(raw);
  if (old) {
    const yy = Number(old[2]);
    return { id: raw, year: yy >= 60 ? 1900 + yy : 2000 + yy, volume: old[1]!, oldStyle: true };
  }
  return undefined;
}

export function doiFromUrl(url: string): string | undefined {
  const u = tryUrl(url);
  if (!u) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    path = u.pathname; // a stray % in a hostile or broken URL
  }
  const m = /(?:^|\/)(10\.\d{4,9}\/[^\s?#]+)/.exec(path);
  // A DOI with '.' or '..' segments (an encoded '%2F..%2F') would be normalised away on the way to
  // the handle API, and another DOI asked: not read as a DOI.
  if (!m || m[1]!.split('/').some((segment) => segment === '.' || segment === '..')) return undefined;
  if (u.hostname === 'doi.org' || u.hostname === 'dx.doi.org' || u.hostname.endsWith('acm.org') || u.hostname.endsWith('springer.com'))
    return m[1]!.replace(/\/$/, '').toLowerCase();
  return undefined;
}

/** A GitHub repository: owner and name as the link writes them. */
export interface RepositoryName {
  owner: string;
  name: string;
}

// First path segments of github.com that are GitHub's own pages, not owners.
const NOT_OWNERS = new Set(['about', 'apps', 'collections', 'contact', 'customer-stories', 'enterprise', 'events', 'explore', 'features', 'login', 'marketplace', 'new', 'notifications', 'orgs', 'pricing', 'readme', 'search', 'security', 'settings', 'site', 'sponsors', 'topics', 'trending', 'users']);
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,38})$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * The repository a link names when the link is the repository itself (github.com/OWNER/NAME, with
 * or without a trailing slash or .git). A deeper path (a file, a branch) names something else.
 */
export function githubRepoFromUrl(url: string): RepositoryName | undefined {
  const u = tryUrl(url);
  if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:') || (u.hostname !== 'github.com' && u.hostname !== 'www.github.com') || u.search || u.port || u.username) return undefined;
  const m = /^\/([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(u.pathname);
  return m ? repositoryName(`${m[1]}/${m[2]}`) : undefined;
}

/**
 * A repository's "owner/name" exactly as GitHub allows it (an answer's nameWithOwner is checked
 * with it before it becomes a link): no character the URL parser would drop or reinterpret (a
 * tab, a line break, '#', '?'), no '.' or '..' name.
 */
export function repositoryName(nameWithOwner: string): RepositoryName | undefined {
  const m = /^([^/]+)\/([^/]+)$/.exec(nameWithOwner);
  if (!m || !OWNER.test(m[1]!) || !NAME.test(m[2]!) || m[2] === '.' || m[2] === '..' || NOT_OWNERS.has(m[1]!.toLowerCase())) return undefined;
  return { owner: m[1]!, name: m[2]! };
}

export interface PaperIdentifiers {
  arxiv?: ArxivId;
  acl?: AnthologyId;
  doi?: string;
}

/** Every identifier a link carries (each rule, export and verify asks for the same ones). */
export function paperIdentifiers(url: string | undefined): PaperIdentifiers {
  if (!url) return {};
  const arxiv = arxivIdFromUrl(url);
  const acl = anthologyIdFromUrl(url);
  const doi = doiFromUrl(url);
  return { ...(arxiv ? { arxiv } : {}), ...(acl ? { acl } : {}), ...(doi ? { doi } : {}) };
}

/** A URL in comparable form: no fragment, host lowercased, no trailing slash, http ≡ https. */
export function canonicalUrl(url: string): string {
  const u = tryUrl(url);
  if (!u) return url.trim();
  let s = u.href.slice(0, u.href.length - u.hash.length).replace(/^http:/, 'https:');
  if (s.endsWith('/') && u.pathname !== '/') s = s.slice(0, -1);
  return s;
}
