// Hostile and heavy connection patterns: hundreds of slowloris clients must not delay normal
// requests, and 1,000 concurrent connections are all served.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { callTool, connect, echoStack, post, rawExchange, signingKey, sleep, startGateway, until } from './helpers.mjs';

let stack, gw, upstream, token;

before(async () => {
  stack = await echoStack('timeouts: {headerRead: 4s}');
  ({ gw, upstream, token } = stack);
});

after(async () => {
  await stack?.stop();
});

async function latencies(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const res = await post(gw.url(), callTool('echo', {}, i), { token });
    out.push(performance.now() - started);
    assert.equal(res.status, 200, res.text);
  }
  return out.sort((a, b) => a - b);
}
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

test('300 slowloris connections do not delay normal requests, and are cut after headerRead', async (t) => {
  const baseline = await latencies(30);
  const sockets = [];
  for (let i = 0; i < 300; i++) {
    const s = await connect(gw.port);
    s.on('error', () => {});
    s.closedByServer = false;
    s.on('close', () => (s.closedByServer = true));
    s.write(`POST /mcp HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer ${token}\r\n`);
    sockets.push(s);
  }
  // Trickle one header field per socket every 500 ms while measuring.
  let n = 0;
  const trickle = setInterval(() => {
    n += 1;
    for (const s of sockets) {
      if (!s.destroyed) {
        s.write(`X-Slow-${n}: ${'a'.repeat(10)}\r\n`);
      }
    }
  }, 500);
  try {
    await sleep(300);
    const during = await latencies(30);
    t.diagnostic(`normal request latency ms: baseline p50 ${pct(baseline, 0.5).toFixed(1)} p95 ${pct(baseline, 0.95).toFixed(1)}; ` +
      `with 300 slowloris p50 ${pct(during, 0.5).toFixed(1)} p95 ${pct(during, 0.95).toFixed(1)} max ${during.at(-1).toFixed(1)}`);
    assert.ok(pct(during, 0.95) < pct(baseline, 0.95) + 250, 'p95 latency under slowloris');
    assert.ok(during.at(-1) < 2000, 'no request waits for the slow clients');
    // headerRead (4 s) counts from the first byte: every slow client is cut, none is answered.
    assert.ok(await until(() => sockets.every((s) => s.closedByServer), { timeoutMs: 8000 }),
      `${sockets.filter((s) => !s.closedByServer).length} slow sockets still open`);
  } finally {
    clearInterval(trickle);
    sockets.forEach((s) => s.destroy());
  }
  assert.equal((await post(gw.url(), callTool('echo'), { token })).status, 200);
});

test('1,000 concurrent connections are all served', async (t) => {
  const limits = fs.readFileSync(`/proc/${gw.gateway.child.pid}/limits`, 'utf8');
  const nofile = Number(limits.match(/Max open files\s+(\d+)/)[1]);
  if (nofile < 2500) {
    t.skip(`the gateway may open only ${nofile} files (1,000 clients + their upstream connections need more)`);
    return;
  }
  const before = upstream.requests();
  const sockets = [];
  for (let i = 0; i < 1000; i++) {
    sockets.push(await connect(gw.port));
  }
  const body = callTool('echo', {}, 1);
  const request = `POST /mcp HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
    `Accept: application/json, text/event-stream\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
  const started = Date.now();
  const answers = await Promise.all(sockets.map((s) => new Promise((resolve) => {
    let text = '';
    s.on('data', (d) => (text += d));
    s.on('error', () => {});
    s.on('close', () => resolve(text));
    s.write(request);
  })));
  const ok = answers.filter((a) => a.startsWith('HTTP/1.1 200')).length;
  t.diagnostic(`1000 concurrent requests: ${ok} answered 200 in ${Date.now() - started} ms`);
  assert.equal(ok, 1000, answers.find((a) => !a.startsWith('HTTP/1.1 200')));
  assert.equal(upstream.requests() - before, 1000);
  // And the gateway is still fine.
  const r = await rawExchange(gw.port, request, { timeoutMs: 5000 });
  assert.deepEqual(r.statuses, [200]);
});

test('over maxConnections: the extra connections get 503 at once, the rest are served', async (t) => {
  const key = await signingKey('k2');
  const small = await startGateway({
    backends: { '/mcp': upstream.url },
    jwks: { keys: [key.jwk] },
    extra: 'limits: {maxConnections: 50}',
  });
  t.after(() => small.stop());
  // 60 idle connections: whichever 10 the gateway accepts last (two workers accept in parallel)
  // are answered 503 with Retry-After and closed at once, before they send anything.
  const held = [];
  for (let i = 0; i < 60; i++) {
    const s = await connect(small.port);
    s.text = '';
    s.on('data', (d) => (s.text += d));
    s.on('error', () => {});
    held.push(s);
  }
  const refused = () => held.filter((s) => s.text.startsWith('HTTP/1.1 503'));
  assert.ok(await until(() => refused().length >= 10, { timeoutMs: 5000 }), `${refused().length} refused`);
  await sleep(300);
  assert.equal(refused().length, 10);
  assert.ok(refused().every((s) => /Retry-After: 1/i.test(s.text)));
  held.forEach((s) => s.destroy());
  // Slots come back as connections close.
  assert.ok(await until(async () => (await post(small.url(), callTool('echo'), { token: await key.token() })).status === 200,
    { timeoutMs: 5000 }));
});
