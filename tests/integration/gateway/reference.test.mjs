// The reference scenario end to end (mcp-oauth-demos README, steps 5-7): demo server behind the
// gateway with the verbatim AgentgatewayPolicy, tokens shaped like Auth0's, the tools each caller
// sees and may call.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as jose from 'jose';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { freePort, start, serveJwks, SOURCE_DIR } from '../lib/proc.mjs';

const DOMAIN = 'tenant.example.auth0.com';
const AUDIENCE = 'https://mcp-oauth-demo';
const ISSUER = `https://${DOMAIN}/`;
const ALL_TOOLS = ['delete_file', 'echo', 'get_user_info', 'list_files', 'system_status'];

let jwks, demo, gateway, url, privateKey, work;

async function token(claims, { key = privateKey, kid = 'k1', exp = '1h' } = {}) {
  return new jose.SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'at+jwt' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(key);
}

const users = {
  admin: { sub: 'auth0|admin', scope: 'openid files:read files:delete', 'https://mcp-demo/roles': ['admin'] },
  reader: { sub: 'auth0|reader', scope: 'openid files:read' },
  basic: { sub: 'auth0|basic', scope: 'openid' },
};

async function connect(bearer) {
  const headers = bearer ? { Authorization: `Bearer ${bearer}` } : {};
  const client = new Client({ name: 'reference-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

before(async () => {
  const pair = await jose.generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const publicJwk = { ...(await jose.exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwks = await serveJwks(() => ({ keys: [publicJwk] }));
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpgate-ref-'));
  const policy = fs.readFileSync(path.join(SOURCE_DIR, 'tests/unit/config/data/reference-auth0-policy.yaml'), 'utf8');
  fs.writeFileSync(path.join(work, 'policy.yaml'), policy);
  const [demoPort, gwPort] = [await freePort(), await freePort()];
  url = `http://127.0.0.1:${gwPort}/mcp`;
  demo = await start(['demo-server', '--listen', `127.0.0.1:${demoPort}`, '--root', path.join(work, 'files'),
    '--identity-jwks', `http://127.0.0.1:${gwPort}/.well-known/mcpgate/jwks.json`], { ready: /listening on/ });
  gateway = await start(['serve', '--listen', `127.0.0.1:${gwPort}`, '--backend', `http://127.0.0.1:${demoPort}`,
    '--policy', path.join(work, 'policy.yaml'), '--backend-host', `auth0-jwks=http://127.0.0.1:${jwks.port}`,
    '--admin', '127.0.0.1:0', '--workers', '2'],
    { ready: /mcpgate listening on/, env: { AUTH0_DOMAIN: DOMAIN, API_IDENTIFIER: AUDIENCE } });
});

after(async () => {
  await gateway?.stop();
  await demo?.stop();
  await jwks?.close();
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
