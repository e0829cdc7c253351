// README.md's local quick start, run as written. The test reads every ```sh block that follows a
// `<!-- quickstart:local NAME -->` marker, starts what `make dev` starts (`mcpgate dev`, on free
// ports instead of 3000-3003 and in a temporary directory instead of .mcpgate-dev), puts the
// banner's `export …_TOKEN=…` lines in the environment as a reader would paste them, runs the
// blocks in order with bash, and checks what each prints. A README change that breaks the path
// breaks this test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, freePortRange, start, SOURCE_DIR } from '../lib/proc.mjs';

const README = fs.readFileSync(path.join(SOURCE_DIR, 'README.md'), 'utf8');
const ALL_TOOLS = ['delete_file', 'echo', 'get_user_info', 'list_files', 'system_status'];

// [{ name, script }] in README order.
function markedBlocks(text) {
  const out = [];
  const re = /<!-- quickstart:local ([\w-]+) -->\s*\n```sh\n([\s\S]*?)\n```/g;
  for (const m of text.matchAll(re)) {
    out.push({ name: m[1], script: m[2] });
  }
  return out;
}

const blocks = markedBlocks(README);
let dev, dir, port, tokens, home;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpgate-quickstart-'));
  home = path.join(dir, 'home');
  fs.mkdirSync(home);
  // `make dev` = scripts/dev.sh = `mcpgate dev --port 3000`; dev takes four consecutive ports.
  for (let attempt = 0; attempt < 5 && !dev; attempt++) {
    port = await freePortRange(4);
    try {
      dev = await start(['dev', '--port', String(port), '--dir', path.join(dir, '.mcpgate-dev')],
        { ready: /Ctrl-C stops everything/, cwd: dir });
    } catch (e) {
      if (attempt === 4) throw e;
    }
  }
  tokens = Object.fromEntries([...dev.output().matchAll(/export (\w+_TOKEN)=(\S+)/g)].map((m) => [m[1], m[2]]));
});

after(async () => {
  await dev?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

// The README's fixed ports and paths, mapped onto this run's.
function localise(script) {
  return script
    .replaceAll('localhost:3000', `localhost:${port}`)
    .replaceAll('localhost:3001', `localhost:${port + 1}`)
    .replaceAll('127.0.0.1:3002', `127.0.0.1:${port + 2}`)
    .replaceAll('localhost:3003', `localhost:${port + 3}`)
    .replaceAll('.mcpgate-dev/', `${path.join(dir, '.mcpgate-dev')}/`)
    .replaceAll('build/release/mcpgate', BIN);
}

function bash(script) {
  return new Promise((resolve, reject) => {
    // In the checkout, as the README says: npx finds the Inspector (and Node 22) in node_modules.
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], {
      cwd: SOURCE_DIR,
      env: { ...process.env, ...tokens, HOME: home, MCP_CATALOG_PATH: path.join(home, 'mcp.json'), NO_COLOR: '1', npm_config_yes: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 120000);
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

// Tool names in the JSON documents the Inspector CLI prints, one per command.
function listedTools(stdout) {
  const lists = [];
  for (const m of stdout.matchAll(/^\{[\s\S]*?^\}$/gm)) {
    const doc = JSON.parse(m[0]);
    if (doc.tools) {
      lists.push(doc.tools.map((t) => t.name).sort());
    }
  }
  return lists;
}

// What each marked block must print.
const expectations = {
  direct(r) {
    assert.deepEqual(listedTools(r.stdout), [ALL_TOOLS], 'the demo server lists every tool to anyone');
  },
  'no-token'(r) {
    assert.match(r.stdout, /^HTTP\/1\.1 401/m);
    assert.match(r.stdout, new RegExp(`WWW-Authenticate: Bearer resource_metadata="http://localhost:${port}/\\.well-known/oauth-protected-resource/mcp"`, 'i'));
    // curl prints the 401 body and the metadata document without a newline between them.
    const metadata = JSON.parse(r.stdout.slice(r.stdout.lastIndexOf('{"resource"')));
    assert.deepEqual(metadata.authorization_servers, [`http://localhost:${port + 1}/`]);
  },
  reader(r) {
    assert.deepEqual(listedTools(r.stdout), [['echo', 'get_user_info', 'list_files']]);
    assert.match(r.stdout, /"text": "hello"/, 'basic may call echo');
  },
  'edit-policy'(r) {
    assert.deepEqual(listedTools(r.stdout), [['echo', 'get_user_info']], 'list_files disappeared after the edit');
    assert.match(dev.output(), /configuration reloaded/);
  },
  check(r) {
    assert.match(r.stdout, /verified token of http:\/\/localhost:\d+\//);
    for (const tool of ['echo', 'get_user_info', 'delete_file', 'system_status']) {
      assert.match(r.stdout, new RegExp(`allow ${tool}\\b`));
    }
    assert.match(r.stdout, /deny {2}list_files/, 'the edited policy no longer has a list_files rule');
  },
};

test('README.md has the marked quick-start blocks, in order', () => {
  assert.deepEqual(blocks.map((b) => b.name), Object.keys(expectations));
  // The first step is `make dev`, which runs `mcpgate dev --port 3000` (what before() started).
  assert.match(README, /```sh\nmake dev\n```/);
  assert.match(fs.readFileSync(path.join(SOURCE_DIR, 'scripts/dev.sh'), 'utf8'), /"\$bin" dev --port "\$\{1:-3000\}"/);
  assert.deepEqual(Object.keys(tokens).sort(), ['ADMIN_TOKEN', 'BASIC_TOKEN', 'READER_TOKEN']);
});

for (const block of blocks) {
  test(`README quick start: ${block.name}`, { timeout: 180000 }, async () => {
    const r = await bash(localise(block.script));
    assert.equal(r.code, 0, `${block.script}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
    const check = expectations[block.name];
    assert.ok(check, `no expectation for block ${block.name}`);
    check(r);
  });
}
