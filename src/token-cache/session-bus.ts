/**
 * Whether libsecret can reach a D-Bus session bus at all, decided without loading keytar. On a
 * machine with no session bus (CI runners, containers, SSH logins without a user bus) keytar's
 * load and its failing call cost ~10-16 ms on every command that opens the token cache, only to
 * fall back to the plain file the same way each time.
 *
 * GLib (which libsecret uses) finds the session bus in this order (gio/gdbusaddress.c):
 * DBUS_SESSION_BUS_ADDRESS; else a socket named `bus` in the user runtime directory
 * (XDG_RUNTIME_DIR, or the user cache directory when that is unset); else it asks dbus-launch to
 * autolaunch one, which needs an X11 DISPLAY. When none of the three can work, no bus can be
 * reached and the answer is certain. Anything less certain (a socket that may not be ours, a
 * display that may refuse) is left to libsecret to find out.
 * Only where keytar uses libsecret: not on Windows (DPAPI) nor macOS (the Keychain).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '../core/context.js';

/** Whether the path is a Unix socket (stat follows links, as GLib's does). */
function isSocket(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isSocket() ?? false;
}

/** The user runtime directories GLib may look in for `bus`, most likely first. */
function runtimeDirs(env: Env): string[] {
  if (env.XDG_RUNTIME_DIR) return [env.XDG_RUNTIME_DIR];
  const dirs: string[] = [];
  if (env.XDG_CACHE_HOME) dirs.push(env.XDG_CACHE_HOME);
  if (env.HOME) dirs.push(join(env.HOME, '.cache'));
  return dirs;
}

/**
 * Why no session bus can be reached here, in words a person can act on; null when one may be
 * (or the platform's store is not libsecret). `socket` is the test for a bus socket (tests).
 */
export function noSessionBus(env: Env, platform: NodeJS.Platform = process.platform, socket: (path: string) => boolean = isSocket): string | null {
  if (platform === 'win32' || platform === 'darwin') return null;
  if (env.DBUS_SESSION_BUS_ADDRESS || env.DISPLAY) return null;
  const dirs = runtimeDirs(env);
  if (dirs.some((dir) => socket(join(dir, 'bus')))) return null;
  const where = dirs.length > 0 ? `no bus socket in ${dirs.join(' or ')}` : 'neither XDG_RUNTIME_DIR nor HOME is set';
  return `no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set, ${where}, and without an X11 DISPLAY none can be started`;
}
