// `mcpgate dev` started as a new user would: the banner's tokens work with the MCP Inspector CLI,
// and a token from the device flow, approved in a real headless Chromium, works with the SDK.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import http from 'node:http';
import { BIN, freePortRange, inspectorCli, start } from '../lib/proc.mjs';
import { launch } from '../lib/browser.mjs';

let dev, dir, port, tokens;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpgate-dev-'));
  // dev takes four consecutive ports; retry if a neighbour of the free one is taken.
  for (let attempt = 0; attempt < 5 && !dev; attempt++) {
    port = await freePortRange(4);
    try {
      dev = await start(['dev', '--port', String(port), '--dir', path.join(dir, 'work')], { ready: /Ctrl-C stops everything/, cwd: dir });
    } catch (e) {
      if (attempt === 4) throw e;
    }
  }
  tokens = Object.fromEntries([...dev.output().matchAll(/export (\w+)_TOKEN=(\S+)/g)].map((m) => [m[1].toLowerCase(), m[2]]));
});

after(async () => {
  const code = await dev?.stop();
  assert.equal(code, 0, 'Ctrl-C (SIGTERM) stops everything cleanly');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the banner names what each user sees and writes the policy', () => {
  const out = dev.output();
  assert.match(out, new RegExp(`http://localhost:${port}/mcp`));
  assert.match(out, /reader sees: echo, get_user_info, list_files/);
  assert.match(out, /basic sees: echo, get_user_info\n/);
  assert.ok(fs.readFileSync(path.join(dir, 'work', 'policy.yaml'), 'utf8').includes('jwt.scope.contains("files:read")'));
  assert.deepEqual(Object.keys(tokens).sort(), ['admin', 'basic', 'reader']);
});

test('banner tokens work with the Inspector CLI', { timeout: 120000 }, async () => {
  const url = `http://localhost:${port}/mcp`;
  const expected = { admin: 5, reader: 3, basic: 2 };
  for (const [user, count] of Object.entries(expected)) {
    const r = await inspectorCli(url, ['--method', 'tools/list'], { home: dir, headers: { Authorization: `Bearer ${tokens[user]}` } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(JSON.parse(r.stdout).tools.length, count, `${user}: ${r.stdout}`);
  }
});

test('a port already in use is a clear error', async () => {
  const r = await new Promise((resolve) => {
    const child = spawn(BIN, ['dev', '--port', String(port), '--dir', path.join(dir, 'other')]);
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    child.on('exit', (code) => resolve({ code, err }));
  });
  assert.equal(r.code, 1);
  assert.match(r.err, /not available|in use/);
});

test('device flow against mcpgate dev, approved in Chromium; the token lists the reader\'s tools', { timeout: 60000 }, async () => {
  const issuer = `http://localhost:${port + 1}`;
  const child = spawn(BIN, ['token', 'device', '--issuer', issuer, '--client-id', 'mcpgate-cli',
    '--audience', `http://localhost:${port}/mcp`, '--scope', 'files:read files:delete']);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  const done = new Promise((resolve) => child.on('exit', resolve));
  const { url, code } = await new Promise((resolve) => child.stderr.on('data', (c) => {
    stderr += c;
    const m = /open (\S+) and enter the code ([A-Z]{4}-[A-Z]{4})/.exec(stderr);
    if (m) resolve({ url: m[1], code: m[2] });
  }));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.type('#user_code', code);
    await page.click('#continue');
    await page.waitFor(`document.querySelector('#code')?.textContent === ${JSON.stringify(code)}`);
    await page.click('#user-reader');
    await page.waitFor(`document.querySelector('#result')?.textContent === 'Device approved'`);
  } finally {
    await browser.close();
  }
  assert.equal(await done, 0, stderr);
  const client = new Client({ name: 'dev-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`http://localhost:${port}/mcp`),
    { requestInit: { headers: { Authorization: `Bearer ${stdout.trim()}` } } }));
  const names = (await client.listTools()).tools.map((t) => t.name).sort();
  assert.deepEqual(names, ['echo', 'get_user_info', 'list_files']);
  await client.close();
});

// The MCP SDK's own OAuth client, driven from the gateway's 401 and protected-resource metadata:
// discovery, dynamic client registration, authorization code with PKCE (a person picks the
// reader in Chromium), token exchange with the resource indicator, then the tools it may see.
test('the SDK OAuth client (code + PKCE + registration) completes against mcpgate dev', { timeout: 60000 }, async () => {
  const mcpUrl = `http://localhost:${port}/mcp`;
  let resolveCode;
  const gotCode = new Promise((r) => (resolveCode = r));
  const callback = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://127.0.0.1');
    resolveCode(u.searchParams.get('code'));
    res.writeHead(200, { 'content-type': 'text/plain' }).end('signed in');
  });
  await new Promise((r) => callback.listen(0, '127.0.0.1', r));
  const redirectUrl = `http://127.0.0.1:${callback.address().port}/callback`;
  const store = {};
  let authorizationUrl;
  const provider = {
    get redirectUrl() { return redirectUrl; },
    get clientMetadata() {
      return { client_name: 'sdk oauth test', redirect_uris: [redirectUrl], grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'], token_endpoint_auth_method: 'none' };
    },
    clientInformation: () => store.client,
    saveClientInformation: (c) => { store.client = c; },
    tokens: () => store.tokens,
    saveTokens: (t) => { store.tokens = t; },
    redirectToAuthorization: (u) => { authorizationUrl = u; },
    saveCodeVerifier: (v) => { store.verifier = v; },
    codeVerifier: () => store.verifier,
  };
  try {
    // Without a token the gateway answers 401 pointing at its metadata; the SDK follows it.
    const challenge = await fetch(mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' });
    assert.equal(challenge.status, 401);
    const resourceMetadataUrl = new URL(challenge.headers.get('www-authenticate').match(/resource_metadata="([^"]+)"/)[1]);
    assert.equal(await auth(provider, { serverUrl: mcpUrl, resourceMetadataUrl }), 'REDIRECT');
    assert.ok(store.client?.client_id, 'registered dynamically');
    assert.equal(authorizationUrl.searchParams.get('code_challenge_method'), 'S256');
    const browser = await launch();
    try {
      const page = await browser.newPage();
      await page.goto(authorizationUrl.toString());
      await page.click('#user-reader');
      const code = await gotCode;
      assert.equal(await auth(provider, { serverUrl: mcpUrl, resourceMetadataUrl, authorizationCode: code }), 'AUTHORIZED');
    } finally {
      await browser.close();
    }
    const client = new Client({ name: 'sdk-oauth-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider }));
    const names = (await client.listTools()).tools.map((t) => t.name).sort();
    assert.deepEqual(names, ['echo', 'get_user_info', 'list_files']);
    await client.close();
  } finally {
    callback.close();
  }
});
