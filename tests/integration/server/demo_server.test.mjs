// The demo server through the official TypeScript SDK client (Streamable HTTP): every tool,
// every error case, identity assertions, session termination, and the transport's refusals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import * as jose from 'jose';
import { startDemoServer } from '../lib/proc.mjs';

let dir;
let root;
let outside;
let server;
let url;
let signingKey;
let foreignKey;

async function connect(headers = {}) {
  const client = new Client({ name: 'demo-server-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  await client.connect(transport);
  return { client, transport };
}

function textOf(result) {
  return result.content.filter((c) => c.type === 'text').map((c) => c.text).join('');
}

async function assertion(key, claims, { expiresIn = '60s', audience = url } = {}) {
  return new jose.SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'gw-1' })
    .setIssuer('mcpgate')
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpgate-demo-'));
  root = path.join(dir, 'root');
  outside = path.join(dir, 'outside');
  fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(root, 'a.txt'), 'alpha');
  fs.writeFileSync(path.join(root, 'docs', 'b.txt'), 'beta');
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'keep me');
  fs.symlinkSync(outside, path.join(root, 'escape'));
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'secret-link.txt'));

  const pair = await jose.generateKeyPair('ES256', { extractable: true });
  signingKey = pair.privateKey;
  foreignKey = (await jose.generateKeyPair('ES256')).privateKey;
  const jwk = { ...(await jose.exportJWK(pair.publicKey)), kid: 'gw-1', alg: 'ES256', use: 'sig' };
  const jwksFile = path.join(dir, 'jwks.json');
  fs.writeFileSync(jwksFile, JSON.stringify({ keys: [jwk] }));

  ({ server, url } = await startDemoServer(['--root', root, '--identity-jwks', jwksFile]));
});

after(async () => {
  if (server) {
    assert.equal(await server.stop(), 0, server.output());
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('lists the five demo tools with annotations', async () => {
  const { client } = await connect();
  const { tools } = await client.listTools();
  const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
  assert.deepEqual(Object.keys(byName).sort(),
    ['delete_file', 'echo', 'get_user_info', 'list_files', 'system_status']);
  for (const name of ['echo', 'get_user_info', 'list_files', 'system_status']) {
    assert.equal(byName[name].annotations.readOnlyHint, true, name);
  }
  assert.equal(byName.delete_file.annotations.destructiveHint, true);
  assert.deepEqual(byName.delete_file.inputSchema.required, ['path']);
  await client.close();
});

test('echo returns the message; a missing message is a tool error', async () => {
  const { client } = await connect();
  const ok = await client.callTool({ name: 'echo', arguments: { message: 'hello mcp' } });
  assert.equal(textOf(ok), 'hello mcp');
  assert.ok(!ok.isError);
  const bad = await client.callTool({ name: 'echo', arguments: {} });
  assert.equal(bad.isError, true);
  assert.match(textOf(bad), /message: required/);
  await client.close();
});

test('an unknown tool is JSON-RPC error -32602', async () => {
  const { client } = await connect();
  await assert.rejects(client.callTool({ name: 'no_such_tool', arguments: {} }),
    (e) => e.code === -32602 && /Unknown tool: no_such_tool/.test(e.message));
  await client.close();
});

test('get_user_info: anonymous, verified, forged, expired, wrong audience', async () => {
  let { client } = await connect();
  const anon = await client.callTool({ name: 'get_user_info', arguments: {} });
  assert.equal(anon.structuredContent.user, 'anonymous');
  await client.close();

  const good = await assertion(signingKey, { sub: 'auth0|alice', scope: 'files:read' });
  ({ client } = await connect({ 'X-Mcpgate-Identity': good }));
  const who = await client.callTool({ name: 'get_user_info', arguments: {} });
  assert.ok(!who.isError, textOf(who));
  assert.equal(who.structuredContent.user, 'auth0|alice');
  assert.equal(who.structuredContent.claims.scope, 'files:read');
  await client.close();

  const cases = {
    forged: await assertion(foreignKey, { sub: 'mallory' }),
    expired: await assertion(signingKey, { sub: 'alice' }, { expiresIn: Math.floor(Date.now() / 1000) - 3600 }),
    audience: await assertion(signingKey, { sub: 'alice' }, { audience: 'http://elsewhere/mcp' }),
    garbage: 'not.a.jwt',
  };
  for (const [name, token] of Object.entries(cases)) {
    ({ client } = await connect({ 'X-Mcpgate-Identity': token }));
    const r = await client.callTool({ name: 'get_user_info', arguments: {} });
    assert.equal(r.isError, true, name);
    assert.match(textOf(r), /rejected|identity/, name);
    assert.doesNotMatch(textOf(r), /mallory/, name);
    await client.close();
  }
});

test('list_files lists the root and a subdirectory; errors are tool errors', async () => {
  const { client } = await connect();
  const top = await client.callTool({ name: 'list_files', arguments: {} });
  const names = top.structuredContent.entries.map((e) => e.name);
  assert.deepEqual(names, ['a.txt', 'docs', 'escape', 'secret-link.txt']);
  assert.equal(top.structuredContent.entries[0].size, 5);
  const docs = await client.callTool({ name: 'list_files', arguments: { path: 'docs' } });
  assert.deepEqual(docs.structuredContent.entries.map((e) => e.name), ['b.txt']);
  for (const p of ['..', '/etc', 'escape', 'missing', 'a.txt']) {
    const r = await client.callTool({ name: 'list_files', arguments: { path: p } });
    assert.equal(r.isError, true, p);
  }
  await client.close();
});

test('delete_file deletes one file and refuses everything else', async () => {
  const { client } = await connect();
  const refused = {
    '../outside/secret.txt': /'\.\.' is not allowed/,
    [path.join(outside, 'secret.txt')]: /absolute paths/,
    'escape/secret.txt': /symbolic links/,
    'secret-link.txt': /symbolic links/,
    docs: /directory/,
    'missing.txt': /no such file/,
  };
  for (const [p, why] of Object.entries(refused)) {
    const r = await client.callTool({ name: 'delete_file', arguments: { path: p } });
    assert.equal(r.isError, true, p);
    assert.match(textOf(r), why, p);
  }
  const missingArg = await client.callTool({ name: 'delete_file', arguments: {} });
  assert.equal(missingArg.isError, true);
  assert.ok(fs.existsSync(path.join(outside, 'secret.txt')));
  assert.ok(fs.existsSync(path.join(root, 'docs')));

  const ok = await client.callTool({ name: 'delete_file', arguments: { path: 'docs/b.txt' } });
  assert.ok(!ok.isError, textOf(ok));
  assert.ok(!fs.existsSync(path.join(root, 'docs', 'b.txt')));
  await client.close();
});

test('system_status reports version, uptime, load, memory and requests', async () => {
  const { client } = await connect();
  const r = await client.callTool({ name: 'system_status', arguments: {} });
  const s = r.structuredContent;
  assert.match(s.version, /^\d+\.\d+\.\d+/);
  assert.equal(typeof s.uptimeSeconds, 'number');
  assert.equal(typeof s.load['1m'], 'number');
  assert.ok(s.memory.totalBytes > 0);
  assert.ok(s.requestsServed >= 2);
  await client.close();
});

test('terminating the session makes its id unknown (404)', async () => {
  const { client, transport } = await connect();
  const sessionId = transport.sessionId;
  assert.ok(sessionId && sessionId.length >= 32);
  await transport.terminateSession();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      'Mcp-Session-Id': sessionId,
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'ping' }),
  });
  assert.equal(res.status, 404);
  await client.close();
});

test('transport refusals: batch, bad JSON, no session, bad Origin/Host, bad version', async () => {
  const post = (body, headers = {}) => fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
    body,
  });
  const batch = await post(JSON.stringify([{ jsonrpc: '2.0', id: 1, method: 'ping' }]));
  assert.equal(batch.status, 400);
  assert.equal((await batch.json()).error.code, -32600);
  const bad = await post('{"jsonrpc":"2.0",');
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).error.code, -32700);
  const noSession = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }));
  assert.equal(noSession.status, 400);
  const evil = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    { Origin: 'http://evil.example.com' });
  assert.equal(evil.status, 403);
  const version = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    { 'MCP-Protocol-Version': '1999-01-01' });
  assert.equal(version.status, 400);
  const get = await fetch(url, { headers: { Accept: 'text/event-stream', 'Mcp-Session-Id': 'nope' } });
  assert.equal(get.status, 404);
});

// The identity key set is fetched again after a failure (the gateway was not up yet): before,
// one failed fetch left every assertion rejected until a restart.
test('identity keys fetched again after a failed first fetch', async () => {
  const http = await import('node:http');
  let up = false;
  const doc = JSON.parse(fs.readFileSync(path.join(dir, 'jwks.json'), 'utf8'));
  const jwksServer = http.createServer((req, res) => {
    if (!up) {
      res.writeHead(503).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(doc));
  });
  await new Promise((r) => jwksServer.listen(0, '127.0.0.1', r));
  const jwksUrl = `http://127.0.0.1:${jwksServer.address().port}/jwks.json`;
  const demo = await startDemoServer(['--root', root, '--identity-jwks', jwksUrl]);
  try {
    const call = async () => {
      const token = await assertion(signingKey, { sub: 'auth0|bob' }, { audience: demo.url });
      const client = new Client({ name: 'retry', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(demo.url),
        { requestInit: { headers: { 'X-Mcpgate-Identity': token } } }));
      const r = await client.callTool({ name: 'get_user_info', arguments: {} });
      await client.close();
      return r;
    };
    const first = await call();
    assert.equal(first.isError, true);
    assert.match(textOf(first), /could not be loaded/);
    up = true;
    await new Promise((r) => setTimeout(r, 10500));  // the verifier's refetch cooldown (10 s)
    const later = await call();
    assert.ok(!later.isError, textOf(later));
    assert.equal(later.structuredContent.user, 'auth0|bob');
  } finally {
    assert.equal(await demo.server.stop(), 0, demo.server.output());
    await new Promise((r) => jwksServer.close(r));
  }
});
