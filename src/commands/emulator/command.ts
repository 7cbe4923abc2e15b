/**
 * `myaccount emulator start|stop|status|reset|env`: the local cloud as a managed background
 * server. Its data (CA, keys, refresh tokens) lives in <state folder>/emulator; a running
 * instance is described by instance.json there, written by the server itself once it listens.
 */
import { closeSync, constants, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand } from '../../core/command.js';
import type { CommandContext } from '../../core/context.js';
import { fail, MyAccountError } from '../../core/errors.js';
import { ensureStateDir } from '../../profile/state-file.js';
import { linkRefused, writeFailed, writePrivateFileAtomically } from '../../profile/atomic-write.js';
import { flag, text } from '../schema/common.js';
import { emulatorDir, instanceFile, liveInstance, loadEmulator, readInstance, type EmulatorInstance } from '../../local-cloud/index.js';
import { processAlive } from '../../core/process-alive.js';

const LOG_FILE = 'emulator.log';
const DEFAULT_IDLE_MINUTES = 120;

interface StatusView {
  Running: boolean;
  Url: string | null;
  Port: number | null;
  Pid: number | null;
  Admin: boolean;
  Environment: string;
  DataDirectory: string;
  CaCertPath: string | null;
  CaBundlePath: string | null;
  /** DBUS_SESSION_BUS_ADDRESS of the broker double, when it runs. */
  BrokerBusAddress: string | null;
}

function statusOf(dir: string, instance: EmulatorInstance | null): StatusView {
  const ca = join(dir, 'ca.pem');
  const bundle = join(dir, 'ca-bundle.pem');
  return {
    Running: instance !== null,
    Url: instance?.url ?? null,
    Port: instance?.port ?? null,
    Pid: instance?.pid ?? null,
    Admin: instance?.admin ?? false,
    Environment: 'LocalCloud',
    DataDirectory: dir,
    CaCertPath: existsSync(ca) ? ca : null,
    CaBundlePath: existsSync(bundle) ? bundle : null,
    BrokerBusAddress: instance?.broker?.busAddress ?? null,
  };
}

const statusOutput = {
  type: 'object' as const,
  properties: {
    Running: { type: 'boolean' },
    Url: { type: ['string', 'null'] },
    Port: { type: ['integer', 'null'] },
    Pid: { type: ['integer', 'null'] },
    Admin: { type: 'boolean' },
    Environment: { type: 'string' },
    DataDirectory: { type: 'string' },
    CaCertPath: { type: ['string', 'null'] },
    CaBundlePath: { type: ['string', 'null'] },
    BrokerBusAddress: { type: ['string', 'null'] },
  },
  required: ['Running', 'Url', 'Port', 'Pid', 'Environment', 'DataDirectory'],
};
const statusTable = [
  { header: 'Running', path: 'Running' },
  { header: 'Url', path: 'Url' },
  { header: 'Pid', path: 'Pid' },
  { header: 'DataDirectory', path: 'DataDirectory' },
];
/** The confirmed running instance (see liveInstance); a stale record is removed, with a warning. */
async function running(ctx: CommandContext, dir: string): Promise<EmulatorInstance | null> {
  const { instance, stale } = await liveInstance(dir);
  if (stale) ctx.report.warning(stale);
  return instance;
}

/** start, stop, status and reset all answer with the local cloud's status. */
const answersWithStatus = { output: statusOutput, outputType: 'MyAccount.EmulatorStatus', table: statusTable };
const noInput = { type: 'object' as const, additionalProperties: false as const, properties: {} };

function alreadyRunning(instance: EmulatorInstance): MyAccountError {
  return fail.EmulatorAlreadyRunning(`The local cloud is already running at ${instance.url} (pid ${instance.pid}). Stop it with myaccount emulator stop first.`);
}

interface StartInput {
  Port?: number;
  Detach?: boolean;
  Admin?: boolean;
  Broker?: boolean;
  Seed?: string;
  IdleTimeoutMinutes?: number;
  AdfsTenant?: string;
}

async function runInForeground(input: StartInput, ctx: CommandContext, dir: string): Promise<StatusView & { StoppedBecause: string }> {
  const { startEmulator, EmulatorError, startBrokerDouble } = await loadEmulator();
  let emulator;
  try {
    emulator = await startEmulator({
      dataDir: dir,
      port: input.Port,
      admin: input.Admin ?? false,
      seed: input.Seed,
      idleTimeoutMs: (input.IdleTimeoutMinutes ?? DEFAULT_IDLE_MINUTES) * 60000,
      adfsTenant: input.AdfsTenant,
    });
  } catch (error) {
    if (error instanceof EmulatorError) {
      const code = error.code === 'PortInUse' || error.code === 'InvalidSeed' || error.code === 'InvalidOptions' ? (`Emulator${error.code}` as const) : 'EmulatorStartFailed';
      throw fail[code](error.message, { cause: error });
    }
    throw error;
  }
  let broker: Awaited<ReturnType<typeof startBrokerDouble>> | undefined;
  if (input.Broker) {
    try {
      broker = await startBrokerDouble({ dataDir: dir, url: emulator.url, caPem: emulator.caPem, seed: emulator.seed });
    } catch (error) {
      await emulator.stop();
      throw fail.EmulatorStartFailed(`The local broker could not be started: ${(error as Error).message}. Install dbus and gnome-keyring (scripts/setup.sh --system).`);
    }
  }
  const instance: EmulatorInstance = {
    pid: process.pid,
    port: emulator.port,
    url: emulator.url,
    admin: input.Admin ?? false,
    caCertPath: emulator.caCertPath,
    caBundlePath: emulator.caBundlePath,
    adfsTenantId: emulator.adfs.tenantId,
    startedAt: ctx.clock.now().toISOString(),
    ...(broker ? { broker: { busAddress: broker.busAddress, pids: broker.pids } } : {}),
  };
  await writePrivateFileAtomically(instanceFile(dir), JSON.stringify(instance, null, 2) + '\n');
  ctx.report.information(`The local cloud is listening at ${emulator.url} (environment LocalCloud). Press Ctrl+C to stop it.`, { url: emulator.url });
  if (broker) ctx.report.information(`Its sign-in broker is on the D-Bus session bus ${broker.busAddress} (see myaccount emulator env).`, { busAddress: broker.busAddress });
  const interrupted = new Promise<'signal'>((resolve) => {
    if (ctx.signal.aborted) resolve('signal');
    ctx.signal.addEventListener('abort', () => resolve('signal'), { once: true });
  });
  const why = await Promise.race([emulator.closed, interrupted]);
  broker?.stop();
  await emulator.stop();
  rmSync(instanceFile(dir), { force: true });
  return { ...statusOf(dir, null), Url: emulator.url, Port: emulator.port, StoppedBecause: why };
}

/** The log, truncated, never through a link (one planted there made us overwrite its target). */
function openLog(logPath: string): number {
  try {
    return openSync(logPath, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw linkRefused(logPath, 'local cloud log');
    throw writeFailed(logPath, 'local cloud log', error);
  }
}

async function startDetached(input: StartInput, ctx: CommandContext, dir: string): Promise<StatusView> {
  const args = [process.argv[1], 'emulator', 'start', '--events', 'jsonl'];
  if (input.Port !== undefined) args.push('--port', String(input.Port));
  if (input.Admin) args.push('--admin');
  if (input.Broker) args.push('--broker');
  if (input.Seed !== undefined) args.push('--seed', input.Seed);
  if (input.AdfsTenant !== undefined) args.push('--adfs-tenant', input.AdfsTenant);
  args.push('--idle-timeout-minutes', String(input.IdleTimeoutMinutes ?? DEFAULT_IDLE_MINUTES));
  const logPath = join(dir, LOG_FILE);
  // child_process (with net, dgram and streams) loaded here: this declaration is in the CLI's
  // entry bundle, and a static import would cost every command's cold start.
  const { spawn } = await import('node:child_process');
  const log = openLog(logPath);
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', log, log], env: { ...ctx.env } as NodeJS.ProcessEnv });
  closeSync(log);
  child.unref();
  const deadline = Date.now() + 30000;
  for (;;) {
    const instance = readInstance(dir);
    if (instance && instance.pid === child.pid) return statusOf(dir, instance);
    if (child.exitCode !== null || !processAlive(child.pid!)) {
      const tail = readFileSync(logPath, 'utf8').trim().split('\n').slice(-3).join(' ');
      let reason = tail;
      try {
        reason = JSON.parse(tail.slice(tail.indexOf('{'))).error?.message ?? tail;
      } catch {
        /* the log holds text */
      }
      throw fail.EmulatorStartFailed(`The local cloud did not start: ${reason.slice(0, 400)} (log: ${logPath})`);
    }
    if (Date.now() > deadline) {
      process.kill(child.pid!, 'SIGTERM');
      throw fail.EmulatorStartTimedOut(`The local cloud did not start within 30 s (log: ${logPath}).`);
    }
    // A small file read each time; a coarser step only adds its half to every start on average.
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const emulatorStart = defineCommand<StartInput, StatusView>({
  name: 'emulator start',
  summary: 'Start the local cloud (an Entra ID + Azure Resource Manager emulator on https://127.0.0.1).',
  description:
    'Runs the local cloud in the foreground until Ctrl+C, or in the background with --detach. Its CA, keys and state live in the emulator folder of the state folder and are made on first start. ' +
    'Sign in to it with --environment LocalCloud. It stops by itself after --idle-timeout-minutes without requests.',
  examples: [
    { description: 'Start in the background, with the admin API for tests.', cli: 'myaccount emulator start --detach --admin', powershell: '' },
    { description: 'Run in the foreground on another port.', cli: 'myaccount emulator start --port 8443', powershell: '' },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      Port: { type: 'integer', minimum: 0, maximum: 65535, description: 'The port on 127.0.0.1 (default 47443; tokens are cached per host and port, so keep it fixed). 0 picks a free port.', 'x-ps': {} },
      Detach: flag('Start in the background and return once it listens.'),
      Admin: flag('Serve the admin API (approve device codes, set faults, read the request log) for tests and demos.'),
      Broker: flag('Also serve a sign-in broker (com.microsoft.identity.broker1) on a private D-Bus session bus, for EnableLoginByWam with the real MSAL runtime on Linux. emulator env prints its DBUS_SESSION_BUS_ADDRESS.'),
      Seed: text('A seed file (JSON) with the tenants, users, applications and subscriptions to serve. Default: the shipped seed.', {}, 4096),
      IdleTimeoutMinutes: { type: 'integer', minimum: 0, maximum: 10080, description: `Stop after this many minutes without requests (default ${DEFAULT_IDLE_MINUTES}; 0 = never).`, 'x-ps': {} },
      AdfsTenant: text("The tenant (id or domain) the AD FS-style authority <url>/adfs signs in to, for clients such as the Azure CLI 2.45 that work offline only with AD FS (see emulator az). Default: the seed's first tenant.", {}, 256),
    },
  },
  ...answersWithStatus,
  async handler(input, ctx) {
    const dir = emulatorDir(ctx);
    await ensureStateDir(dir);
    const instance = await running(ctx, dir);
    if (instance) throw alreadyRunning(instance);
    return input.Detach ? startDetached(input, ctx, dir) : runInForeground(input, ctx, dir);
  },
});

export const emulatorStop = defineCommand<Record<string, never>, StatusView>({
  name: 'emulator stop',
  summary: 'Stop the local cloud started with emulator start --detach.',
  description: 'Stops the running local cloud of this state folder and waits until it has exited. Stopping one that is not running is not an error.',
  examples: [{ description: 'Stop it.', cli: 'myaccount emulator stop', powershell: '' }],
  input: noInput,
  ...answersWithStatus,
  async handler(_input, ctx) {
    const dir = emulatorDir(ctx);
    // Only a process confirmed to be this folder's local cloud is ever signalled.
    const instance = await running(ctx, dir);
    if (!instance) return statusOf(dir, null);
    process.kill(instance.pid, 'SIGTERM');
    await stopped([instance.pid], 10000);
    // The local cloud stops its broker's bus and keyring itself; one killed hard leaves them
    // behind. They are ours, by pid; stop returns when they too have exited.
    const broker = (instance.broker?.pids ?? []).filter(processAlive);
    for (const pid of broker) process.kill(pid, 'SIGTERM');
    await stopped(broker, 5000);
    rmSync(instanceFile(dir), { force: true });
    return statusOf(dir, null);
  },
});

/** Waits until none of `pids` runs (a zombie has exited: process-alive.ts); SIGKILLs those left after `limitMs`. */
async function stopped(pids: number[], limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (let left = pids.filter(processAlive); left.length > 0; left = left.filter(processAlive)) {
    if (Date.now() > deadline) {
      for (const pid of left) process.kill(pid, 'SIGKILL');
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const emulatorStatus = defineCommand<Record<string, never>, StatusView>({
  name: 'emulator status',
  summary: 'Show whether the local cloud is running, where, and where its CA is.',
  description: 'Reports the local cloud of this state folder: running or not, its URL, process id and CA files.',
  examples: [{ description: 'Check it.', cli: 'myaccount emulator status --output table', powershell: '' }],
  input: noInput,
  ...answersWithStatus,
  async handler(_input, ctx) {
    const dir = emulatorDir(ctx);
    return statusOf(dir, await running(ctx, dir));
  },
});

export const emulatorReset = defineCommand<{ All?: boolean }, StatusView>({
  name: 'emulator reset',
  summary: "Forget the local cloud's sign-ins (refresh tokens, codes); with --all also its CA and keys.",
  description: 'Resets the stopped local cloud to a clean start. With --all, a new CA and keys are made on the next start, so clients must trust the new CA.',
  examples: [{ description: 'Start over.', cli: 'myaccount emulator reset', powershell: '' }],
  input: { type: 'object', additionalProperties: false, properties: { All: flag('Also remove the CA, the TLS certificate and the token signing keys.') } },
  ...answersWithStatus,
  async handler(input, ctx) {
    const dir = emulatorDir(ctx);
    const instance = await running(ctx, dir);
    if (instance) throw fail.EmulatorRunning(`The local cloud is running at ${instance.url}. Stop it with myaccount emulator stop, then reset.`);
    const { resetEmulatorData } = await loadEmulator();
    if (existsSync(dir)) resetEmulatorData(dir, { everything: input.All ?? false });
    return statusOf(dir, null);
  },
});

interface EnvView {
  Url: string;
  Environment: string;
  CaCertPath: string;
  CaBundlePath: string;
  Variables: Record<string, string>;
}

export const emulatorEnv = defineCommand<Record<string, never>, EnvView>({
  name: 'emulator env',
  summary: 'Print what other clients need to trust the local cloud (its CA, and a bundle for NODE_EXTRA_CA_CERTS).',
  description:
    'Shows the CA file and a bundle (the system CAs plus the local cloud CA) for other clients: NODE_EXTRA_CA_CERTS for Node and MSAL Node, REQUESTS_CA_BUNDLE for the Azure CLI and Python, SSL_CERT_FILE for OpenSSL tools. ' +
    'With --output env it prints the lines that set them in your shell (--shell bash|pwsh|cmd). MyAccount itself needs none of this: it trusts the CA for the local cloud only. ' +
    'When the local cloud runs with --broker, DBUS_SESSION_BUS_ADDRESS points at its broker\'s private bus, so EnableLoginByWam signs in to LocalCloud through the MSAL runtime in that shell.',
  examples: [{ description: 'Let this shell\'s tools trust the local cloud.', cli: 'eval "$(myaccount emulator env --output env)"', powershell: '' }],
  input: noInput,
  output: {
    type: 'object',
    properties: { Url: { type: 'string' }, Environment: { type: 'string' }, CaCertPath: { type: 'string' }, CaBundlePath: { type: 'string' }, Variables: { type: 'object' } },
    required: ['Url', 'CaCertPath', 'CaBundlePath', 'Variables'],
  },
  outputType: 'MyAccount.EmulatorEnvironment',
  processEnvironment: true,
  async handler(_input, ctx) {
    const dir = emulatorDir(ctx);
    const status = statusOf(dir, await running(ctx, dir));
    if (!status.CaCertPath || !status.CaBundlePath) {
      throw fail.EmulatorNeverStarted('The local cloud has no CA yet. Start it once (myaccount emulator start --detach); the CA is made on first start.');
    }
    const { localCloudBaseUrl, DEFAULT_EMULATOR_PORT } = await loadEmulator();
    const variables: Record<string, string> = { NODE_EXTRA_CA_CERTS: status.CaBundlePath, REQUESTS_CA_BUNDLE: status.CaBundlePath, SSL_CERT_FILE: status.CaBundlePath };
    // The broker double's bus: MSAL's runtime finds the broker (and its keyring) on the session bus.
    if (status.BrokerBusAddress) variables.DBUS_SESSION_BUS_ADDRESS = status.BrokerBusAddress;
    for (const [name, value] of Object.entries(variables)) ctx.setProcessVariable(name, value);
    return { Url: status.Url ?? localCloudBaseUrl(DEFAULT_EMULATOR_PORT), Environment: 'LocalCloud', CaCertPath: status.CaCertPath, CaBundlePath: status.CaBundlePath, Variables: variables };
  },
});
