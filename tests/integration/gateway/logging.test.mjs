// The native config's `logging` section applies unless the command line (or its environment
// variables) chose; a reload changes the level.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { freePort, start } from '../lib/proc.mjs';

function config(format, level) {
  return `listeners: ["127.0.0.1:PORT"]\nbackends:\n  - name: demo\n    url: http://127.0.0.1:1\nadmin:\n  enabled: false\nlogging:\n  format: ${format}\n  level: ${level}\n`;
}

async function withGateway(text, env, fn, ready = /listening on/) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpgate-logging-'));
  const file = path.join(dir, 'gateway.yaml');
  const port = await freePort();
  fs.writeFileSync(file, text.replace('PORT', port));
  const gw = await start(['serve', '--config', file], { env, ready });
  try {
    await fn(gw, file, port);
  } finally {
    await gw.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const settle = (ms) => new Promise((r) => setTimeout(r, ms));

// Resolves once 127.0.0.1:port accepts a connection (the gateway prints nothing at level warn).
async function listening(port, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) {
      return;
    }
    await settle(50);
  }
  throw new Error(`nothing listens on ${port}`);
}

test('logging.format json writes JSON lines', async () => {
  await withGateway(config('json', 'info'), {}, async (gw) => {
    const first = gw.output().split('\n').find((l) => l.includes('listening on'));
    assert.equal(JSON.parse(first).level, 'info');
  });
});

test('--log-format / MCPGATE_LOG_FORMAT win over the file', async () => {
  await withGateway(config('json', 'info'), { MCPGATE_LOG_FORMAT: 'text' }, async (gw) => {
    assert.match(gw.output(), /^\S+ info +mcpgate listening on/m);
  });
});

test('logging.level warn hides info lines; a reload to info shows them', async () => {
  await withGateway(config('text', 'warn'), {}, async (gw, file, port) => {
    await listening(port);
    assert.doesNotMatch(gw.output(), /listening on/);
    fs.writeFileSync(file, config('text', 'info').replace('PORT', port));
    gw.child.kill('SIGHUP');
    const deadline = Date.now() + 5000;
    while (!/configuration reloaded/.test(gw.output()) && Date.now() < deadline) {
      await settle(50);
    }
    assert.match(gw.output(), /info +configuration reloaded/);
  }, null);
});
