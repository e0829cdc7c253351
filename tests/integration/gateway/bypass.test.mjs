// Attempts to slip a denied call past the gateway. Each must be refused exactly as the plain
// denied request is (or refused earlier, as malformed) and never reach the server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, post, USERS } from '../lib/stack.mjs';
import { rawExchange } from '../faults/helpers.mjs';

let stack, basic, admin;

before(async () => {
  stack = await startStack();
  basic = await stack.token(USERS.basic);
  admin = await stack.token(USERS.admin);
});

after(async () => {
  await stack?.stop();
});

const call = (name, id = 1) => JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: { path: 'readme.txt' } } });

function assertUnknownTool(res, what) {
  assert.equal(res.status, 200, `${what}: ${res.status} ${res.text}`);
  assert.equal(res.json?.error?.code, -32602, `${what}: ${res.text}`);
  assert.match(res.json.error.message, /^Unknown tool: /, what);
}

function assertRefused(res, what) {
  assert.ok(res.status === 400 || (res.status === 200 && res.json?.error), `${what}: ${res.status} ${res.text}`);
  assert.ok(!res.json?.result, `${what}: got a result ${res.text}`);
}

test('the plain denied call', async () => {
  assertUnknownTool(await post(stack.url, call('delete_file'), { token: basic }), 'plain');
});

test('a batch carrying a denied call is refused whole', async () => {
  const batch = `[${call('echo', 1)},${call('delete_file', 2)}]`;
  const res = await post(stack.url, batch, { token: basic });
  assert.equal(res.status, 400);
  assert.equal(res.json.error.code, -32600);
});

test('duplicate name members are refused', async () => {
  const body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","name":"delete_file","arguments":{}}}';
  const res = await post(stack.url, body, { token: basic });
  assert.equal(res.status, 400);
  assert.equal(res.json.error.code, -32700);
  const dupMethod = '{"jsonrpc":"2.0","id":1,"method":"tools/list","method":"tools/call","params":{"name":"delete_file"}}';
  assert.equal((await post(stack.url, dupMethod, { token: basic })).status, 400);
});

test('unicode-escaped method and tool names mean the same thing', async () => {
  const body = '{"jsonrpc":"2.0","id":1,"method":"tools\\u002fcall","params":{"name":"delete\\u005ffile","arguments":{}}}';
  assertUnknownTool(await post(stack.url, body, { token: basic }), 'escaped');
});

test('method case variants are refused', async () => {
  for (const method of ['Tools/Call', 'TOOLS/CALL', 'tools/Call']) {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: { name: 'delete_file', arguments: {} } });
    const res = await post(stack.url, body, { token: basic });
    assertRefused(res, method);
  }
});

test('tool names with trailing whitespace or NUL are unknown tools', async () => {
  for (const name of ['delete_file ', 'delete_file\u0000', ' delete_file', 'delete_file\n', 'echo\u0000',
    'echo\u00a0', '\ufeffecho', 'echo\u200b', 'echo\u3000', 'echo\u2028']) {
    assertUnknownTool(await post(stack.url, call(name), { token: admin }), JSON.stringify(name));
  }
});

test('methods with control characters or spaces are not found', async () => {
  for (const method of ['tools/call\u0000', 'tools/call ', '\u00a0tools/call', 'tools/call\ufeff']) {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: { name: 'delete_file', arguments: {} } });
    const res = await post(stack.url, body, { token: basic });
    assert.equal(res.json?.error?.code, -32601, `${JSON.stringify(method)}: ${res.text}`);
  }
});

test('odd Content-Types change nothing', async () => {
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=UTF-8', '']) {
    assertUnknownTool(await post(stack.url, call('delete_file'), { token: basic, headers: { 'content-type': type } }), type);
  }
});

// body-parser (the Node SDK's Express helper) decodes a body in the charset its Content-Type
// names when that starts with "utf-": this ASCII body is a call to echo as UTF-8 JSON and a call
// to delete_file as UTF-7. Bodies the gateway would read otherwise than the server are refused.
test('a body in another charset or content coding is refused', async () => {
  const utf7 = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"+ACIAfQ-,+ACI-name+ACI-:+ACI-delete+AF8-file+ACI-,+ACI-arguments+ACI-:+AHsAIg-path+ACI-:+ACI-readme.txt+ACIAfQ-,+ACI-x+ACI-:+AHsAIg-y+ACI-:+ACI-"}}}';
  for (const [type, encoding] of [['application/json; charset=utf-7', undefined], ['application/json; charset="UTF-7"', undefined],
    ['application/json; charset=latin1', undefined], ['application/json', 'gzip']]) {
    const headers = { 'content-type': type, ...(encoding ? { 'content-encoding': encoding } : {}) };
    for (const token of [basic, admin]) {
      const res = await post(stack.url, utf7, { token, headers });
      assert.equal(res.status, 415, `${type} ${encoding}: ${res.status} ${res.text}`);
      assert.equal(res.json.error.code, -32600);
      assert.match(res.json.error.message, /^Unsupported Media Type: /);
    }
  }
});

test('a chunked body is inspected like any other', async () => {
  const bytes = new TextEncoder().encode(call('delete_file'));
  const body = new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 7) {
        controller.enqueue(bytes.slice(i, i + 7));
      }
      controller.close();
    },
  });
  const res = await fetch(stack.url, { method: 'POST', body, duplex: 'half',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${basic}` } });
  const json = await res.json();
  assert.equal(res.status, 200);
  assert.equal(json.error.code, -32602);
});

test('a token in the query string is not a token', async () => {
  const res = await fetch(`${stack.url}?access_token=${admin}`, { method: 'POST',
    headers: { 'content-type': 'application/json' }, body: call('delete_file') });
  assert.equal(res.status, 401);
});

test('path variants are authenticated and authorized the same way', async () => {
  const base = `http://127.0.0.1:${stack.port}`;
  for (const p of ['/mcp/', '/mcp?x=1', '/MCP']) {
    const res = await post(base + p, call('delete_file'), { token: basic });
    assert.ok(res.status === 404 || (res.status === 200 && res.json?.error?.code === -32602), `${p}: ${res.status} ${res.text}`);
    const anon = await post(base + p, call('delete_file'));
    assert.ok(anon.status === 401 || anon.status === 404, `${p} without a token: ${anon.status}`);
  }
});

// A backend that resolves dot segments or decodes escapes would serve another path than the one
// routes and rules saw: such paths are refused before anything else, with any token.
test('paths not in normal form are refused', async () => {
  for (const p of ['//mcp', '/%6Dcp', '/mcp/../mcp', '/mcp/./', '/x/%2e%2e/mcp', '/mcp%2fx', '/mcp\\x']) {
    // fetch would resolve the path itself: sent as it is.
    const body = call('delete_file');
    const res = await rawExchange(stack.port, `POST ${p} HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer ${admin}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
    assert.deepEqual(res.statuses, [400], `${p}: ${res.text}`);
    assert.match(res.text, /"error":"bad_path"/);
  }
});

// A request method sent as a notification (no id): a JSON-RPC server may still run it, only
// without answering, so the gateway refuses it rather than pass it on unauthorized.
test('a call sent as a notification is refused by the gateway', async () => {
  for (const [method, params] of [['tools/call', { name: 'delete_file', arguments: { path: 'readme.txt' } }],
    ['prompts/get', { name: 'secret_prompt' }], ['resources/read', { uri: 'file:///etc/passwd' }]]) {
    const body = JSON.stringify({ jsonrpc: '2.0', method, params });
    for (const token of [basic, admin]) {
      const res = await post(stack.url, body, { token });
      assert.equal(res.status, 400, `${method}: ${res.status} ${res.text}`);
      assert.equal(res.json.error.code, -32600, res.text);
      assert.equal(res.json.error.message, `a request method needs an id: ${method}`);
      assert.equal(res.json.id, null);
    }
  }
});

// A completion runs the prompt's (or resource template's) completer on the server and its "not
// found" tells hidden names from missing ones: it is authorized as the call it completes.
test('a completion for a prompt or resource the caller may not use is refused', async () => {
  for (const [ref, message] of [[{ type: 'ref/prompt', name: 'greeting' }, 'Unknown prompt: greeting'],
    [{ type: 'ref/resource', uri: 'file:///{path}' }, 'Unknown resource: file:///{path}']]) {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'completion/complete',
      params: { ref, argument: { name: 'path', value: '' } } });
    const res = await post(stack.url, body, { token: admin });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.error?.code, -32602, res.text);
    assert.equal(res.json.error.message, message);
  }
  const noRef = JSON.stringify({ jsonrpc: '2.0', id: 10, method: 'completion/complete', params: { argument: { name: 'a', value: '' } } });
  assertRefused(await post(stack.url, noRef, { token: admin }), 'no ref');
});
