// Helpers for integration tests that run real mcpgate processes on loopback.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const BIN = path.resolve(process.env.MCPGATE_BIN ?? 'build/release/mcpgate');
export const SOURCE_DIR = process.env.MCPGATE_SOURCE_DIR ?? path.resolve('.');

// A TCP port that was free a moment ago on 127.0.0.1.
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// The first of `count` consecutive TCP ports that were free a moment ago on 127.0.0.1 (for
// `mcpgate dev --port P`, which takes P..P+3). Chosen below Linux's ephemeral range (32768+), so
// outgoing connections of a busy machine do not take a neighbour between the check and the use.
export async function freePortRange(count) {
  const canListen = (port) => new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = 20000 + Math.floor(Math.random() * (32000 - 20000));
    let ok = true;
    for (let i = 0; i < count && ok; i++) {
      ok = await canListen(base + i);
    }
    if (ok) {
      return base;
    }
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

// A sanitizer report in a child's output: the debug build (ASan + UBSan) runs the same tests,
// and a report must fail the test even when the process survives it or only leaks at exit.
export const SANITIZER_REPORT = /ERROR: (AddressSanitizer|LeakSanitizer)|runtime error: |UndefinedBehaviorSanitizer/;

function checkSanitizers(what, text) {
  const at = text.search(SANITIZER_REPORT);
  if (at >= 0) {
    throw new Error(`sanitizer report from ${what}:\n${text.slice(Math.max(0, at - 200), at + 4000)}`);
  }
}

// Starts `bin args…` and resolves once a line of its output matches `ready` (a RegExp), or
// rejects after `timeoutMs` with everything it printed. The returned object has `stop()`
// (SIGTERM, then SIGKILL after 5 s; resolves with the exit code, rejects when the output holds a
// sanitizer report) and `output()`.
export function start(args, { ready, bin = BIN, env = {}, timeoutMs = 15000, cwd } = {}) {
  const child = spawn(bin, args, { env: { ...process.env, ...env }, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let exited = null;
  const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => {
    exited = code ?? signal;
    resolve(exited);
  }));
  const handle = {
    child,
    output: () => out,
    async stop() {
      if (exited === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exitPromise;
        clearTimeout(timer);
      }
      checkSanitizers(args.join(' '), out);
      return exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out waiting for ${ready} from ${args.join(' ')}:\n${out}`));
    }, timeoutMs);
    const onData = (chunk) => {
      out += chunk;
      if (ready && ready.test(out)) {
        clearTimeout(timer);
        resolve(handle);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exitPromise.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code} before it was ready:\n${out}`));
    });
    if (!ready) {
      clearTimeout(timer);
      resolve(handle);
    }
  });
}

// Resolves once GET `url` answers 200 (an admin /readyz); rejects after `timeoutMs`.
export async function waitReady(url, { timeoutMs = 10000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      last = `${res.status} ${await res.text()}`;
      if (res.status === 200) {
        return;
      }
    } catch (e) {
      last = e.message;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms: ${last}`);
}

// Runs `bin args…` to completion; resolves with { code, stdout, stderr }.
export function run(args, { bin = BIN, input, env = {}, timeoutMs = 30000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out: ${args.join(' ')}`));
    }, timeoutMs);
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => {
      clearTimeout(timer);
      try {
        checkSanitizers(args.join(' '), stderr);
      } catch (e) {
        reject(e);
        return;
      }
      resolve({ code, stdout, stderr });
    });
    // A child that exits without reading its input (a usage error) must not fail with EPIPE.
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

// Starts `mcpgate demo-server --listen 127.0.0.1:0 …extraArgs` and resolves with
// { server, url } once it prints its listening line (the real port is read from it).
export async function startDemoServer(extraArgs = [], options = {}) {
  const ready = /demo-server listening on (http:\/\/\S+)/;
  const server = await start(['demo-server', '--listen', '127.0.0.1:0', ...extraArgs], {
    ready,
    ...options,
  });
  const url = server.output().match(ready)[1];
  return { server, url };
}

// A JWKS served over plain HTTP on loopback from a Node server (the issuer's key set in tests).
// `keys()` returns the JWKS document to serve now, so tests can rotate keys.
export async function serveJwks(keys, { path: jwksPath = '/.well-known/jwks.json' } = {}) {
  const http = await import('node:http');
  let fetches = 0;
  const server = http.createServer((req, res) => {
    if (req.url !== jwksPath) {
      res.writeHead(404).end();
      return;
    }
    fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=300' });
    res.end(JSON.stringify(keys()));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    url: `http://127.0.0.1:${port}${jwksPath}`,
    fetches: () => fetches,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

// MCP Inspector 2.x in CLI mode (it needs Node 22: the npm `node` package). `home` keeps its
// catalog and secrets out of the real HOME. Resolves with { code, stdout, stderr }.
export const NODE22 = path.join(SOURCE_DIR, 'node_modules/.bin/node');
export const INSPECTOR = path.join(SOURCE_DIR, 'node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js');
export function inspectorCli(url, args, { home, headers = {} } = {}) {
  const env = { HOME: home, MCP_CATALOG_PATH: path.join(home, 'mcp.json'), NO_COLOR: '1' };
  const headerArgs = Object.entries(headers).flatMap(([k, v]) => ['--header', `${k}: ${v}`]);
  return run([INSPECTOR, '--cli', url, '--transport', 'http', ...headerArgs, ...args], { bin: NODE22, env, timeoutMs: 60000 });
}

// The official MCP conformance suite's server scenarios against `url` (Node 22). Resolves with
// { code, stdout, stderr, passed: [names], failed: [names] }.
export const CONFORMANCE = path.join(SOURCE_DIR, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
export async function runConformance(url, outDir, { suite, timeoutMs = 280000 } = {}) {
  const args = [CONFORMANCE, 'server', '--url', url, '-o', outDir, ...(suite ? ['--suite', suite] : [])];
  const r = await run(args, { bin: NODE22, timeoutMs, env: { NO_COLOR: '1' } });
  const lines = r.stdout.split('\n').filter((l) => /^[✓✗] /.test(l));
  return {
    ...r,
    passed: lines.filter((l) => l.startsWith('✓')).map((l) => l.slice(2).split(':')[0]),
    failed: lines.filter((l) => l.startsWith('✗')).map((l) => l.slice(2).split(':')[0]),
  };
}
