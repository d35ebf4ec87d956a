// @citation-js/plugin-bibtex ships no types: it is imported for its side effect (it registers the
// BibTeX input format with @citation-js/core).
declare module '@citation-js/plugin-bibtex';

// @citation-js/core 0.8 (the newest that supports Node 20) ships no types either: what paperlist
// uses of it, its input chain from BibTeX text to CSL-JSON, is declared here.
declare module '@citation-js/core' {
  export const plugins: {
    input: {
      chain(data: unknown, options: { forceType?: string; generateGraph?: boolean; target?: string; strict?: boolean; maxChainLength?: number }): unknown;
    };
  };
}
