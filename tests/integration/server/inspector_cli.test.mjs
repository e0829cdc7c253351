// MCP Inspector 2.x in CLI mode (Node 22) lists and calls the demo server's tools.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspectorCli, startDemoServer } from '../lib/proc.mjs';


let dir;
let server;
let url;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpgate-inspector-'));
  ({ server, url } = await startDemoServer(['--root', path.join(dir, 'root')]));
});

after(async () => {
  if (server) {
    await server.stop();
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

async function inspector(args, { code = 0 } = {}) {
  const r = await inspectorCli(url, args, { home: dir });
  assert.equal(r.code, code, r.stdout + r.stderr);
  return r;
}

test('inspector CLI lists the tools', { timeout: 90000 }, async () => {
  const out = JSON.parse((await inspector(['--method', 'tools/list'])).stdout);
  const names = out.tools.map((t) => t.name).sort();
  assert.deepEqual(names, ['delete_file', 'echo', 'get_user_info', 'list_files', 'system_status']);
});

test('inspector CLI calls echo and list_files', { timeout: 90000 }, async () => {
  const echo = JSON.parse((await inspector(['--method', 'tools/call', '--tool-name', 'echo',
    '--tool-arg', 'message=from inspector'])).stdout);
  assert.equal(echo.content[0].text, 'from inspector');
  const files = JSON.parse((await inspector(['--method', 'tools/call', '--tool-name', 'list_files'])).stdout);
  assert.ok(files.structuredContent.entries.some((e) => e.name === 'README.txt'), JSON.stringify(files));
  // A tool result with isError makes the CLI exit 5 and name the error.
  const refused = await inspector(['--method', 'tools/call', '--tool-name', 'delete_file',
    '--tool-arg', 'path=../x'], { code: 5 });
  assert.match(refused.stdout + refused.stderr, /tool_is_error|isError/);
  assert.match(refused.stdout + refused.stderr, /not allowed/);
});
