// The MCP server misbehaves: down, hangs before or during its answer, closes an SSE stream
// half-way; and a client that walks away from a stream must release the upstream connection.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { freePort } from '../lib/proc.mjs';
import { callTool, nodeUpstream, post, signingKey, startGateway, until } from './helpers.mjs';

let key, token, gw, closedPort;
const upstreams = {};
const streams = [];  // upstream responses held open by the tests

before(async () => {
  key = await signingKey('k1');
  token = await key.token();
  closedPort = await freePort();
  // Accepts and reads the request, then never answers.
  upstreams.hang = await nodeUpstream(() => {});
  // Sends the header and half the body, then stalls.
  upstreams.stall = await nodeUpstream((req, body, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    res.write('{"jsonrpc":"2.0",');
  });
  // Sends one SSE event, then drops the connection.
  upstreams.dropSse = await nodeUpstream((req, body, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(`event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/progress', params: { progress: 1 } })}\n\n`);
    setTimeout(() => res.socket.destroy(), 200);
  });
  // An endless SSE stream: one event, then a comment every 100 ms.
  upstreams.endless = await nodeUpstream((req, body, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('event: message\ndata: {"jsonrpc":"2.0","method":"notifications/message","params":{}}\n\n');
    const timer = setInterval(() => res.write(': keep-alive\n\n'), 100);
    res.on('close', () => clearInterval(timer));
    streams.push(res);
  });
  // Answers tools/list with an SSE stream whose result comes a while after the header: the
  // gateway filters it after its request handling has returned.
  upstreams.sseList = await nodeUpstream((req, body, res) => {
    const { id } = JSON.parse(body);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(': opened\n\n');
    setTimeout(() => {
      const tools = ['echo', 'delete_file', 'slow'].map((name) => ({ name, inputSchema: { type: 'object' } }));
      res.end(`event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', id, result: { tools } })}\n\n`);
    }, 150);
  });
  // A GET stream that replays a broken stream's list response (as a resumed stream does).
  upstreams.replay = await nodeUpstream((req, body, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const tools = ['echo', 'delete_file', 'slow'].map((name) => ({ name, inputSchema: { type: 'object' } }));
    res.write(`id: 41\nevent: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', id: 5, result: { tools } })}\n\n`);
    res.end(`event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' })}\n\n`);
  });
  // Lists in forms the gateway cannot read: compressed, or not labelled JSON or an event stream.
  upstreams.oddList = await nodeUpstream((req, body, res) => {
    const { id } = JSON.parse(body);
    const text = JSON.stringify({ jsonrpc: '2.0', id, result: { tools: [{ name: 'delete_file', inputSchema: { type: 'object' } }] } });
    upstreams.oddList.lastAcceptEncoding = req.headers['accept-encoding'];
    if (req.url.endsWith('/gzip')) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'content-encoding': 'gzip' });
      res.end(zlib.gzipSync(`event: message\ndata: ${text}\n\n`));
    } else {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(text);
    }
  });
  upstreams.ok = await nodeUpstream();
  gw = await startGateway({
    backends: {
      '/down': `http://127.0.0.1:${closedPort}`,
      '/hang': upstreams.hang.url,
      '/stall': upstreams.stall.url,
      '/drop-sse': upstreams.dropSse.url,
      '/endless': upstreams.endless.url,
      '/sse-list': upstreams.sseList.url,
      '/replay': upstreams.replay.url,
      '/odd': upstreams.oddList.url,
      '/mcp': upstreams.ok.url,
    },
    jwks: { keys: [key.jwk] },
    extra: 'timeouts: {connect: 1s, response: 1500ms, idle: 2s}',
  });
});

after(async () => {
  for (const u of Object.values(upstreams)) {
    await u.close();
  }
  await gw?.stop();
});

// Every fault leaves the gateway serving.
async function stillServing() {
  const res = await post(gw.url('/mcp'), callTool('echo', {}, 77), { token });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.id, 77);
}

test('upstream down: 502 JSON-RPC error at once, within the connect timeout', async () => {
  const started = Date.now();
  const res = await post(gw.url('/down'), callTool('echo', {}, 5), { token });
  const took = Date.now() - started;
  assert.equal(res.status, 502);
  assert.equal(res.json.jsonrpc, '2.0');
  assert.equal(res.json.id, 5);
  assert.equal(res.json.error.code, -32603);
  assert.ok(took < 1000, `took ${took} ms`);
  await stillServing();
});

test('upstream hangs before answering: 504 after the response timeout', async () => {
  const started = Date.now();
  const res = await post(gw.url('/hang'), callTool('echo', {}, 6), { token });
  const took = Date.now() - started;
  assert.equal(res.status, 504);
  assert.equal(res.json.id, 6);
  assert.equal(res.json.error.code, -32603);
  assert.ok(took >= 1400 && took < 4000, `took ${took} ms`);
  assert.equal(upstreams.hang.requests(), 1);
  await stillServing();
});

test('upstream stalls in the middle of its body: 502 after the idle timeout', async () => {
  const started = Date.now();
  const res = await post(gw.url('/stall'), callTool('echo', {}, 7), { token });
  const took = Date.now() - started;
  assert.equal(res.status, 502);
  assert.equal(res.json.id, 7);
  assert.ok(took >= 1900 && took < 6000, `took ${took} ms`);
  await stillServing();
});

test('upstream closes mid-SSE: the client gets what was sent and its stream ends cleanly', async () => {
  const res = await fetch(gw.url('/drop-sse'), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: callTool('echo', {}, 8),
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /text\/event-stream/);
  // text() rejects if the body is cut (a reset, a truncated chunk); it must resolve.
  const text = await res.text();
  assert.match(text, /notifications\/progress/);
  await stillServing();
});

test('a list streamed as SSE after the header is filtered, matched by the request id', async () => {
  // A string id longer than any inline buffer: the gateway must keep its own copy of it.
  const id = 'list-request-'.repeat(8);
  const res = await fetch(gw.url('/sse-list'), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/list' }),
  });
  assert.equal(res.status, 200);
  const data = (await res.text()).split('\n').find((l) => l.startsWith('data: '));
  const message = JSON.parse(data.slice('data: '.length));
  assert.equal(message.id, id);
  assert.deepEqual(message.result.tools.map((t) => t.name), ['echo', 'slow']);
  await stillServing();
});

test('a list replayed on a resumed GET stream is filtered too', async () => {
  const res = await fetch(gw.url('/replay'), {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', 'last-event-id': '40' },
  });
  assert.equal(res.status, 200);
  const text = await res.text();
  const data = text.split('\n').filter((l) => l.startsWith('data: ')).map((l) => JSON.parse(l.slice(6)));
  assert.equal(data.length, 2, text);
  assert.equal(data[0].id, 5);
  assert.deepEqual(data[0].result.tools.map((t) => t.name), ['echo', 'slow']);
  assert.equal(data[1].method, 'notifications/tools/list_changed');
  assert.match(text, /^id: 41$/m);
  assert.equal(upstreams.replay.requests(), 1);
  await stillServing();
});

test('a list the gateway cannot read (compressed, not JSON) is a 502, never passed on', async () => {
  for (const p of ['/odd/gzip', '/odd/plain']) {
    const res = await post(gw.url(p), JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list' }),
      { token, headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(res.status, 502, `${p}: ${res.status} ${res.text}`);
    assert.doesNotMatch(res.text, /delete_file/);
    assert.equal(upstreams.oddList.lastAcceptEncoding, 'identity');
  }
  await stillServing();
});

test('client disconnects mid-stream: the upstream connection is closed', async () => {
  const before = upstreams.endless.closedSockets();
  const controller = new AbortController();
  const res = await fetch(gw.url('/endless'), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: callTool('echo', {}, 9),
    signal: controller.signal,
  });
  assert.equal(res.status, 200);
  const reader = res.body.getReader();
  const first = await reader.read();
  assert.match(Buffer.from(first.value).toString(), /notifications\/message/);
  assert.equal(upstreams.endless.openSockets(), 1);
  controller.abort();
  assert.ok(await until(() => upstreams.endless.closedSockets() > before, { timeoutMs: 5000 }),
    'the gateway closed its upstream connection');
  assert.equal(upstreams.endless.openSockets(), 0);
  assert.ok(streams.every((s) => s.destroyed || s.writableEnded || s.socket === null));
  await stillServing();
});

test('many clients walk away from streams: no upstream connection is left behind', async () => {
  const before = upstreams.endless.closedSockets();
  const controllers = [];
  for (let i = 0; i < 20; i++) {
    const controller = new AbortController();
    const res = await fetch(gw.url('/endless'), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'text/event-stream, application/json' },
      body: callTool('echo', {}, i),
      signal: controller.signal,
    });
    await res.body.getReader().read();
    controllers.push(controller);
  }
  assert.equal(upstreams.endless.openSockets(), 20);
  controllers.forEach((c) => c.abort());
  assert.ok(await until(() => upstreams.endless.openSockets() === 0, { timeoutMs: 5000 }),
    `${upstreams.endless.openSockets()} upstream sockets still open`);
  assert.equal(upstreams.endless.closedSockets() - before, 20);
  await stillServing();
});
