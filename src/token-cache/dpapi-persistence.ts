/**
 * The token cache on Windows: a file in the state folder holding the cache encrypted by DPAPI for
 * the current user (CryptProtectData through msal-node-extensions' addon, no entropy, the format
 * its FilePersistenceWithDataProtection writes, so caches made by earlier versions still read).
 * That persistence is not used because:
 * - it writes the file in place, so a process killed mid-write left a torn file; here a save goes
 *   through a temp file, fsync and rename (writePrivateFileAtomically, which also retries while an
 *   antivirus or indexer holds the file);
 * - a file that does not decrypt (protected before an administrator reset the password, copied
 *   from another user or machine, damaged) failed every later token command; here it is
 *   CacheUnreadable, which the cache plugin moves aside with one warning, as it does an
 *   unparsable plain or keyring cache;
 * - its check wrote, read and deleted a probe file shared by all processes; here the check is a
 *   protect/unprotect round trip in memory, so parallel first commands cannot race;
 * - it needs the package's index, which imports keytar; here only the addon is loaded (native.ts).
 * Also used by get-access-token's warm path (cached-token.ts), which must stay light: this module
 * imports no MSAL.
 */
import { randomBytes } from 'node:crypto';
import { fail, MyAccountError } from '../core/errors.js';
import { describeErrno, readPrivateBytes, refuseLink, writePrivateFileAtomically } from '../profile/atomic-write.js';
import { firstLineOf, loadDpapi, type DataProtector, type NativeLoaders } from './native.js';
import { CacheUnreadable, setFileAside, type CachePersistence } from './persistence.js';

const LABEL = 'token cache';
/** Only this Windows user can decrypt (DataProtectionScope.CurrentUser). */
const SCOPE = 'CurrentUser';

/** The first line of what the addon said, short; it never contains the data. */
const detailOf = (error: unknown): string => firstLineOf(error) || 'no reason given';

/** Proves DPAPI works for this user before anything is kept in it; throws with the reason. */
function selfTest(dpapi: DataProtector): void {
  const probe = randomBytes(32);
  let back: Uint8Array;
  try {
    back = dpapi.unprotectData(dpapi.protectData(probe, null, SCOPE), null, SCOPE);
  } catch (error) {
    throw new Error(`DPAPI refused to encrypt or decrypt for this user: ${detailOf(error)}`);
  }
  if (!probe.equals(Buffer.from(back))) throw new Error('DPAPI returned something else than it was given');
}

/**
 * The decrypted cache in the DPAPI file at `path`: null when it is missing or empty, CacheUnreadable
 * when it does not decrypt; a link is StateFileIsLink, other read errors StateReadFailed.
 */
export async function readDpapiFile(path: string, dpapi: DataProtector): Promise<string | null> {
  let bytes: Buffer | null;
  try {
    bytes = await readPrivateBytes(path, LABEL);
  } catch (error) {
    if (error instanceof MyAccountError) throw error;
    throw fail.StateReadFailed(`Could not read the ${LABEL} file ${path}: ${describeErrno(error)}.`, { target: path, cause: error });
  }
  if (!bytes || bytes.length === 0) return null;
  try {
    return Buffer.from(dpapi.unprotectData(bytes, null, SCOPE)).toString('utf8');
  } catch (error) {
    throw new CacheUnreadable(
      `could not be decrypted by Windows (DPAPI: ${detailOf(error)}); a password reset by an administrator, a copy from another user or machine, or a damaged file does this`,
    );
  }
}

/** The DPAPI token cache at `path`, after loading the addon and a round trip proved DPAPI works. */
export async function dpapiPersistence(path: string, loaders: NativeLoaders = {}): Promise<CachePersistence> {
  const dpapi = await loadDpapi(loaders);
  selfTest(dpapi);
  await refuseLink(path, LABEL);
  return {
    load: () => readDpapiFile(path, dpapi),
    async save(contents) {
      let bytes: Uint8Array;
      try {
        bytes = dpapi.protectData(Buffer.from(contents, 'utf8'), null, SCOPE);
      } catch (error) {
        throw fail.SecureTokenCacheUnavailable(`Windows could not encrypt the ${LABEL} (DPAPI: ${detailOf(error)}); ${path} was left as it was. Run the command again; if it persists, sign out of Windows and back in.`, {
          target: path,
          cause: error,
        });
      }
      await writePrivateFileAtomically(path, bytes, LABEL);
    },
    getFilePath: () => path,
    setAside: (stamp) => setFileAside(path, stamp),
    describe: () => `file ${path}`,
  };
}
