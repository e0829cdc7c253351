// The official MCP conformance suite (@modelcontextprotocol/conformance, server scenarios, the
// active suite) against `mcpgate demo-server --fixtures conformance`. It needs Node 22, which the
// npm package node@22 provides (node_modules/.bin/node).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runConformance, startDemoServer } from '../lib/proc.mjs';

// Every active scenario of 0.1.16 must pass; this file lists none as expected failures.
const EXPECTED_SCENARIOS = 30;

let dir;
let server;
let url;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpgate-conformance-'));
  ({ server, url } = await startDemoServer(['--root', path.join(dir, 'root'), '--fixtures', 'conformance']));
});

after(async () => {
  if (server) {
    await server.stop();
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('every active conformance scenario passes', { timeout: 300000 }, async () => {
  const r = await runConformance(url, path.join(dir, 'results'));
  const { passed, failed } = r;
  assert.deepEqual(failed, [], r.stdout);
  assert.equal(passed.length, EXPECTED_SCENARIOS, r.stdout);
  assert.match(r.stdout, /Total: \d+ passed, 0 failed/);
  assert.equal(r.code, 0, r.stdout + r.stderr);
});

test('the pending scenarios (JSON Schema 2020-12, SSE polling) pass too', { timeout: 120000 }, async () => {
  const r = await runConformance(url, path.join(dir, 'pending'), { suite: 'pending', timeoutMs: 110000 });
  const { failed, passed } = r;
  assert.deepEqual(failed, [], r.stdout);
  assert.ok(passed.includes('json-schema-2020-12'), r.stdout);
  assert.equal(r.code, 0, r.stdout + r.stderr);
});
