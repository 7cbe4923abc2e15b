#!/usr/bin/env node
// The latency of `myaccount exec`'s identity endpoint for a cached token: after one device-code
// sign-in as alice@contoso.example on a private state folder against the local cloud (in its own
// process), `myaccount exec -- node bench-exec-client.mjs` asks the endpoint for an ARM token
// BENCH_REQUESTS times (default 2000, after 200 warm-up requests) over a keep-alive connection.
// Prints p50/p99/max beside the machine, Node version and load; target p99 < 5 ms. The emulator's
// request log proves the timed requests were answered from the cache. Run `npm run build` first;
// figures go to .bench/exec.json and are compared with the previous run.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { bin, cliEnv, currentLoad, connectByDeviceCode, machine, machineLine, requireBuild, root, saveFigures, startCloud, versus } from './bench-local-cloud.mjs';

requireBuild();
const requests = Number(process.env.BENCH_REQUESTS ?? 2000);
const warmup = Number(process.env.BENCH_WARMUP ?? 200);
const cloud = await startCloud({ settings: { deviceCodeIntervalSeconds: 1 } });
const stateDir = cloud.stateFolder();
let failed = false;
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
try {
  const signIn = await connectByDeviceCode(cloud, stateDir, 'alice@contoso.example');
  if (signIn.code !== 0) throw new Error(`connect exited ${signIn.code}:\n${signIn.stderr.slice(-1500)}${signIn.stdout.slice(-1500)}`);
  const env = cliEnv(stateDir);
  const since = (await cloud.admin('GET', '/log?since=0&limit=1')).value.at(-1)?.seq ?? 0;
  const loadBefore = currentLoad();
  const r = spawnSync(process.execPath, [bin, 'exec', '--', process.execPath, join(root, 'scripts', 'bench-exec-client.mjs'), String(warmup), String(requests)], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const loadAfter = currentLoad();
  if (r.status !== 0) throw new Error(`exec exited ${r.status}:\n${r.stderr.slice(-1500)}${r.stdout.slice(-1500)}`);
  const times = JSON.parse(r.stdout.trim().split('\n').at(-1)).times.sort((a, b) => a - b);
  // connect left alice's ARM token in the cache; the first warm-up request may still have refreshed nothing else.
  const sent = (await cloud.log(since)).filter((e) => !e.path.startsWith('/_admin')).length;
  const figures = {
    date: new Date().toISOString(),
    node: process.version,
    machine: machine(),
    load: { before: loadBefore, after: loadAfter },
    requests,
    warmup,
    p50Ms: +percentile(times, 50).toFixed(3),
    p99Ms: +percentile(times, 99).toFixed(3),
    maxMs: +times.at(-1).toFixed(3),
    requestsToLocalCloud: sent,
    tokenCache: 'plaintext (MYACCOUNT_ALLOW_PLAINTEXT_TOKEN_CACHE=true, no keyring)',
  };
  const { previous, file } = saveFigures('exec', figures);
  console.log(`myaccount exec identity endpoint, cached ARM token, ${requests} requests after ${warmup} warm-up, one keep-alive connection:`);
  console.log(`  p50 ${versus(figures.p50Ms, previous?.p50Ms)}   p99 ${versus(figures.p99Ms, previous?.p99Ms)} (target < 5 ms)   max ${figures.maxMs} ms`);
  console.log(`  ${machineLine(figures.machine)}`);
  console.log(`  load average (1, 5, 15 min): before ${loadBefore.join(' ')}, after ${loadAfter.join(' ')}`);
  console.log(`  requests to the local cloud during the run: ${sent} (a cached token needs none); ${figures.tokenCache}`);
  console.log(`figures written to ${file}`);
} catch (e) {
  failed = true;
  console.error(e instanceof Error ? e.message : e);
} finally {
  rmSync(stateDir, { recursive: true, force: true });
  await cloud.stop();
}
process.exit(failed ? 1 : 0);
