// jwks.allowPlainHttpHosts: a JWKS on a non-loopback host over plain http is refused at load
// unless its host is named (the dev overlay's in-cluster issuer), and then tokens verify.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import * as jose from 'jose';
import { freePort, run, start, startDemoServer, waitReady } from '../lib/proc.mjs';

// An address of this machine that is not loopback (the gateway treats 127/8, ::1 and localhost
// as loopback).
const address = Object.values(os.networkInterfaces()).flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpgate-plainjwks-'));
const cleanup = [];
after(async () => {
  for (const fn of cleanup.reverse()) {
    await fn();
  }
  fs.rmSync(work, { recursive: true, force: true });
});

test('plain-http JWKS to a non-loopback host needs jwks.allowPlainHttpHosts', { skip: !address && 'no non-loopback IPv4 address' }, async () => {
  const pair = await jose.generateKeyPair('ES256');
  const jwk = { ...(await jose.exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise((resolve) => server.listen(0, address, resolve));
  cleanup.push(() => new Promise((resolve) => server.close(resolve)));
  const jwksUrl = `http://${address}:${server.address().port}/.well-known/jwks.json`;

  const { server: demo, url: demoUrl } = await startDemoServer(['--root', path.join(work, 'files')]);
  cleanup.push(() => demo.stop());
  const [port, adminPort] = [await freePort(), await freePort()];
  const policy = path.join(work, 'policy.yaml');
  fs.writeFileSync(policy, `apiVersion: agentgateway.dev/v1alpha1
kind: AgentgatewayPolicy
metadata: {name: p}
spec:
  traffic:
    jwtAuthentication:
      providers:
        - issuer: https://issuer.example/
          audiences: [mcp]
          jwks: {remote: {url: "${jwksUrl}"}}
`);
  const config = (extra) => {
    const file = path.join(work, `gateway-${extra ? 'allowed' : 'default'}.yaml`);
    fs.writeFileSync(file, [
      `listeners: ["127.0.0.1:${port}"]`,
      `backends: [{name: demo, url: "${new URL(demoUrl).origin}"}]`,
      `admin: {address: 127.0.0.1, port: ${adminPort}}`,
      'workers: 1',
      'policyFiles: [policy.yaml]',
      ...(extra ? [extra] : []),
    ].join('\n') + '\n');
    return file;
  };

  // Without the exemption: a start-up error naming the rule and the URL.
  const refused = await run(['serve', '--config', config(null)]);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr + refused.stdout, /plain http is allowed only to loopback hosts/);
  assert.ok((refused.stderr + refused.stdout).includes(jwksUrl));

  // Another host named does not help.
  const other = await run(['serve', '--config', config('jwks: {allowPlainHttpHosts: [issuer.example]}')]);
  assert.notEqual(other.code, 0);

  // With the host named: ready once the keys are in, and tokens signed by them verify.
  const gw = await start(['serve', '--config', config(`jwks: {allowPlainHttpHosts: ["${address}"]}`)], { ready: /mcpgate listening on/ });
  cleanup.push(() => gw.stop());
  await waitReady(`http://127.0.0.1:${adminPort}/readyz`);
  const cfg = await (await fetch(`http://127.0.0.1:${adminPort}/config`)).json();
  assert.deepEqual(cfg.jwks.allowPlainHttpHosts, [address]);
  const token = await new jose.SignJWT({ sub: 'u' })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer('https://issuer.example/').setAudience('mcp').setIssuedAt().setExpirationTime('5m')
    .sign(pair.privateKey);
  const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } };
  const post = (auth) => fetch(`http://127.0.0.1:${port}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body: JSON.stringify(init),
  });
  assert.equal((await post(null)).status, 401);
  assert.equal((await post(token)).status, 200);
});
