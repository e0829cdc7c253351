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

test('the access log is one JSON line per request, times in whole microseconds', async () => {
  await withGateway(config('text', 'info'), {}, async (gw, file, port) => {
    // No policy: the request goes to the backend, which is down (502 after connect fails).
    const res = await fetch(`http://127.0.0.1:${port}/mcp`, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });
    assert.equal(res.status, 502);
    const deadline = Date.now() + 5000;
    let line;
    while (!(line = gw.output().split('\n').find((l) => l.startsWith('{') && l.includes('"path":"/mcp"'))) &&
           Date.now() < deadline) {
      await settle(50);
    }
    assert.ok(line, gw.output());
    const rec = JSON.parse(line);
    assert.equal(rec.status, 502);
    assert.ok(Number.isInteger(rec.us) && rec.us >= 0, line);
    assert.ok(Number.isInteger(rec.upstream_us) && rec.upstream_us >= 0 && rec.upstream_us <= rec.us, line);
    assert.doesNotMatch(line, /E-?\d/);
  });
});

// Client-controlled fields are clipped and a refused path's raw bytes escaped: every line stays
// short, valid UTF-8 JSON.
test('access log lines stay short and valid whatever the client sends', async () => {
  await withGateway(config('text', 'info'), {}, async (gw, file, port) => {
    const method = 'x/'.repeat(3000);
    const res = await fetch(`http://127.0.0.1:${port}/mcp`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: {} }),
    });
    assert.equal(res.status, 502);
    const raw = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => s.write(Buffer.concat([Buffer.from('GET /caf'),
        Buffer.from([0xc3, 0x28]), Buffer.from(' HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n')])));
      let text = '';
      s.on('data', (d) => (text += d));
      s.on('close', () => resolve(text));
    });
    assert.match(raw, /^HTTP\/1\.1 400/);
    const get = await fetch(`http://127.0.0.1:${port}/mcp`, { method: 'DELETE', body: 'x' });
    assert.equal(get.status, 400);
    const deadline = Date.now() + 5000;
    let lines = [];
    while ((lines = gw.output().split('\n').filter((l) => l.startsWith('{') && l.includes('"peer"'))).length < 3 &&
           Date.now() < deadline) {
      await settle(50);
    }
    assert.equal(lines.length, 3, gw.output().slice(-2000));
    for (const line of lines) {
      const rec = JSON.parse(line);
      assert.ok(line.length < 1500, `${line.length} bytes`);
      assert.ok(Buffer.from(line, 'utf8').toString('utf8') === line);
      assert.ok(rec.status === 502 || rec.status === 400, line);
    }
    assert.ok(lines.some((l) => JSON.parse(l).path === '/caf%C3(' || JSON.parse(l).path.startsWith('/caf%C3')), lines.join('\n'));
    assert.ok(lines.some((l) => (JSON.parse(l).mcp_method ?? '').endsWith('\u2026')), lines.join('\n'));
  });
});
