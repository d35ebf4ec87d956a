// How an API path groups the links it is given: one question per key (an arXiv id, a DOI, a
// repository), however many links ask it.

/**
 * The links a path asks about, one question per key (an arXiv id, a DOI, a repository), in the
 * order first seen; a link without a key is left out.
 */
export function groupLinks(urls: readonly string[], keyOf: (url: string) => string | undefined): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const url of urls) {
    const key = keyOf(url);
    if (key !== undefined) groups.set(key, [...(groups.get(key) ?? []), url]);
  }
  return groups;
}
