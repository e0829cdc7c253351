// The request's own policy variables reach the rules: request.headers (lower-case names, repeated
// fields joined) and source.address, for calls and for the entries of a filtered list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { callTool, echoStack, post, rawExchange, rpc } from '../faults/helpers.mjs';

let stack, token, upstream, gw;

before(async () => {
  stack = await echoStack('', {
    onRequest: (req, body, res) => {
      const { id, method } = JSON.parse(body);
      const result = method === 'tools/list'
        ? { tools: ['echo', 'slow', 'delete_file'].map((name) => ({ name, inputSchema: { type: 'object' } })) }
        : {};
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id, result }));
    },
    rules: [
        'mcp.tool.name == "echo" && request.headers["x-team"] == "blue, green"',
        'mcp.tool.name == "slow" && source.address == "127.0.0.1"',
      ],
  });
  ({ token, upstream, gw } = stack);
});

after(async () => {
  await stack?.stop();
});

const allowed = (res) => res.status === 200 && res.json?.result !== undefined;

test('request.headers: a rule on a header decides, names in any case', async () => {
  assert.ok(allowed(await post(gw.url(), callTool('echo', {}, 1), { token, headers: { 'X-Team': 'blue, green' } })));
  const denied = await post(gw.url(), callTool('echo', {}, 2), { token, headers: { 'x-team': 'red' } });
  assert.equal(denied.json?.error?.code, -32602, denied.text);
  const none = await post(gw.url(), callTool('echo', {}, 3), { token });
  assert.equal(none.json?.error?.code, -32602, none.text);
});

test('request.headers: two fields of one name are joined in order', async () => {
  const body = callTool('echo', {}, 7);
  const res = await rawExchange(gw.port, `POST /mcp HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer ${token}\r\n` +
    `Content-Type: application/json\r\nX-Team: blue\r\nx-TEAM: green\r\nContent-Length: ${body.length}\r\n` +
    'Connection: close\r\n\r\n' + body);
  assert.deepEqual(res.statuses, [200]);
  assert.match(res.text, /"result":\{\}/);
});

test('source.address: the client address as the gateway sees it', async () => {
  assert.ok(allowed(await post(gw.url(), callTool('slow', {}, 4), { token })));
});

test('a filtered list sees the same variables', async () => {
  const plain = await post(gw.url(), rpc('tools/list', {}, 5), { token });
  assert.deepEqual(plain.json.result.tools.map((t) => t.name), ['slow']);
  const blue = await post(gw.url(), rpc('tools/list', {}, 6), { token, headers: { 'x-team': 'blue, green' } });
  assert.deepEqual(blue.json.result.tools.map((t) => t.name), ['echo', 'slow']);
});

// A client answers the server's own requests (sampling, elicitation) with JSON-RPC responses:
// they have no method and go through unchecked (a name check on the empty method refused them).
test('a client response to a server request passes through', async () => {
  const before = upstream.requests();
  for (const body of [{ jsonrpc: '2.0', id: 0, result: { role: 'assistant', content: { type: 'text', text: 'hi' } } },
    { jsonrpc: '2.0', id: 'e-1', error: { code: -1, message: 'declined' } }]) {
    const res = await post(gw.url(), JSON.stringify(body), { token });
    assert.equal(res.status, 200, res.text);
  }
  assert.equal(upstream.requests(), before + 2);
});
