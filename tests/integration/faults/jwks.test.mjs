// The issuer's key set fails: down at start, down after start, rotated.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callTool, jwksServer, nodeUpstream, post, signingKey, startGateway, until } from './helpers.mjs';

// A Node upstream and a gateway trusting `jwks`, all stopped when test `t` ends.
async function gatewayOn(t, jwks) {
  const upstream = await nodeUpstream();
  const gw = await startGateway({ backends: { '/mcp': upstream.url }, jwksUrl: jwks.url });
  t.after(async () => {
    // The Node servers first: a gateway that fails to stop cleanly (a sanitizer report) must
    // not leave them holding the test process open.
    await jwks.down();
    await upstream.close();
    await gw.stop();
  });
  return { upstream, gw };
}

// Each case waits out a 30 s interval of the key cache (retry after a failure, unknown-kid
// cooldown): they run side by side.
describe('JWKS faults', { concurrency: true }, () => {
  test('JWKS down at start: not ready, 503 with a log line, then ready once the keys arrive', async (t) => {
    const key = await signingKey('k1');
    const jwks = await jwksServer({ keys: [key.jwk] });  // not up yet: connections are refused
    const { upstream, gw } = await gatewayOn(t, jwks);
    assert.ok(await until(() => /JWKS .*fetch failed/.test(gw.gateway.output())), gw.gateway.output());
    assert.equal(await gw.readyz(), 503);
    assert.match((await gw.readyzBody()).reasons[0], /no keys yet for issuer https:\/\/faults\.example\.com\//);
    const token = await key.token();
    const res = await post(gw.url(), callTool('echo'), { token });
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '5');
    assert.equal(res.json.error, 'temporarily_unavailable');
    assert.equal(upstream.requests(), 0);
    // The access log names the reason.
    assert.ok(await until(() => /no_keys/.test(gw.gateway.output())), gw.gateway.output());

    // The keys arrive with the next attempt (the retry interval after a failure is 30 s; a request
    // meeting no keys may also trigger a refetch once per cooldown).
    await jwks.up();
    const started = Date.now();
    await gw.waitReady({ timeoutMs: 45000 });
    t.diagnostic(`ready ${Date.now() - started} ms after the JWKS came up`);
    const ok = await post(gw.url(), callTool('echo'), { token });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(upstream.requests(), 1);
    assert.match(gw.gateway.output(), /JWKS .*1 key\(s\) loaded/);
  });

  test('JWKS down after start: a refetch fails, the cached keys keep serving', async (t) => {
    const key = await signingKey('k1');
    const jwks = await jwksServer({ keys: [key.jwk] });
    await jwks.up();
    const { upstream, gw } = await gatewayOn(t, jwks);
    await gw.waitReady();
    const loadedAt = Date.now();
    const token = await key.token();
    assert.equal((await post(gw.url(), callTool('echo'), { token })).status, 200);
    await jwks.down();
    // Once the unknown-kid cooldown (30 s from the last fetch) is over, a token with a kid the
    // gateway has not seen makes it try the JWKS again; that fetch fails.
    await new Promise((r) => setTimeout(r, Math.max(0, loadedAt + 31000 - Date.now())));
    const stranger = await signingKey('k-unknown');
    const res = await post(gw.url(), callTool('echo'), { token: await stranger.token() });
    assert.equal(res.status, 401);
    assert.match(res.headers.get('www-authenticate'), /invalid_token/);
    assert.ok(await until(() => /JWKS .*fetch failed/.test(gw.gateway.output())), gw.gateway.output());
    assert.match(await gw.metrics(), /mcpgate_jwks_fetches_total\{result="failure"\} [1-9]/);
    for (let i = 0; i < 20; i++) {
      // A fresh token each time, so the verified-token cache does not hide the key lookup.
      const r = await post(gw.url(), callTool('echo', {}, i), { token: await key.token({ n: i }) });
      assert.equal(r.status, 200, r.text);
    }
    assert.equal(await gw.readyz(), 200);
    assert.equal(upstream.requests(), 21);
  });

  test('key rotation: a new kid works after one refetch, old tokens work while their key is published', async (t) => {
    const oldKey = await signingKey('old');
    const newKey = await signingKey('new');
    const jwks = await jwksServer({ keys: [oldKey.jwk] });
    await jwks.up();
    const { upstream, gw } = await gatewayOn(t, jwks);
    await gw.waitReady();
    const oldToken = await oldKey.token();
    assert.equal((await post(gw.url(), callTool('echo'), { token: oldToken })).status, 200);
    assert.equal(jwks.fetches(), 1);

    // The issuer publishes the new key next to the old one and starts signing with it. The first
    // fetch was less than the unknown-kid cooldown (30 s) ago, so wait the cooldown out (the cooldown
    // counts from the last fetch of any kind).
    jwks.setKeys([oldKey.jwk, newKey.jwk]);
    const newToken = await newKey.token();
    const deadline = Date.now() + 40000;
    let res;
    for (;;) {
      res = await post(gw.url(), callTool('echo'), { token: newToken });
      if (res.status === 200 || Date.now() > deadline) {
        break;
      }
      assert.equal(res.status, 401);
      await new Promise((r) => setTimeout(r, 1000));
    }
    assert.equal(res.status, 200, res.text);
    assert.equal(jwks.fetches(), 2, 'one refetch for the new kid');
    // Old tokens (fresh ones too, so no cache) keep working while the old key is published.
    assert.equal((await post(gw.url(), callTool('echo'), { token: await oldKey.token({ n: 1 }) })).status, 200);
    assert.equal((await post(gw.url(), callTool('echo'), { token: await newKey.token({ n: 2 }) })).status, 200);
    // A burst of unknown kids costs no further fetches within the cooldown.
    const stranger = await signingKey('stranger');
    for (let i = 0; i < 10; i++) {
      assert.equal((await post(gw.url(), callTool('echo'), { token: await stranger.token({ n: i }) })).status, 401);
    }
    assert.equal(jwks.fetches(), 2);
  });
});
