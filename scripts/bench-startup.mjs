#!/usr/bin/env node
// Cold start of `myaccount get-context` beside a bare `node -e 0`: median wall time, mean CPU time
// (user + sys, of the children, from /proc) and peak RSS, with NODE_EXTRA_CA_CERTS unset for both
// (Node reads and parses the named bundle at start, which would time the bundle, not MyAccount).
// Prints the machine, Node version and load beside the figures and the change since the previous
// run (kept in .bench/startup.json).
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { azCommandFigure, azLine } from './bench-az.mjs';
import { bin, interleavedWallTimes, currentLoad, machine, machineLine, median, saveFigures, signedInStateFolder } from './bench-local-cloud.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 31);
const stateDir = signedInStateFolder();
const env = { ...process.env, MYACCOUNT_CONFIG_DIR: stateDir };
delete env.NODE_EXTRA_CA_CERTS;
const m = machine();
// Peak RSS is read in the child at exit by a preload, so timing runs carry no instrumentation.
const rssProbe = join(stateDir, 'rss-probe.cjs');
writeFileSync(rssProbe, "process.on('exit', () => require('fs').writeSync(3, String(process.resourceUsage().maxRSS)));");

// The CLI keeps V8's code cache of its chunks (src/boot/chunk-loader.ts); the warm-up runs make
// it, as any earlier call would. The last case is a machine that never ran it (a fresh CI job).
const cases = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'myaccount get-context', args: [bin, 'get-context'] },
  { name: 'get-context, no code cache', args: [bin, 'get-context'], env: { NODE_DISABLE_COMPILE_CACHE: '1' } },
  // A command that writes state: the profile's lock, an atomic write with fsync, the lock's release.
  { name: 'select-context (writes)', args: [bin, 'select-context', '--name', 'prod'] },
];

// The cases take turns in blocks (five rounds), so the ratio holds on a VM whose speed drifts.
const rounds = 5;
const timesOf = interleavedWallTimes(cases, env, runs, rounds);
const results = {};
for (const c of cases) {
  const caseEnv = { ...env, ...c.env };
  const times = timesOf.get(c.name);
  const rss = [];
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, ['--require', rssProbe, ...c.args], { env: caseEnv, stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    rss.push(Number(r.output[3].toString()) / 1024);
  }
  results[c.name] = { medianMs: Number(median(times).toFixed(1)), cpuMs: times.cpuMs, peakRssMb: Number(Math.max(...rss).toFixed(1)) };
}
rmSync(stateDir, { recursive: true, force: true });

const node = results['node -e 0'];
const cli = results['myaccount get-context'];
const ratio = Number((cli.medianMs / node.medianMs).toFixed(2));
const cpuRatio = node.cpuMs ? Number((cli.cpuMs / node.cpuMs).toFixed(2)) : null;
// What an az user runs instead: az account show, signed in to a local cloud started for it (a
// few runs: az takes most of a second each). --no-az leaves it out.
const az = process.argv.includes('--no-az') ? undefined : await azCommandFigure({ args: ['account', 'show'] });
const figures = { date: new Date().toISOString(), machine: m, loadAfter: currentLoad(), nodeExtraCaCerts: 'unset', runs, results, ratio, cpuRatio, az };

const { previous } = saveFigures('startup', figures);
const delta = (now, before) => (before === undefined ? '' : ` (was ${before}, ${now >= before ? '+' : ''}${(now - before).toFixed(1)})`);
console.log(`Cold start, median of ${timesOf.get('node -e 0').length} runs in ${rounds} rounds; NODE_EXTRA_CA_CERTS unset for both; ${machineLine(m)} (at the end ${figures.loadAfter.join(' ')})${previous?.machine ? `; previous run ${previous.date}, load ${previous.machine.load.join(' ')}, CPU check ${previous.machine.cpuCheckMs ?? 'not recorded'} ms` : ''}:`);
for (const [name, r] of Object.entries(results)) {
  const p = previous?.results?.[name];
  console.log(`  ${name.padEnd(24)} ${String(r.medianMs).padStart(7)} ms${delta(r.medianMs, p?.medianMs)}   CPU ${r.cpuMs} ms${delta(r.cpuMs, p?.cpuMs)}   peak RSS ${r.peakRssMb} MB${delta(r.peakRssMb, p?.peakRssMb)}`);
}
console.log(`  ratio myaccount / node: wall ${ratio}x, CPU ${cpuRatio}x (target <= 1.25x)${previous ? `; previous wall ${previous.ratio}x, CPU ${previous.cpuRatio ?? 'not recorded'}x` : ''}`);
console.log(`  peak RSS: ${cli.peakRssMb} MB (target < 50 MB)`);
if (az) console.log(azLine(az, cli.medianMs, previous?.az));
const write = results['select-context (writes)'];
console.log(`  a command that writes the profile (select-context): wall ${(write.medianMs / node.medianMs).toFixed(2)}x, CPU ${node.cpuMs ? (write.cpuMs / node.cpuMs).toFixed(2) : '?'}x of node -e 0 (no target; Select-AzContext's daily use)`);
const cold = results['get-context, no code cache'];
console.log(`  without the code cache (a first run): wall ${(cold.medianMs / node.medianMs).toFixed(2)}x, CPU ${node.cpuMs ? (cold.cpuMs / node.cpuMs).toFixed(2) : '?'}x`);
