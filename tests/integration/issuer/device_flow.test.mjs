// The development issuer end to end: `mcpgate token device` against `mcpgate issuer`, with a
// headless Chromium as the person who enters the code and picks a demo user; client credentials;
// failures reported in one line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRemoteJWKSet, jwtVerify, decodeProtectedHeader } from 'jose';
import { BIN, freePort, start, run } from '../lib/proc.mjs';
import { launch } from '../lib/browser.mjs';

const AUDIENCE = 'https://mcp-oauth-demo';
let issuer;
let base;
let browser;

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  issuer = await start(['issuer', '--listen', `127.0.0.1:${port}`, '--device-interval', '1'],
    { ready: /issuer listening on/ });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await issuer?.stop();
});

async function verify(token, audience = AUDIENCE) {
  const jwks = createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`));
  const { payload } = await jwtVerify(token, jwks, { issuer: `${base}/`, audience });
  return payload;
}

// Starts `mcpgate token device` and resolves with the child and the URL/code it printed.
function startDevice(args) {
  const child = spawn(BIN, ['token', 'device', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  const done = new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  const prompt = new Promise((resolve, reject) => {
    child.stderr.on('data', (c) => {
      stderr += c;
      const m = /open (\S+) and enter the code ([A-Z]{4}-[A-Z]{4})/.exec(stderr);
      if (m) resolve({ url: m[1], code: m[2] });
    });
    done.then((r) => reject(new Error(`token device exited early: ${JSON.stringify(r)}`)));
  });
  return { child, prompt, done };
}

test('device flow: a person approves in the browser and the token lands on stdout', async () => {
  const flow = startDevice(['--issuer', base, '--client-id', 'mcpgate-cli', '--audience', AUDIENCE,
    '--scope', 'openid files:read files:delete']);
  const { url, code } = await flow.prompt;
  assert.equal(url, `${base}/activate`);

  const page = await browser.newPage();
  await page.goto(url);
  assert.match(await page.text(), /Activate your device/);
  assert.match(await page.text(), /Enter the code shown on your device/);
  await page.type('#user_code', code.toLowerCase().replace('-', ''));
  await page.click('#continue');
  await page.waitFor(`document.querySelector('#code')?.textContent === ${JSON.stringify(code)}`);
  const choice = await page.text();
  assert.match(choice, /Continue as admin/);
  assert.match(choice, /Continue as reader/);
  assert.match(choice, /Continue as basic/);
  assert.match(choice, /files:read files:delete/);
  await page.click('#user-reader');
  await page.waitFor(`document.querySelector('#result')?.textContent === 'Device approved'`);
  assert.match(await page.text(), /Signed in as reader/);

  const { code: exit, stdout, stderr } = await flow.done;
  assert.equal(exit, 0, stderr);
  const token = stdout.trim();
  assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'stdout holds only the token');
  assert.equal(decodeProtectedHeader(token).kid, 'mcpgate-dev');
  const claims = await verify(token);
  assert.equal(claims.sub, 'dev|reader');
  assert.equal(claims.scope, 'openid files:read');
  assert.deepEqual(claims.permissions, ['files:read']);
  assert.deepEqual(claims['https://mcp-demo/roles'], []);
});

test('device flow: a person denies and the command fails in one line', async () => {
  const flow = startDevice(['--issuer', base, '--client-id', 'mcpgate-cli']);
  const { code } = await flow.prompt;
  const page = await browser.newPage();
  await page.goto(`${base}/activate?user_code=${code}`);
  await page.waitFor(`!!document.querySelector('#deny')`);
  await page.click('#deny');
  await page.waitFor(`document.querySelector('#result')?.textContent === 'Request denied'`);
  const r = await flow.done;
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /mcpgate token: the request was denied\n$/);
});

test('device flow: a mistyped code is shown as an error on the page', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/activate`);
  await page.type('#user_code', 'BBBB-BBBB');
  await page.click('#continue');
  await page.waitFor(`!!document.querySelector('#error')`);
  assert.match(await page.text(), /not valid or has expired/);
});

test('client credentials, secret in the body and as Basic', async () => {
  for (const method of ['post', 'basic']) {
    const r = await run(['token', 'client-credentials', '--issuer', base, '--client-id', 'mcpgate-service',
      '--client-secret', 'mcpgate-dev-secret', '--resource', 'http://localhost:3000/mcp',
      '--scope', 'files:read', '--auth-method', method]);
    assert.equal(r.code, 0, r.stderr);
    const claims = await verify(r.stdout.trim(), 'http://localhost:3000/mcp');
    assert.equal(claims.sub, 'mcpgate-service@clients');
    assert.equal(claims.gty, 'client-credentials');
    assert.deepEqual(claims.permissions, ['files:read']);
  }
});

test('errors: a wrong secret and an unreachable issuer each give one line and exit 1', async () => {
  const wrong = await run(['token', 'client-credentials', '--issuer', base, '--client-id', 'mcpgate-service',
    '--client-secret', 'nope', '--audience', AUDIENCE]);
  assert.equal(wrong.code, 1);
  assert.equal(wrong.stdout, '');
  assert.match(wrong.stderr, /^mcpgate token: token request at .*\/oauth\/token failed: invalid_client: .*\(HTTP 401\)\n$/);

  const closed = await freePort();
  const down = await run(['token', 'device', '--issuer', `http://127.0.0.1:${closed}`, '--client-id', 'x']);
  assert.equal(down.code, 1);
  assert.match(down.stderr, /^mcpgate token: cannot reach http:\/\/127\.0\.0\.1:\d+\/\.well-known\/openid-configuration: .+\n$/);
});

test('mint: a local token with the issuer key verifies like an issued one', async () => {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mcpgate-mint-'));
  const key = path.join(dir, 'dev.pem');
  const port = await freePort();
  const own = await start(['issuer', '--listen', `127.0.0.1:${port}`, '--write-key', key, '--kid', 'k1'],
    { ready: /issuer listening on/ });
  try {
    const r = await run(['token', 'mint', '--key', key, '--kid', 'k1', '--issuer', `http://127.0.0.1:${port}`,
      '--user', 'admin', '--claims', '{"email":"admin@example.com"}']);
    assert.equal(r.code, 0, r.stderr);
    const jwks = createRemoteJWKSet(new URL(`http://127.0.0.1:${port}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(r.stdout.trim(), jwks, { issuer: `http://127.0.0.1:${port}/`, audience: AUDIENCE });
    assert.equal(payload.sub, 'dev|admin');
    assert.equal(payload.scope, 'files:read files:delete');
    assert.deepEqual(payload['https://mcp-demo/roles'], ['admin']);
    assert.equal(payload.email, 'admin@example.com');
  } finally {
    await own.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
