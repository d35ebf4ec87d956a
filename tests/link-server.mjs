// A real HTTP server on loopback with the faults of the real web, for the link checker's tests and
// benchmark (plain JavaScript so that scripts/bench-links.mjs can use it too; types in the .d.mts).
// It records every request and the most requests in flight per host.
import { createServer } from 'node:http';

const BIG = 50 * 1024 * 1024;

/** Starts one server per address (all on the same port when possible). */
export async function startLinkServer(addresses = ['127.0.0.1'], latency = 0) {
  const requests = [];
  const inFlight = new Map();
  const maxInFlight = new Map();
  const retryAfterUntil = new Map();
  const flaky = new Set();
  const state = { bigBytesSent: 0, connections: 0 };

  const handle = (req, res) => {
    const host = req.headers.host ?? '';
    const url = new URL(req.url ?? '/', `http://${host}`);
    const path = url.pathname;
    const entry = { method: req.method ?? '', path: `${path}${url.search}`, host, at: Date.now(), done: undefined };
    requests.push(entry);
    const now = (inFlight.get(host) ?? 0) + 1;
    inFlight.set(host, now);
    maxInFlight.set(host, Math.max(maxInFlight.get(host) ?? 0, now));
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      entry.done = Date.now();
      inFlight.set(host, (inFlight.get(host) ?? 1) - 1);
    };
    res.on('close', finish);
    const send = (status, headers = {}) => {
      setTimeout(() => {
        res.writeHead(status, headers);
        res.end(req.method === 'HEAD' ? undefined : 'body');
      }, latency);
    };
    const window = retryAfterUntil.get(host);
    if (window !== undefined && Date.now() < window) return send(429, { 'retry-after': '1' });
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
      case '/flaky-reset': {
        // The first request is cut off, as a server closing an idle keep-alive connection does.
        const key = `reset ${host}${url.search}`;
        if (!flaky.has(key)) {
          flaky.add(key);
          return void req.socket.destroy();
        }
        return send(200);
      }
      case '/429': {
        // Host-wide rate limiting, as real servers do: the first hit opens a one-second window in
        // which every request to this host gets 429 with the time left in Retry-After.
        const until = retryAfterUntil.get(host);
        if (until === undefined) retryAfterUntil.set(host, Date.now() + 1000);
        if (until === undefined || Date.now() < until) return send(429, { 'retry-after': String(Math.max(1, Math.ceil(((until ?? Date.now() + 1000) - Date.now()) / 1000))) });
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
        const pump = () => {
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

  const servers = [];
  let port = 0;
  for (const address of addresses) {
    const server = createServer(handle);
    server.on('connection', () => state.connections++);
    server.keepAliveTimeout = 5000;
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, address, () => resolve());
    });
    port = server.address().port;
    servers.push(server);
  }

  return {
    base: (address = addresses[0]) => `http://${address}:${port}`,
    requests,
    maxInFlight,
    get bigBytesSent() {
      return state.bigBytesSent;
    },
    get connections() {
      return state.connections;
    },
    latency,
    /** Forgets everything seen: requests, peaks, rate-limit windows, flaky answers, counters. */
    reset: () => {
      requests.length = 0;
      inFlight.clear();
      maxInFlight.clear();
      retryAfterUntil.clear();
      flaky.clear();
      state.bigBytesSent = 0;
      state.connections = 0;
    },
    close: async () => {
      for (const s of servers) {
        s.closeAllConnections();
        await new Promise((resolve) => s.close(() => resolve()));
      }
    },
  };
}
