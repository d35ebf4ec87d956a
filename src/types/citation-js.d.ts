// @citation-js/plugin-bibtex ships no types: it is imported for its side effect (it registers the
// BibTeX input format with @citation-js/core, whose types are used).
declare module '@citation-js/plugin-bibtex';
