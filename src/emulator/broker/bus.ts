/**
 * A private D-Bus session bus for the broker double, with a Secret Service (gnome-keyring) on it.
 *
 * Why a bus of its own: msal-node-runtime reaches the Linux broker on the SESSION bus named by
 * DBUS_SESSION_BUS_ADDRESS, and keeps its accounts in the Secret Service on that same bus. A bus
 * made from our own config, with no <servicedir>, activates nothing: no real broker, no keyring
 * with the person's real HOME. The keyring gets a home inside the data folder, is made afresh on
 * every start (the double keeps its accounts for one run too) and is unlocked with a random
 * password that is never written anywhere.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PrivateBus {
  /** The value for DBUS_SESSION_BUS_ADDRESS. */
  address: string;
  /** Process ids of the bus daemon and the keyring, stopped by stop(). */
  pids: number[];
  stop(): void;
}

/** Our own session config: no <servicedir> (nothing auto-activated), no syslog, anyone on this bus may own names. */
function busConfig(socketDir: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=${socketDir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;
}

function firstLine(child: ChildProcess, what: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs} ms`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const end = text.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        resolve(text.slice(0, end).trim());
      }
    });
    child.once('error', (error) => (clearTimeout(timer), reject(new Error(`${what} could not be started: ${error.message}`))));
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`${what} exited with code ${code} before it was ready`))));
  });
}

function kill(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
}

/**
 * Starts dbus-daemon with our config, then gnome-keyring-daemon (secrets only) on it. The keyring
 * is optional for the double itself, but without it the runtime lists no accounts (see
 * reference: getAllAccounts returns []), so a missing gnome-keyring is an error here.
 */
export async function startPrivateBus(dataDir: string): Promise<PrivateBus> {
  const dir = join(dataDir, 'broker');
  rmSync(dir, { recursive: true, force: true });
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const config = join(dir, 'bus.conf');
  // Socket paths are limited to 108 bytes; the data folder may be deeper than that, /tmp is not.
  writeFileSync(config, busConfig(tmpdir()), { mode: 0o600 });
  const bus = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--print-address=1', '--nosyslog'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const pids: number[] = [];
  const stop = (): void => {
    for (const pid of [...pids].reverse()) kill(pid);
    pids.length = 0;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const address = await firstLine(bus, 'dbus-daemon', 10000);
    pids.push(bus.pid!);
    bus.stdout!.resume();
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_RUNTIME_DIR: home, DBUS_SESSION_BUS_ADDRESS: address };
    // --unlock reads the new login keyring's password from stdin; a random one, used once.
    const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env, stdio: ['pipe', 'ignore', 'ignore'] });
    const started = new Promise<void>((resolve, reject) => {
      keyring.once('spawn', resolve);
      keyring.once('error', (error) => reject(new Error(`gnome-keyring-daemon could not be started: ${error.message}`)));
    });
    keyring.stdin!.end(randomBytes(24).toString('base64url'));
    await started;
    pids.push(keyring.pid!);
    return { address, pids, stop };
  } catch (error) {
    kill(bus.pid);
    stop();
    throw error;
  }
}
