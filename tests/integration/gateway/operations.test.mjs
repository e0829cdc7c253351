// Hot reload, the admin endpoints, and the MCP SDK's OAuth discovery against the gateway.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { discoverOAuthProtectedResourceMetadata } from '@modelcontextprotocol/sdk/client/auth.js';
import { startStack, post, USERS, REFERENCE_POLICY, ISSUER } from '../lib/stack.mjs';

let stack;

before(async () => {
  stack = await startStack();
});

after(async () => {
  await stack?.stop();
});

const list = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });

async function toolNames(client) {
  return (await client.listTools()).tools.map((t) => t.name).sort();
}

async function until(predicate, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) {
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

test('admin endpoints: healthz, readyz, metrics, config', async () => {
  const admin = `http://127.0.0.1:${stack.adminPort}`;
  assert.equal((await fetch(`${admin}/healthz`)).status, 200);
  assert.ok(await until(async () => (await fetch(`${admin}/readyz`)).status === 200), 'ready once the JWKS is in');
  await post(stack.url, list, { token: await stack.token(USERS.basic) });
  await post(stack.url, list);
  const metrics = await (await fetch(`${admin}/metrics`)).text();
  assert.match(metrics, /mcpgate_http_requests_total\{code="4xx"\} [1-9]/);  // no session: the server says 400
  assert.match(metrics, /mcpgate_mcp_requests_total\{method="tools\/list",decision="unchecked"\} [1-9]/);
  assert.match(metrics, /mcpgate_auth_failures_total\{reason="missing"\} [1-9]/);
  assert.match(metrics, /mcpgate_request_duration_seconds_bucket\{le="\+Inf"\} [1-9]/);
  assert.match(metrics, /mcpgate_jwks_fetches_total\{result="success"\} [1-9]/);
  const config = await (await fetch(`${admin}/config`)).json();
  assert.equal(config.policy.rules.length, 5);
  assert.equal(config.policy.jwtAuthentication.providers[0].issuer, ISSUER);
  assert.match(config.policy.rules[0].where, /policy\.yaml:\d+:\d+/);
});

test('reload: a policy edit changes visible tools without a restart or a dropped stream', async () => {
  const headers = { Authorization: `Bearer ${await stack.token(USERS.reader)}` };
  const client = new Client({ name: 'reload-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(stack.url), { requestInit: { headers } }));
  assert.deepEqual(await toolNames(client), ['echo', 'get_user_info', 'list_files']);

  // An open GET stream (server-to-client SSE) must survive the reload.
  const sessionId = client.transport.sessionId;
  const stream = await fetch(stack.url, { headers: { ...headers, accept: 'text/event-stream', 'mcp-session-id': sessionId,
    'mcp-protocol-version': '2025-06-18' } });
  assert.equal(stream.status, 200);
  const reader = stream.body.getReader();

  const original = fs.readFileSync(REFERENCE_POLICY, 'utf8');
  fs.writeFileSync(stack.policyFile, original.replace(`- 'mcp.tool.name == "echo"'`, `- 'mcp.tool.name == "nothing"'`));
  assert.ok(await until(async () => !(await toolNames(client)).includes('echo')), 'echo disappears after the edit');
  assert.deepEqual(await toolNames(client), ['get_user_info', 'list_files']);

  // A broken edit keeps the previous policy.
  fs.writeFileSync(stack.policyFile, 'apiVersion: agentgateway.dev/v1alpha1\nkind: AgentgatewayPolicy\nspec: [\n');
  await new Promise((r) => setTimeout(r, 2500));
  assert.deepEqual(await toolNames(client), ['get_user_info', 'list_files']);
  const admin = `http://127.0.0.1:${stack.adminPort}`;
  assert.match(await (await fetch(`${admin}/metrics`)).text(), /mcpgate_config_reloads_total\{result="failure"\} [1-9]/);

  // A file caught half-written (empty, comments only, cut after `spec:`/`traffic:`) or one that
  // drops authentication or every rule is refused: reloading it would let everything through.
  const reloadFailures = async () => Number((await (await fetch(`${admin}/metrics`)).text())
    .match(/mcpgate_config_reloads_total\{result="failure"\} (\d+)/)?.[1] ?? 0);
  const rulesOnly = original.slice(0, original.indexOf('  traffic:')) + original.slice(original.indexOf('  backend:'));
  const authOnly = original.slice(0, original.indexOf('  backend:'));
  assert.ok(authOnly.includes('jwtAuthentication') && !rulesOnly.includes('jwtAuthentication'));
  for (const text of ['', '# editing...\n', original.slice(0, original.indexOf('spec:') + 6),
    original.slice(0, original.indexOf('  traffic:') + 11), rulesOnly, authOnly]) {
    const failures = await reloadFailures();
    fs.writeFileSync(stack.policyFile, text);
    assert.ok(await until(async () => (await reloadFailures()) > failures), `reload of ${JSON.stringify(text.slice(-40))} refused`);
    assert.deepEqual(await toolNames(client), ['get_user_info', 'list_files']);
    const anonymous = await post(stack.url, JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call',
      params: { name: 'delete_file', arguments: { path: 'x' } } }));
    assert.equal(anonymous.status, 401, anonymous.text);
  }

  fs.writeFileSync(stack.policyFile, original);
  assert.ok(await until(async () => (await toolNames(client)).includes('echo')), 'echo is back');

  // The stream opened before the reloads is still open: reading does not report its end.
  const pending = await Promise.race([reader.read().then((r) => (r.done ? 'ended' : 'data')),
    new Promise((r) => setTimeout(() => r('open'), 300))]);
  assert.notEqual(pending, 'ended');
  await reader.cancel();
  await client.close();
});

test('the SDK\'s OAuth discovery finds and accepts the protected-resource metadata', async () => {
  const meta = await discoverOAuthProtectedResourceMetadata(stack.url);
  assert.equal(meta.resource, stack.url);
  assert.deepEqual(meta.authorization_servers, [ISSUER]);
});

test('CORS: preflight is answered before authentication and exposes Mcp-Session-Id', async () => {
  const pre = await fetch(stack.url, { method: 'OPTIONS', headers: { origin: 'http://localhost:6274',
    'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), 'http://localhost:6274');
  assert.equal(pre.headers.get('access-control-max-age'), '86400');
  const res = await fetch(stack.url, { method: 'POST', headers: { origin: 'http://localhost:6274', 'content-type': 'application/json' }, body: list });
  assert.equal(res.status, 401);
  assert.match(res.headers.get('access-control-expose-headers'), /Mcp-Session-Id/);
});
