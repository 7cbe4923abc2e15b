// Shared by the sign-in benchmarks: the local cloud in its own child process (so the CLI being
// measured and the server never share a CPU queue in one event loop), state folders the real CLI
// finds it from, the real CLI run as a child, and figures kept in .bench/ beside the previous run.
import { spawn, spawnSync } from 'node:child_process';
import { pbkdf2Sync } from 'node:crypto';
import https from 'node:https';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const bin = join(root, 'bin', 'myaccount.js');
const bundle = join(root, 'dist', 'emulator.js');

export function requireBuild() {
  if (!existsSync(bundle) || !existsSync(join(root, 'dist', 'cli.js'))) {
    console.error('dist/ is missing; run `npm run build` first.');
    process.exit(1);
  }
}

/**
 * How long a fixed piece of CPU work takes now (the best of three, ms). A shared VM's speed moves
 * with its neighbours by as much as 2x for minutes at a time (here the same loop took 1.6 s and
 * 3.0 s within the hour), and load average does not show it; this figure beside a benchmark's says
 * which of two runs had the faster machine. The work is native (PBKDF2-SHA256, 300,000 rounds), not
 * a JavaScript loop: how soon V8 optimised a loop decided its time more than the machine did
 * (the same loop measured 10-12 ms in one benchmark and 137-148 ms in another, minutes apart).
 */
export function cpuCheckMs() {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    pbkdf2Sync('cpu check', 'myaccount', 300_000, 32, 'sha256');
    best = Math.min(best, performance.now() - t0);
  }
  return +best.toFixed(1);
}

export const currentLoad = () => loadavg().map((l) => +l.toFixed(2));

/** The machine, Node version, load and speed, printed beside every figure (the machine is shared and noisy). */
export function machine() {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cpus: cpus().length,
    platform: `${process.platform}-${process.arch}`,
    node: process.version,
    load: currentLoad(),
    cpuCheckMs: cpuCheckMs(),
    nodeExtraCaCerts: process.env.NODE_EXTRA_CA_CERTS ? 'set' : 'unset',
  };
}

export const machineLine = (m = machine()) => `machine: ${m.cpu}, ${m.cpus} CPUs, ${m.platform}; node ${m.node}; load ${m.load.join(' ')}; CPU check ${m.cpuCheckMs} ms (fixed native work: lower is a faster machine)`;

/**
 * A preload that writes the child's own CPU time (user, system, ms) and peak RSS (MB) to the file
 * named by BENCH_USAGE_OUT at exit. CPU time is what the benchmarks judge by on a loaded machine:
 * wall time there measures other people's test suites as much as ours.
 */
export function usageProbe(dir) {
  const path = join(dir, 'usage-probe.cjs');
  writeFileSync(
    path,
    "process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeFileSync(process.env.BENCH_USAGE_OUT, JSON.stringify({ userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000, maxRssMb: u.maxRSS / 1024 })); });",
  );
  return path;
}

/** Reads what usageProbe wrote, or null. */
export function readUsage(file) {
  try {
    const u = JSON.parse(readFileSync(file, 'utf8'));
    return { cpuMs: +(u.userMs + u.systemMs).toFixed(0), userMs: +u.userMs.toFixed(0), systemMs: +u.systemMs.toFixed(0), maxRssMb: +u.maxRssMb.toFixed(1) };
  } catch {
    return null;
  }
}

export const emulatorModule = () => import(pathToFileURL(bundle).href);

/**
 * Starts the emulator in a child process. `seedCode` is a JS expression evaluated there with
 * `generateSeed` in scope (undefined = the shipped seed), so a big seed never crosses a pipe.
 * `nodeArgs` go to the child's node (e.g. --cpu-prof to profile the server).
 */
export async function startCloud({ seedCode = 'undefined', faults, settings, pageSize, nodeArgs = [] } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'myaccount-bench-cloud-'));
  const serverCode = `
    const { startEmulator, generateSeed } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
    const emu = await startEmulator({ dataDir: process.env.BENCH_DATA_DIR, port: 0, admin: true, seed: ${seedCode}, faults: ${JSON.stringify(faults)}, settings: ${JSON.stringify(settings)}, pageSize: ${JSON.stringify(pageSize)} });
    process.stdout.write(JSON.stringify({ url: emu.url, port: emu.port, caPem: emu.caPem, caCertPath: emu.caCertPath, caBundlePath: emu.caBundlePath, adminKey: emu.adminKey, adminKeyHeader: emu.adminKeyHeader }) + '\\n');
    const stop = () => emu.stop().then(() => process.exit(0));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  `;
  const server = spawn(process.execPath, [...nodeArgs, '--input-type=module', '-e', serverCode], { env: { ...process.env, BENCH_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = await new Promise((resolve, reject) => {
    let buf = '';
    server.stdout.on('data', (c) => {
      buf += c;
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(buf.slice(0, nl)));
    });
    server.once('exit', (code) => reject(new Error(`the emulator exited early (${code})`)));
  });
  // No keep-alive: the token benchmark blocks this process in spawnSync for longer than the
  // server keeps an idle socket, and a reused dead socket fails with "socket hang up".
  const agent = new https.Agent({ ca: ready.caPem, keepAlive: false });

  const admin = (method, path, body) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = https.request(`${ready.url}/_admin${path}`, { method, agent, headers: { [ready.adminKeyHeader]: ready.adminKey, 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          if (res.statusCode >= 300) return reject(new Error(`admin ${method} ${path} answered ${res.statusCode}: ${text.slice(0, 300)}`));
          resolve(text ? JSON.parse(text) : undefined);
        });
      });
      req.on('error', reject);
      req.end(payload);
    });

  /**
   * Every request the emulator logged after `since`. The admin API answers with the newest
   * `limit` entries after `since` (not the oldest), so paging by the last sequence number lost all
   * but the last 1,000 of a big connect; one call with the log's capacity (5,000) gets them all.
   */
  const LOG_CAPACITY = 5000;
  const log = async (since = 0) => {
    const all = (await admin('GET', `/log?since=${since}&limit=${LOG_CAPACITY}`)).value;
    if (all.length >= LOG_CAPACITY) console.log(`(the local cloud's request log holds ${LOG_CAPACITY} entries; older ones were dropped, so request counts are short)`);
    return all;
  };

  /** A fresh state folder whose instance record points the CLI at this emulator. */
  const stateFolder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'myaccount-bench-'));
    mkdirSync(join(dir, 'emulator'), { mode: 0o700 });
    // The CLI trusts a record only with its CA files inside the folder (local-cloud/index.ts), as `emulator start` writes them.
    const caCertPath = join(dir, 'emulator', 'ca.pem');
    const caBundlePath = join(dir, 'emulator', 'ca-bundle.pem');
    copyFileSync(ready.caCertPath, caCertPath);
    copyFileSync(ready.caBundlePath, caBundlePath);
    const instance = { pid: server.pid, port: ready.port, url: ready.url, admin: true, caCertPath, caBundlePath, startedAt: new Date().toISOString() };
    writeFileSync(join(dir, 'emulator', 'instance.json'), JSON.stringify(instance), { mode: 0o600 });
    return dir;
  };

  const stop = async () => {
    agent.destroy();
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { ...ready, pid: server.pid, dataDir, admin, log, stateFolder, stop };
}

/** The environment a benchmarked CLI gets: this state folder, no keyring needed, no browser. */
export function cliEnv(stateDir, extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('MYACCOUNT_') && k !== 'DISPLAY' && k !== 'BROWSER') env[k] = v;
  return { ...env, MYACCOUNT_CONFIG_DIR: stateDir, MYACCOUNT_ALLOW_PLAINTEXT_TOKEN_CACHE: 'true', ...extra };
}

/**
 * Runs `myaccount connect` by device code and approves the code through the admin API the
 * moment the deviceCode event shows on stderr. Resolves with the exit code, output and timings.
 * `cli` is another build's bin/myaccount.js (bench-connect --versus).
 */
export function connectByDeviceCode(cloud, stateDir, username, extraArgs = [], extraEnv = {}, nodeArgs = [], cli = bin) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, cli, 'connect', '--environment', 'LocalCloud', '--use-device-authentication', '--events', 'jsonl', ...extraArgs], {
      env: cliEnv(stateDir, extraEnv),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let codeShownMs;
    let approval = Promise.resolve();
    let pending = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      pending += d;
      let nl;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        let event;
        try {
          event = JSON.parse(line);
        } catch {
          continue;
        }
        if (event.type === 'deviceCode' && codeShownMs === undefined) {
          codeShownMs = performance.now() - start;
          approval = cloud.admin('POST', '/devices/approve', { userCode: event.userCode, username });
          approval.catch(() => undefined);
        }
      }
    });
    child.on('error', reject);
    child.on('close', async (code) => {
      const wallMs = performance.now() - start;
      try {
        await approval;
      } catch (e) {
        return reject(e);
      }
      resolve({ code, stdout, stderr, wallMs, codeShownMs });
    });
  });
}

/**
 * CPU time (user + system, ms) of this process's waited-for children so far, from /proc/self/stat
 * (cutime + cstime, in clock ticks of 10 ms): the timed children carry no instrumentation, and
 * the sum over many runs divided by their number is precise enough. null off Linux.
 */
export function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of proc(5) (cutime, cstime) are 13 and 14 after the command name.
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

/**
 * Wall times in ms of `runs` runs of `program` (node by default) with `args`, after three warm-up
 * runs (OS file cache);
 * `cpuMs` is the mean CPU time (user + system) of one run.
 */
export function wallTimes(args, env, runs, program = process.execPath) {
  for (let i = 0; i < 3; i++) spawnSync(program, args, { env, stdio: 'ignore' });
  const times = [];
  const cpuBefore = childrenCpuMs();
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(program, args, { env, stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.status !== 0) throw new Error(`${program} ${args.join(' ')} exited ${r.status}`);
  }
  const cpuAfter = childrenCpuMs();
  times.cpuMs = cpuBefore === null ? null : +((cpuAfter - cpuBefore) / runs).toFixed(1);
  return times;
}

/**
 * wallTimes for several cases `{ name, args, env?, program? }` that take turns in blocks over `rounds`
 * rounds, so a machine that slows down or speeds up during the run (a VM's neighbours) weighs on
 * every case alike and their ratio holds. Returns each case's times (with the mean CPU time per
 * run as cpuMs) by name.
 */
export function interleavedWallTimes(cases, env, runs, rounds = 5) {
  const byName = new Map(cases.map((c) => [c.name, { times: [], cpu: [] }]));
  for (let round = 0; round < rounds; round++) {
    for (const c of cases) {
      const block = wallTimes(c.args, { ...env, ...c.env }, Math.ceil(runs / rounds), c.program);
      byName.get(c.name).times.push(...block);
      if (block.cpuMs !== null) byName.get(c.name).cpu.push(block.cpuMs);
    }
  }
  return new Map(
    [...byName].map(([name, { times, cpu }]) => [name, Object.assign(times, { cpuMs: cpu.length ? +(cpu.reduce((a, b) => a + b, 0) / cpu.length).toFixed(1) : null })]),
  );
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * A private state folder holding a realistic profile, one signed-in account and its context,
 * for benchmarks that time commands which only read state.
 */
export function signedInStateFolder() {
  const stateDir = mkdtempSync(join(tmpdir(), 'myaccount-bench-'));
  const account = { id: 'alice@contoso.example', type: 'User', environment: 'AzureCloud', tenants: [{ id: 't1' }], subscriptions: [{ id: 's1', name: 'Prod', state: 'Enabled', tenantId: 't1', homeTenantId: 't1', managedByTenantIds: [] }] };
  const context = { name: 'prod', accountId: account.id, environment: 'AzureCloud', tenant: { id: 't1' }, subscription: account.subscriptions[0] };
  writeFileSync(join(stateDir, 'profile.json'), JSON.stringify({ version: 1, defaultContext: 'prod', accounts: [account], contexts: [context], environments: [] }));
  return stateDir;
}

/** `--name <number>` from the command line, else `fallback`. */
export function numberOption(name, fallback) {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** Reads the previous figures (or null), then writes the new ones. */
export function saveFigures(name, figures) {
  const file = join(root, '.bench', `${name}.json`);
  let previous = null;
  if (existsSync(file)) {
    try {
      previous = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      console.log('(the previous figures could not be read; replacing them)');
    }
  }
  mkdirSync(join(root, '.bench'), { recursive: true });
  writeFileSync(file, JSON.stringify(figures, null, 2) + '\n');
  return { previous, file };
}

/** "1234 ms (was 1500, -17.7%)" */
export function versus(now, before, unit = ' ms') {
  if (typeof before !== 'number') return `${now}${unit}`;
  const change = before ? ((now - before) / before) * 100 : 0;
  return `${now}${unit} (was ${before}, ${change >= 0 ? '+' : ''}${change.toFixed(1)}%)`;
}
