// The official MCP conformance suite (@modelcontextprotocol/conformance, server scenarios, the
// active suite) against `mcpgate demo-server --fixtures conformance`. It needs Node 22, which the
// npm package node@22 provides (node_modules/.bin/node).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run, startDemoServer, SOURCE_DIR } from '../lib/proc.mjs';

const NODE22 = path.join(SOURCE_DIR, 'node_modules/.bin/node');
const SUITE = path.join(SOURCE_DIR, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
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

function summary(stdout) {
  const lines = stdout.split('\n').filter((l) => /^[✓✗] /.test(l));
  return {
    passed: lines.filter((l) => l.startsWith('✓')).map((l) => l.slice(2).split(':')[0]),
    failed: lines.filter((l) => l.startsWith('✗')).map((l) => l.slice(2).split(':')[0]),
  };
}

test('every active conformance scenario passes', { timeout: 300000 }, async () => {
  const r = await run([SUITE, 'server', '--url', url, '-o', path.join(dir, 'results')],
    { bin: NODE22, timeoutMs: 280000, env: { NO_COLOR: '1' } });
  const { passed, failed } = summary(r.stdout);
  assert.deepEqual(failed, [], r.stdout);
  assert.equal(passed.length, EXPECTED_SCENARIOS, r.stdout);
  assert.match(r.stdout, /Total: \d+ passed, 0 failed/);
  assert.equal(r.code, 0, r.stdout + r.stderr);
});

test('the pending scenarios (JSON Schema 2020-12, SSE polling) pass too', { timeout: 120000 }, async () => {
  const r = await run([SUITE, 'server', '--url', url, '--suite', 'pending', '-o', path.join(dir, 'pending')],
    { bin: NODE22, timeoutMs: 110000, env: { NO_COLOR: '1' } });
  const { failed, passed } = summary(r.stdout);
  assert.deepEqual(failed, [], r.stdout);
  assert.ok(passed.includes('json-schema-2020-12'), r.stdout);
  assert.equal(r.code, 0, r.stdout + r.stderr);
});
