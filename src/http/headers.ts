// Reading an answer's headers as undici gives them (a name may repeat).

/** A header's value as one string: the first, when an answer repeats the header. */
export function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
