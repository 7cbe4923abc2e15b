/**
 * Private files in the state folder: written atomically (temp file in the same folder, fsync,
 * rename, mode 0600), read without following links, and failures reported as state errors that
 * name the file and say what went wrong in words (a full disk is not a bug in MyAccount).
 * write-file-atomic is loaded on first use: commands that only read never pay for it.
 *
 * Links are refused, not followed: the state folder is private to its user, so a link in it was
 * planted or is a mistake, and following it let MyAccount overwrite (and chmod) a file anywhere
 * the user can write. Refusing names the link, so a person who made it on purpose can see why.
 */
import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
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
    if ((await lstat(path)).isSymbolicLink()) throw linkRefused(path, label);
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
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP') throw linkRefused(path, label);
    throw error;
  }
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `path` with `text` atomically, mode 0600. A link at `path` is refused (write-file-atomic
 * would resolve it and replace its target). Any failure is StateWriteFailed naming the file, and
 * the previous file is left as it was (write-file-atomic removes its temp file).
 */
export async function writePrivateFileAtomically(path: string, text: string, label = 'state'): Promise<void> {
  await refuseLink(path, label);
  const { default: writeFileAtomic } = await import('write-file-atomic');
  try {
    await writeFileAtomic(path, text, { mode: 0o600, fsync: true });
  } catch (error) {
    throw writeFailed(path, label, error);
  }
}

export function writeFailed(path: string, label: string, error: unknown): MyAccountError {
  const code = (error as NodeJS.ErrnoException)?.code;
  const denied = code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
  return fail.StateWriteFailed(`Could not write the ${label} file ${path}: ${describeErrno(error)}. The previous file was left as it was.${advice(error)}`, {
    category: denied ? 'PermissionDenied' : undefined,
    target: path,
    cause: error,
  });
}

/**
 * For files outside the state folder that the user named (export-config --path): atomic and 0600,
 * but a link the user points at is theirs to follow, and errors are the caller's to word.
 */
export async function writeUserFileAtomically(path: string, text: string): Promise<void> {
  const { default: writeFileAtomic } = await import('write-file-atomic');
  await writeFileAtomic(path, text, { mode: 0o600, fsync: true });
}
