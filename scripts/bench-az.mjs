// Debian's az (azure-cli 2.45) against a local cloud started by bench-local-cloud.mjs, for the
// benchmarks' "what a user would pick instead" figures. az signs in through the local cloud's
// Entra-style authority, as it would in Azure, with instance discovery answered through the
// proxy of az-instance-discovery.mjs; each az gets its own AZURE_CONFIG_DIR under a scratch folder
// and trusts the local cloud and the proxy's throwaway CA through its own REQUESTS_CA_BUNDLE.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startInstanceDiscoveryProxy } from './az-instance-discovery.mjs';
import { emulatorModule, startCloud } from './bench-local-cloud.mjs';

/** az's version, or null when az is not installed (scripts/setup.sh --system installs it). */
export function azVersion() {
  try {
    return JSON.parse(execFileSync('az', ['version', '--output', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60000 }))['azure-cli'];
  } catch {
    return null;
  }
}

/** Runs az with `env` and `args`; resolves with its exit code, output and wall time. */
export function runAz(env, args, onStderr) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn('az', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      onStderr?.(stderr);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, wallMs: performance.now() - start }));
  });
}

/**
 * az set up against `cloud`: `configure()` gives the variables of a fresh AZURE_CONFIG_DIR with the
 * local cloud registered and selected (untimed); `loginByDeviceCode(env, username)` signs in,
 * approving the code through the admin API as soon as az shows it; `answered()` counts instance
 * discoveries the proxy answered; `stop()` ends the proxy and removes the scratch folder.
 */
export async function azAgainst(cloud) {
  const { makeStandInCertificates } = await emulatorModule();
  const scratch = mkdtempSync(join(tmpdir(), 'myaccount-bench-az-'));
  const proxy = await startInstanceDiscoveryProxy(cloud, makeStandInCertificates);
  // One bundle: the system's and the local cloud's (the emulator writes both), and the stand-in CA.
  const bundle = join(scratch, 'ca-bundle.pem');
  writeFileSync(bundle, readFileSync(cloud.caBundlePath, 'utf8').trimEnd() + '\n' + proxy.caPem);
  const cloudConfig = {
    endpoints: {
      activeDirectory: cloud.url,
      resourceManager: `${cloud.url}/`,
      activeDirectoryResourceId: 'https://management.core.windows.net/',
      activeDirectoryGraphResourceId: 'https://graph.windows.net/',
      microsoftGraphResourceId: 'https://graph.microsoft.com/',
      management: 'https://management.core.windows.net/',
    },
  };
  let configs = 0;

  async function configure() {
    const configDir = join(scratch, `azure-${++configs}`);
    mkdirSync(configDir, { mode: 0o700 });
    const env = {
      PATH: process.env.PATH,
      HOME: scratch,
      LANG: 'C.UTF-8',
      AZURE_CONFIG_DIR: configDir,
      REQUESTS_CA_BUNDLE: bundle,
      AZURE_CORE_COLLECT_TELEMETRY: 'false',
      AZURE_CORE_OUTPUT: 'json',
      HTTPS_PROXY: proxy.url,
      HTTP_PROXY: proxy.url,
      NO_PROXY: '127.0.0.1,localhost',
    };
    for (const step of [['cloud', 'register', '-n', 'MyAccountBench', '--cloud-config', JSON.stringify(cloudConfig)], ['cloud', 'set', '-n', 'MyAccountBench']]) {
      const r = await runAz(env, step);
      if (r.code !== 0) throw new Error(`az ${step.slice(0, 2).join(' ')} exited ${r.code}: ${r.stderr.slice(-1000)}`);
    }
    return env;
  }

  async function loginByDeviceCode(env, username) {
    let approval;
    const r = await runAz(env, ['login', '--use-device-code'], (stderr) => {
      const m = /enter the code (\S+) to authenticate/.exec(stderr);
      if (m && !approval) {
        approval = cloud.admin('POST', '/devices/approve', { userCode: m[1], username });
        approval.catch(() => undefined);
      }
    });
    if (approval) await approval;
    if (r.code !== 0) throw new Error(`az login exited ${r.code}:\n${r.stderr.slice(-2000)}`);
    return r;
  }

  return {
    configure,
    loginByDeviceCode,
    answered: proxy.answered,
    stop: async () => {
      await proxy.stop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** Wall times (ms) of `runs` runs of az with `args`, one after another; throws on a failure. */
export async function azWallTimes(env, args, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const r = await runAz(env, args);
    if (r.code !== 0) throw new Error(`az ${args.join(' ')} exited ${r.code}: ${r.stderr.slice(-1000)}`);
    times.push(r.wallMs);
  }
  return times;
}

/**
 * The figure of one az command run `runs` times by a signed-in az (device code, as `username`)
 * against `cloud`, or against a local cloud of the default seed started for it: median, min and
 * max wall time, and how many requests the timed runs sent (to the local cloud, and instance
 * discoveries through the proxy). `{ installed: false }` when az is not installed.
 */
export async function azCommandFigure({ args, runs = 7, username = 'alice@contoso.example', cloud }) {
  const version = azVersion();
  if (!version) return { installed: false };
  const own = cloud ? null : await startCloud({ settings: { deviceCodeIntervalSeconds: 1 } });
  const target = cloud ?? own;
  const az = await azAgainst(target);
  try {
    const env = await az.configure();
    await az.loginByDeviceCode(env, username);
    // One untimed run: a first token may be refreshed, and the OS file cache warms as for the others.
    await azWallTimes(env, args, 1);
    const since = (await target.admin('GET', '/log?since=0&limit=1')).value.at(-1)?.seq ?? 0;
    const discoveries = az.answered();
    const times = await azWallTimes(env, args, runs);
    const sent = (await target.log(since)).filter((e) => !e.path.startsWith('/_admin')).length;
    const sorted = [...times].sort((a, b) => a - b);
    return {
      installed: true,
      version,
      command: `az ${args.join(' ')}`,
      runs,
      medianMs: +sorted[Math.floor(sorted.length / 2)].toFixed(1),
      minMs: +sorted[0].toFixed(1),
      maxMs: +sorted.at(-1).toFixed(1),
      requests: sent,
      instanceDiscoveries: az.answered() - discoveries,
    };
  } finally {
    await az.stop();
    await own?.stop();
  }
}

/** The line a benchmark prints for an azCommandFigure beside MyAccount's median (ms). */
export function azLine(az, ourMedianMs, previous) {
  if (!az?.installed) return '  az: not installed (scripts/setup.sh --system installs Debian\'s azure-cli); no az figure';
  const was = previous?.installed ? ` (was ${previous.medianMs})` : '';
  return `  ${az.command.padEnd(28)} ${az.medianMs} ms${was}   (min ${az.minMs}, max ${az.maxMs}, ${az.runs} runs, az ${az.version}); MyAccount is ${(az.medianMs / ourMedianMs).toFixed(1)}x faster; requests during its timed runs: ${az.requests} to the local cloud, ${az.instanceDiscoveries} instance discoveries`;
}
