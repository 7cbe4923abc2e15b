/**
 * Private files in the state folder: written atomically (temp file in the same folder, fsync,
 * rename, mode 0600), read without following links, and failures reported as state errors that
 * name the file and say what went wrong in words (a full disk is not a bug in MyAccount).
 *
 * The write is our own rather than write-file-atomic's because of Windows: there, replacing a file
 * fails with EPERM/EBUSY/EACCES while another program has it open without FILE_SHARE_DELETE (an
 * antivirus or indexer scanning the file just written, a backup tool, a second reader), and
 * write-file-atomic renames once and gives up. We retry the rename with backoff for a few seconds
 * on those codes, then fail with StateWriteFailed naming the file. The rename is a dependency so
 * tests can make it fail the way Windows does.
 *
 * Links are refused, not followed: the state folder is private to its user, so a link in it was
 * planted or is a mistake, and following it let MyAccount overwrite (and chmod) a file anywhere
 * the user can write. Refusing names the link, so a person who made it on purpose can see why.
 */
// fs.promises is read where it is used: Node loads it (with readline behind it) on first access,
// and a command that only reads state never needs it; reads use the synchronous calls.
import { closeSync, constants, lstatSync, openSync, promises as fsp, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fail, MyAccountError } from '../core/errors.js';

/** What an errno means, in words; the code itself is added in brackets. */
const ERRNO_WORDS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'an input/output error',
  EISDIR: 'it is a folder',
};

export function describeErrno(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code ?? 'unknown error';
  return ERRNO_WORDS[code] ? `${ERRNO_WORDS[code]} (${code})` : code;
}

function advice(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return ' Free some space and run the command again.';
  if (code === 'EROFS') return ' Set MYACCOUNT_CONFIG_DIR to a folder on a writable file system.';
  if (code === 'EACCES' || code === 'EPERM') return ' Check that you own the folder and can write to it, or set MYACCOUNT_CONFIG_DIR to a folder you own.';
  return '';
}

export function linkRefused(path: string, label: string): MyAccountError {
  return fail.StateFileIsLink(
    `The ${label} file ${path} is a symbolic link. MyAccount never follows links in its state folder, so it neither read nor wrote it. ` +
      `Remove the link (rm ${path}), or set MYACCOUNT_CONFIG_DIR to another folder.`,
    { target: path },
  );
}

/** Throws StateFileIsLink when `path` is a symbolic link; a missing file is fine. */
export async function refuseLink(path: string, label: string): Promise<void> {
  try {
    if ((await fsp.lstat(path)).isSymbolicLink()) throw linkRefused(path, label);
  } catch (error) {
    if (error instanceof MyAccountError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * The text of a private file, or null if it does not exist. Opened with O_NOFOLLOW, so a link
 * fails (ELOOP) instead of being read. Other errors are thrown as they are, for the caller to word.
 */
export async function readPrivateText(path: string, label: string): Promise<string | null> {
  const bytes = await readPrivateBytes(path, label);
  return bytes === null ? null : bytes.toString('utf8');
}

/** readPrivateText's bytes, for files that are not text (the DPAPI-encrypted token cache). */
export async function readPrivateBytes(path: string, label: string): Promise<Buffer | null> {
  // Synchronous calls: state files are small, and every asynchronous step is paid for by a cold start.
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP') throw linkRefused(path, label);
    throw error;
  }
  try {
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * The identity of a file these writes replace: every write renames a new file into place, so a
 * new inode, time or size means new contents; '-' when there is none. Synchronous on purpose:
 * an lstat costs microseconds, a thread-pool round trip more.
 */
export function fileIdentity(path: string): string {
  const s = lstatSync(path, { bigint: true, throwIfNoEntry: false });
  return s ? `${s.ino}:${s.mtimeNs}:${s.ctimeNs}:${s.size}` : '-';
}

export interface AtomicWriteOptions {
  /** fs.promises.rename; tests pass one that fails as Windows does. */
  rename?: (from: string, to: string) => Promise<void>;
  /** Whether to retry a refused rename (win32 only: elsewhere an open file never blocks rename). */
  platform?: NodeJS.Platform;
  sleep?: (ms: number) => Promise<void>;
}

/** Codes Windows answers while another process holds the target (or the temp file) open. */
const BUSY_CODES = new Set(['EPERM', 'EBUSY', 'EACCES']);
/** Long enough for an on-access antivirus scan of a small file; short enough to fail clearly. */
export const RENAME_RETRY_BUDGET_MS = 5000;
const MAX_PAUSE_MS = 500;

/** A rename that Windows kept refusing: how long we retried, for the message. */
class RenameBusy extends Error {
  constructor(
    readonly errno: NodeJS.ErrnoException,
    readonly retriedMs: number,
  ) {
    super(errno.message);
  }
  get code(): string | undefined {
    return this.errno.code;
  }
}

async function renameRetrying(from: string, to: string, options: AtomicWriteOptions): Promise<void> {
  const rename = options.rename ?? fsp.rename;
  const platform = options.platform ?? process.platform;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let waited = 0;
  let pause = 10;
  for (;;) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException)?.code ?? '';
      if (platform !== 'win32' || !BUSY_CODES.has(code)) throw error;
      if (waited >= RENAME_RETRY_BUDGET_MS) throw new RenameBusy(error as NodeJS.ErrnoException, waited);
      const next = Math.min(pause, RENAME_RETRY_BUDGET_MS - waited);
      await sleep(next);
      waited += next;
      pause = Math.min(pause * 2, MAX_PAUSE_MS);
    }
  }
}

/**
 * Temp file beside the target (same volume, so the rename is atomic), created exclusively with
 * mode 0600, written and fsynced, then renamed over the target. On any failure the temp file is
 * removed and the target is as it was.
 */
async function writeAtomically(path: string, text: string | Uint8Array, options: AtomicWriteOptions): Promise<void> {
  // crypto loads only when something is written: most commands only read state.
  const { randomInt } = await import('node:crypto');
  // "<file>.<digits>", the form removeOrphanedTempFiles removes when a writer was killed mid-write.
  const temp = join(dirname(path), `${basename(path)}.${process.pid}${randomInt(1e9)}`);
  try {
    const handle = await fsp.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    try {
      // Bytes as they are (the DPAPI-encrypted cache), text as UTF-8.
      await handle.writeFile(text, typeof text === 'string' ? 'utf8' : undefined);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameRetrying(temp, path, options);
  } catch (error) {
    await fsp.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * Removes the temp files ("<file>.<digits>") that writers of `path` killed between writing and
 * renaming left beside it; such a file can hold a whole token cache. Only for a caller holding
 * the file's lock: only lock holders write temp files, so under the lock every one is an orphan.
 */
export async function removeOrphanedTempFiles(path: string): Promise<void> {
  const dir = dirname(path);
  const prefix = `${basename(path)}.`;
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  const orphans = names.filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)));
  await Promise.all(orphans.map((n) => fsp.unlink(join(dir, n)).catch(() => undefined)));
}

/**
 * Replaces `path` with `text` atomically, mode 0600. A link at `path` is refused (renaming over
 * it would be safe, but a planted link says something is wrong). Any failure is StateWriteFailed
 * naming the file, and the previous file is left as it was.
 */
export async function writePrivateFileAtomically(path: string, text: string | Uint8Array, label = 'state', options: AtomicWriteOptions = {}): Promise<void> {
  await refuseLink(path, label);
  try {
    await writeAtomically(path, text, options);
  } catch (error) {
    throw writeFailed(path, label, error);
  }
}

export function writeFailed(path: string, label: string, error: unknown): MyAccountError {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (error instanceof RenameBusy) {
    return fail.StateWriteFailed(
      `Could not replace the ${label} file ${path}: ${describeErrno(error)}, still after ${(error.retriedMs / 1000).toFixed(1)} s of retries. ` +
        'Another program has it open (an antivirus or backup scan, an indexer, an editor, another MyAccount). The previous file was left as it was; run the command again, or exclude the folder from the scanner.',
      { target: path, cause: error.errno },
    );
  }
  const denied = code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
  return fail.StateWriteFailed(`Could not write the ${label} file ${path}: ${describeErrno(error)}. The previous file was left as it was.${advice(error)}`, {
    category: denied ? 'PermissionDenied' : undefined,
    target: path,
    cause: error,
  });
}

/**
 * For files outside the state folder that the user named (export-config --path): atomic and 0600,
 * but a link the user points at is theirs to follow (its target is replaced), and errors are the
 * caller's to word.
 */
export async function writeUserFileAtomically(path: string, text: string, options: AtomicWriteOptions = {}): Promise<void> {
  let target = path;
  try {
    target = await fsp.realpath(path);
  } catch {
    // Not there yet: written where it was named.
  }
  await writeAtomically(target, text, options);
}
