/**
 * Context autosave (Az's Enable-/Disable-AzContextAutosave). With autosave on, every context
 * change and sign-in is written to the state folder. With it off, they live in the process only:
 *
 * - **Process scope** (`disable-context-autosave --scope Process`): a private session folder
 *   (0700, in the temp folder) seeded with a copy of the state folder's profile and settings. The
 *   caller's MYACCOUNT_CONFIG_DIR points at it (the PowerShell module sets it in its session, so
 *   the session and its children work in the copy; bash users `eval` the exports). The session
 *   folder is removed by `enable-context-autosave --scope Process` or when the PowerShell session
 *   exits; one whose owner process died is swept by the next autosave command or session.
 * - **CurrentUser** (`autosave.json` in the state folder says Mode=Process): every process starts
 *   its own copy: the module's session once, on its first command; a bare CLI call one throwaway
 *   copy for that call.
 *
 * Why a copy and not an in-memory profile: every command reads the state folder; pointing them at
 * a copy keeps each of them (and every future one) correct without a second code path per write.
 *
 * Tokens: the copy gets a folder id of its own (folder-id.ts), so its keyring entries are its own
 * and are deleted with it. Until the session first writes its token cache, reads fall through to
 * the state folder's entry (the marker names its folder id), so a session starts signed in as the
 * state folder is, while nothing it acquires or removes reaches the state folder's entry. A plain
 * file cache (AllowPlaintextTokenCache) is simply copied, and lives and dies with the copy.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { chmod, copyFile, lstat, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Clock, Env } from '../core/context.js';
import { fail } from '../core/errors.js';
import { FOLDER_ID_FILE, existingFolderId } from '../profile/folder-id.js';
import { SESSION_MARKER, SESSION_PREFIX, readSessionMarker, stateDirOf, type SessionMarker } from '../core/session-marker.js';
import { checkStateDir, StateFile, type StateFileSpec } from '../profile/state-file.js';
import { writePrivateFileAtomically } from '../profile/atomic-write.js';
import { cacheAccount, CACHE_FILE, CACHE_SERVICE } from '../token-cache/cache-names.js';
import { removeAllSecrets } from '../token-cache/secret-store.js';
import { processAlive } from '../core/process-alive.js';

export { readSessionMarker, stateDirOf, SESSION_MARKER, SESSION_PREFIX, type SessionMarker };

/** 'Off' in a process working in a session folder; 'On' where this process keeps autosave on despite CurrentUser. */
export const AUTOSAVE_VAR = 'MYACCOUNT_AUTOSAVE';
/** The state folder a session folder was copied from, for people and scripts to see. */
export const AUTOSAVE_ORIGIN_VAR = 'MYACCOUNT_AUTOSAVE_ORIGIN';
export const CONFIG_DIR_VAR = 'MYACCOUNT_CONFIG_DIR';
export type AutosaveMode = 'CurrentUser' | 'Process';

export interface AutosaveFile {
  version: number;
  mode: AutosaveMode;
}

export const autosaveSpec: StateFileSpec<AutosaveFile> = {
  fileName: 'autosave.json',
  label: 'autosave setting',
  currentVersion: 1,
  // As Az: a missing file means CurrentUser, autosave on.
  empty: () => ({ version: 1, mode: 'CurrentUser' }),
  upgrade(raw) {
    const mode = raw.mode ?? 'CurrentUser';
    if (mode !== 'CurrentUser' && mode !== 'Process') return 'its "mode" is neither CurrentUser nor Process';
    return { version: 1, mode };
  },
};

export const openAutosaveSetting = (stateDir: string, clock: Clock): StateFile<AutosaveFile> => new StateFile(stateDir, autosaveSpec, clock);

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

/** This process's autosave, as the CLI decides it before a command runs. */
export interface AutosaveState {
  /** The folder commands use. */
  configDir: string;
  /** The state folder (the origin of a session). */
  stateDir: string;
  mode: AutosaveMode;
  /** The session folder in use, if any. */
  sessionDir: string | null;
}

export interface CurrentAutosave {
  stateDir: string;
  sessionDir: string | null;
  /** 'On': this process keeps autosave on although the CurrentUser setting is off. */
  processOverride: 'On' | null;
  /** MYACCOUNT_AUTOSAVE=Off but the session folder is gone (removed by another process). */
  lostSession: boolean;
}

/** Where this process stands, without creating anything. */
export function currentAutosave(configDir: string, env: Env): CurrentAutosave {
  const marker = readSessionMarker(configDir);
  if (marker) return { stateDir: marker.originDir, sessionDir: configDir, processOverride: null, lostSession: false };
  const lost = env[AUTOSAVE_VAR] === 'Off';
  return { stateDir: lost && env[AUTOSAVE_ORIGIN_VAR] ? env[AUTOSAVE_ORIGIN_VAR]! : configDir, sessionDir: null, processOverride: env[AUTOSAVE_VAR] === 'On' ? 'On' : null, lostSession: lost };
}

/** Commands that act on the state folder itself, never in a copy: autosave's own, the local cloud, completion scripts. */
const KEEPS_STATE_FOLDER = /^(enable-context-autosave|disable-context-autosave|get-context-autosave-setting|emulator( |$)|completion( |$))/;

export interface CommandFolder {
  /** The folder the command works in. */
  configDir: string;
  /** Variables to hand the caller: a session made for it (the module, with the CurrentUser setting off). */
  variables: Record<string, string>;
  /** A copy made for this one call, to remove when it ends. */
  throwaway: string | null;
}

/**
 * The folder a command works in. With the CurrentUser setting off and no session yet, a caller
 * that takes variables back (`keepsSession`: the PowerShell module) gets a session of its own, the
 * rest a copy for this call only. A shell whose session folder vanished is told so rather than
 * have a fresh, empty state folder made where the session was.
 */
export async function folderForCommand(command: string, configDir: string, env: Env, keepsSession: boolean, clock: Clock): Promise<CommandFolder> {
  const same: CommandFolder = { configDir, variables: {}, throwaway: null };
  if (KEEPS_STATE_FOLDER.test(command)) return same;
  const now = currentAutosave(configDir, env);
  if (now.sessionDir) return same;
  if (now.lostSession) {
    throw fail.AutosaveSessionGone(`This shell turned autosave off and works in ${configDir}, which no longer exists (another process ended the session, or the temp folder was cleaned). Run myaccount enable-context-autosave --scope Process to go back to ${now.stateDir}, then turn autosave off again if you want.`, { target: CONFIG_DIR_VAR });
  }
  if (now.processOverride === 'On' || (await savedMode(configDir, clock)) !== 'Process') return same;
  if (keepsSession) {
    const dir = await createSession(configDir, process.ppid, env, clock.now());
    return { configDir: dir, variables: { [CONFIG_DIR_VAR]: dir, [AUTOSAVE_VAR]: 'Off', [AUTOSAVE_ORIGIN_VAR]: resolve(configDir) }, throwaway: null };
  }
  const dir = await createSession(configDir, process.pid, env, clock.now());
  return { configDir: dir, variables: {}, throwaway: dir };
}

/** The saved (CurrentUser) mode; Az's rule: unreadable means Process, so nothing is written by mistake. */
export async function savedMode(stateDir: string, clock: Clock): Promise<AutosaveMode> {
  if (!existsSync(join(stateDir, autosaveSpec.fileName))) return 'CurrentUser';
  try {
    return (await openAutosaveSetting(stateDir, clock).read()).mode;
  } catch {
    return 'Process';
  }
}
