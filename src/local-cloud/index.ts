/**
 * The product's one door to the local cloud: where a running instance is (its record in
 * <state folder>/emulator/instance.json), which CA to trust for its origin, and the LocalCloud
 * environment it serves. Everything else about the local cloud stays in src/emulator, which the
 * product loads only to run one (`myaccount emulator start`).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_EMULATOR_PORT } from '../emulator/constants.js';
import { LOCAL_CLOUD_NAME, localCloudBaseUrl, localCloudEnvironment } from '../emulator/local-cloud.js';

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
  startedAt: string;
  /** The broker double on its private session bus, when started with --broker. */
  broker?: { busAddress: string; pids: number[] };
}

export const emulatorDir = (ctx: { configDir: string }): string => join(ctx.configDir, EMULATOR_DIR);
export const instanceFile = (dir: string): string => join(dir, INSTANCE_FILE);

/** Whether a process with this pid exists (EPERM: it does, as another user's). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

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
  return instance;
}

/** The port of the local cloud running for this state folder, if one is. */
export const runningLocalCloudPort = (ctx: { configDir: string }): number | undefined => readInstance(emulatorDir(ctx))?.port;

/**
 * Whether a sign-in broker serves the local cloud for this process: the local cloud runs with its
 * broker double, and this process's session bus IS that double's bus. Another bus could hold
 * Microsoft's real broker, which must never be handed the local cloud's authority.
 */
export function localBrokerServes(ctx: { configDir: string; env: Record<string, string | undefined> }): boolean {
  const broker = readInstance(emulatorDir(ctx))?.broker;
  return !!broker && !!ctx.env.DBUS_SESSION_BUS_ADDRESS && ctx.env.DBUS_SESSION_BUS_ADDRESS === broker.busAddress;
}
