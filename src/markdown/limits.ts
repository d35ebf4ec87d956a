// How much Markdown is read at all; apart from the parser so that a command can check a file's
// size before loading micromark (~50 ms).

/**
 * Larger Markdown files (a README to import, a file given to links) are refused unread: micromark
 * parses ~0.5 MB a second here and needs ~300 bytes of memory per byte of a block it cannot take
 * piecewise (a 5 MB paragraph took 1.5 GB); a list README is far smaller (this one is 51 KB).
 */
export const MAX_MARKDOWN_BYTES = 2 * 1024 * 1024;
