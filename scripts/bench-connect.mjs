#!/usr/bin/env node
// `myaccount connect` by device code against a big generated seed (100 tenants x 10 subscriptions,
// one user who belongs to every tenant) with 50 ms added to every request, beside the lower bound
// that latency and TenantConcurrency imply. The emulator runs in its own process; the device code
// is approved through the admin API as soon as the CLI shows it. Run `npm run build` first;
// figures go to .bench/connect.json and are compared with the previous run.
//
//   node scripts/bench-connect.mjs [--runs 3] [--tenants 100] [--subscriptions 10] [--latency 50] [--concurrency 8]
import { cpus } from 'node:os';
import { rmSync } from 'node:fs';
import { connectByDeviceCode, emulatorModule, median, numberOption, requireBuild, saveFigures, startCloud, versus } from './bench-local-cloud.mjs';

requireBuild();
const runs = numberOption('runs', 3);
const tenants = numberOption('tenants', 100);
const subscriptionsPerTenant = numberOption('subscriptions', 10);
const latencyMs = numberOption('latency', 50);
// TenantConcurrency's default; the CLI gets it explicitly so a developer's setting cannot skew the run.
const concurrency = numberOption('concurrency', 8);
const PAGE_SIZE = 100; // the emulator's default page size for ARM lists

const { generatedSeedInfo } = await emulatorModule();
const seedOptions = { tenants, subscriptionsPerTenant };
const username = generatedSeedInfo(seedOptions).globalGuest;

/** What one request was for, from the emulator's (redacted) request log. */
function kindOf(entry) {
  if (entry.path.endsWith('/devicecode')) return 'devicecode';
  if (entry.grantType === 'device_code') return entry.status === 200 ? 'device_code token' : 'device_code poll (pending)';
  if (entry.grantType === 'refresh_token') return 'tenant token (refresh_token)';
  if (entry.path.includes('openid-configuration') || entry.path.includes('/discovery/')) return 'discovery';
  if (entry.path === '/tenants') return 'ARM tenants';
  if (entry.path === '/subscriptions') return 'ARM subscriptions';
  return `${entry.method} ${entry.path}`;
}
const PER_TENANT = new Set(['tenant token (refresh_token)', 'ARM subscriptions']);

const cloud = await startCloud({
  seedCode: `generateSeed(${JSON.stringify(seedOptions)})`,
  faults: latencyMs > 0 ? { all: { latencyMs } } : undefined,
  settings: { deviceCodeIntervalSeconds: 1 },
});
let failed = false;
try {
  console.log(
    `connect benchmark: ${tenants} tenants x ${subscriptionsPerTenant} subscriptions, ${latencyMs} ms added to every request, TenantConcurrency ${concurrency}, ` +
      `device code approved through the admin API (poll interval 1 s), ${runs} runs, ${cpus().length} CPUs, node ${process.version}`,
  );
  const results = [];
  for (let run = 1; run <= runs; run++) {
    const stateDir = cloud.stateFolder();
    try {
      const since = (await cloud.admin('GET', '/log?since=0&limit=1')).value.at(-1)?.seq ?? 0;
      const r = await connectByDeviceCode(cloud, stateDir, username, [], { MYACCOUNT_TENANT_CONCURRENCY: String(concurrency) });
      if (r.code !== 0) throw new Error(`connect exited ${r.code}:\n${r.stderr.slice(-2000)}\n${r.stdout.slice(0, 2000)}`);
      const listed = (r.stdout && JSON.parse(r.stdout).Tenants) || [];
      const succeeded = listed.filter((t) => t.Status === 'Succeeded').length;
      if (succeeded !== tenants) throw new Error(`connect read ${succeeded} of ${tenants} tenants; a benchmark of a partial sign-in means nothing:\n${r.stderr.match(/.*not listed.*/)?.[0]?.slice(0, 600) ?? ''}`);

      const log = (await cloud.log(since)).filter((e) => !e.path.startsWith('/_admin'));
      const kinds = {};
      for (const e of log) kinds[kindOf(e)] = (kinds[kindOf(e)] ?? 0) + 1;
      // The device-code wait: from the code being issued to the poll that got the token, i.e. the
      // person's part (here the admin API) plus the poll interval; nothing a client can shorten.
      const end = (e) => Date.parse(e.time);
      const issued = log.find((e) => kindOf(e) === 'devicecode');
      const redeemed = log.find((e) => kindOf(e) === 'device_code token');
      const waitMs = issued && redeemed ? Math.max(0, end(redeemed) - redeemed.ms - end(issued)) : 0;
      const sequential = log.filter((e) => !PER_TENANT.has(kindOf(e)) && kindOf(e) !== 'device_code poll (pending)').length;
      results.push({ wallMs: +r.wallMs.toFixed(0), waitMs: +waitMs.toFixed(0), requests: log.length, sequential, kinds });
      console.log(`  run ${run}: ${r.wallMs.toFixed(0)} ms wall, ${log.length} requests, device-code wait ${waitMs.toFixed(0)} ms, ${succeeded}/${tenants} tenants read`);
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  }

  // The lower bound: requests that must follow one another, times the added latency. Before the
  // tenants can be read, `sequential` requests happen one after the other (discovery, devicecode,
  // the device_code token, the tenant list); then each tenant is a chain of a token request and
  // its subscription pages, and at most TenantConcurrency chains run at once, so the tenants take
  // at least ceil(tenants / concurrency) chain lengths. Server work, TLS, process start and disk
  // writes come on top; the target is to stay within 2x of this.
  const sequential = Math.min(...results.map((r) => r.sequential));
  const chain = 1 + Math.max(1, Math.ceil(subscriptionsPerTenant / PAGE_SIZE));
  const rounds = Math.ceil(tenants / concurrency);
  const boundMs = (sequential + rounds * chain) * latencyMs;
  const wall = median(results.map((r) => r.wallMs));
  const wait = median(results.map((r) => r.waitMs));
  const withoutWait = median(results.map((r) => r.wallMs - r.waitMs));
  const dominated = wait > wall / 2;
  const reported = dominated ? withoutWait : wall;
  const ratio = boundMs ? +(reported / boundMs).toFixed(2) : null;
  const figures = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    seed: seedOptions,
    latencyMs,
    concurrency,
    runs: results,
    medianWallMs: wall,
    medianWaitMs: wait,
    medianWallWithoutWaitMs: withoutWait,
    requests: median(results.map((r) => r.requests)),
    bound: { sequential, chain, rounds, ms: boundMs },
    reported: dominated ? 'wall time without the device-code wait' : 'wall time',
    ratio,
  };
  const { previous, file } = saveFigures('connect', figures);

  console.log(`\nwall time: median ${versus(wall, previous?.medianWallMs)} (each: ${results.map((r) => r.wallMs).join(', ')} ms)`);
  console.log(`device-code wait: median ${wait} ms; without it: ${versus(withoutWait, previous?.medianWallWithoutWaitMs)}`);
  console.log(`requests: ${versus(figures.requests, previous?.requests, '')} per connect; ${Object.entries(results[0].kinds).map(([k, n]) => `${n} ${k}`).join(', ')}`);
  console.log(
    `lower bound: (${sequential} sequential requests + ceil(${tenants} tenants / ${concurrency}) = ${rounds} rounds x ${chain} requests per tenant) x ${latencyMs} ms = ${boundMs} ms\n` +
      `  (sequential: discovery, devicecode, the device_code token and the tenant list, one after another; per tenant: a token, then ${chain - 1} subscription page${chain > 2 ? 's' : ''}, TenantConcurrency tenants at a time)`,
  );
  console.log(`ratio: ${figures.reported} / bound = ${ratio}x (target <= 2x)${previous?.ratio ? `; previous ${previous.ratio}x (${previous.date})` : ''}`);
  console.log(`figures written to ${file}`);
} catch (e) {
  failed = true;
  console.error(e instanceof Error ? e.message : e);
} finally {
  await cloud.stop();
}
process.exit(failed ? 1 : 0);
