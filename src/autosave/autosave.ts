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
 *
 * This module decides which folder a command works in (every command asks, so it stays light);
 * session.ts makes and removes session folders.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Clock, Env } from '../core/context.js';
import { fail } from '../core/errors.js';
import { SESSION_MARKER, SESSION_PREFIX, readSessionMarker, stateDirOf, type SessionMarker } from '../core/session-marker.js';
import { StateFile, type StateFileSpec } from '../profile/state-file.js';
import { CONFIG_DIR_VAR } from '../profile/state-folder.js';

export { readSessionMarker, stateDirOf, SESSION_MARKER, SESSION_PREFIX, CONFIG_DIR_VAR, type SessionMarker };

/** 'Off' in a process working in a session folder; 'On' where this process keeps autosave on despite CurrentUser. */
export const AUTOSAVE_VAR = 'MYACCOUNT_AUTOSAVE';
/** The state folder a session folder was copied from, for people and scripts to see. */
export const AUTOSAVE_ORIGIN_VAR = 'MYACCOUNT_AUTOSAVE_ORIGIN';
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
    // Sessions (copying, keyring entries, the watcher process) load only when one is made.
    const { createSession } = await import('./session.js');
    const dir = await createSession(configDir, process.ppid, env, clock.now());
    return { configDir: dir, variables: { [CONFIG_DIR_VAR]: dir, [AUTOSAVE_VAR]: 'Off', [AUTOSAVE_ORIGIN_VAR]: resolve(configDir) }, throwaway: null };
  }
  const { createSession } = await import('./session.js');
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
