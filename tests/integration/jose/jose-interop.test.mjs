// Cross-checks with the npm `jose` package in both directions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as jose from 'jose';
import { run } from '../lib/proc.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpgate-jose-interop-'));
const issuer = 'https://issuer.example/';
const audience = 'https://mcp-demo/api';

for (const alg of ['RS256', 'PS256', 'ES256', 'EdDSA']) {
  test(`a token jose signs with ${alg} verifies with mcpgate`, async () => {
    const { publicKey, privateKey } = await jose.generateKeyPair(alg, { crv: alg === 'EdDSA' ? 'Ed25519' : undefined });
    const jwk = { ...(await jose.exportJWK(publicKey)), kid: `jose-${alg}`, alg, use: 'sig' };
    const jwksFile = path.join(dir, `jose-${alg}.json`);
    fs.writeFileSync(jwksFile, JSON.stringify({ keys: [jwk] }));
    const token = await new jose.SignJWT({ scope: 'read:tools', permissions: ['call:tools'] })
      .setProtectedHeader({ alg, kid: jwk.kid, typ: 'at+jwt' })
      .setIssuer(issuer).setAudience([audience, `${issuer}userinfo`]).setSubject('auth0|alice')
      .setIssuedAt().setExpirationTime('5m')
      .sign(privateKey);
    const args = ['jwt', 'verify', '--jwks', jwksFile, '--issuer', issuer, '--audience', audience];
    const r = await run([...args, token]);
    assert.equal(r.code, 0, r.stderr);
    const claims = JSON.parse(r.stdout);
    assert.equal(claims.sub, 'auth0|alice');
    assert.deepEqual(claims.permissions, ['call:tools']);

    // The same token an hour later is expired; with another allowlist it is refused.
    const later = await run([...args, '--now', String(Math.floor(Date.now() / 1000) + 3600), token]);
    assert.equal(later.code, 1);
    assert.match(later.stderr, /^error: expired: /);
    const other = await run([...args, '--alg', alg === 'RS256' ? 'ES256' : 'RS256', token]);
    assert.equal(other.code, 1);
    assert.match(other.stderr, /^error: alg_not_allowed: /);
  });
}

for (const alg of ['RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA']) {
  test(`a token mcpgate signs with ${alg} verifies with jose`, async () => {
    const out = path.join(dir, `mcpgate-${alg}`);
    const kid = `mcpgate-${alg}`;
    const gen = await run(['jwt', 'keygen', '--alg', alg, '--kid', kid, '--out', out]);
    assert.equal(gen.code, 0, gen.stderr);
    const keyFile = path.join(out, `${kid}.pem`);
    assert.equal(fs.statSync(keyFile).mode & 0o077, 0, 'private key readable by others');
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: issuer, aud: audience, sub: 'svc', iat: now, exp: now + 300, scope: 'a b' };
    const signed = await run(['jwt', 'sign', '--key', keyFile, '--alg', alg, '--kid', kid,
      '--claims', JSON.stringify(claims), '--header', '{"typ":"at+jwt"}']);
    assert.equal(signed.code, 0, signed.stderr);
    const token = signed.stdout.trim();
    const jwks = JSON.parse(fs.readFileSync(path.join(out, 'jwks.json'), 'utf8'));
    const { payload, protectedHeader } = await jose.jwtVerify(token, jose.createLocalJWKSet(jwks), {
      issuer, audience, algorithms: [alg], typ: 'at+jwt',
    });
    assert.equal(protectedHeader.kid, kid);
    assert.equal(payload.sub, 'svc');
    // And mcpgate itself agrees.
    const back = await run(['jwt', 'verify', '--jwks', path.join(out, 'jwks.json'), '--issuer', issuer,
      '--audience', audience, token]);
    assert.equal(back.code, 0, back.stderr);
  });
}
