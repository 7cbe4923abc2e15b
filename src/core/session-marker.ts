/**
 * What marks a folder as an autosave-off session copy of a state folder (src/autosave): its name
 * and its marker file, and the state folder behind it. Readers below the autosave module (the
 * token cache, the local cloud's record) need only this. It lives in core, with nothing but
 * node:fs below it, because the local cloud's door (below the profile) reads it too.
 */
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** In a session folder: where it came from and who owns it. Its presence is what makes a folder a session folder. */
export const SESSION_MARKER = 'autosave-session.json';
export const SESSION_PREFIX = 'myaccount-session-';

export interface SessionMarker {
  version: 1;
  /** The state folder the session was copied from (absolute). */
  originDir: string;
  /** Its folder id, whose keyring entries the session reads until it has its own; null if it had none. */
  originFolderId: string | null;
  /** MYACCOUNT_CONFIG_DIR as the caller had it, restored when the session ends (null: it was unset). */
  originConfigDirVar: string | null;
  /** The process whose session this is (the shell); when it is gone, the folder is swept. */
  ownerPid: number;
  createdAt: string;
}

/** The session marker of `dir`, or null when `dir` is not a session folder (or its marker is not ours). */
export function readSessionMarker(dir: string): SessionMarker | null {
  // Only folders this module made: the prefix, and a marker that is a file, not a link (a marker
  // names another folder whose local cloud record is trusted, so it is never followed).
  if (!basename(dir).startsWith(SESSION_PREFIX)) return null;
  const path = join(dir, SESSION_MARKER);
  if (!existsSync(path)) return null;
  try {
    if (!lstatSync(path).isFile()) return null;
    const raw = JSON.parse(readFileSync(path, 'utf8')) as SessionMarker;
    const ok =
      raw?.version === 1 &&
      typeof raw.originDir === 'string' &&
      (raw.originFolderId === null || /^[0-9a-f]{32}$/.test(raw.originFolderId)) &&
      (raw.originConfigDirVar === null || typeof raw.originConfigDirVar === 'string') &&
      Number.isInteger(raw.ownerPid);
    return ok ? raw : null;
  } catch {
    return null;
  }
}

/** The state folder behind `dir`: its origin if `dir` is a session folder, else `dir` itself. */
export function stateDirOf(dir: string): string {
  return readSessionMarker(dir)?.originDir ?? dir;
}
