// Building blocks for the fault tests: a key pair and token minting, a JWKS server that can be
// taken down and brought back on the same port, Node upstreams that misbehave on purpose, a
// gateway started from a native config file, and raw-socket HTTP for malformed requests.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as jose from 'jose';
import { freePort, start, waitReady } from '../lib/proc.mjs';

export const ISSUER = 'https://faults.example.com/';
export const AUDIENCE = 'https://mcp-faults';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls `predicate` until it is true or `timeoutMs` ran out; resolves with the last verdict.
export async function until(predicate, { timeoutMs = 10000, everyMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) {
      return true;
    }
    if (Date.now() >= deadline) {
      return false;
    }
    await sleep(everyMs);
  }
}

// An RS256 signing key with its public JWK under `kid`; `token(claims)` mints an access token.
export async function signingKey(kid) {
  const pair = await jose.generateKeyPair('RS256');
  const jwk = { ...(await jose.exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' };
  const token = (claims = {}, { exp = '1h' } = {}) =>
    new jose.SignJWT({ sub: 'user', scope: 'openid', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'at+jwt' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(pair.privateKey);
  return { kid, jwk, token };
}

// A JWKS server on a fixed port that can go down (the port refuses connections) and come back.
// `keys` is the list of JWKs published now; `fetches` counts the documents served.
export async function jwksServer({ keys = [], maxAge = 300 } = {}) {
  const port = await freePort();
  const state = { keys, fetches: 0, server: null, sockets: new Set() };
  const handler = (req, res) => {
    if (req.url !== '/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    state.fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': `max-age=${maxAge}` });
    res.end(JSON.stringify({ keys: state.keys }));
  };
  return {
    port,
    url: `http://127.0.0.1:${port}/jwks.json`,
    fetches: () => state.fetches,
    setKeys(k) {
      state.keys = k;
    },
    async up() {
      const server = http.createServer(handler);
      server.keepAliveTimeout = 500;
      server.on('connection', (s) => {
        state.sockets.add(s);
        s.on('close', () => state.sockets.delete(s));
      });
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', resolve);
      });
      state.server = server;
    },
    async down() {
      if (!state.server) {
        return;
      }
      const server = state.server;
      state.server = null;
      for (const s of state.sockets) {
        s.destroy();
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// A minimal MCP-shaped upstream written in Node so that a test controls every byte it sends.
// `onRequest(req, body, res)` answers; the default answers any JSON-RPC request with an empty
// result. `requests` counts complete requests seen (the smuggling tests rely on it); `open`
// tracks the upstream's sockets so a test can watch the gateway release them.
export async function nodeUpstream(onRequest) {
  const state = { requests: 0, bodies: [], sockets: new Set(), closed: 0 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      state.requests += 1;
      state.bodies.push({ method: req.method, url: req.url, headers: req.headers, body });
      if (onRequest) {
        onRequest(req, body, res);
        return;
      }
      let id = null;
      try {
        id = JSON.parse(body).id ?? null;
      } catch {
        // not JSON: answer anyway
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id, result: {} }));
    });
  });
  server.on('connection', (s) => {
    state.sockets.add(s);
    s.on('close', () => {
      state.sockets.delete(s);
      state.closed += 1;
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    requests: () => state.requests,
    bodies: () => state.bodies,
    openSockets: () => state.sockets.size,
    closedSockets: () => state.closed,
    close() {
      for (const s of state.sockets) {
        s.destroy();
      }
      return new Promise((r) => server.close(r));
    },
  };
}

// Starts `mcpgate serve --config` with a native config. `backends` maps route prefix → URL.
// `jwksUrl` (remote) or `jwks` (an inline JWKS object) configures the one provider. `extra` is
// appended YAML (limits, timeouts). Resolves with { url(path), port, adminPort, gateway, work }.
export async function startGateway({ backends, jwksUrl, jwks, extra = '', workers = 2, rules, env = {} }) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpgate-faults-'));
  const [port, adminPort] = [await freePort(), await freePort()];
  const backendYaml = Object.entries(backends)
    .map(([route, url], i) => `  - {name: b${i}, url: "${url}", routes: ["${route}"]}`)
    .join('\n');
  const jwksYaml = jwksUrl
    ? `remote: {url: "${jwksUrl}"}`
    : `inline: '${JSON.stringify(jwks)}'`;
  const ruleList = rules ?? ['mcp.tool.name == "echo"', 'mcp.tool.name == "slow"'];
  fs.writeFileSync(path.join(work, 'gateway.yaml'), `
listeners: ["127.0.0.1:${port}"]
backends:
${backendYaml}
admin: {address: 127.0.0.1, port: ${adminPort}}
workers: ${workers}
logging: {level: info}
${extra}
policy:
  traffic:
    jwtAuthentication:
      mode: Strict
      providers:
        - issuer: "${ISSUER}"
          audiences: ["${AUDIENCE}"]
          jwks:
            ${jwksYaml}
  backend:
    mcp:
      authorization:
        action: Allow
        policy:
          matchExpressions:
${ruleList.map((r) => `            - '${r}'`).join('\n')}
`);
  const gateway = await start(['serve', '--config', path.join(work, 'gateway.yaml')],
    { ready: /mcpgate listening on/, env });
  return {
    port,
    adminPort,
    gateway,
    work,
    url: (p = '/mcp') => `http://127.0.0.1:${port}${p}`,
    readyz: async () => (await fetch(`http://127.0.0.1:${adminPort}/readyz`)).status,
    readyzBody: async () => (await fetch(`http://127.0.0.1:${adminPort}/readyz`)).json(),
    waitReady: (opts) => waitReady(`http://127.0.0.1:${adminPort}/readyz`, opts),
    metrics: async () => (await fetch(`http://127.0.0.1:${adminPort}/metrics`)).text(),
    async stop() {
      try {
        return await gateway.stop();  // rejects on a sanitizer report
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    },
  };
}

// A Node upstream (answering with `onRequest`, see nodeUpstream) behind a gateway with an inline
// key set, `extra` native config and `rules`; resolves with { gw, upstream, token } (a valid
// token for it). `stop()` ends both.
export async function echoStack(extra, { onRequest, rules } = {}) {
  const key = await signingKey('k1');
  const token = await key.token();
  const upstream = await nodeUpstream(onRequest);
  const gw = await startGateway({ backends: { '/mcp': upstream.url }, jwks: { keys: [key.jwk] }, extra, rules });
  return {
    gw, upstream, token,
    async stop() {
      await upstream.close();
      await gw.stop();
    },
  };
}

export const rpc = (method, params, id = 1) => JSON.stringify({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) });
export const callTool = (name, args = {}, id = 1) => rpc('tools/call', { name, arguments: args }, id);

// POST with an optional bearer token; the reference stack's helper.
export { post } from '../lib/stack.mjs';

// Sends `bytes` on a fresh connection and collects everything the server sends until it closes
// the connection or `timeoutMs` passes. Resolves with { text, closed, statuses } where statuses
// are the status codes of every response found in the text (pipelined answers included).
export function rawExchange(port, bytes, { timeoutMs = 5000, endAfterWrite = false } = {}) {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    let text = '';
    let closed = false;
    const finish = () => {
      clearTimeout(timer);
      sock.destroy();
      const statuses = [...text.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]));
      resolve({ text, closed, statuses });
    };
    const timer = setTimeout(finish, timeoutMs);
    sock.on('connect', () => {
      sock.write(bytes);
      if (endAfterWrite) {
        sock.end();
      }
    });
    sock.on('data', (d) => (text += d.toString('latin1')));
    sock.on('error', () => {});
    sock.on('close', () => {
      closed = true;
      finish();
    });
  });
}

// A connected raw socket (resolves once connected).
export function connect(port) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    sock.once('connect', () => resolve(sock));
    sock.once('error', reject);
  });
}

// The open file descriptors and resident set (KiB) of a process, from /proc.
export function procStats(pid) {
  const fds = fs.readdirSync(`/proc/${pid}/fd`).length;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = Number(status.match(/VmRSS:\s+(\d+)/)[1]);
  return { fds, rssKiB: rss };
}
