#!/usr/bin/env node
// `myaccount get-access-token` from a warm cache (no network) beside a bare `node -e 0`: median
// wall time of each over BENCH_RUNS runs (default 31), after one device-code sign-in as
// alice@contoso.example on a private state folder against the local cloud (in its own process).
// The emulator's request log proves the timed runs sent nothing. Run `npm run build` first;
// figures go to .bench/token.json and are compared with the previous run. Beside wall time, the
// mean CPU time (user + sys) of the children, and the machine, Node version and load; the
// timed runs have NODE_EXTRA_CA_CERTS unset (both node and the CLI). It runs the same on every
// platform and names the store the runs read (on Windows the DPAPI file, which the warm path
// decrypts without loading MSAL); CPU time is measured from /proc, so only on Linux.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { azCommandFigure, azLine } from './bench-az.mjs';
import { bin, cliEnv, connectByDeviceCode, currentLoad, machine, machineLine, median, requireBuild, saveFigures, startCloud, versus, interleavedWallTimes } from './bench-local-cloud.mjs';

/**
 * Which store the timed runs read, from what connect left in the state folder: the plain file
 * when no secure store worked (the usual case on a Linux machine without a keyring), else the
 * platform's (on Windows the DPAPI file, which the warm path decrypts itself).
 */
function tokenStore(stateDir) {
  if (existsSync(join(stateDir, 'msal.cache.plaintext.json'))) return 'plaintext token cache (MYACCOUNT_ALLOW_PLAINTEXT_TOKEN_CACHE=true, no secure store)';
  return { win32: 'DPAPI token cache', darwin: 'Keychain token cache' }[process.platform] ?? 'libsecret token cache';
}

/** CPU time where it is measured (from /proc on Linux), else says so. */
const cpuText = (now, before) => (now === null ? 'not measured on this platform' : versus(now, before));

requireBuild();
const runs = Number(process.env.BENCH_RUNS ?? 31);
const cloud = await startCloud({ settings: { deviceCodeIntervalSeconds: 1 } });
const stateDir = cloud.stateFolder();
let failed = false;
try {
  const signIn = await connectByDeviceCode(cloud, stateDir, 'alice@contoso.example');
  if (signIn.code !== 0) throw new Error(`connect exited ${signIn.code}:\n${signIn.stderr.slice(-1500)}`);
  const env = cliEnv(stateDir);
  delete env.NODE_EXTRA_CA_CERTS;
  const m = machine();

  const cases = [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: 'myaccount get-access-token', args: [bin, 'get-access-token'] },
  ];
  // The first call may refresh nothing (connect left an ARM token for the default tenant); it
  // also warms the OS file cache, like the warm-up runs of bench-startup.
  const first = spawnSync(process.execPath, cases[1].args, { env, encoding: 'utf8' });
  if (first.status !== 0) throw new Error(`get-access-token exited ${first.status}: ${first.stdout.slice(0, 1000)}`);
  const since = (await cloud.admin('GET', '/log?since=0&limit=1')).value.at(-1)?.seq ?? 0;

  // The cases take turns in blocks (five rounds), so the ratio holds on a VM whose speed drifts.
  const timesOf = interleavedWallTimes(cases, env, runs);
  const results = {};
  for (const c of cases) {
    const times = timesOf.get(c.name);
    results[c.name] = { medianMs: +median(times).toFixed(1), minMs: +Math.min(...times).toFixed(1), maxMs: +Math.max(...times).toFixed(1), cpuMs: times.cpuMs };
  }
  const sent = (await cloud.log(since)).filter((e) => !e.path.startsWith('/_admin')).length;

  const node = results['node -e 0'];
  const cli = results['myaccount get-access-token'];
  const ratio = +(cli.medianMs / node.medianMs).toFixed(2);
  const cpuRatio = node.cpuMs ? +(cli.cpuMs / node.cpuMs).toFixed(2) : null;
  const store = tokenStore(stateDir);
  // What an az user runs instead, signed in to the same local cloud as the same person (az takes
  // about a second a run, so a few runs, after the interleaved ones).
  const az = await azCommandFigure({ args: ['account', 'get-access-token'], cloud });
  const figures = { date: new Date().toISOString(), machine: m, loadAfter: currentLoad(), nodeExtraCaCerts: 'unset', runs, results, ratio, cpuRatio, requestsDuringTimedRuns: sent, tokenCache: store, az };
  const { previous, file } = saveFigures('token', figures);

  console.log(`get-access-token from a warm cache, median of ${runs} runs (${store}; NODE_EXTRA_CA_CERTS unset); ${machineLine(m)} (at the end ${figures.loadAfter.join(' ')})${previous?.machine ? `; previous run ${previous.date}, load ${previous.machine.load.join(' ')}, CPU check ${previous.machine.cpuCheckMs ?? 'not recorded'} ms` : ''}:`);
  for (const [name, r] of Object.entries(results)) {
    console.log(`  ${name.padEnd(28)} ${versus(r.medianMs, previous?.results?.[name]?.medianMs).padStart(7)}   (min ${r.minMs}, max ${r.maxMs})   CPU ${cpuText(r.cpuMs, previous?.results?.[name]?.cpuMs)}`);
  }
  console.log(`  ratio get-access-token / node: wall ${ratio}x, CPU ${cpuRatio === null ? 'not measured' : `${cpuRatio}x`} (target <= 1.4x)${previous ? `; previous wall ${previous.ratio}x, CPU ${previous.cpuRatio ?? 'not recorded'}x (${previous.date})` : ''}`);
  console.log(`  requests to the local cloud during the timed runs: ${sent} (a warm cache sends none)`);
  console.log(azLine(az, cli.medianMs, previous?.az));
  console.log(`figures written to ${file}`);
} catch (e) {
  failed = true;
  console.error(e instanceof Error ? e.message : e);
} finally {
  rmSync(stateDir, { recursive: true, force: true });
  await cloud.stop();
}
process.exit(failed ? 1 : 0);
