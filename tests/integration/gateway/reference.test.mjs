// The reference scenario end to end (mcp-oauth-demos README, steps 5-7): demo server behind the
// gateway with the verbatim AgentgatewayPolicy, tokens shaped like Auth0's, the tools each caller
// sees and may call.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as jose from 'jose';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startStack, ALL_TOOLS, ISSUER, USERS as users } from '../lib/stack.mjs';

let stack, url, token;

async function connect(bearer) {
  const headers = bearer ? { Authorization: `Bearer ${bearer}` } : {};
  const client = new Client({ name: 'reference-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

before(async () => {
  stack = await startStack();
  ({ url, token } = stack);
});

after(async () => {
  await stack?.stop();
});

test('no token: 401 pointing at the protected-resource metadata', async () => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
  assert.equal(res.status, 401);
  const challenge = res.headers.get('www-authenticate');
  assert.match(challenge, /^Bearer resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"$/);
  const meta = await (await fetch(challenge.match(/"(.*)"/)[1])).json();
  assert.equal(meta.resource, url);
  assert.deepEqual(meta.authorization_servers, [ISSUER]);
});

test('a bad token: 401 with error="invalid_token"', async () => {
  const other = await jose.generateKeyPair('RS256');
  const forged = await token(users.admin, { key: other.privateKey });
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${forged}` },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
  assert.equal(res.status, 401);
  assert.match(res.headers.get('www-authenticate'), /error="invalid_token"/);
});

const visible = {
  admin: ALL_TOOLS,
  reader: ['echo', 'get_user_info', 'list_files'],
  basic: ['echo', 'get_user_info'],
};

for (const [who, tools] of Object.entries(visible)) {
  test(`${who} sees exactly ${tools.join(', ')}`, async () => {
    const client = await connect(await token(users[who]));
    const listed = (await client.listTools()).tools.map((t) => t.name).sort();
    assert.deepEqual(listed, tools);
    for (const hidden of ALL_TOOLS.filter((t) => !tools.includes(t))) {
      await assert.rejects(client.callTool({ name: hidden, arguments: { path: 'readme.txt' } }),
        (e) => e.code === -32602 && e.message.includes(`Unknown tool: ${hidden}`));
    }
    const echoed = await client.callTool({ name: 'echo', arguments: { message: `hi ${who}` } });
    assert.match(echoed.content[0].text, new RegExp(`hi ${who}`));
    await client.close();
  });
}

test('get_user_info returns the caller\'s own claims, from the gateway\'s assertion', async () => {
  const client = await connect(await token(users.reader));
  const info = await client.callTool({ name: 'get_user_info', arguments: {} });
  const text = info.content.map((c) => c.text ?? '').join('\n');
  assert.match(text, /auth0\|reader/);
  assert.match(text, /files:read/);
  await client.close();
});

test('admin can list and delete files', async () => {
  const client = await connect(await token(users.admin));
  const listed = await client.callTool({ name: 'list_files', arguments: {} });
  assert.notEqual(listed.isError, true);
  const status = await client.callTool({ name: 'system_status', arguments: {} });
  assert.notEqual(status.isError, true);
  await client.close();
});
