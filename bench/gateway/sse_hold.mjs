// Scenario 6: many concurrent open SSE streams.
//   node sse_hold.mjs server PORT
//     an SSE backend that answers every request with a chunked text/event-stream, sends one
//     event at once and then keeps the stream open (a comment every 20 s) until the peer closes;
//   node sse_hold.mjs client PORT PATH TOKEN_FILE COUNT
//     opens COUNT streams through a proxy on 127.0.0.1:PORT (at most 256 connecting at a time),
//     prints "READY <open> <failed> <ms>" once every stream has seen its first event or failed,
//     then holds them until stdin closes or SIGTERM.
// Raw sockets keep both ends cheap, so the proxy in the middle is what the memory figure shows.
import net from 'node:net';
import {readFileSync} from 'node:fs';

const [mode, ...args] = process.argv.slice(2);

if (mode === 'server') {
  const chunk = (s) => `${Buffer.byteLength(s).toString(16)}\r\n${s}\r\n`;
  const head = 'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n' +
               'Transfer-Encoding: chunked\r\n\r\n';
  const first = chunk('event: message\ndata: {"jsonrpc":"2.0","method":"notifications/message",' +
                      '"params":{"level":"info","data":"stream open"}}\n\n');
  const open = new Set();
  const server = net.createServer({noDelay: true}, (s) => {
    let seen = '';
    let answered = false;
    s.on('data', (d) => {
      if (answered) return;
      seen += d.toString('latin1');
      if (seen.includes('\r\n\r\n')) {
        answered = true;
        seen = '';
        s.write(head + first);
        open.add(s);
      }
    });
    s.on('error', () => {});
    s.on('close', () => open.delete(s));
  });
  setInterval(() => {
    for (const s of open) s.write(chunk(': keep-alive\n\n'));
  }, 20000).unref();
  server.listen({port: Number(args[0]), host: '127.0.0.1', backlog: 4096});
} else if (mode === 'client') {
  const [port, path, tokenFile, countText] = args;
  const token = readFileSync(tokenFile, 'utf8').trim();
  const total = Number(countText);
  const request = `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
                  `Authorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`;
  const sockets = [];
  let started = 0, ready = 0, failed = 0, inFlight = 0;
  const t0 = Date.now();
  let reported = false;
  const report = () => {
    if (!reported && ready + failed === total) {
      reported = true;
      process.stdout.write(`READY ${ready} ${failed} ${Date.now() - t0}\n`);
    }
  };
  const next = () => {
    while (inFlight < 256 && started < total) {
      started++;
      inFlight++;
      let done = false;
      const finish = (ok) => {
        if (done) return;
        done = true;
        inFlight--;
        ok ? ready++ : failed++;
        report();
        setImmediate(next);
      };
      const s = net.connect({port: Number(port), host: '127.0.0.1', noDelay: true});
      sockets.push(s);
      let seen = '';
      s.on('connect', () => s.write(request));
      s.on('data', (d) => {
        if (done) return;
        seen += d.toString('latin1');
        if (seen.includes('stream open')) {
          seen = '';
          finish(true);
        } else if (/^HTTP\/1\.1 [^2]/.test(seen)) {
          finish(false);
        }
      });
      s.on('error', () => finish(false));
      s.on('close', () => finish(false));
    }
  };
  next();
  const quit = () => {
    for (const s of sockets) s.destroy();
    process.exit(0);
  };
  process.stdin.on('end', quit);
  process.stdin.on('close', quit);
  process.stdin.resume();
  process.on('SIGTERM', quit);
} else {
  process.stderr.write('usage: sse_hold.mjs server PORT | client PORT PATH TOKEN_FILE COUNT\n');
  process.exit(2);
}
