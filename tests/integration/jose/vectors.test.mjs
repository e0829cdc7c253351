// Every vector of tests/conformance/jose/vectors.json through `mcpgate jwt verify`: valid ones
// exit 0, invalid ones exit 1 with `error: <class>: …` naming the class of the vector's reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run, SOURCE_DIR } from '../lib/proc.mjs';

const doc = JSON.parse(fs.readFileSync(path.join(SOURCE_DIR, 'tests/conformance/jose/vectors.json'), 'utf8'));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpgate-jose-vectors-'));

const reasonToClass = {
  alg_none: 'alg_not_allowed', alg_not_allowed: 'alg_not_allowed', bad_signature: 'bad_signature',
  bad_key: 'bad_key', key_alg_mismatch: 'key_alg_mismatch', no_key: 'unknown_kid',
  malformed: 'malformed', malformed_header: 'malformed_header', malformed_claim: 'malformed_claim',
  missing_claim: 'missing_claim', duplicate_member: 'duplicate_member', crit: 'crit',
  jwe_not_supported: 'jwe_not_supported', typ: 'typ', iss: 'iss', aud: 'aud', expired: 'expired',
  not_yet_valid: 'not_yet_valid', iat: 'iat', limits: 'limits',
};

// The public members of a JWK (the vectors' `keys` carry private parts; a verifier needs none).
const publicOnly = ({ d, p, q, dp, dq, qi, ...pub }) => pub;
// For jws vectors with no key at all, any unrelated key shows how the token is refused.
const unrelatedKey = publicOnly(doc.keys['rfc7515-a3'].jwk);

function argsFor(v, index) {
  const val = { ...doc.default_validation, ...(v.validation ?? {}) };
  const keyFile = path.join(dir, `key-${index}.json`);
  const common = ['--alg', val.algorithms.join(','), '--max-token-bytes', String(val.max_token_bytes)];
  if (v.layer === 'jws') {
    fs.writeFileSync(keyFile, JSON.stringify(v.jwk ?? unrelatedKey));
    return ['jwt', 'verify', '--signature-only', '--jwk', keyFile, ...common, '-'];
  }
  fs.writeFileSync(keyFile, JSON.stringify(v.jwks));
  return ['jwt', 'verify', '--jwks', keyFile, '--issuer', val.issuer, '--audience', val.audience,
    '--now', String(val.now), '--skew', String(val.clock_skew_s), ...common, '-'];
}

test('the file holds 127 vectors', () => {
  assert.equal(doc.vectors.length, 127);
});

doc.vectors.forEach((v, index) => {
  test(`${v.name} (${v.layer}, ${v.expect}${v.strictness ? `, ${v.strictness}` : ''})`, async () => {
    const r = await run(argsFor(v, index), { input: v.token });
    if (v.expect === 'valid') {
      assert.equal(r.code, 0, `stderr: ${r.stderr}\nnotes: ${v.notes}`);
      if (v.layer === 'jwt') {
        const claims = JSON.parse(r.stdout);
        for (const [k, want] of Object.entries(v.expect_claims ?? {})) {
          assert.deepEqual(claims[k], want, k);
        }
      }
      return;
    }
    assert.equal(r.code, 1, `stdout: ${r.stdout}\nstderr: ${r.stderr}\nnotes: ${v.notes}`);
    assert.equal(r.stdout, '');
    const m = /^error: ([a-z_]+): /.exec(r.stderr);
    assert.ok(m, `stderr: ${r.stderr}`);
    assert.equal(m[1], reasonToClass[v.reason], `${r.stderr}notes: ${v.notes}`);
  });
});

test('usage errors exit 2', async () => {
  const r = await run(['jwt', 'verify', '--jwks', path.join(dir, 'missing.json'), '--issuer', 'x',
    '--audience', 'y', 'a.b.c']);
  assert.equal(r.code, 2);
  const bad = await run(['jwt', 'verify', '--alg', 'XX256', '--jwks', 'f', '--issuer', 'x', '--audience', 'y', 't']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /XX256/);
  const unknownFlag = await run(['jwt', 'verify', '--no-such-flag']);
  assert.equal(unknownFlag.code, 2);
});

test('decode marks its output unverified', async () => {
  const v = doc.vectors.find((x) => x.name === 'jwt-auth0-valid');
  const r = await run(['jwt', 'decode', v.token]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.match(out.warning, /UNVERIFIED/);
  assert.equal(out.header.alg, 'RS256');
  assert.equal(out.claims.iss, 'https://tenant.auth0.com/');
  assert.match(r.stderr, /without verification/);
});

test('decode shows a payload that is not JSON as the string it is', async () => {
  const r = await run(['jwt', 'decode', 'eyJhbGciOiJIUzI1NiJ9.aGVsbG8.c2ln']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).claims, 'hello');
});
