// A headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe):
// no WebSocket library and no port to race for. Used to act as the person in the device flow.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

export async function launch() {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'mcpgate-chromium-'));
  const child = spawn(CHROMIUM, [
    '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const toChrome = child.stdio[3];
  const fromChrome = child.stdio[4];
  let nextId = 1;
  const pending = new Map();
  const listeners = [];
  let buffer = Buffer.alloc(0);
  fromChrome.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    let end;
    while ((end = buffer.indexOf(0)) >= 0) {
      const msg = JSON.parse(buffer.subarray(0, end).toString('utf8'));
      buffer = buffer.subarray(end + 1);
      if (msg.id !== undefined && pending.has(msg.id)) {
        const { resolve, reject } = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.error) reject(new Error(`${msg.error.message} (${msg.error.code})`));
        else resolve(msg.result);
      } else {
        for (const l of listeners) l(msg);
      }
    }
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  function send(method, params = {}, sessionId) {
    const id = nextId++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    toChrome.write(JSON.stringify(message) + '\0');
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      exited.then(() => reject(new Error(`chromium exited:\n${stderr}`)));
    });
  }

  async function newPage() {
    const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
    const call = (method, params) => send(method, params, sessionId);
    await call('Page.enable');
    await call('Runtime.enable');
    const page = {
      async goto(url) {
        await call('Page.navigate', { url });
        await page.waitFor('document.readyState === "complete"');
      },
      // Evaluates in the page; a navigation in progress is retried by waitFor.
      async eval(expression) {
        const r = await call('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
        if (r.exceptionDetails) throw new Error(`page error: ${r.exceptionDetails.text} in ${expression}`);
        return r.result.value;
      },
      async waitFor(expression, timeoutMs = 10000) {
        const deadline = Date.now() + timeoutMs;
        let last;
        while (Date.now() < deadline) {
          try {
            if (await page.eval(expression)) return;
          } catch (e) {
            last = e;
          }
          await new Promise((r) => setTimeout(r, 50));
        }
        const text = await page.eval('document.body ? document.body.innerText : ""').catch(() => '');
        throw new Error(`timed out waiting for ${expression}${last ? ` (${last.message})` : ''}; page shows:\n${text}`);
      },
      text: () => page.eval('document.body.innerText'),
      // Focuses a field and types into it as a keyboard would.
      async type(selector, text) {
        await page.eval(`document.querySelector(${JSON.stringify(selector)}).focus()`);
        await call('Input.insertText', { text });
      },
      async click(selector) {
        await page.eval(`document.querySelector(${JSON.stringify(selector)}).click()`);
      },
    };
    return page;
  }

  return {
    newPage,
    async close() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      // Chromium's helper processes may still be writing the profile for a moment after the main
      // process exits; a leftover temporary directory must not fail the test.
      await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }).catch(() => {});
    },
  };
}
