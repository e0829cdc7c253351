// The official MCP conformance suite through the gateway with no policy attached: the gateway
// must pass MCP traffic through as the server speaks it (DESIGN.md: version-agnostic proxy).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, runConformance, start, startDemoServer } from '../lib/proc.mjs';

let dir, server, gateway, url;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpgate-gw-conformance-'));
  let backend;
  ({ server, url: backend } = await startDemoServer(['--root', path.join(dir, 'root'), '--fixtures', 'conformance']));
  const port = await freePort();
  gateway = await start(['serve', '--listen', `127.0.0.1:${port}`, '--backend', new URL(backend).origin, '--admin', 'off'],
    { ready: /mcpgate listening on/ });
  url = `http://127.0.0.1:${port}/mcp`;
});

after(async () => {
  await gateway?.stop();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('every active conformance scenario passes through the gateway', { timeout: 300000 }, async () => {
  const r = await runConformance(url, path.join(dir, 'results'));
  assert.deepEqual(r.failed, [], r.stdout);
  assert.equal(r.passed.length, 30, r.stdout);
  assert.equal(r.code, 0, r.stdout + r.stderr);
});
