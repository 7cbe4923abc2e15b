#!/usr/bin/env node
// Throughput of the local cloud: client-credentials token requests and subscription lists per
// second, with a generated seed (200 tenants x 20 subscriptions by default). The emulator runs in
// a child process and the load comes from forked clients (scripts/bench-emulator-client.mjs), so
// nothing shares an event loop. Besides wall throughput it prints the CPU time the server and the
// clients spent: on a 2-core machine they share the cores, so requests per server-CPU-second is
// what the emulator itself can serve, and wall throughput is bounded by server + client CPU.
// Beside them it drives node's own HTTPS floor the same way, in turns with the lists: a server
// with the local cloud's certificate that answers every request with a fixed body of the list's
// size and does nothing else. The local cloud cannot beat it; the gap is its own work (routing,
// token check, request log).
// Run `node scripts/build.mjs` first; figures go to .bench/emulator.json.
//
//   node scripts/bench-emulator.mjs [--seconds 8] [--concurrency 64] [--clients 1] [--tenants 200] [--subscriptions 20] [--profile DIR]
//
// --profile DIR writes a V8 CPU profile of the emulator (node --cpu-prof) into DIR.
// Then, where wrk is installed, the lists and the floor again under wrk (listsUnderWrk), and last
// the local cloud's start and stop as a user's CI runs them (startAndStop).
import { fork, spawn, spawnSync } from 'node:child_process';
import https from 'node:https';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, currentLoad, emulatorModule, machine, machineLine, median, numberOption, requireBuild, saveFigures, startCloud, versus } from './bench-local-cloud.mjs';

requireBuild();

const seconds = numberOption('seconds', 8);
const concurrency = numberOption('concurrency', 64);
const clients = numberOption('clients', 1);
const tenants = numberOption('tenants', 200);
const subscriptionsPerTenant = numberOption('subscriptions', 20);
const profileAt = process.argv.indexOf('--profile');
const profileDir = profileAt >= 0 ? process.argv[profileAt + 1] : undefined;

const { generatedSeedInfo } = await emulatorModule();
const ready = await startCloud({
  seedCode: `generateSeed({ tenants: ${tenants}, subscriptionsPerTenant: ${subscriptionsPerTenant} })`,
  pageSize: 100,
  nodeArgs: profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
});

/**
 * The same lists driven by wrk (when installed), in turns with node's floor: a load generator in
 * C spends less of the two cores per request than the node client, so the server gets more of
 * them. wrk checks no certificate; every answer it counts is a 200 (non-2xx answers are reported).
 */
async function listsUnderWrk(floor, tokens) {
  if (spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error) return { installed: false };
  const dir = mkdtempSync(join(tmpdir(), 'myaccount-bench-wrk-'));
  try {
    const script = join(dir, 'lists.lua');
    const lines = tokens.map((t) => `requests[#requests + 1] = wrk.format("GET", "/subscriptions?api-version=2022-12-01", { ["Host"] = "127.0.0.1", ["Authorization"] = "Bearer ${t}" })`);
    writeFileSync(script, `requests = {}\n${lines.join('\n')}\nlocal n = 0\nrequest = function() n = n + 1; return requests[(n % #requests) + 1] end\n`);
    const run = (server, secondsEach) => {
      const cpu0 = processCpuMs(server.pid);
      const r = spawnSync('wrk', ['-t1', `-c${concurrency}`, `-d${secondsEach}s`, '-s', script, `https://127.0.0.1:${server.port}/`], { encoding: 'utf8' });
      const cpu1 = processCpuMs(server.pid);
      const count = Number(/(\d+) requests in/.exec(r.stdout)?.[1] ?? 0);
      if (/Non-2xx/.test(r.stdout) || count === 0) throw new Error(`wrk saw failed answers or none:\n${r.stdout}${r.stderr}`);
      const perSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(r.stdout)?.[1] ?? 0);
      const cpuMs = cpu0 && cpu1 ? cpu1.user + cpu1.system - cpu0.user - cpu0.system : null;
      return { perSecond, serverCpuUs: cpuMs === null ? null : (cpuMs * 1000) / count };
    };
    run(ready, 1);
    run(floor, 1);
    const turns = [];
    for (let turn = 0; turn < 4; turn++) turns.push({ cloud: run(ready, 2), floor: run(floor, 2) });
    const med = (f) => median(turns.map(f));
    return {
      installed: true,
      localCloudRequestsPerSecond: Math.round(med((t) => t.cloud.perSecond)),
      localCloudServerCpuUsPerRequest: +med((t) => t.cloud.serverCpuUs ?? 0).toFixed(1),
      floorRequestsPerSecond: Math.round(med((t) => t.floor.perSecond)),
      floorServerCpuUsPerRequest: +med((t) => t.floor.serverCpuUs ?? 0).toFixed(1),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What a user's CI waits for around its tests: `myaccount emulator start --detach` in a new
 * state folder (the CA, the server certificate and the signing key are made), then later starts
 * that reuse them, and `emulator stop`, through the CLI as a user runs them; node -e 0 beside.
 */
function startAndStop(runs = 5) {
  const dir = mkdtempSync(join(tmpdir(), 'myaccount-bench-lifecycle-'));
  const env = { ...process.env, MYACCOUNT_CONFIG_DIR: dir };
  const timed = (args) => {
    const started = performance.now();
    const r = spawnSync(process.execPath, args, { env, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
    return performance.now() - started;
  };
  try {
    const firstStartMs = timed([bin, 'emulator', 'start', '--detach', '--port', '0']);
    timed([bin, 'emulator', 'stop']);
    const starts = [];
    const stops = [];
    const nodes = [];
    for (let i = 0; i < runs; i++) {
      starts.push(timed([bin, 'emulator', 'start', '--detach', '--port', '0']));
      stops.push(timed([bin, 'emulator', 'stop']));
      nodes.push(timed(['-e', '0']));
    }
    const ms = (v) => Math.round(v);
    return { runs, firstStartMs: ms(firstStartMs), startMs: ms(median(starts)), stopMs: ms(median(stops)), nodeMs: ms(median(nodes)), nodeExtraCaCerts: process.env.NODE_EXTRA_CA_CERTS ? 'set' : 'unset' };
  } finally {
    spawnSync(process.execPath, [bin, 'emulator', 'stop'], { env, stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU time (ms) a process has used in user and kernel mode, from /proc/<pid>/stat (10 ms ticks); null off Linux. */
function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of proc(5) (utime, stime) are 11 and 12 after the command name.
    return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
  } catch {
    return null;
  }
}

/**
 * Node's HTTPS and nothing else, in a child process on 127.0.0.1: the local cloud's certificate,
 * every request answered 200 with `bytes` bytes of JSON and a few of the local cloud's headers.
 */
async function floorServer(bytes) {
  const code = `
    const https = require('node:https');
    const fs = require('node:fs');
    const body = Buffer.from(JSON.stringify({ value: 'x'.repeat(Math.max(0, ${bytes} - 12)) }));
    const server = https.createServer({ cert: fs.readFileSync(process.env.LEAF_CERT), key: fs.readFileSync(process.env.LEAF_KEY) }, (req, res) => {
      req.resume();
      res.writeHead(200, ['Content-Type', 'application/json; charset=utf-8', 'Content-Length', String(body.length), 'Cache-Control', 'no-store', 'x-ms-request-id', crypto.randomUUID()]);
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
    process.on('SIGTERM', () => process.exit(0));
    // Stops itself when the benchmark that started it is gone, however it ended.
    setInterval(() => { try { process.kill(${process.pid}, 0); } catch { process.exit(0); } }, 1000).unref();
  `;
  const env = { ...process.env, LEAF_CERT: join(ready.dataDir, 'leaf.pem'), LEAF_KEY: join(ready.dataDir, 'leaf-key.pem') };
  const child = spawn(process.execPath, ['-e', code], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim())));
    child.once('exit', (c) => reject(new Error(`the floor server exited (${c})`)));
  });
  return { port, pid: child.pid, child, bytes };
}

const workers = [];
let failed = false;
try {
  const info = generatedSeedInfo({ tenants, subscriptionsPerTenant });
  const host = `127.0.0.1:${ready.port}`;

  // Set-up requests (one ARM token per tenant) go through node's own client, which checks the answers fully.
  const agent = new https.Agent({ ca: ready.caPem, keepAlive: true, maxSockets: 8 });
  const post = (path, body) =>
    new Promise((resolve, reject) => {
      const req = https.request(`${ready.url}${path}`, { method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`token request failed with ${res.statusCode}: ${text.slice(0, 300)}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
  const tokenBody = (sp) => new URLSearchParams({ grant_type: 'client_credentials', client_id: sp.appId, client_secret: sp.secret, scope: 'https://management.azure.com/.default' }).toString();
  const tokens = [];
  for (const sp of info.servicePrincipals) tokens.push((await post(`/${sp.tenantId}/oauth2/v2.0/token`, tokenBody(sp))).access_token);
  // The load client only frames answers, so one list is read in full here: the service principal sees its tenant's subscriptions.
  const list = await new Promise((resolve, reject) => {
    const req = https.request(`${ready.url}/subscriptions?api-version=2022-12-01`, { agent, headers: { authorization: `Bearer ${tokens[0]}` } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`the subscription list answered ${res.statusCode}: ${text.slice(0, 300)}`))));
    });
    req.on('error', reject);
    req.end();
  });
  if (list.value?.length !== Math.min(subscriptionsPerTenant, 100)) throw new Error(`the subscription list held ${list.value?.length} subscriptions, not ${subscriptionsPerTenant}`);
  agent.destroy();

  // The requests the clients send, as bytes on the wire.
  const tokenRequests = info.servicePrincipals.map((sp) => {
    const body = tokenBody(sp);
    return `POST /${sp.tenantId}/oauth2/v2.0/token HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  });
  const listRequests = tokens.map((t) => `GET /subscriptions?api-version=2022-12-01 HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${t}\r\n\r\n`);

  for (let i = 0; i < clients; i++) {
    const child = fork(new URL('./bench-emulator-client.mjs', import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    workers.push(child);
  }
  const ask = (child, msg) =>
    new Promise((resolve, reject) => {
      const onExit = (code) => reject(new Error(`a benchmark client exited (${code})`));
      child.once('message', (answer) => {
        child.off('exit', onExit);
        resolve(answer);
      });
      child.once('exit', onExit);
      child.send(msg);
    });
  // Connections spread over the clients.
  const share = (i) => Math.floor(concurrency / clients) + (i < concurrency % clients ? 1 : 0);

  async function drive(name, requests, { server = ready, runSeconds = seconds, quiet = false } = {}) {
    await Promise.all(workers.map((w, i) => ask(w, { port: server.port, ca: ready.caPem, requests, connections: share(i) })));
    // Warm up (JIT, TLS handshakes, keep-alive sockets) before measuring.
    await Promise.all(workers.map((w) => ask(w, { run: 1000, measure: false })));
    const serverCpu0 = processCpuMs(server.pid);
    const results = await Promise.all(workers.map((w) => ask(w, { run: runSeconds * 1000, measure: true })));
    const serverCpu1 = processCpuMs(server.pid);
    if (!serverCpu0 || !serverCpu1) throw new Error("the server's CPU time is read from /proc, which this system does not have");
    const serverCpuMs = serverCpu1.user + serverCpu1.system - serverCpu0.user - serverCpu0.system;
    const serverSystemShare = (serverCpu1.system - serverCpu0.system) / serverCpuMs;
    const ok = results.reduce((n, r) => n + r.ok, 0);
    const errors = results.reduce((n, r) => n + r.errors, 0);
    const elapsed = Math.max(...results.map((r) => r.elapsed));
    const clientCpuMs = results.reduce((n, r) => n + r.cpuMs, 0);
    const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
    const rps = Math.round(ok / elapsed);
    const perServerCpuSecond = Math.round(ok / (serverCpuMs / 1000));
    const figures = {
      requestsPerSecond: rps,
      requestsPerServerCpuSecond: perServerCpuSecond,
      serverCpuUsPerRequest: +((serverCpuMs * 1000) / ok).toFixed(1),
      serverKernelShare: +serverSystemShare.toFixed(2),
      clientCpuUsPerRequest: +((clientCpuMs * 1000) / ok).toFixed(1),
      serverCpuShare: +(serverCpuMs / 1000 / elapsed).toFixed(2),
      p50Ms: +pct(0.5).toFixed(2),
      p99Ms: +pct(0.99).toFixed(2),
      errors,
      requests: ok,
      load: currentLoad(),
    };
    if (!quiet) console.log(
      `${name.padEnd(14)} ${String(rps).padStart(7)} req/s wall   ${String(perServerCpuSecond).padStart(7)} req per server-CPU-second   ` +
        `server ${figures.serverCpuUsPerRequest} µs/req (${Math.round(serverSystemShare * 100)}% kernel, ${figures.serverCpuShare} cores), client ${figures.clientCpuUsPerRequest} µs/req   ` +
        `p50 ${figures.p50Ms} ms   p99 ${figures.p99Ms} ms   errors ${errors}   (${ok} in ${elapsed.toFixed(1)} s, ${concurrency} in flight, ${clients} client process${clients > 1 ? 'es' : ''})`,
    );
    return figures;
  }

  const m = machine();
  console.log(`local cloud benchmark: ${tenants} tenants x ${subscriptionsPerTenant} subscriptions, ${seconds} s per kind`);
  console.log(machineLine(m));
  const figures = {
    date: new Date().toISOString(),
    machine: m,
    node: process.version,
    seed: { tenants, subscriptionsPerTenant },
    concurrency,
    clients,
    seconds,
    token: await drive('token', tokenRequests),
    subscriptions: await drive('subscriptions', listRequests),
  };
  // The floor and the local cloud in turns, 2 s each, 4 times: this VM's speed moves by 2x for
  // tens of seconds at a time, so only figures taken side by side compare.
  const floor = await floorServer(Buffer.byteLength(JSON.stringify(list)));
  const turns = [];
  try {
    for (let turn = 0; turn < 4; turn++) {
      const cloudTurn = await drive('subscriptions', listRequests, { runSeconds: 2, quiet: true });
      const floorTurn = await drive('node https', listRequests, { server: floor, runSeconds: 2, quiet: true });
      turns.push({ cloud: cloudTurn, floor: floorTurn });
    }
  } catch (error) {
    floor.child.kill('SIGTERM');
    throw error;
  }
  figures.nodeHttpsFloor = {
    bytes: floor.bytes,
    requestsPerSecond: Math.round(median(turns.map((t) => t.floor.requestsPerSecond))),
    serverCpuUsPerRequest: +median(turns.map((t) => t.floor.serverCpuUsPerRequest)).toFixed(1),
    localCloudRequestsPerSecond: Math.round(median(turns.map((t) => t.cloud.requestsPerSecond))),
    localCloudServerCpuUsPerRequest: +median(turns.map((t) => t.cloud.serverCpuUsPerRequest)).toFixed(1),
    ownWorkUsPerList: +median(turns.map((t) => t.cloud.serverCpuUsPerRequest - t.floor.serverCpuUsPerRequest)).toFixed(1),
  };
  const f = figures.nodeHttpsFloor;
  console.log(
    `node https     ${String(f.requestsPerSecond).padStart(7)} req/s wall   server ${f.serverCpuUsPerRequest} µs/req: node's own HTTPS on this machine, a server answering every request with a fixed ${f.bytes}-byte body and nothing else`,
  );
  console.log(
    `               in turns with the lists (2 s each, 4 times, medians): lists ${f.localCloudRequestsPerSecond} req/s at ${f.localCloudServerCpuUsPerRequest} µs; the local cloud's own work over the floor ${f.ownWorkUsPerList} µs of server CPU a list`,
  );
  try {
    figures.wrk = await listsUnderWrk(floor, tokens);
  } finally {
    floor.child.kill('SIGTERM');
  }
  if (figures.wrk.installed) {
    const w = figures.wrk;
    console.log(
      `under wrk      lists ${w.localCloudRequestsPerSecond} req/s at ${w.localCloudServerCpuUsPerRequest} µs; node's floor ${w.floorRequestsPerSecond} req/s at ${w.floorServerCpuUsPerRequest} µs (wrk, a C load generator: 1 thread, ${concurrency} connections, in turns, 2 s each, 4 times, medians)`,
    );
  } else console.log('under wrk      not run: wrk is not installed (apt-get install wrk); it leaves the server more of the two cores than the node client');
  figures.lifecycle = startAndStop();
  const l = figures.lifecycle;
  console.log(
    `start/stop     emulator start --detach: first ${l.firstStartMs} ms (keys and certificates made), later ${l.startMs} ms; emulator stop ${l.stopMs} ms; node -e 0 ${l.nodeMs} ms (medians of ${l.runs}; NODE_EXTRA_CA_CERTS ${l.nodeExtraCaCerts})`,
  );
  console.log(`load after: ${currentLoad().join(' ')}`);

  const { previous, file: out } = saveFigures('emulator', figures);
  if (previous?.lifecycle) console.log(`start/stop     previous ${previous.date}: first start ${versus(l.firstStartMs, previous.lifecycle.firstStartMs)}, later ${versus(l.startMs, previous.lifecycle.startMs)}, stop ${versus(l.stopMs, previous.lifecycle.stopMs)}`);
  if (previous) console.log(`previous run ${previous.date}: load ${previous.machine?.load?.join(' ') ?? 'not recorded'}, CPU check ${previous.machine?.cpuCheckMs ?? 'not recorded'} ms`);
  for (const kind of ['token', 'subscriptions']) {
    const before = previous?.[kind];
    if (before?.requestsPerSecond) console.log(`${kind.padEnd(14)} previous ${previous.date}: ${versus(figures[kind].requestsPerSecond, before.requestsPerSecond, ' req/s')}${before.requestsPerServerCpuSecond ? `, ${versus(figures[kind].requestsPerServerCpuSecond, before.requestsPerServerCpuSecond, ' per server-CPU-s')}` : ''}`);
  }
  console.log(`figures written to ${out}`);
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  for (const w of workers) if (w.exitCode === null) w.send({ exit: true });
  await ready.stop();
}
process.exit(failed ? 1 : 0);
