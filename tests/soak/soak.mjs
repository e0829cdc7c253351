// Soak: mixed MCP traffic through the gateway for a while, checking that nothing but the expected
// denials goes wrong and that the gateway's memory and file descriptors stay flat.
//
//   node tests/soak/soak.mjs [--seconds 300] [--concurrency 8] [--warmup SECONDS]
//   (scripts/soak.sh wraps it; MCPGATE_BIN selects the binary, default build/release/mcpgate)
//
// The stack is lib/stack.mjs's: a JWKS served by Node, `mcpgate demo-server --fixtures
// conformance`, and `mcpgate serve` with the reference policy plus one rule that allows the
// fixture tool that answers with SSE. Each worker loops over the kinds of request below; every
// answer is checked. The gateway's RSS and open fds are sampled once a second from /proc.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as jose from 'jose';
import { SANITIZER_REPORT } from '../integration/lib/proc.mjs';
import { startStack, USERS, REFERENCE_POLICY } from '../integration/lib/stack.mjs';

const PROTOCOL = '2025-06-18';

// The reference policy, plus the SSE-answering conformance tool for everyone.
function soakPolicy() {
  return `${fs.readFileSync(REFERENCE_POLICY, 'utf8').trimEnd()}\n            - 'mcp.tool.name == "test_tool_with_progress"'\n`;
}

function procStats(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    rssKiB: Number(status.match(/VmRSS:\s+(\d+)/)[1]),
    fds: fs.readdirSync(`/proc/${pid}/fd`).length,
  };
}

function sanitized(pid) {
  return /libasan|libubsan/.test(fs.readFileSync(`/proc/${pid}/maps`, 'utf8'));
}

class Session {
  constructor(url, token) {
    this.url = url;
    this.token = token;
    this.id = null;
  }

  headers(extra = {}) {
    const h = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': PROTOCOL,
      authorization: `Bearer ${this.token}`,
      ...extra,
    };
    if (this.id) {
      h['mcp-session-id'] = this.id;
    }
    return h;
  }

  async post(message, extra) {
    const res = await fetch(this.url, { method: 'POST', headers: this.headers(extra), body: JSON.stringify(message) });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', headers: res.headers, text };
  }

  async open() {
    const r = await this.post({
      jsonrpc: '2.0', id: 0, method: 'initialize',
      params: { protocolVersion: PROTOCOL, capabilities: {}, clientInfo: { name: 'soak', version: '1' } },
    });
    if (r.status !== 200) {
      throw new Error(`initialize: ${r.status} ${r.text}`);
    }
    this.id = r.headers.get('mcp-session-id');
    await this.post({ jsonrpc: '2.0', method: 'notifications/initialized' });
    return this;
  }
}

// The JSON-RPC message in a JSON or SSE answer that carries `id`.
function answer(r, id) {
  if (r.type.startsWith('application/json')) {
    return JSON.parse(r.text);
  }
  for (const block of r.text.split(/\r?\n\r?\n/)) {
    const data = block.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
    if (data) {
      const m = JSON.parse(data);
      if (m.id === id) {
        return m;
      }
    }
  }
  throw new Error(`no answer to ${id} in ${r.text.slice(0, 200)}`);
}

// Each kind returns normally when the answer is the expected one and throws otherwise.
function kinds(ctx) {
  let n = 1;
  const expect = (cond, what, r) => {
    if (!cond) {
      throw new Error(`${what}: ${r?.status} ${r?.text?.slice(0, 300)}`);
    }
  };
  return {
    async allowed() {
      const id = n++;
      const r = await ctx.basic.post({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'echo', arguments: { message: `m${id}` } } });
      expect(r.status === 200, 'allowed call status', r);
      const m = answer(r, id);
      expect(m.result && JSON.stringify(m.result).includes(`m${id}`), 'echo result', r);
    },
    async denied() {
      const id = n++;
      const r = await ctx.basic.post({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'delete_file', arguments: { path: 'x' } } });
      expect(r.status === 200, 'denied call status', r);
      const m = answer(r, id);
      expect(m.error?.code === -32602 && /Unknown tool: delete_file/.test(m.error.message), 'denial', r);
    },
    async list() {
      const id = n++;
      const r = await ctx.reader.post({ jsonrpc: '2.0', id, method: 'tools/list' });
      expect(r.status === 200, 'list status', r);
      const names = answer(r, id).result.tools.map((t) => t.name);
      expect(names.includes('echo') && names.includes('list_files') && !names.includes('delete_file') &&
        !names.includes('system_status'), `filtered list ${names}`, r);
    },
    async sse() {
      const id = n++;
      const r = await ctx.reader.post({
        jsonrpc: '2.0', id, method: 'tools/call',
        params: { name: 'test_tool_with_progress', arguments: {}, _meta: { progressToken: `p${id}` } },
      });
      expect(r.status === 200 && r.type.startsWith('text/event-stream'), 'SSE answer', r);
      expect((r.text.match(/notifications\/progress/g) ?? []).length === 3, 'three progress events', r);
      expect(answer(r, id).result, 'SSE result', r);
    },
    async adminStatus() {
      const id = n++;
      const r = await ctx.admin.post({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'system_status', arguments: {} } });
      expect(r.status === 200 && answer(r, id).result, 'admin call', r);
    },
    async badToken() {
      const which = n++ % 3;
      const token = which === 0 ? ctx.expired : which === 1 ? ctx.forged : 'not.a.token';
      const s = new Session(ctx.url, token);
      const r = await s.post({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
      expect(r.status === 401 && /invalid_token/.test(r.headers.get('www-authenticate') ?? ''), 'bad token refused', r);
    },
    async stream() {
      // The server-to-client GET stream: opened, held briefly, dropped by the client.
      const controller = new AbortController();
      const res = await fetch(ctx.url, { headers: { ...ctx.reader.headers(), accept: 'text/event-stream' }, signal: controller.signal });
      expect(res.status === 200, 'GET stream', { status: res.status, text: '' });
      await new Promise((r) => setTimeout(r, 50));
      controller.abort();
      await res.body?.cancel().catch(() => {});
    },
  };
}

// Weights of the mix: mostly calls, some of everything else.
const MIX = ['allowed', 'allowed', 'allowed', 'denied', 'denied', 'list', 'list', 'sse', 'adminStatus', 'badToken', 'badToken', 'stream'];

export async function runSoak({ seconds = 300, concurrency = 8, warmup, log = console.log } = {}) {
  const warm = warmup ?? Math.min(60, Math.max(5, Math.round(seconds / 5)));
  const stack = await startStack({ policyText: soakPolicy(), demoArgs: ['--fixtures', 'conformance'] });
  const pid = stack.gateway.child.pid;
  // The access log would pile up in memory over a long run: keep only its tail, and any
  // sanitizer report.
  let tail = [];
  const problems = [];
  for (const proc of [stack.gateway, stack.demo]) {
    for (const s of [proc.child.stdout, proc.child.stderr]) {
      s.removeAllListeners('data');
      s.on('data', (chunk) => {
        for (const line of String(chunk).split('\n')) {
          if (SANITIZER_REPORT.test(line)) {
            problems.push(line);
          }
        }
        tail = tail.concat(String(chunk).split('\n')).slice(-20);
      });
    }
  }
  const other = await jose.generateKeyPair('RS256');
  try {
    const ctx = {
      url: stack.url,
      basic: await new Session(stack.url, await stack.token(USERS.basic)).open(),
      reader: await new Session(stack.url, await stack.token(USERS.reader)).open(),
      admin: await new Session(stack.url, await stack.token(USERS.admin)).open(),
      expired: await stack.token(USERS.basic, { exp: Math.floor(Date.now() / 1000) - 3600 }),
      forged: await stack.token(USERS.admin, { key: other.privateKey }),
    };
    const k = kinds(ctx);
    const counts = Object.fromEntries(Object.keys(k).map((name) => [name, 0]));
    const errors = [];
    const samples = [];
    const started = Date.now();
    const deadline = started + seconds * 1000;
    let warmStats = null;
    const sampler = setInterval(() => {
      const s = { t: (Date.now() - started) / 1000, ...procStats(pid) };
      samples.push(s);
      if (!warmStats && s.t >= warm) {
        warmStats = s;
      }
    }, 1000);
    const worker = async (w) => {
      let i = w;
      while (Date.now() < deadline) {
        const name = MIX[i++ % MIX.length];
        try {
          await k[name]();
          counts[name] += 1;
        } catch (e) {
          errors.push(`${name}: ${e.message}`);
          if (errors.length > 50) {
            return;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
    clearInterval(sampler);
    const endStats = samples.at(-1);
    // After the load: idle keep-alive and aborted streams settle.
    await new Promise((r) => setTimeout(r, 2000));
    const afterStats = procStats(pid);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const elapsed = (Date.now() - started) / 1000 - 2;
    const asan = sanitized(pid);
    const result = {
      seconds: Math.round(elapsed),
      requests: total,
      rate: Math.round(total / elapsed),
      counts,
      errors,
      warmup: warm,
      rssKiB: { warm: warmStats?.rssKiB, end: endStats?.rssKiB, max: Math.max(...samples.map((s) => s.rssKiB)) },
      fds: { warm: warmStats?.fds, end: endStats?.fds, after: afterStats.fds, max: Math.max(...samples.map((s) => s.fds)) },
      rssGrowth: warmStats ? (endStats.rssKiB - warmStats.rssKiB) / warmStats.rssKiB : null,
      sanitized: asan,
      gatewayAlive: stack.gateway.child.exitCode === null,
    };
    const failures = [];
    if (errors.length) {
      failures.push(`${errors.length} unexpected answers, first: ${errors[0]}`);
    }
    if (!result.gatewayAlive) {
      failures.push(`the gateway exited; its last lines:\n${tail.join('\n')}`);
    }
    if (problems.length) {
      failures.push(`${problems.length} problem lines in the logs, first: ${problems[0]}`);
    }
    if (!warmStats) {
      failures.push('the run ended before the warm-up did');
    } else {
      // ASan's quarantine and shadow memory grow on their own: RSS is reported, not judged.
      if (!asan && result.rssGrowth > 0.05) {
        failures.push(`RSS grew ${(result.rssGrowth * 100).toFixed(1)}% after warm-up`);
      }
      // Connections in flight vary by at most one per worker; leaked ones would keep adding up.
      if (endStats.fds > warmStats.fds + concurrency) {
        failures.push(`open fds grew from ${warmStats.fds} to ${endStats.fds}`);
      }
    }
    result.failures = failures;
    log(`soak: ${result.requests} requests in ${result.seconds} s (${result.rate}/s, concurrency ${concurrency}): ` +
      Object.entries(counts).map(([a, b]) => `${a} ${b}`).join(', '));
    log(`soak: unexpected answers ${errors.length}; RSS KiB after warm-up (${warm} s) ${result.rssKiB.warm}, at end ` +
      `${result.rssKiB.end} (${result.rssGrowth === null ? 'n/a' : (result.rssGrowth * 100).toFixed(2) + '%'}), max ` +
      `${result.rssKiB.max}${asan ? ' [ASan build: RSS not judged]' : ''}; fds after warm-up ${result.fds.warm}, at end ` +
      `${result.fds.end}, 2 s after ${result.fds.after}, max ${result.fds.max}`);
    const after = samples.filter((x) => x.t >= warm);
    if (after.length >= 4) {
      const at = [0, 0.25, 0.5, 0.75, 1].map((q) => after[Math.min(after.length - 1, Math.floor(q * (after.length - 1)))]);
      log(`soak: RSS KiB / fds over the measured part: ${at.map((x) => `${Math.round(x.t)} s ${x.rssKiB}/${x.fds}`).join(', ')}`);
    }
    for (const f of failures) {
      log(`soak: FAIL ${f}`);
    }
    return result;
  } finally {
    await stack.stop();
  }
}

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runSoak({
    seconds: arg('seconds', 300),
    concurrency: arg('concurrency', 8),
    warmup: arg('warmup', undefined),
  });
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result, null, 2));
  }
  process.exit(result.failures.length ? 1 : 0);
}
