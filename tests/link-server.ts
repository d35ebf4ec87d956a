// A real HTTP server on loopback with the faults of the real web, for the link checker's tests and
// benchmark. It records every request and the most requests in flight per host.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RequestLog {
  method: string;
  path: string;
  host: string;
  at: number;
}

export interface LinkServer {
  /** Base URL for a loopback address, e.g. http://127.0.0.3:PORT */
  base(address?: string): string;
  requests: RequestLog[];
  maxInFlight: Map<string, number>;
  /** Bytes of the big body the server managed to hand to the socket. */
  bigBytesSent: number;
  latency: number;
  close(): Promise<void>;
}

const BIG = 50 * 1024 * 1024;

/** Starts one server per address (all on the same port when possible). */
export async function startLinkServer(addresses: string[] = ['127.0.0.1'], latency = 0): Promise<LinkServer> {
  const requests: RequestLog[] = [];
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();
  const retryAfterUntil = new Map<string, number>();
  const flaky = new Set<string>();
  const state = { bigBytesSent: 0 };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const host = req.headers.host ?? '';
    const url = new URL(req.url ?? '/', `http://${host}`);
    const path = url.pathname;
    requests.push({ method: req.method ?? '', path: `${path}${url.search}`, host, at: Date.now() });
    const now = (inFlight.get(host) ?? 0) + 1;
    inFlight.set(host, now);
    maxInFlight.set(host, Math.max(maxInFlight.get(host) ?? 0, now));
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      inFlight.set(host, (inFlight.get(host) ?? 1) - 1);
    };
    res.on('close', finish);
    const send = (status: number, headers: Record<string, string> = {}): void => {
      setTimeout(() => {
        res.writeHead(status, headers);
        res.end(req.method === 'HEAD' ? undefined : 'body');
      }, latency);
    };
    const m = /^\/redirect\/(\d+)$/.exec(path);
    if (m) return Number(m[1]) > 0 ? send(302, { location: `/redirect/${Number(m[1]) - 1}` }) : send(200);
    switch (path) {
      case '/ok':
        return send(200);
      case '/404':
        return send(404);
      case '/410':
        return send(410);
      case '/slow':
        return void setTimeout(() => send(200), Number(url.searchParams.get('ms') ?? 200));
      case '/hang':
        return; // never answers
      case '/reset':
        return void req.socket.destroy();
      case '/429': {
        const key = `${host}${path}${url.search}`;
        const until = retryAfterUntil.get(key);
        if (until === undefined || Date.now() < until) {
          if (until === undefined) retryAfterUntil.set(key, Date.now() + 1000);
          return send(429, { 'retry-after': '1' });
        }
        return send(200);
      }
      case '/always-429':
        return send(429, { 'retry-after': '0' });
      case '/flaky-500': {
        const key = `${host}${url.search}`;
        if (!flaky.has(key)) {
          flaky.add(key);
          return send(503);
        }
        return send(200);
      }
      case '/always-500':
        return send(500);
      case '/forbidden':
        return send(403);
      case '/perm':
        return send(301, { location: '/ok' });
      case '/loop-a':
        return send(302, { location: '/loop-b' });
      case '/loop-b':
        return send(302, { location: '/loop-a' });
      case '/head-refused':
        return req.method === 'HEAD' ? send(405) : send(200);
      case '/head-404':
        return req.method === 'HEAD' ? send(404) : send(200);
      case '/big': {
        if (req.method === 'HEAD') return send(405);
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(BIG) });
        const chunk = Buffer.alloc(64 * 1024, 120);
        const pump = (): void => {
          while (state.bigBytesSent < BIG && !res.destroyed) {
            state.bigBytesSent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          if (!res.destroyed) res.end();
        };
        return pump();
      }
      default:
        return send(404);
    }
  };

  const servers: Server[] = [];
  let port = 0;
  for (const address of addresses) {
    const server = createServer(handle);
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, address, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
    servers.push(server);
  }

  return {
    base: (address = addresses[0]!) => `http://${address}:${port}`,
    requests,
    maxInFlight,
    get bigBytesSent() {
      return state.bigBytesSent;
    },
    latency,
    close: async () => {
      for (const s of servers) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    },
  };
}
