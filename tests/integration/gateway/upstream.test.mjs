// A native config file: onDeny: forbidden, and the JSON-RPC errors the gateway answers when the
// MCP server is down (502) or does not answer in time (504).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { freePort, start } from '../lib/proc.mjs';
import { startStack, post, USERS, REFERENCE_POLICY, DOMAIN, AUDIENCE } from '../lib/stack.mjs';

let stack, gateway, silent, corsy, url, downUrl, closedPort;

before(async () => {
  stack = await startStack();
  // A server that accepts connections and never answers, and a port nobody listens on.
  silent = net.createServer(() => {});
  await new Promise((r) => silent.listen(0, '127.0.0.1', r));
  // A server that sets CORS headers of its own: the gateway's policy answers CORS instead.
  corsy = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'kept',
      'access-control-allow-origin': 'http://upstream.invalid', 'access-control-max-age': '5' });
    res.end(JSON.stringify({ jsonrpc: '2.0', id: 9, result: { content: [] } }));
  });
  await new Promise((r) => corsy.listen(0, '127.0.0.1', r));
  closedPort = await freePort();
  const port = await freePort();
  fs.copyFileSync(REFERENCE_POLICY, path.join(stack.work, 'reference.yaml'));
  fs.writeFileSync(path.join(stack.work, 'gateway.yaml'), `
listeners: ["127.0.0.1:${port}"]
backends:
  - name: demo
    url: http://127.0.0.1:${stack.demoPort}
    routes: [/mcp]
  - name: silent
    url: http://127.0.0.1:${silent.address().port}
    routes: [/silent]
  - name: down
    url: http://127.0.0.1:${closedPort}
    routes: [/down]
  - name: corsy
    url: http://127.0.0.1:${corsy.address().port}
    routes: [/corsy]
backendHosts:
  auth0-jwks: http://127.0.0.1:${stack.jwks.port}
admin: {enabled: false}
timeouts: {connect: 1s, response: 1s}
onDeny: forbidden
policyFiles: [reference.yaml]
`);
  gateway = await start(['serve', '--config', path.join(stack.work, 'gateway.yaml')],
    { ready: /mcpgate listening on/, env: { AUTH0_DOMAIN: DOMAIN, API_IDENTIFIER: AUDIENCE } });
  url = `http://127.0.0.1:${port}/mcp`;
  downUrl = `http://127.0.0.1:${port}`;
});

after(async () => {
  await gateway?.stop();
  silent?.close();
  corsy?.close();
  await stack?.stop();
});

const call = (name) => JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name, arguments: {} } });

test('onDeny: forbidden answers 403 with insufficient_scope', async () => {
  const res = await post(url, call('delete_file'), { token: await stack.token(USERS.basic) });
  assert.equal(res.status, 403);
  assert.match(res.headers.get('www-authenticate'), /error="insufficient_scope"/);
  assert.match(res.headers.get('www-authenticate'), /resource_metadata="/);
});

test('upstream down: 502 with a JSON-RPC error carrying the request id', async () => {
  const started = Date.now();
  const res = await post(`${downUrl}/down`, call('echo'), { token: await stack.token(USERS.basic) });
  assert.equal(res.status, 502);
  assert.equal(res.json.id, 9);
  assert.equal(res.json.error.code, -32603);
  assert.ok(Date.now() - started < 3000);
});

test('upstream hangs: 504 after the response timeout', async () => {
  const started = Date.now();
  const res = await post(`${downUrl}/silent`, call('echo'), { token: await stack.token(USERS.basic) });
  assert.equal(res.status, 504);
  assert.equal(res.json.error.code, -32603);
  const took = Date.now() - started;
  assert.ok(took >= 900 && took < 5000, `took ${took} ms`);
});

test('the upstream\'s own CORS headers are replaced by the policy\'s, other fields pass', async () => {
  const res = await post(`${downUrl}/corsy`, call('echo'),
    { token: await stack.token(USERS.basic), headers: { origin: 'http://localhost:6274' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('x-upstream'), 'kept');
  const allow = res.headers.get('access-control-allow-origin');
  assert.ok(allow && !allow.includes('upstream.invalid'), `allow-origin: ${allow}`);
  assert.notEqual(res.headers.get('access-control-max-age'), '5');
});
