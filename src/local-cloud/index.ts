/**
 * The product's one door to the local cloud: where a running instance is (its record in
 * <state folder>/emulator/instance.json), which CA to trust for its origin, and the LocalCloud
 * environment it serves. Everything else about the local cloud stays in src/emulator, which the
 * product loads only to run one (`myaccount emulator start`).
 */
import { readFileSync, rmSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fail } from '../core/errors.js';
import { stateDirOf } from '../profile/autosave.js';
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
}

/** An autosave-off session folder (profile/autosave.ts) uses the local cloud of the state folder it came from. */
export const emulatorDir = (ctx: { configDir: string }): string => join(stateDirOf(ctx.configDir), EMULATOR_DIR);
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

/** The port of the local cloud running for this state folder, if one is. */
export const runningLocalCloudPort = (ctx: { configDir: string }): number | undefined => readInstance(emulatorDir(ctx))?.port;
