/**
 * The product's one door to the local cloud: where a running instance is (its record in
 * <state folder>/emulator/instance.json), which CA to trust for its origin, and the LocalCloud
 * environment it serves. Everything else about the local cloud stays in src/emulator, which the
 * product loads only to run one (`myaccount emulator start`).
 */
import { readFileSync, rmSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fail } from '../core/errors.js';
import { stateDirOf } from '../core/session-marker.js';
import { DEFAULT_EMULATOR_PORT, EMULATOR_NAME } from '../emulator/constants.js';
import { LOCAL_CLOUD_NAME, localCloudBaseUrl, localCloudEnvironment } from '../emulator/local-cloud.js';
import { processAlive } from '../core/process-alive.js';

export { DEFAULT_EMULATOR_PORT, LOCAL_CLOUD_NAME, localCloudBaseUrl, localCloudEnvironment };

/** The local cloud as a library, loaded only by the command that runs or resets one. */
export const loadEmulator = (): Promise<typeof import('../emulator/index.js')> => import('../emulator/index.js');

export const EMULATOR_DIR = 'emulator';
const INSTANCE_FILE = 'instance.json';

export interface EmulatorInstance {
  pid: number;
  port: number;
  url: string;
  admin: boolean;
  caCertPath: string;
  caBundlePath: string;
  /** The tenant the AD FS-style authority ({url}/adfs) serves (absent in records of older versions). */
  adfsTenantId?: string;
  startedAt: string;
  /** The broker double on its private session bus, when started with --broker. */
  broker?: { busAddress: string; pids: number[] };
}

/** An autosave-off session folder (profile/autosave.ts) uses the local cloud of the state folder it came from. */
export const emulatorDir = (ctx: { configDir: string }): string => join(stateDirOf(ctx.configDir), EMULATOR_DIR);
export const instanceFile = (dir: string): string => join(dir, INSTANCE_FILE);

/** The running instance, if its process is still there; a stale record is removed. */
export function readInstance(dir: string): EmulatorInstance | null {
  const file = instanceFile(dir);
  let instance: EmulatorInstance;
  try {
    instance = JSON.parse(readFileSync(file, 'utf8')) as EmulatorInstance;
  } catch {
    return null;
  }
  if (typeof instance?.pid !== 'number' || !processAlive(instance.pid)) {
    rmSync(file, { force: true });
    return null;
  }
  checkInstance(instance, dir, file);
  return instance;
}

const inside = (dir: string, path: unknown): boolean => {
  if (typeof path !== 'string' || !isAbsolute(path)) return false;
  const rel = relative(resolve(dir), resolve(path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/**
 * MyAccount trusts the record's CA for the record's origin, so a planted record could make it
 * trust a foreign CA for a foreign host. Only what `emulator start` writes is accepted: the local
 * cloud on 127.0.0.1 at the record's own port, its CA files inside this folder.
 */
function checkInstance(instance: EmulatorInstance, dir: string, file: string): void {
  const problem =
    !Number.isInteger(instance.port) || instance.port < 1 || instance.port > 65535
      ? 'its port is not a port number'
      : instance.url !== `https://127.0.0.1:${instance.port}` && instance.url !== `https://127.0.0.1:${instance.port}/`
        ? `its url is not https://127.0.0.1:${instance.port}`
        : !inside(dir, instance.caCertPath) || !inside(dir, instance.caBundlePath)
          ? `its CA files are not inside ${dir}`
          : null;
  if (problem) {
    throw fail.StateFileInvalid(`The local cloud record ${file} was not written by myaccount emulator start (${problem}), so MyAccount does not trust it. Remove it (rm ${file}) and start the local cloud again.`, { target: file });
  }
}

/** How long the identity check waits for the local cloud to answer. */
const CONFIRM_TIMEOUT_MS = 3000;

/**
 * Whether the process named by the record really is this folder's local cloud. A live pid alone
 * proves nothing: after a crash or reboot the number is reused by some other program, and `emulator
 * stop` once SIGTERMed one. So the record's origin is asked who it is (GET /.well-known/local-cloud)
 * over TLS that trusts only this folder's CA: an answer proves the server holds the leaf key of
 * this folder's local cloud, and the pid it reports must be the record's. This works the same on
 * Windows, macOS and Linux (unlike /proc/<pid>/cmdline and start times, which only Linux has) and
 * needs no change to what `emulator start` writes.
 */
export async function confirmInstance(instance: EmulatorInstance, timeoutMs = CONFIRM_TIMEOUT_MS): Promise<{ ok: true } | { ok: false; why: string }> {
  let ca: string;
  try {
    ca = readFileSync(instance.caCertPath, 'utf8');
  } catch {
    return { ok: false, why: `its CA file ${instance.caCertPath} cannot be read` };
  }
  // https (with tls and net) loads only here: every command reads the instance file, few confirm it.
  const { request } = await import('node:https');
  const answer = await new Promise<{ status: number; body: string } | { error: string }>((done) => {
    const req = request(`${instance.url.replace(/\/$/, '')}/.well-known/local-cloud`, { ca, timeout: timeoutMs, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
        if (body.length > 64 * 1024) req.destroy(new Error('answer too long'));
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
      res.on('error', (e) => done({ error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('error', (e: NodeJS.ErrnoException) => done({ error: e.code === 'ECONNREFUSED' ? 'nothing listens on its port' : e.message }));
    req.end();
  });
  if ('error' in answer) return { ok: false, why: `${instance.url} did not answer as the local cloud (${answer.error})` };
  let info: { name?: unknown; pid?: unknown };
  try {
    info = JSON.parse(answer.body);
  } catch {
    info = {};
  }
  if (answer.status !== 200 || info.name !== EMULATOR_NAME) return { ok: false, why: `what answers at ${instance.url} is not the local cloud` };
  if (info.pid !== instance.pid) return { ok: false, why: `the local cloud at ${instance.url} runs as pid ${String(info.pid)}, not ${instance.pid}` };
  return { ok: true };
}

/**
 * The running instance, confirmed to be this folder's local cloud (see confirmInstance). A record
 * that fails the check is stale: it is removed, and `stale` says why, so no caller ever signals or
 * reports as running a process that is not the local cloud.
 */
export async function liveInstance(dir: string): Promise<{ instance: EmulatorInstance | null; stale?: string }> {
  const instance = readInstance(dir);
  if (!instance) return { instance: null };
  const check = await confirmInstance(instance);
  if (check.ok) return { instance };
  rmSync(instanceFile(dir), { force: true });
  return { instance: null, stale: `The local cloud record named pid ${instance.pid}, but ${check.why}; the record was stale and is removed (pid ${instance.pid} was left alone).` };
}

/** The port of the local cloud running for this state folder, if one is. */
export const runningLocalCloudPort = (ctx: { configDir: string }): number | undefined => readInstance(emulatorDir(ctx))?.port;

/**
 * The same, looked up on the first call only: a view that shows the LocalCloud environment only
 * when a context uses it, and a command that shows no such context reads no instance record.
 */
export function localCloudPortWhenAsked(ctx: { configDir: string }): () => number | undefined {
  let known: { port: number | undefined } | undefined;
  return () => (known ??= { port: runningLocalCloudPort(ctx) }).port;
}

/**
 * Whether a sign-in broker serves the local cloud for this process: the local cloud runs with its
 * broker double, and this process's session bus IS that double's bus. Another bus could hold
 * Microsoft's real broker, which must never be handed the local cloud's authority.
 */
export function localBrokerServes(ctx: { configDir: string; env: Record<string, string | undefined> }): boolean {
  const broker = readInstance(emulatorDir(ctx))?.broker;
  return !!broker && !!ctx.env.DBUS_SESSION_BUS_ADDRESS && ctx.env.DBUS_SESSION_BUS_ADDRESS === broker.busAddress;
}
