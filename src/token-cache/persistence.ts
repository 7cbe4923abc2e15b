/**
 * Where the serialized MSAL cache is kept, behind the small interface the cache plugin uses.
 * msal-node-extensions' own persistences are not used on Linux and macOS because they write in
 * place (a full disk during a refresh left a truncated cache, and every later command failed on
 * it) and follow links in the state folder. Here:
 * - the plain file (only with AllowPlaintextTokenCache) is written like the profile: temp file in
 *   the same folder, fsync, rename, never through a link;
 * - the keyring (libsecret, Keychain, through keytar) holds the cache; a small file beside it is
 *   replaced on every write so other processes can tell the cache changed without asking the
 *   keyring (the cache plugin compares its mtime, size and inode).
 * The keyring one can read through to another entry (an autosave-off session's start).
 * Either can move an unparsable cache aside, so a damaged cache costs a sign-in, not every command.
 * Windows' DPAPI file (dpapi-persistence.ts) keeps the same contract.
 */
import { constants } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { fail, MyAccountError } from '../core/errors.js';
import { describeErrno, fileIdentity, readPrivateText, refuseLink, writePrivateFileAtomically } from '../profile/atomic-write.js';
import { askKeychain, KeychainNotAnswering, keychainUnusable, processKeyringGate, type KeychainWait } from './keyring-wait.js';
import { loadKeytar, type NativeLoaders } from './native.js';
import { probeSuffix } from './verified-persistence.js';

export interface CachePersistence {
  load(): Promise<string | null>;
  save(contents: string): Promise<void>;
  /** The file whose change means the cache changed (and beside which the lock lives). */
  getFilePath(): string;
  /** Moves an unparsable cache out of the way; returns where it went, in words. */
  setAside(stamp: string): Promise<string>;
  /** Where the cache is, in words, for messages. */
  describe(): string;
}

/**
 * What load throws when the stored cache exists but cannot be used (an encrypted file that does
 * not decrypt). The cache plugin moves it aside, as it does an unparsable one: one mechanism for
 * every kind of store, so a damaged cache costs a sign-in, never every later command.
 */
export class CacheUnreadable extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'CacheUnreadable';
  }
}

const LABEL = 'token cache';

function readFailed(path: string, error: unknown): MyAccountError {
  return fail.StateReadFailed(`Could not read the ${LABEL} file ${path}: ${describeErrno(error)}.`, { target: path, cause: error });
}

/** Creates an empty 0600 file if none is there (never through a link); failures are harmless here. */
async function touchPrivateFile(path: string): Promise<void> {
  await refuseLink(path, LABEL);
  try {
    const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    await handle.close();
  } catch {
    /* there already, or not creatable now: the first write reports real problems */
  }
}

export async function plainFilePersistence(path: string): Promise<CachePersistence> {
  // Made at once so later processes know the plain cache is in use (token-cache.ts says so once).
  await touchPrivateFile(path);
  return {
    async load() {
      try {
        return await readPrivateText(path, LABEL);
      } catch (error) {
        if (error instanceof MyAccountError) throw error;
        throw readFailed(path, error);
      }
    },
    save: (contents) => writePrivateFileAtomically(path, contents, LABEL),
    getFilePath: () => path,
    setAside: (stamp) => setFileAside(path, stamp),
    describe: () => `file ${path}`,
  };
}

/** Renames an unusable cache file to `<file>.corrupt-<stamp>` beside it; returns the new path. */
export async function setFileAside(path: string, stamp: string): Promise<string> {
  const aside = `${path}.corrupt-${stamp}`;
  await refuseLink(path, LABEL);
  try {
    await rename(path, aside);
  } catch (error) {
    throw fail.StateSetAsideFailed(`The ${LABEL} file ${path} cannot be used and could not be moved aside: ${describeErrno(error)}.`, { target: path, cause: error });
  }
  return aside;
}

/**
 * The cache in the keyring under service/account, with `stampPath` replaced on each write.
 * Checked with one write, read and delete of a test entry first (as msal-node-extensions does),
 * so a keyring that exists but cannot store anything is found out before a sign-in. The test
 * entry's name is this process's own: with one shared name, parallel first commands deleted each
 * other's entry and some fell back to the plain file (issue 18.3).
 * keytar is loaded through native.ts, inside the caller's guard.
 * `keychain` (macOS): every keyring call goes through the process's gate (keyring-wait.ts), which
 * waits for a person answering a Keychain dialog or fails clearly, and a load first takes what
 * the warm path already read of the entry (each read may put up a dialog of its own).
 */
export async function keyringPersistence(stampPath: string, service: string, account: string, readThroughAccount?: string, loaders: NativeLoaders = {}, keychain?: KeychainWait): Promise<CachePersistence> {
  const keytar = await loadKeytar(loaders);
  await refuseLink(stampPath, LABEL);
  const describe = () => `keyring entry ${service}/${account}`;
  // While opening, a Keychain that does not answer is the caller's to word (token-cache.ts may fall
  // back to the plain file); later, in MSAL's cache access, it fails the command as a MyAccountError.
  const checkCall = <T>(request: () => Promise<T>): Promise<T> => (keychain ? askKeychain(keychain, request) : request());
  const call = <T>(request: () => Promise<T>): Promise<T> =>
    checkCall(request).catch((error: unknown) => {
      throw error instanceof KeychainNotAnswering ? keychainUnusable(error, describe()) : error;
    });
  const get = (entry: string): Promise<string | null> => {
    const kept = keychain && (keychain.gate ?? processKeyringGate).recall(`${service}/${entry}`, fileIdentity(stampPath));
    return kept !== undefined ? Promise.resolve(kept) : call(() => keytar.getPassword(service, entry));
  };
  const check = `${account}.check.${probeSuffix()}`;
  try {
    await checkCall(() => keytar.setPassword(service, check, 'check'));
    const seen = await checkCall(() => keytar.getPassword(service, check));
    if (seen !== 'check') throw new Error('the keyring did not return what was written to it');
  } finally {
    await checkCall(() => keytar.deletePassword(service, check)).catch(() => false);
  }
  return {
    // readThroughAccount (an autosave-off session, see profile/autosave.ts): until this entry is
    // first written, the state folder's cache is read, never written.
    load: async () => (await get(account)) ?? (readThroughAccount ? get(readThroughAccount) : null),
    async save(contents) {
      await call(() => keytar.setPassword(service, account, contents));
      // Content does not matter (no secret here): the rename gives other processes a new stamp.
      await writePrivateFileAtomically(stampPath, '{}', `${LABEL} stamp`);
    },
    getFilePath: () => stampPath,
    async setAside(stamp) {
      const aside = `${account}.corrupt-${stamp}`;
      const text = await call(() => keytar.getPassword(service, account));
      if (text !== null) await call(() => keytar.setPassword(service, aside, text));
      await call(() => keytar.deletePassword(service, account));
      return `keyring entry ${service}/${aside}`;
    },
    describe,
  };
}
