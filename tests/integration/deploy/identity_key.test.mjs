// Several gateway replicas behind one Service (deploy/k8s: HPA, minReplicas 2) share the identity
// key from a Secret (identity.keyFile). They must publish the same key under the same kid, or a
// demo server that fetched the JWKS from one replica rejects assertions signed by another.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, run, start, startDemoServer } from '../lib/proc.mjs';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpgate-idkey-'));
const running = [];

after(async () => {
  for (const p of running) {
    await p.stop();
  }
  fs.rmSync(work, { recursive: true, force: true });
});

async function gateway(keyFile, backend) {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(work, 'gw-'));
  const cfg = path.join(dir, 'gateway.yaml');
  fs.writeFileSync(cfg, [
    `listeners: ["127.0.0.1:${port}"]`,
    `backends: [{name: demo, url: "${backend}"}]`,
    'admin: {enabled: false}',
    'workers: 1',
    ...(keyFile ? [`identity: {keyFile: "${keyFile}"}`] : []),
  ].join('\n') + '\n');
  const gw = await start(['serve', '--config', cfg], { ready: /mcpgate listening on/ });
  running.push(gw);
  const res = await fetch(`http://127.0.0.1:${port}/.well-known/mcpgate/jwks.json`);
  assert.equal(res.status, 200);
  return (await res.json()).keys;
}

test('replicas sharing identity.keyFile publish one key under one kid', async () => {
  const keys = path.join(work, 'keys');
  const r = await run(['jwt', 'keygen', '--alg', 'ES256', '--kid', 'identity', '--out', keys]);
  assert.equal(r.code, 0, r.stderr);
  const pem = fs.readdirSync(keys).find((f) => f.endsWith('.pem'));
  const { server, url } = await startDemoServer(['--root', path.join(work, 'files')]);
  running.push(server);
  const backend = new URL(url).origin;
  const a = await gateway(path.join(keys, pem), backend);
  const b = await gateway(path.join(keys, pem), backend);
  assert.equal(a.length, 1);
  assert.deepEqual(a, b, 'the same JWKS from both replicas');
  // A kid derived from the key (RFC 7638 thumbprint: 43 base64url characters of SHA-256).
  assert.match(a[0].kid, /^[A-Za-z0-9_-]{43}$/);
  // Generated keys stay per process.
  const c = await gateway(null, backend);
  assert.notEqual(c[0].kid, a[0].kid);
  assert.notEqual(c[0].x, a[0].x);
});
