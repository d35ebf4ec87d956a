// What the DOI system itself says of a DOI: the resolver's handle API (doi.org/api/handles/<doi>),
// asked by the links check for DOI links and by the record sources when Crossref and DataCite have
// no record (a DOI of another agency, or one not yet indexed), so that "missing" means missing.

/** The handle API's address. */
export const DEFAULT_DOI_API = 'https://doi.org/api/handles';

/** The handle API's address for a DOI: each path segment encoded, the DOI's own characters kept. */
export function handleUrl(api: string, doi: string): string {
  return `${api}/${doi.split('/').map(encodeURIComponent).join('/')}?type=URL`;
}

export type HandleVerdict = 'exists' | 'missing' | { problem: string };

/**
 * The handle API's answer (DOI Handbook, "REST API Response Format"): `responseCode` 1 (found, HTTP
 * 200), 100 (handle not found, HTTP 404), 200 (the DOI exists but has no values of the type asked),
 * 2 (an error, HTTP 500).
 */
export function readHandleAnswer(status: number, body: string): HandleVerdict {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { problem: `HTTP ${status}, not JSON` };
  }
  const code = typeof json === 'object' && json !== null ? (json as { responseCode?: unknown }).responseCode : undefined;
  if (status === 200 && (code === 1 || code === 200)) return 'exists';
  if (status === 404 && code === 100) return 'missing';
  return { problem: `HTTP ${status}${typeof code === 'number' ? `, responseCode ${code}` : ''}` };
}

