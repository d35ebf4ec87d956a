// When to ask again, for every request paperlist makes (a link's own page, an API, a record
// source): which failures no retry cures, which answers ask the client to slow down, and how long
// to wait before the next try. The link checker (links/classify.ts) and the polite request
// (polite-request.ts) both decide with these.

/** Network errors no retry cures: a name that does not exist, an address refused, a bad certificate, a malformed URL. */
export const FINAL_NETWORK: ReadonlySet<string> = new Set(['ENOTFOUND', 'EPRIVATE', 'ERR_INVALID_URL', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);

/** A server that closed an idle keep-alive connection as it was reused: a fresh connection is tried at once. */
export const STALE_SOCKET: ReadonlySet<string> = new Set(['ECONNRESET', 'UND_ERR_SOCKET']);

/** Answers that ask the client to slow down (arXiv's is 429 with a "Rate exceeded." body). */
export const THROTTLING: ReadonlySet<number> = new Set([429, 503]);

/** The longest Retry-After waited out; a longer one ends the retries (the link or source is unreachable for now). */
export const MAX_RETRY_AFTER = 60_000;

/**
 * The wait before try `attempt + 1` when the answer gave no Retry-After: doubling from `base`
 * (1×, 2×, 4× …), with ±50 % jitter when several requests may retry together (links).
 */
export function backoffDelay(attempt: number, base: number, jitter: boolean): number {
  return base * 2 ** attempt * (jitter ? 0.5 + Math.random() : 1);
}
