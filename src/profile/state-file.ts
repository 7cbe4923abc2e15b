/**
 * One JSON state file: versioned, read without a lock (renames are atomic, so a reader always
 * sees a whole file), changed only under a cross-process lock, and written atomically.
 *
 * Locking is proper-lockfile (an mkdir-based lock with stale detection, so a writer killed while
 * holding it delays others by seconds instead of blocking them forever); writing is
 * writePrivateFileAtomically (temp file in the same folder, fsync, rename retried while Windows
 * refuses it). A file that does not
 * parse, or that a newer MyAccount wrote, is never overwritten.
 */
// fs.promises is read where it is used, for writers: readers (every command) never load it (see atomic-write.ts).
import { promises as fsp, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readPrivateText, refuseLink, removeOrphanedTempFiles, writePrivateFileAtomically } from './atomic-write.js';
import { fail, MyAccountError } from '../core/errors.js';
import type { Clock } from '../core/context.js';

export interface StateFileSpec<T> {
  /** File name inside the state folder, e.g. "profile.json". */
  fileName: string;
  /** What the file means to a person, for error messages ("profile", "settings"). */
  label: string;
  currentVersion: number;
  empty(): T;
  /**
   * Turns the parsed document of any known version into the current shape, or returns an error
   * message saying what is wrong with it. Called only for versions <= currentVersion.
   */
  upgrade(raw: Record<string, unknown>, version: number): T | string;
}

export const LOCK_OPTIONS = {
  realpath: false,
  // Stale after 5 s without an mtime update (the holder refreshes it every 2.5 s while alive).
  stale: 5000,
  update: 2500,
  retries: { retries: 400, factor: 1.15, minTimeout: 5, maxTimeout: 60, randomize: true },
} as const;

export class StateFile<T> {
  readonly path: string;

  constructor(
    private readonly dir: string,
    private readonly spec: StateFileSpec<T>,
    private readonly clock: Clock,
  ) {
    this.path = join(dir, spec.fileName);
  }

  /** The current content, or the empty document when the file does not exist yet. */
  async read(): Promise<T> {
    const text = await this.readText();
    if (text === null) return this.spec.empty();
    const parsed = this.parse(text);
    if (typeof parsed === 'string') {
      // Setting a damaged file aside needs the lock, so no writer's fresh file is moved instead.
      return this.withLock(async () => {
        const again = await this.readText();
        if (again === null) return this.spec.empty();
        const reparsed = this.parse(again);
        if (typeof reparsed === 'string') await this.setAside(reparsed);
        return reparsed as T;
      });
    }
    return parsed;
  }

  /**
   * Reads, applies `change`, and writes the result if it differs, all under the lock.
   * `change` may throw to abort with nothing written. Returns what `change` returned.
   */
  async update<R>(change: (current: T) => Promise<{ next: T; result: R }> | { next: T; result: R }): Promise<R> {
    return this.withLock(async () => {
      const text = await this.readText();
      let current: T;
      if (text === null) current = this.spec.empty();
      else {
        const parsed = this.parse(text);
        if (typeof parsed === 'string') return this.setAside(parsed);
        current = parsed;
      }
      const { next, result } = await change(current);
      const nextText = JSON.stringify({ ...next, version: this.spec.currentVersion }, null, 2) + '\n';
      if (nextText !== text) {
        // Under the lock, so every temp file beside it is a killed writer's.
        await removeOrphanedTempFiles(this.path);
        await writePrivateFileAtomically(this.path, nextText, this.spec.label);
      }
      return result;
    });
  }

  private async readText(): Promise<string | null> {
    await checkStateDir(this.dir);
    try {
      return await readPrivateText(this.path, this.spec.label);
    } catch (error) {
      if (error instanceof MyAccountError) throw error;
      throw this.ioError('StateReadFailed', 'read', error);
    }
  }

  /** The upgraded document, or a message saying why it cannot be used. */
  private parse(text: string): T | string {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return 'it is not valid JSON';
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return 'it is not a JSON object';
    const record = raw as Record<string, unknown>;
    const version = record.version ?? 0;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) return 'its "version" is not a whole number';
    if (version > this.spec.currentVersion) {
      throw fail.StateFileTooNew(`The ${this.spec.label} file ${this.path} has version ${version}, but this MyAccount understands up to version ${this.spec.currentVersion}. ` +
          'It was written by a newer MyAccount; upgrade MyAccount, or point MYACCOUNT_CONFIG_DIR at another folder. The file was left as it is.', { target: this.path });
    }
    return this.spec.upgrade(record, version);
  }

  private async setAside(reason: string): Promise<never> {
    const stamp = this.clock.now().toISOString().replace(/[:.]/g, '-');
    const aside = `${this.path}.corrupt-${stamp}`;
    await refuseLink(this.path, this.spec.label);
    try {
      await fsp.rename(this.path, aside);
    } catch (error) {
      throw this.ioError('StateSetAsideFailed', 'set aside', error);
    }
    throw fail.StateFileCorrupt(`The ${this.spec.label} file ${this.path} could not be used because ${reason}. It was moved to ${aside} and nothing was overwritten. ` +
        `Run the command again to start with an empty ${this.spec.label}, or repair the moved file and move it back.`, { target: this.path, details: [{ path: this.path, movedTo: aside, reason }] });
  }

  private async withLock<R>(work: () => Promise<R>): Promise<R> {
    await ensureStateDir(this.dir);
    let compromised: Error | null = null;
    let release: () => Promise<void>;
    // Loaded here so read-only commands start without it.
    const { default: lockfile } = await import('proper-lockfile');
    try {
      release = await lockfile.lock(this.path, {
        ...LOCK_OPTIONS,
        onCompromised: (error: Error) => {
          compromised = error;
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
        throw fail.StateLocked(`Another MyAccount process has held the lock on ${this.path} for too long. Try again; if no other MyAccount is running, remove ${this.path}.lock.`, { target: this.path });
      }
      throw this.ioError('StateLockFailed', 'lock', error);
    }
    try {
      const result = await work();
      if (compromised) throw compromised;
      return result;
    } finally {
      await release().catch(() => undefined);
    }
  }

  private ioError(code: 'StateReadFailed' | 'StateWriteFailed' | 'StateSetAsideFailed' | 'StateLockFailed', verb: string, error: unknown): MyAccountError {
    const errno = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    const denied = errno === 'EACCES' || errno === 'EPERM';
    return fail[code](
      `Could not ${verb} the ${this.spec.label} file ${this.path} (${errno}).` +
        (denied ? ' Check that you own the folder and can write to it, or set MYACCOUNT_CONFIG_DIR to a folder you own.' : ''),
      { category: denied ? 'PermissionDenied' : undefined, target: this.path, cause: error },
    );
  }
}

export const ALLOW_SHARED_STATE_DIR_VAR = 'MYACCOUNT_ALLOW_SHARED_STATE_DIR';

/**
 * Refuses, like ssh, a state folder that another user could change (writable by group or others,
 * or owned by someone else): whoever can write there can plant a profile that sends tokens to
 * their host, or a local cloud record that makes MyAccount trust their CA. A missing folder is
 * fine (it is made 0700). MYACCOUNT_ALLOW_SHARED_STATE_DIR=1 accepts it, for setups that mean it.
 */
export async function checkStateDir(dir: string): Promise<void> {
  if (process.env[ALLOW_SHARED_STATE_DIR_VAR] === '1' || process.platform === 'win32') return;
  let info;
  try {
    // Synchronous, and no error made for a missing folder: every command starts here.
    info = statSync(dir, { throwIfNoEntry: false });
  } catch {
    return;
  }
  if (!info) return;
  const uid = process.getuid?.();
  const foreign = uid !== undefined && info.uid !== uid;
  if (foreign || (info.mode & 0o022) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(3, '0');
    const problem = foreign ? `belongs to another user (uid ${info.uid})` : `can be written by other users (mode ${mode})`;
    const fix = foreign ? `Use a folder you own (set MYACCOUNT_CONFIG_DIR)` : `Make it private with chmod 700 ${dir}`;
    throw fail.StateDirInsecure(`The MyAccount state folder ${dir} ${problem}, so its files cannot be trusted. ${fix}, or set ${ALLOW_SHARED_STATE_DIR_VAR}=1 to use it anyway.`, { target: dir });
  }
}

/** Creates the state folder private to the user (0700) if it is missing. */
export async function ensureStateDir(dir: string): Promise<void> {
  await checkStateDir(dir);
  try {
    const created = await makeDirectories(dir);
    // A folder we just created may have been widened by the umask; never leave it readable by others.
    // An existing folder is the user's: checkStateDir refused it if others can write to it.
    if (created) {
      const info = await fsp.stat(dir);
      if ((info.mode & 0o077) !== 0 && info.uid === process.getuid?.()) await fsp.chmod(dir, 0o700);
    }
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw fail.StateDirUnavailable(`Could not create the MyAccount state folder ${dir} (${errno}). Set MYACCOUNT_CONFIG_DIR to a folder you can write to.`, {
      target: dir,
      cause: error,
      category: errno === 'EACCES' || errno === 'EPERM' ? 'PermissionDenied' : undefined,
    });
  }
}

/**
 * mkdir -p, one level at a time. Node's recursive mkdir spins forever on paths where a parent
 * exists but creating the child reports ENOENT (inside /proc, for one); this fails instead.
 */
async function makeDirectories(dir: string): Promise<boolean> {
  const missing: string[] = [];
  for (let current = dir; ; current = dirname(current)) {
    try {
      await fsp.stat(current);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      missing.push(current);
      if (dirname(current) === current) break;
    }
  }
  for (const path of missing.reverse()) {
    try {
      await fsp.mkdir(path, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return missing.length > 0;
}
