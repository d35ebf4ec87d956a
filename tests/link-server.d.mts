// Types of link-server.mjs.
export interface RequestLog {
  method: string;
  path: string;
  host: string;
  at: number;
  /** When the answer was finished (or the connection closed); undefined while in flight. */
  done: number | undefined;
}

export interface LinkServer {
  /** Base URL for a loopback address, e.g. http://127.0.0.3:PORT */
  base(address?: string): string;
  requests: RequestLog[];
  maxInFlight: Map<string, number>;
  /** Bytes of the big body the server managed to hand to the socket. */
  readonly bigBytesSent: number;
  /** TCP connections accepted so far, all addresses. */
  readonly connections: number;
  latency: number;
  /** Forgets everything seen: requests, peaks, rate-limit windows, flaky answers, counters. */
  reset(): void;
  close(): Promise<void>;
}

/** Starts one server per loopback address, all on one port; `latency` delays every answer (ms). */
export function startLinkServer(addresses?: string[], latency?: number): Promise<LinkServer>;
