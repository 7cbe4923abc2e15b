/**
 * Autosave's session folders (see autosave.ts): made from a copy of the state folder, watched
 * until their shell ends, removed with their keyring entries, and swept when their owner died
 * unnoticed. Loaded only by commands that make or remove a session.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, copyFile, lstat, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Env } from '../core/context.js';
import { FOLDER_ID_FILE, existingFolderId } from '../profile/folder-id.js';
import { SESSION_MARKER, SESSION_PREFIX, readSessionMarker, type SessionMarker } from '../core/session-marker.js';
import { checkStateDir } from '../profile/state-file.js';
import { CONFIG_DIR_VAR } from '../profile/state-folder.js';
import { writePrivateFileAtomically } from '../profile/atomic-write.js';
import { cacheAccount, CACHE_FILE, CACHE_SERVICE } from '../token-cache/cache-names.js';
import { removeAllSecrets } from '../token-cache/secret-store.js';
import { processAlive } from '../core/process-alive.js';

/** Files of the state folder a session starts with. Locks, temp files, set-aside files and the folder id are not copied; the local cloud's folder is not either (emulatorDir reads the origin's). */
function copied(name: string): boolean {
  if (name === FOLDER_ID_FILE || name === SESSION_MARKER || name === 'emulator') return false;
  if (name.endsWith('.lock') || /\.\d+$/.test(name) || name.includes('.corrupt-')) return false;
  return true;
}

async function copyTree(from: string, to: string): Promise<void> {
  const names = await readdir(from).catch(() => [] as string[]);
  for (const name of names.filter(copied)) {
    const source = join(from, name);
    const info = await lstat(source).catch(() => null);
    // Links are never followed in the state folder; neither are they copied.
    if (!info || info.isSymbolicLink()) continue;
    if (info.isDirectory()) {
      await mkdir(join(to, name), { mode: 0o700 });
      await copyTree(source, join(to, name));
    } else if (info.isFile()) {
      await copyFile(source, join(to, name));
      await chmod(join(to, name), 0o600);
    }
  }
}

/**
 * Makes a session folder for `ownerPid`, seeded from `stateDir`. Nothing in `stateDir` is
 * written (its folder id is read, never created).
 */
export async function createSession(stateDir: string, ownerPid: number, env: Env, now: Date): Promise<string> {
  await sweepStaleSessions();
  const origin = resolve(stateDir);
  // A folder others can write to is refused here as everywhere: copying it would launder its files.
  await checkStateDir(origin);
  const dir = await mkdtemp(join(tmpdir(), SESSION_PREFIX));
  try {
    await chmod(dir, 0o700);
    await copyTree(origin, dir);
    const marker: SessionMarker = {
      version: 1,
      originDir: origin,
      originFolderId: await existingFolderId(origin),
      originConfigDirVar: env[CONFIG_DIR_VAR] ? env[CONFIG_DIR_VAR]! : null,
      ownerPid,
      createdAt: now.toISOString(),
    };
    await writePrivateFileAtomically(join(dir, SESSION_MARKER), JSON.stringify(marker, null, 2) + '\n', 'autosave session marker');
    // A fresh folder id, so the session's keyring entries are its own (see the header).
    await writePrivateFileAtomically(join(dir, FOLDER_ID_FILE), randomBytes(16).toString('hex') + '\n', 'folder id');
    if (ownerPid !== process.pid) startSessionWatcher(dir, ownerPid);
    return dir;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The session ends with its shell. PowerShell's PowerShell.Exiting event does not fire when a
 * script run by -File or -Command ends (pwsh 7.6), and a shell can be killed, so a small detached
 * process watches the owner and, once it is gone, runs enable-context-autosave --scope Process
 * in the session, which removes it and its keyring entries. It stops by itself when the session
 * folder is removed first (the shell turned autosave back on). Stale sessions it missed (the
 * machine rebooted) are swept by the next session made.
 */
function startSessionWatcher(dir: string, ownerPid: number): void {
  const cli = process.argv[1];
  // Only from the real CLI (not a test calling run() in-process): the watcher runs the CLI again.
  if (!cli || !/myaccount(\.js)?$/.test(basename(cli))) return;
  const script = `
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const [owner, node, cli, dir] = process.argv.slice(1);
const alive = () => { try { process.kill(Number(owner), 0); return true; } catch (e) { return e.code === 'EPERM'; } };
const timer = setInterval(() => {
  if (!existsSync(dir)) return clearInterval(timer);
  if (alive()) return;
  clearInterval(timer);
  spawnSync(node, [cli, 'enable-context-autosave', '--scope', 'Process', '--no-prompt'], { env: { ...process.env, MYACCOUNT_CONFIG_DIR: dir, MYACCOUNT_AUTOSAVE: 'Off' }, stdio: 'ignore', timeout: 30000 });
}, 500);`;
  try {
    const child = spawn(process.execPath, ['-e', script, String(ownerPid), process.execPath, cli, dir], { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    /* no watcher: the next session made sweeps this one */
  }
}

/**
 * Removes a session folder and its keyring entries. Only a folder that carries a valid marker and
 * the session prefix is removed: MYACCOUNT_CONFIG_DIR pointing elsewhere is never deleted.
 */
export async function removeSession(dir: string): Promise<boolean> {
  if (!basename(dir).startsWith(SESSION_PREFIX) || !readSessionMarker(dir)) return false;
  const id = await existingFolderId(dir);
  if (id) await deleteKeyringEntries(dir, id);
  await rm(dir, { recursive: true, force: true });
  return true;
}

/** The session's own token cache and kept secrets in the keyring, best effort (no keyring, nothing to delete). */
async function deleteKeyringEntries(dir: string, id: string): Promise<void> {
  if (process.platform === 'win32') return; // DPAPI files live in the folder, removed with it
  try {
    const { default: keytar } = (await import('keytar')) as unknown as { default: typeof import('keytar') };
    // Only if the session ever used the keyring: its stamp file is made on the first write.
    if (existsSync(join(dir, CACHE_FILE))) await withTimeout(keytar.deletePassword(CACHE_SERVICE, cacheAccount(id)), 5000);
  } catch {
    /* no keyring here: nothing was stored in it */
  }
  await withTimeout(removeAllSecrets(dir), 5000).catch(() => undefined);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout;
  return Promise.race([work, new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms)))]).finally(() => clearTimeout(timer));
}

/** Session folders of this user whose owner process is gone (a killed shell never said goodbye). */
export async function sweepStaleSessions(): Promise<number> {
  const root = tmpdir();
  const names = (await readdir(root).catch(() => [] as string[])).filter((n) => n.startsWith(SESSION_PREFIX));
  let removed = 0;
  for (const name of names) {
    const dir = join(root, name);
    const info = await lstat(dir).catch(() => null);
    if (!info?.isDirectory() || info.uid !== process.getuid?.()) continue;
    const marker = readSessionMarker(dir);
    if (marker && !processAlive(marker.ownerPid) && (await removeSession(dir))) removed++;
  }
  return removed;
}
