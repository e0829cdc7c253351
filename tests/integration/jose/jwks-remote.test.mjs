// `mcpgate jwt verify --jwks URL` and issuer discovery against a loopback server: the remote
// fetch rules (no redirects, size limit, timeouts) seen from outside.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import * as jose from 'jose';
import { run } from '../lib/proc.mjs';

let server;
let base;
let token;
let jwks;
const audience = 'https://mcp-demo/api';
const hits = {};

before(async () => {
  const { publicKey, privateKey } = await jose.generateKeyPair('ES256');
  jwks = { keys: [{ ...(await jose.exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] };
  server = http.createServer((req, res) => {
    hits[req.url] = (hits[req.url] ?? 0) + 1;
    const json = (body, headers = {}) => {
      res.writeHead(200, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    switch (req.url) {
      case '/jwks': return json(jwks, { 'cache-control': 'public, max-age=600' });
      case '/redirect': res.writeHead(302, { location: `${base}/jwks` }); return res.end();
      case '/big': return json({ keys: [], pad: 'x'.repeat(300 * 1024) });
      case '/slow': return; // never answers
      case '/missing': res.writeHead(404); return res.end();
      case '/.well-known/openid-configuration': return json({ issuer: `${base}/`, jwks_uri: `${base}/jwks` });
      default: res.writeHead(404); return res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  token = await new jose.SignJWT({ scope: 'read:tools' })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer(`${base}/`).setAudience(audience).setIssuedAt().setExpirationTime('5m')
    .sign(privateKey);
});

after(() => {
  server.closeAllConnections();
  server.close();
});

const verify = (extra) => run(['jwt', 'verify', '--issuer', `${base}/`, '--audience', audience, ...extra, token]);

test('a JWKS URL on loopback verifies', async () => {
  const r = await verify(['--jwks', `${base}/jwks`]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).scope, 'read:tools');
});

test('discovery from the issuer alone finds jwks_uri', async () => {
  const before = hits['/.well-known/openid-configuration'] ?? 0;
  const r = await verify([]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(hits['/.well-known/openid-configuration'], before + 1);
});

test('a redirect is refused, not followed', async () => {
  const jwksHits = hits['/jwks'] ?? 0;
  const r = await verify(['--jwks', `${base}/redirect`]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: no_keys: .*redirect refused/);
  assert.equal(hits['/jwks'] ?? 0, jwksHits);
});

test('an oversized document is refused', async () => {
  const r = await verify(['--jwks', `${base}/big`]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: no_keys: /);
});

test('a server that never answers times out', async () => {
  const started = Date.now();
  const r = await verify(['--jwks', `${base}/slow`, '--fetch-timeout-ms', '500']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: no_keys: /);
  assert.ok(Date.now() - started < 5000, 'took too long');
});

test('an error status is refused', async () => {
  const r = await verify(['--jwks', `${base}/missing`]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /unexpected HTTP status/);
});

test('plain http to a non-loopback host is refused before connecting', async () => {
  const r = await verify(['--jwks', 'http://192.0.2.1/jwks']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /plain http/);
});
