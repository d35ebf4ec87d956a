// What the list shows of a title a source sends with markup, decided here for every source:
// Crossref sends JATS-like HTML (<i>, <sub>, <sup>, <scp>, <span style=…>, MathML) pretty-printed
// across lines; the BibTeX reader turns the Anthology's TeX into the same tags; arXiv sends TeX
// source ($ω$Test, \mathbb{R}, \textit{…}, accents). Each becomes the plain text a reader sees,
// whitespace folded. Pure; tested with each source's recorded titles.
import { tidySpaces } from '../text/spacing.js';

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return XML_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Spaces that pretty-printing left inside brackets and before punctuation: "( Tridacna maxima )" → "(Tridacna maxima)". */
const tidy = (s: string): string => tidySpaces(s).replace(/([([]) /g, '$1').replace(/ ([)\],.;:])/g, '$1');

/** A title in HTML (Crossref, the BibTeX reader's output): tags dropped, their text kept, entities decoded. */
export function plainFromHtml(title: string): string {
  // A tag is a letter (or namespace) name: "a < b" and "<3" are text, not markup.
  const text = title.replace(/<\/?[a-z][\w:.-]*(?:\s[^<>]*)?\/?>/gi, '');
  return tidy(decodeEntities(text));
}

const GREEK: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ',
  nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', upsilon: 'υ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
};
const SYMBOLS: Record<string, string> = { times: '×', cdot: '·', infty: '∞', leq: '≤', geq: '≥', neq: '≠', pm: '±', to: '→', rightarrow: '→', approx: '≈', ldots: '…', dots: '…', sim: '~' };
/** TeX accent commands and the combining mark each puts on its letter. */
const ACCENTS: Record<string, string> = { '"': '\u0308', "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304', '.': '\u0307', u: '\u0306', v: '\u030C', H: '\u030B', c: '\u0327', k: '\u0328' };

/** A title in TeX (arXiv): math and text commands reduced to their text, accents to letters, groups unbraced. */
export function plainFromTex(title: string): string {
  // Escaped characters are text: set aside first, so that the steps below never take them for markup.
  const escaped: string[] = [];
  let s = title.replace(/\\([&%$#_{}~^])/g, (_, c: string) => `\uE000${escaped.push(c) - 1}\uE001`);
  // Accents: \"{o}, \"o, {\"o}, \c{c}, \v s.
  s = s.replace(/\\(["'`^~=.]|[uvHck](?![a-zA-Z]))\s*(?:\{\s*([a-zA-Z])\s*\}|([a-zA-Z]))/g, (_, accent: string, braced?: string, bare?: string) => `${braced ?? bare}${ACCENTS[accent]}`);
  // Commands that only style their argument keep the argument (nested up to five deep).
  for (let i = 0; i < 5; i++) s = s.replace(/\\(?:text(?:it|bf|sc|tt|rm|sf|up)?|emph|math(?:bb|bf|cal|rm|it|sf|tt|frak|scr)|operatorname|boldsymbol|mbox|hbox)\s*\{([^{}]*)\}/g, '$1');
  s = s.replace(/\\([a-zA-Z]+)\s*/g, (whole, name: string) => GREEK[name] ?? SYMBOLS[name] ?? whole.trim());
  s = s.replace(/---/g, '—').replace(/--/g, '–').replace(/~/g, ' ');
  // Math delimiters, super- and subscript marks, and case-protecting braces carry no text.
  s = s.replace(/\$/g, '').replace(/[\^_](?=[{\w])/g, '').replace(/[{}]/g, '');
  s = s.replace(/\uE000(\d+)\uE001/g, (_, i: string) => escaped[Number(i)]!);
  return tidy(s.normalize('NFC'));
}
