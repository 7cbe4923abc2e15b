// The load generator of scripts/bench-emulator.mjs, run as a forked child (one or more). It keeps
// `connections` TLS keep-alive connections open and on each sends one request, waits for the whole
// answer, and sends the next (no pipelining: one request in flight per connection, as an HTTP
// client library would). Requests are pre-built bytes and answers are only framed (status line,
// Content-Length, body length), so the client spends little CPU per request: on a 2-core machine
// the client and the server share the cores, and node's own https client costs about as much per
// request as the server, which halved the figure the benchmark printed.
//
// Protocol (IPC): the parent sends { port, ca, requests: [string...], connections }, then
// { run: ms, measure: bool } as often as it likes; each run answers { ok, errors, elapsed,
// cpuMs, latencies? } (latencies only when measured). { exit: true } ends the process.
import tls from 'node:tls';

let setup;
let sockets = [];

process.on('message', async (msg) => {
  if (msg.exit) {
    for (const s of sockets) s.destroy();
    process.exit(0);
  }
  if (msg.port) {
    setup = { ...msg, requests: msg.requests.map((r) => Buffer.from(r)) };
    for (const s of sockets) s?.destroy();
    sockets = [];
    process.send({ ready: true });
    return;
  }
  process.send(await run(msg.run, msg.measure));
});

/** Drives every connection until `durationMs` has passed; resolves with the counts. */
function run(durationMs, measure) {
  const { port, ca, requests, connections } = setup;
  const latencies = measure ? [] : undefined;
  let ok = 0;
  let errors = 0;
  let next = Math.floor(Math.random() * requests.length);
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const deadline = start + durationMs;
  return new Promise((resolve) => {
    let active = connections;
    const finished = () => {
      if (--active > 0) return;
      const cpu = process.cpuUsage(cpu0);
      resolve({ ok, errors, elapsed: (performance.now() - start) / 1000, cpuMs: (cpu.user + cpu.system) / 1000, latencies });
    };
    for (let c = 0; c < connections; c++) drive(c, finished);
  });

  function drive(c, finished) {
    let socket = sockets[c];
    let pending = [];
    let pendingBytes = 0;
    let bodyStart = -1;
    let status = 0;
    let length = 0;
    let sentAt = 0;
    const send = () => {
      if (performance.now() >= deadline) {
        socket.off('data', onData);
        socket.off('close', onClose);
        finished();
        return;
      }
      sentAt = performance.now();
      socket.write(requests[next++ % requests.length]);
    };
    const onData = (chunk) => {
      pending.push(chunk);
      pendingBytes += chunk.length;
      let buf = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
      pending = [buf];
      if (bodyStart < 0) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.toString('latin1', 0, end);
        status = Number(head.slice(9, 12));
        const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
        if (!m) {
          // Every answer of the local cloud names its length; without it this client cannot frame the next one.
          socket.destroy();
          return;
        }
        length = Number(m[1]);
        bodyStart = end + 4;
      }
      if (pendingBytes < bodyStart + length) return;
      // One request in flight per connection, so nothing follows the body.
      pending = [];
      pendingBytes = 0;
      bodyStart = -1;
      if (status === 200) {
        ok++;
        latencies?.push(performance.now() - sentAt);
      } else errors++;
      send();
    };
    const onClose = () => {
      // The server closed the connection (or it failed): count the request lost and reconnect.
      errors++;
      sockets[c] = undefined;
      pending = [];
      pendingBytes = 0;
      bodyStart = -1;
      if (performance.now() >= deadline) return finished();
      connect();
    };
    const connect = () => {
      socket = sockets[c] = tls.connect({ host: '127.0.0.1', port, ca });
      socket.setNoDelay(true);
      socket.once('secureConnect', send);
      socket.on('error', () => undefined);
      socket.on('data', onData);
      socket.on('close', onClose);
    };
    if (socket && !socket.destroyed) {
      socket.on('data', onData);
      socket.on('close', onClose);
      send();
    } else connect();
  }
}
