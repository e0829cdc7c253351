// Malformed and oversized HTTP on raw sockets: request smuggling attempts are refused with 400
// and never reach the upstream as a request; bodies and headers over their limits get 413/431;
// the process keeps serving after each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { callTool, echoStack, post, rawExchange } from './helpers.mjs';

let stack, gw, upstream, token;
const body = callTool('echo');

before(async () => {
  stack = await echoStack('limits: {maxHeaderBytes: 4KiB, maxBodyBytes: 64KiB, maxJsonDepth: 16}\ntimeouts: {headerRead: 2s}');
  ({ gw, upstream, token } = stack);
});

after(async () => {
  await stack?.stop();
});

// A request the gateway forwards when it is well formed (a valid token, an allowed call).
const head = () => `POST /mcp HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer ${token}\r\n` +
  'Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n';
const whole = () => `${head()}Content-Length: ${body.length}\r\n\r\n${body}`;
const chunk = (s) => `${s.length.toString(16)}\r\n${s}\r\n`;

async function stillServing() {
  const res = await post(gw.url(), callTool('echo', {}, 42), { token });
  assert.equal(res.status, 200, res.text);
}

test('control: a well-formed request and a pipelined pair reach the upstream', async () => {
  // (Connection: close on the last one, so the gateway closes when done. A client that
  // half-closes instead is taken as gone, and a request pipelined behind a streamed answer is
  // then dropped.)
  const last = () => whole().replace('Host: gw\r\n', 'Host: gw\r\nConnection: close\r\n');
  let before = upstream.requests();
  let r = await rawExchange(gw.port, last(), { timeoutMs: 3000 });
  assert.deepEqual(r.statuses, [200]);
  assert.ok(r.closed);
  assert.equal(upstream.requests() - before, 1);
  before = upstream.requests();
  r = await rawExchange(gw.port, whole() + last(), { timeoutMs: 3000 });
  assert.deepEqual(r.statuses, [200, 200]);
  assert.equal(upstream.requests() - before, 2);
});

// Each of these hides a second request (or a different body) behind framing that a proxy and a
// server could read differently.
const smuggling = {
  'Content-Length then Transfer-Encoding': () =>
    `${head()}Content-Length: ${body.length + 5}\r\nTransfer-Encoding: chunked\r\n\r\n${chunk(body)}0\r\n\r\n${whole()}`,
  'Transfer-Encoding then Content-Length': () =>
    `${head()}Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n${chunk(body)}0\r\n\r\n${whole()}`,
  'two differing Content-Length': () =>
    `${head()}Content-Length: ${body.length}\r\nContent-Length: ${body.length + whole().length}\r\n\r\n${body}${whole()}`,
  'two equal Content-Length': () =>
    `${head()}Content-Length: ${body.length}\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
  'a Content-Length list': () => `${head()}Content-Length: ${body.length}, ${body.length}\r\n\r\n${body}`,
  'Content-Length with a sign': () => `${head()}Content-Length: +${body.length}\r\n\r\n${body}`,
  'Content-Length in hex': () => `${head()}Content-Length: 0x${body.length.toString(16)}\r\n\r\n${body}`,
  'Transfer-Encoding not ending in chunked': () =>
    `${head()}Transfer-Encoding: chunked, identity\r\n\r\n${chunk(body)}0\r\n\r\n${whole()}`,
  'Transfer-Encoding: xchunked': () => `${head()}Transfer-Encoding: xchunked\r\n\r\n${chunk(body)}0\r\n\r\n`,
  'Transfer-Encoding twice': () =>
    `${head()}Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n${chunk(body)}0\r\n\r\n`,
  'space before the colon': () => `${head()}Transfer-Encoding : chunked\r\n\r\n${chunk(body)}0\r\n\r\n`,
  'Transfer-Encoding in HTTP/1.0': () =>
    `${head().replace('HTTP/1.1', 'HTTP/1.0')}Transfer-Encoding: chunked\r\n\r\n${chunk(body)}0\r\n\r\n`,
  'negative chunk size': () => `${head()}Transfer-Encoding: chunked\r\n\r\n-1\r\n${body}\r\n0\r\n\r\n`,
  'chunk size with 0x': () =>
    `${head()}Transfer-Encoding: chunked\r\n\r\n0x${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
  'overflowing chunk size': () =>
    `${head()}Transfer-Encoding: chunked\r\n\r\nfffffffffffffffff${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n${whole()}`,
  'chunk size not hex': () => `${head()}Transfer-Encoding: chunked\r\n\r\n1g\r\n${body}\r\n0\r\n\r\n`,
  'chunk shorter than its data': () =>
    `${head()}Transfer-Encoding: chunked\r\n\r\n${(body.length - 2).toString(16)}\r\n${body}\r\n0\r\n\r\n${whole()}`,
  'Content-Length in the chunked trailer': () =>
    `${head()}Transfer-Encoding: chunked\r\n\r\n${chunk(body)}0\r\nContent-Length: 5\r\n\r\n`,
  'obs-fold on Transfer-Encoding': () =>
    `${head()}Transfer-Encoding:\r\n chunked\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
  'obs-fold with a tab': () => `${head()}X-Foo: a\r\n\tb\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
  'bare LF inside the header': () => `${head()}X-A: 1\nContent-Length: ${body.length}\r\n\r\n${body}`,
  'bare CR inside the header': () => `${head()}X-A: 1\rContent-Length: ${body.length}\r\n\r\n${body}`,
  'bare LF line ends only': () =>
    `POST /mcp HTTP/1.1\nHost: gw\nAuthorization: Bearer ${token}\nContent-Type: application/json\nContent-Length: ${body.length}\n\n${body}`,
  'NUL in a field value': () => `${head()}X-A: a\0b\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
  'space in a field name': () => `${head()}X A: 1\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
  'HTTP/1.1 without Host': () => whole().replace('Host: gw\r\n', ''),
  'two Host fields': () => whole().replace('Host: gw\r\n', 'Host: gw\r\nHost: other\r\n'),
  'junk after the version': () => whole().replace('HTTP/1.1', 'HTTP/1.1 x'),
  'HTTP/2.0 on the request line': () => whole().replace('HTTP/1.1', 'HTTP/2.0'),
};

for (const [name, bytes] of Object.entries(smuggling)) {
  test(`smuggling: ${name} → 400, nothing forwarded`, async () => {
    const before = upstream.requests();
    const started = Date.now();
    const r = await rawExchange(gw.port, bytes(), { timeoutMs: 3000 });
    assert.deepEqual(r.statuses, [400], r.text);
    assert.ok(r.closed, 'the connection is closed');
    assert.ok(Date.now() - started < 1500, 'refused at once, not after a timeout');
    assert.equal(upstream.requests() - before, 0);
  });
}

test('smuggling: LF-only chunk lines are never answered as a request', async () => {
  const before = upstream.requests();
  const r = await rawExchange(gw.port,
    `${head()}Transfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\n${body}\n0\n\n${whole()}`,
    { timeoutMs: 1000 });
  assert.ok(r.statuses.every((s) => s === 400), r.text);
  assert.equal(upstream.requests() - before, 0);
});

test('a body over maxBodyBytes gets 413 (Content-Length and chunked)', async () => {
  const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { text: 'x'.repeat(70 * 1024) } } });
  const before = upstream.requests();
  let r = await rawExchange(gw.port, `${head()}Content-Length: ${big.length}\r\n\r\n${big}`);
  assert.deepEqual(r.statuses, [413]);
  assert.ok(r.closed);
  // Announced but not sent: refused from the header alone.
  r = await rawExchange(gw.port, `${head()}Content-Length: ${100 * 1024 * 1024}\r\n\r\n`);
  assert.deepEqual(r.statuses, [413]);
  const chunks = [];
  for (let i = 0; i < big.length; i += 8192) {
    chunks.push(chunk(big.slice(i, i + 8192)));
  }
  r = await rawExchange(gw.port, `${head()}Transfer-Encoding: chunked\r\n\r\n${chunks.join('')}0\r\n\r\n`);
  assert.deepEqual(r.statuses, [413]);
  assert.equal(upstream.requests() - before, 0);
  // Through fetch too: a client sees the status, not a reset.
  const res = await post(gw.url(), big, { token });
  assert.equal(res.status, 413);
  await stillServing();
});

test('headers over maxHeaderBytes get 431, a long request line 414', async () => {
  const before = upstream.requests();
  let r = await rawExchange(gw.port, `${head()}X-Big: ${'a'.repeat(5000)}\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
  assert.deepEqual(r.statuses, [431]);
  assert.ok(r.closed);
  // Never-ending header: refused once it passes the limit.
  r = await rawExchange(gw.port, `${head()}X-Big: ${'a'.repeat(5000)}`);
  assert.deepEqual(r.statuses, [431]);
  // Many small fields.
  const many = Array.from({ length: 400 }, (_, i) => `X-F${i}: v\r\n`).join('');
  r = await rawExchange(gw.port, `${head()}${many}Content-Length: ${body.length}\r\n\r\n${body}`);
  assert.deepEqual(r.statuses, [431]);
  r = await rawExchange(gw.port, `POST /mcp?${'q'.repeat(5000)} HTTP/1.1\r\nHost: gw\r\n\r\n`);
  assert.deepEqual(r.statuses, [414]);
  assert.equal(upstream.requests() - before, 0);
  await stillServing();
});

test('a body nested deeper than maxJsonDepth is refused before the upstream', async () => {
  const deep = `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"a":${'['.repeat(40)}${']'.repeat(40)}}}}`;
  const before = upstream.requests();
  const res = await post(gw.url(), deep, { token });
  assert.equal(res.status, 400);
  assert.equal(upstream.requests() - before, 0);
  await stillServing();
});

test('a header that never ends is cut after headerRead', async () => {
  const before = upstream.requests();
  const started = Date.now();
  const r = await rawExchange(gw.port, 'POST /mcp HTTP/1.1\r\nHost: gw\r\n', { timeoutMs: 6000 });
  const took = Date.now() - started;
  assert.ok(r.closed);
  assert.ok(took >= 1800 && took < 5000, `closed after ${took} ms`);
  assert.equal(upstream.requests() - before, 0);
  await stillServing();
});
