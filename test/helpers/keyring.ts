/**
 * A private D-Bus session with an unlocked gnome-keyring, so tests use the real libsecret store
 * without touching (or needing) the developer's own keyring. Stopped by the test that started it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Keyring {
  /** Variables a process needs to reach this keyring. */
  env: Record<string, string>;
  stop(): void;
}

function secretsServiceReady(env: NodeJS.ProcessEnv): boolean {
  try {
    const reply = execFileSync(
      'dbus-send',
      ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'],
      { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    return reply.includes('boolean true');
  } catch {
    return false;
  }
}

export async function startKeyring(): Promise<Keyring> {
  const home = mkdtempSync(join(tmpdir(), 'myaccount-keyring-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_RUNTIME_DIR: home };
  const [address, pid] = execFileSync('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1', '--nosyslog'], { env, encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((s) => s.trim());
  env.DBUS_SESSION_BUS_ADDRESS = address;
  // --unlock reads the login keyring's password from stdin and creates that keyring on first use.
  const daemon: ChildProcess = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env, stdio: ['pipe', 'ignore', 'ignore'] });
  daemon.stdin!.end('test-keyring-password');
  const deadline = Date.now() + 10000;
  while (!secretsServiceReady(env)) {
    if (Date.now() > deadline) throw new Error('gnome-keyring did not start within 10 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    env: { DBUS_SESSION_BUS_ADDRESS: address, HOME: home },
    stop() {
      daemon.kill();
      try {
        process.kill(Number(pid));
      } catch {
        /* already gone */
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}
