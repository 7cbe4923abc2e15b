#!/usr/bin/env node
// `myaccount connect` by device code against big generated seeds (one user who belongs to every
// tenant) with 50 ms added to every request, beside the lower bound that latency and
// TenantConcurrency imply. Two sizes by default, 100 tenants x 10 subscriptions and 1,000
// tenants x 2, so a cost that grows faster than the number of tenants shows as a ratio to the
// bound that grows with size. The emulator runs in its own process; the device code is approved
// through the admin API as soon as the CLI shows it. Beside wall time, the CLI's own CPU time
// (user + system, read in the child at exit) and peak RSS are printed, with the machine, Node
// version and load average, since the machine is shared and wall time is noisy. Run
// `npm run build` first; figures go to .bench/connect.json and are compared with the previous run.
//
//   node scripts/bench-connect.mjs [--runs 3] [--tenants 100 --subscriptions 10] [--latency 50] [--concurrency 8] [--vs-az]
//
// --vs-az also runs Debian's az 2.45 (`az login --use-device-code`, the code approved the same way)
// against the same local cloud, seed and latency, signed in through the local cloud's Entra-style
// authority so it reads every tenant as it would in Azure. az's MSAL Python insists on asking
// login.microsoftonline.com to validate that authority; scripts/az-instance-discovery.mjs answers
// that one question from the local cloud through a proxy, and refuses every other host. az reads
// tenants one after the other (~4 requests each), so by default it runs at 100x10 only; name one
// size (--tenants/--subscriptions) to run it there. --az-runs N (default: --runs).
//
// --versus PATH also runs another build's CLI (PATH is its bin/myaccount.js, e.g. a worktree of an
// earlier commit) in turns with this one against the same local cloud, run by run, and prints
// both medians: this VM's speed moves by tens of percent within minutes, so only builds timed
// side by side compare.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { azAgainst, azVersion } from './bench-az.mjs';
import { childrenCpuMs, connectByDeviceCode, emulatorModule, currentLoad, machine, machineLine, median, numberOption, readUsage, requireBuild, saveFigures, startCloud, usageProbe, versus } from './bench-local-cloud.mjs';

requireBuild();
const args = process.argv.slice(2);
const runs = numberOption('runs', 3);
const latencyMs = numberOption('latency', 50);
// TenantConcurrency's default; the CLI gets it explicitly so a developer's setting cannot skew the run.
const concurrency = numberOption('concurrency', 8);
const PAGE_SIZE = 100; // the emulator's default page size for ARM lists
// Both sizes unless one is asked for: the second has 10x the tenants, so linear work takes ~10x.
const sizes = args.includes('--tenants') || args.includes('--subscriptions')
  ? [{ tenants: numberOption('tenants', 100), subscriptionsPerTenant: numberOption('subscriptions', 10) }]
  : [{ tenants: 100, subscriptionsPerTenant: 10 }, { tenants: 1000, subscriptionsPerTenant: 2 }];
const sizeName = (o) => `${o.tenants}x${o.subscriptionsPerTenant}`;

const { generatedSeedInfo } = await emulatorModule();
const vsAz = args.includes('--vs-az');
const versusAt = args.indexOf('--versus');
const otherCli = versusAt >= 0 ? resolve(args[versusAt + 1] ?? '') : undefined;
if (otherCli !== undefined && !existsSync(otherCli)) {
  console.error(`--versus names ${otherCli}, which does not exist: give another build's bin/myaccount.js.`);
  process.exit(2);
}
const azRuns = numberOption('az-runs', runs);

/** What one request was for, from the emulator's (redacted) request log. */
function kindOf(entry) {
  if (entry.path.endsWith('/devicecode')) return 'devicecode';
  if (entry.grantType?.endsWith('device_code')) return entry.status === 200 ? 'device_code token' : 'device_code poll (pending)';
  if (entry.grantType === 'refresh_token') return 'tenant token (refresh_token)';
  if (entry.path.includes('openid-configuration') || entry.path.includes('/discovery/')) return 'discovery';
  if (entry.path === '/tenants') return 'ARM tenants';
  if (entry.path === '/subscriptions') return 'ARM subscriptions';
  return `${entry.method} ${entry.path}`;
}
const PER_TENANT = new Set(['tenant token (refresh_token)', 'ARM subscriptions']);

function countKinds(log) {
  const kinds = {};
  for (const e of log) kinds[kindOf(e)] = (kinds[kindOf(e)] ?? 0) + 1;
  return kinds;
}

/**
 * The device-code wait: from the code being issued to the poll that got the token, i.e. the
 * person's part (here the admin API) plus the poll interval; nothing a client can shorten.
 */
function deviceCodeWaitMs(log) {
  const end = (e) => Date.parse(e.time);
  const issued = log.find((e) => kindOf(e) === 'devicecode');
  const redeemed = log.find((e) => kindOf(e) === 'device_code token');
  return issued && redeemed ? Math.max(0, end(redeemed) - redeemed.ms - end(issued)) : 0;
}

/** Runs connect `runs` times against one generated seed; the figures of that size. */
async function benchSize(seedOptions) {
  const { tenants, subscriptionsPerTenant } = seedOptions;
  const username = generatedSeedInfo(seedOptions).globalGuest;
  const cloud = await startCloud({
    seedCode: `generateSeed(${JSON.stringify(seedOptions)})`,
    faults: latencyMs > 0 ? { all: { latencyMs } } : undefined,
    settings: { deviceCodeIntervalSeconds: 1 },
  });
  const scratch = mkdtempSync(join(tmpdir(), 'myaccount-bench-probe-'));
  const probe = usageProbe(scratch);
  try {
    console.log(`\n${tenants} tenants x ${subscriptionsPerTenant} subscriptions, ${latencyMs} ms added to every request, TenantConcurrency ${concurrency}, ${runs} runs`);
    const results = [];
    const other = [];
    /** The other build's connect, in a state folder of its own: wall time only. */
    const otherRun = async () => {
      const stateDir = cloud.stateFolder();
      try {
        const r = await connectByDeviceCode(cloud, stateDir, username, [], { MYACCOUNT_TENANT_CONCURRENCY: String(concurrency) }, [], otherCli);
        if (r.code !== 0) throw new Error(`the other build's connect exited ${r.code}:\n${r.stderr.slice(-2000)}`);
        other.push(+r.wallMs.toFixed(0));
      } finally {
        rmSync(stateDir, { recursive: true, force: true });
      }
    };
    for (let run = 1; run <= runs; run++) {
      // Turns: the other build before this one on odd runs, after it on even ones.
      if (otherCli && run % 2 === 1) await otherRun();
      const stateDir = cloud.stateFolder();
      const usageOut = join(scratch, `usage-${run}.json`);
      try {
        const since = (await cloud.admin('GET', '/log?since=0&limit=1')).value.at(-1)?.seq ?? 0;
        const load = currentLoad()[0];
        const r = await connectByDeviceCode(cloud, stateDir, username, [], { MYACCOUNT_TENANT_CONCURRENCY: String(concurrency), BENCH_USAGE_OUT: usageOut }, ['--require', probe]);
        if (r.code !== 0) throw new Error(`connect exited ${r.code}:\n${r.stderr.slice(-2000)}\n${r.stdout.slice(0, 2000)}`);
        const listed = (r.stdout && JSON.parse(r.stdout).Tenants) || [];
        const succeeded = listed.filter((t) => t.Status === 'Succeeded').length;
        if (succeeded !== tenants) throw new Error(`connect read ${succeeded} of ${tenants} tenants; a benchmark of a partial sign-in means nothing:\n${r.stderr.match(/.*not listed.*/)?.[0]?.slice(0, 600) ?? ''}`);
        const usage = readUsage(usageOut);

        const log = (await cloud.log(since)).filter((e) => !e.path.startsWith('/_admin'));
        const kinds = countKinds(log);
        const waitMs = deviceCodeWaitMs(log);
        const sequential = log.filter((e) => !PER_TENANT.has(kindOf(e)) && kindOf(e) !== 'device_code poll (pending)').length;
        results.push({ wallMs: +r.wallMs.toFixed(0), waitMs: +waitMs.toFixed(0), cpuMs: usage?.cpuMs ?? null, userMs: usage?.userMs ?? null, systemMs: usage?.systemMs ?? null, maxRssMb: usage?.maxRssMb ?? null, load, requests: log.length, sequential, kinds });
        console.log(`  run ${run}: ${r.wallMs.toFixed(0)} ms wall (${(r.wallMs - waitMs).toFixed(0)} without the device-code wait of ${waitMs.toFixed(0)}), CPU ${usage ? `${usage.cpuMs} ms (user ${usage.userMs}, sys ${usage.systemMs}), peak RSS ${usage.maxRssMb} MB` : 'unknown'}, ${log.length} requests, ${succeeded}/${tenants} tenants read, load ${load}`);
      } finally {
        rmSync(stateDir, { recursive: true, force: true });
      }
      if (otherCli && run % 2 === 0) await otherRun();
    }

    // The lower bound: requests that must follow one another, times the added latency. Before the
    // tenants can be read, `sequential` requests happen one after the other (discovery, devicecode,
    // the device_code token, the tenant list); then each tenant is a chain of a token request and
    // its subscription pages, and at most TenantConcurrency chains run at once, so the tenants take
    // at least ceil(tenants / concurrency) chain lengths. Server work, TLS, process start and disk
    // writes come on top.
    const sequential = Math.min(...results.map((r) => r.sequential));
    const chain = 1 + Math.max(1, Math.ceil(subscriptionsPerTenant / PAGE_SIZE));
    const rounds = Math.ceil(tenants / concurrency);
    const boundMs = (sequential + rounds * chain) * latencyMs;
    const wall = median(results.map((r) => r.wallMs));
    const wait = median(results.map((r) => r.waitMs));
    const withoutWait = median(results.map((r) => r.wallMs - r.waitMs));
    const dominated = wait > wall / 2;
    const reported = dominated ? withoutWait : wall;
    const cpu = results.every((r) => r.cpuMs !== null) ? median(results.map((r) => r.cpuMs)) : null;
    const az = vsAz && (sizes.length === 1 || tenants <= 100) ? await benchAz(cloud, seedOptions, username) : undefined;
    return {
      seed: seedOptions,
      runs: results,
      medianWallMs: wall,
      medianWaitMs: wait,
      medianWallWithoutWaitMs: withoutWait,
      medianCpuMs: cpu,
      cpuMsPerTenant: cpu === null ? null : +(cpu / tenants).toFixed(2),
      peakRssMb: Math.max(...results.map((r) => r.maxRssMb ?? 0)),
      requests: median(results.map((r) => r.requests)),
      bound: { sequential, chain, rounds, ms: boundMs },
      reported: dominated ? 'wall time without the device-code wait' : 'wall time',
      ratio: boundMs ? +(reported / boundMs).toFixed(2) : null,
      az,
      ...(otherCli ? { versus: { cli: otherCli, runs: other, medianWallMs: median(other) } } : {}),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    await cloud.stop();
  }
}

/**
 * `az login --use-device-code` against the same local cloud and seed, `azRuns` times, each with a
 * fresh AZURE_CONFIG_DIR whose cloud is registered (untimed) with the Entra-style authority.
 */
async function benchAz(cloud, seedOptions, username) {
  const { tenants } = seedOptions;
  const version = azVersion();
  if (!version) {
    console.log('  az: not installed (scripts/setup.sh --system installs Debian\'s azure-cli); no az figures');
    return { installed: false };
  }
  const az = await azAgainst(cloud);
  try {
    console.log(`  az ${version} (az login --use-device-code, Entra-style authority, instance discovery answered by the local cloud through a proxy), ${azRuns} runs`);
    const results = [];
    for (let run = 1; run <= azRuns; run++) {
      const env = await az.configure();
      const since = (await cloud.admin('GET', '/log?since=0&limit=1')).value.at(-1)?.seq ?? 0;
      const load = currentLoad()[0];
      const cpuBefore = childrenCpuMs();
      const r = await az.loginByDeviceCode(env, username);
      const cpuMs = cpuBefore === null ? null : childrenCpuMs() - cpuBefore;
      const read = new Set(JSON.parse(r.stdout).map((s) => s.tenantId)).size;
      if (read !== tenants) throw new Error(`az login read ${read} of ${tenants} tenants; a comparison with a partial sign-in means nothing:\n${r.stderr.slice(-1500)}`);
      const log = (await cloud.log(since)).filter((e) => !e.path.startsWith('/_admin'));
      const waitMs = deviceCodeWaitMs(log);
      results.push({ wallMs: +r.wallMs.toFixed(0), waitMs: +waitMs.toFixed(0), cpuMs, load, requests: log.length, kinds: countKinds(log) });
      console.log(`  az run ${run}: ${r.wallMs.toFixed(0)} ms wall (${(r.wallMs - waitMs).toFixed(0)} without the device-code wait of ${waitMs.toFixed(0)}), CPU ${cpuMs ?? 'unknown'} ms, ${log.length} requests, ${read}/${tenants} tenants read, load ${load}`);
    }
    if (az.answered() === 0) throw new Error('az never asked for instance discovery: it did not use the Entra-style authority, so the figure is not comparable');
    return {
      installed: true,
      version,
      runs: results,
      medianWallMs: median(results.map((r) => r.wallMs)),
      medianWallWithoutWaitMs: median(results.map((r) => r.wallMs - r.waitMs)),
      medianCpuMs: results.every((r) => r.cpuMs !== null) ? median(results.map((r) => r.cpuMs)) : null,
      requests: median(results.map((r) => r.requests)),
    };
  } finally {
    await az.stop();
  }
}

let failed = false;
try {
  const m = machine();
  // The CLI inherits it as a user's shell would hand it on; set to a whole bundle, it adds tens of ms to the start.
  console.log(`connect benchmark: device code approved through the admin API (poll interval 1 s); NODE_EXTRA_CA_CERTS ${m.nodeExtraCaCerts} for the CLI; ${machineLine(m)}`);
  const bySize = {};
  for (const size of sizes) bySize[sizeName(size)] = await benchSize(size);
  const figures = { date: new Date().toISOString(), machine: m, loadAfter: currentLoad(), latencyMs, concurrency, sizes: bySize };
  const { previous, file } = saveFigures('connect', figures);

  console.log(`\n${machineLine(m)} (load at the end ${figures.loadAfter.join(' ')})${previous ? `; previous run ${previous.date}, load ${previous.machine?.load?.join(' ') ?? 'not recorded'}, CPU check ${previous.machine?.cpuCheckMs ?? 'not recorded'} ms` : ''}`);
  for (const [name, f] of Object.entries(bySize)) {
    // Figures of the one-size format (before both sizes were run) count as 100x10's.
    const before = previous?.sizes?.[name] ?? (name === '100x10' && previous?.medianWallMs ? previous : undefined);
    const { sequential, chain, rounds, ms } = f.bound;
    console.log(`\n${name}:`);
    console.log(`  wall time: median ${versus(f.medianWallMs, before?.medianWallMs)} (each: ${f.runs.map((r) => r.wallMs).join(', ')} ms)`);
    console.log(`  device-code wait: median ${f.medianWaitMs} ms; without it: ${versus(f.medianWallWithoutWaitMs, before?.medianWallWithoutWaitMs)}`);
    console.log(`  CPU time of the CLI (user + sys): median ${versus(f.medianCpuMs, before?.medianCpuMs)} (each: ${f.runs.map((r) => `${r.cpuMs} = ${r.userMs} + ${r.systemMs}`).join(', ')} ms); ${f.cpuMsPerTenant} ms per tenant; peak RSS ${f.peakRssMb} MB`);
    console.log(`  requests: ${versus(f.requests, before?.requests, '')} per connect; ${Object.entries(f.runs[0].kinds).map(([k, n]) => `${n} ${k}`).join(', ')}`);
    console.log(`  lower bound: (${sequential} sequential requests + ${rounds} rounds x ${chain} requests per tenant) x ${latencyMs} ms = ${ms} ms`);
    console.log(`  ratio: ${f.reported} / bound = ${f.ratio}x (target <= 1.3x)${before?.ratio ? `; previous ${before.ratio}x` : ''}`);
    if (f.versus) {
      const { cli, runs: each, medianWallMs } = f.versus;
      console.log(`  in turns with ${cli}: median ${medianWallMs} ms wall (each: ${each.join(', ')} ms), ${(medianWallMs / ms).toFixed(2)}x the bound; this build ${f.medianWallMs} ms (${f.medianWallMs <= medianWallMs ? `${(medianWallMs - f.medianWallMs).toFixed(0)} ms faster` : `${(f.medianWallMs - medianWallMs).toFixed(0)} ms slower`})`);
    }
    if (f.az?.installed) {
      const { az } = f;
      const times = (a, b) => +(a / b).toFixed(1);
      const was = before?.az?.installed ? `; previous ${times(before.az.medianWallMs, before.medianWallMs)}x` : '';
      console.log(`  az login ${az.version}: median ${versus(az.medianWallMs, before?.az?.medianWallMs)} wall (each: ${az.runs.map((r) => r.wallMs).join(', ')} ms), ${az.medianWallWithoutWaitMs} ms without the device-code wait; CPU ${az.medianCpuMs ?? 'unknown'} ms; ${az.requests} requests (${Object.entries(az.runs[0].kinds).map(([k, n]) => `${n} ${k}`).join(', ')})`);
      console.log(`  MyAccount vs az: ${times(az.medianWallMs, f.medianWallMs)}x faster in wall time, ${times(az.medianWallWithoutWaitMs, f.medianWallWithoutWaitMs)}x without the device-code wait, ${f.medianCpuMs && az.medianCpuMs ? `${times(az.medianCpuMs, f.medianCpuMs)}x less CPU` : 'CPU not compared'} (target >= 12x)${was}`);
    }
  }
  const [small, big] = [bySize['100x10'], bySize['1000x2']];
  if (small && big) {
    // Linear in tenants means the ratio to the (linear) bound and the CPU per tenant stay put.
    console.log(`\nscaling 100x10 -> 1000x2: ratio to the bound ${small.ratio}x -> ${big.ratio}x, CPU per tenant ${small.cpuMsPerTenant} -> ${big.cpuMsPerTenant} ms`);
  }
  console.log(`figures written to ${file}`);
} catch (e) {
  failed = true;
  console.error(e instanceof Error ? e.stack : e);
}
process.exit(failed ? 1 : 0);
