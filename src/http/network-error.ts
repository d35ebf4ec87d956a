// What a failed request's error is, by its code, for every caller of the network: the link
// checker decides on it (links/classify.ts), the polite requests say it as a person would.

export function errorCode(error: unknown): string {
  const e = error as { code?: unknown; cause?: { code?: unknown }; name?: string };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return e.name; // DOMException: numeric code
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return e?.name ?? 'ERROR';
}

/** A network error in one line, as a person would say it. */
export function networkReason(error: unknown): string {
  const code = errorCode(error);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name not found (no network, or no DNS)';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'timed out';
  if (code === 'ANSWER_TIMEOUT') return (error as Error).message;
  return (error as { message?: string }).message ?? String(error);
}
