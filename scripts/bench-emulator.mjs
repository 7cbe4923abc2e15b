#!/usr/bin/env node
// Throughput of the local cloud: client-credentials token requests and subscription lists per
// second, with a generated seed (200 tenants x 20 subscriptions by default), from a bounded
// concurrent keep-alive client. The emulator runs in a child process so client and server do
// not share an event loop. Run `node scripts/build.mjs` first; figures go to .bench/emulator.json.
//
//   node scripts/bench-emulator.mjs [--seconds 8] [--concurrency 64] [--tenants 200] [--subscriptions 20]
import https from 'node:https';
import { cpus } from 'node:os';
import { emulatorModule, numberOption, requireBuild, saveFigures, startCloud, versus } from './bench-local-cloud.mjs';

requireBuild();

const seconds = numberOption('seconds', 8);
const concurrency = numberOption('concurrency', 64);
const tenants = numberOption('tenants', 200);
const subscriptionsPerTenant = numberOption('subscriptions', 20);

const { generatedSeedInfo } = await emulatorModule();
// The server in its own process, so client and server do not share an event loop.
const ready = await startCloud({ seedCode: `generateSeed({ tenants: ${tenants}, subscriptionsPerTenant: ${subscriptionsPerTenant} })`, pageSize: 100 });

let failed = false;
try {
  const agent = new https.Agent({ ca: ready.caPem, keepAlive: true, maxSockets: concurrency });
  const info = generatedSeedInfo({ tenants, subscriptionsPerTenant });

  const request = (method, path, headers, body) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = https.request(`${ready.url}${path}`, { method, agent, headers }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - t0, body: Buffer.concat(chunks) }));
      });
      req.on('error', () => resolve({ status: 0, ms: performance.now() - t0 }));
      req.end(body);
    });

  const tokenRequest = (i) => {
    const sp = info.servicePrincipals[i % info.servicePrincipals.length];
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: sp.appId, client_secret: sp.secret, scope: 'https://management.azure.com/.default' }).toString();
    return request('POST', `/${sp.tenantId}/oauth2/v2.0/token`, { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) }, body);
  };

  // One ARM token per tenant, so subscription lists spread over the whole seed.
  const tokens = [];
  for (let i = 0; i < info.servicePrincipals.length; i++) {
    const r = await tokenRequest(i);
    if (r.status !== 200) throw new Error(`token request failed with ${r.status}: ${r.body}`);
    tokens.push(JSON.parse(r.body).access_token);
  }
  const listRequest = (i) => request('GET', '/subscriptions?api-version=2022-12-01', { authorization: `Bearer ${tokens[i % tokens.length]}` });

  async function drive(name, send) {
    // Warm up (JIT, TLS sessions, keep-alive sockets) before measuring.
    await run(send, 1000);
    const result = await run(send, seconds * 1000);
    const rps = Math.round(result.ok / result.elapsed);
    console.log(`${name.padEnd(14)} ${String(rps).padStart(7)} req/s   p50 ${result.p50.toFixed(1)} ms   p99 ${result.p99.toFixed(1)} ms   errors ${result.errors}   (${result.ok} in ${result.elapsed.toFixed(1)} s, ${concurrency} in flight)`);
    return { requestsPerSecond: rps, p50Ms: +result.p50.toFixed(2), p99Ms: +result.p99.toFixed(2), errors: result.errors, requests: result.ok };
  }

  async function run(send, durationMs) {
    const latencies = [];
    let ok = 0;
    let errors = 0;
    let i = 0;
    const start = performance.now();
    const deadline = start + durationMs;
    const worker = async () => {
      while (performance.now() < deadline) {
        const r = await send(i++);
        if (r.status === 200) {
          ok++;
          latencies.push(r.ms);
        } else errors++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const elapsed = (performance.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
    return { ok, errors, elapsed, p50: pct(0.5), p99: pct(0.99) };
  }

  console.log(`local cloud benchmark: ${tenants} tenants x ${subscriptionsPerTenant} subscriptions, ${seconds} s per kind, ${cpus().length} CPUs, node ${process.version}`);
  const figures = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    seed: { tenants, subscriptionsPerTenant },
    concurrency,
    seconds,
    token: await drive('token', tokenRequest),
    subscriptions: await drive('subscriptions', listRequest),
  };
  agent.destroy();

  const { previous, file: out } = saveFigures('emulator', figures);
  for (const kind of ['token', 'subscriptions']) {
    const before = previous?.[kind]?.requestsPerSecond;
    if (before) console.log(`${kind.padEnd(14)} previous ${previous.date}: ${versus(figures[kind].requestsPerSecond, before, ' req/s')}`);
  }
  console.log(`figures written to ${out}`);
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await ready.stop();
}
process.exit(failed ? 1 : 0);
