// GitHub's GraphQL API for repositories: the query for a batch of owner/name pairs and the reading
// of its answer. Pure: no I/O. The answer's shape (docs.github.com/graphql): `data` holds one field
// per alias, null for a repository that cannot be resolved, and `errors` says why per alias
// (`type: "NOT_FOUND"`, `path: ["r3"]`); a rate-limited query answers `errors: [{type: "RATE_LIMITED"}]`.

import type { RepositoryName } from '../core/paper-identifiers.js';

export interface RepositoryAnswer {
  /** The repository as GitHub names it now: differs from the one asked for after a rename or transfer. */
  nameWithOwner: string;
  url: string;
  isArchived: boolean;
}

export type RepositoriesRead =
  | { kind: 'answer'; repos: Array<RepositoryAnswer | 'missing' | 'unknown'> }
  | { kind: 'rate-limited'; message: string }
  | { kind: 'malformed'; reason: string };

/**
 * One query for all the repositories, each under its own alias (r0, r1, ...), owner and name passed
 * as variables: the values never become query text. `followRenames` is GitHub's default, said
 * explicitly because a renamed repository must come back under its new name, not as an error.
 */
export function repositoriesQuery(repos: readonly RepositoryName[]): { query: string; variables: Record<string, string> } {
  const params = repos.map((_, i) => `$o${i}: String!, $n${i}: String!`).join(', ');
  const fields = repos.map((_, i) => `r${i}: repository(owner: $o${i}, name: $n${i}, followRenames: true) { nameWithOwner url isArchived }`).join('\n  ');
  const variables: Record<string, string> = {};
  repos.forEach((r, i) => {
    variables[`o${i}`] = r.owner;
    variables[`n${i}`] = r.name;
  });
  return { query: `query(${params}) {\n  ${fields}\n}`, variables };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Reads the answer to `repositoriesQuery` for `count` repositories: each is its repository, `missing`
 * (GitHub says NOT_FOUND for its alias), or `unknown` (no data and no such error: asked another way).
 */
export function readRepositories(body: string, count: number): RepositoriesRead {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: 'malformed', reason: 'not JSON' };
  }
  if (!isObject(json)) return { kind: 'malformed', reason: 'not a JSON object' };
  const errors = Array.isArray(json.errors) ? json.errors.filter(isObject) : [];
  const limited = errors.find((e) => e.type === 'RATE_LIMITED');
  if (limited) return { kind: 'rate-limited', message: typeof limited.message === 'string' ? limited.message : 'rate limited' };
  if (!isObject(json.data)) {
    const first = errors.find((e) => typeof e.message === 'string')?.message;
    return { kind: 'malformed', reason: first ? `no data (${String(first)})` : typeof json.message === 'string' ? json.message : 'no data' };
  }
  const notFound = new Set(errors.filter((e) => e.type === 'NOT_FOUND' && Array.isArray(e.path)).map((e) => String((e.path as unknown[])[0])));
  const data = json.data;
  const repos: Array<RepositoryAnswer | 'missing' | 'unknown'> = [];
  for (let i = 0; i < count; i++) {
    const alias = `r${i}`;
    const repo = data[alias];
    if (isObject(repo) && typeof repo.nameWithOwner === 'string' && typeof repo.url === 'string' && typeof repo.isArchived === 'boolean') {
      repos.push({ nameWithOwner: repo.nameWithOwner, url: repo.url, isArchived: repo.isArchived });
    } else repos.push(repo === null && notFound.has(alias) ? 'missing' : 'unknown');
  }
  return { kind: 'answer', repos };
}
