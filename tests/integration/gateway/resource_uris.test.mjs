// Resource URIs are authorized in the form servers resolve them to: one that a URL parser would
// turn into another URI (dot segments, case, a missing authority, whitespace) is denied as an
// unknown resource and never reaches the server; lists hide such entries.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { echoStack, post, rpc } from '../faults/helpers.mjs';

let stack, token, upstream, gw;

before(async () => {
  stack = await echoStack('', {
    onRequest: (req, body, res) => {
      const { id, method } = JSON.parse(body);
      const uris = ['file:///public/a.txt', 'file:///public/../secret/b.txt', 'FILE:///public/c.txt'];
      const result = method === 'resources/list'
        ? { resources: uris.map((uri) => ({ uri, name: uri })) }
        : { contents: [] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id, result }));
    },
    rules: ['mcp.resource.uri.startsWith("file:///public/")'],
  });
  ({ token, upstream, gw } = stack);
});

after(async () => {
  await stack?.stop();
});

test('a URI in normal form under an allowed prefix is read', async () => {
  const res = await post(gw.url(), rpc('resources/read', { uri: 'file:///public/a.txt' }, 1), { token });
  assert.deepEqual(res.json.result, { contents: [] }, res.text);
});

test('URIs a server would resolve elsewhere are unknown resources', async () => {
  const before = upstream.requests();
  for (const uri of ['file:///public/../secret/b.txt', 'file:///public/%2e%2e/secret', 'file:/public/x',
    'FILE:///public/x', 'file:///public/x ', 'file:///public//x']) {
    const res = await post(gw.url(), rpc('resources/read', { uri }, 2), { token });
    assert.equal(res.json.error?.code, -32602, `${uri}: ${res.text}`);
    assert.equal(res.json.error.message, `Unknown resource: ${uri}`);
  }
  assert.equal(upstream.requests(), before);
});

test('a list hides entries whose URI is not in normal form', async () => {
  const res = await post(gw.url(), rpc('resources/list', {}, 3), { token });
  assert.deepEqual(res.json.result.resources.map((r) => r.uri), ['file:///public/a.txt']);
});
