#!/usr/bin/env node
// The app's HTTP entry point (`npm run dev`, `npm start`, the e2e server): records the
// TCP peer's address in a header that no client can set, then hands the request to
// Next.js. Route handlers never see the socket, and X-Forwarded-For is whatever the
// client typed unless a trusted proxy wrote it (TRUSTED_PROXIES, see lib/api/client-ip.ts).
// Usage: node server.mjs [--dev] [-p PORT] [-H HOST]
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SOCKET_HEADER = 'x-salesagent-socket-address';
const dir = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const dev = argv.includes('--dev');
const flag = (short, long) => {
  const i = argv.findIndex((a) => a === short || a === long);
  return i >= 0 ? argv[i + 1] : undefined;
};

// Like the next CLI: pick the mode before Next.js loads, then read .env* files.
process.env.NODE_ENV ??= dev ? 'development' : 'production';
const { loadEnvConfig } = (await import('@next/env')).default;
loadEnvConfig(dir, dev);
const port = Number(flag('-p', '--port') ?? process.env.PORT ?? 3000);
const hostname = flag('-H', '--hostname');

// lib/api/client-ip.ts believes the header only when this mark says we are in front.
globalThis[Symbol.for('salesagent.socketAddressHeader')] = SOCKET_HEADER;

/** Overwrites any client-sent copy (every spelling: Node lower-cases and joins them). */
function stamp(req) {
  delete req.headers[SOCKET_HEADER];
  req.headers[SOCKET_HEADER] = req.socket.remoteAddress ?? '';
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
    if (req.rawHeaders[i].toLowerCase() === SOCKET_HEADER) req.rawHeaders.splice(i, 2);
  }
}

const next = (await import('next')).default;
const app = next({ dev, dir, hostname: hostname ?? 'localhost', port });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  stamp(req);
  handle(req, res).catch((err) => {
    console.error(err);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
// Next.js attaches its own upgrade listener (dev HMR) on the first request; ours runs first.
server.prependListener('upgrade', (req) => stamp(req));

server.listen(port, hostname, () => {
  console.log(`▲ ready on http://${hostname ?? 'localhost'}:${port} (${dev ? 'development' : 'production'})`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close();
    app.close().finally(() => process.exit(0));
  });
}
