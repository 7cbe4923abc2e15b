/**
 * The MSAL token cache every MyAccount process shares: in the operating system's secure store
 * (libsecret on Linux, Keychain on macOS, DPAPI on Windows) through msal-node-extensions, or,
 * only when the user opted in with AllowPlaintextTokenCache, a plain file readable only by them.
 * msal-node-extensions would fall back to plaintext on its own; we never let it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ICachePlugin, ISerializableTokenCache } from '@azure/msal-node';
import { MyAccountError } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';
import { ensureStateDir } from '../profile/state-file.js';

export type TokenStore = 'libsecret' | 'keychain' | 'dpapi' | 'plaintext';

export interface TokenCache {
  plugin: ICachePlugin;
  store: TokenStore;
}

export interface TokenCacheOptions {
  configDir: string;
  allowPlaintext: boolean;
  report: Reporter;
  platform?: NodeJS.Platform;
  /** A keyring that wants to show an unlock prompt nobody can see would wait forever. */
  timeoutMs?: number;
}

export const CACHE_SERVICE = 'MyAccount';
export const CACHE_ACCOUNT = 'MSALCache';
export const CACHE_FILE = 'msal.cache';
export const PLAINTEXT_CACHE_FILE = 'msal.cache.plaintext.json';

function storeOf(platform: NodeJS.Platform): TokenStore {
  return platform === 'win32' ? 'dpapi' : platform === 'darwin' ? 'keychain' : 'libsecret';
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Why the secure store failed, in words a person can act on, without any secret. */
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^Verifing persistence failed with the error: /i, '').split('\n')[0].slice(0, 200);
}

/**
 * MSAL calls beforeCacheAccess/afterCacheAccess around every cache use, and the plugin's file
 * lock retries on a timer. Concurrent token requests in one process (tenants listed side by side)
 * would spend most of their time sleeping on that timer; queueing them in memory first leaves
 * the file lock for other processes only.
 */
function oneAtATime(inner: ICachePlugin): ICachePlugin {
  let tail: Promise<void> = Promise.resolve();
  let release: (() => void) | null = null;
  // A copy of the in-memory cache: refreshed on every change, first taken at the first load.
  let known: string | null = null;
  return {
    async beforeCacheAccess(context) {
      // acquireTokenSilent empties MSAL's in-memory cache and only then calls us to refill it.
      // While it waits its turn here, the other tenants' requests of this process look for their
      // refresh token in that empty cache and fail with no_tokens_found. Refilling at once, before
      // any await, closes the gap; the persisted copy still replaces it below if it changed.
      if (known !== null && !context.cacheHasChanged && isEmptied(context.tokenCache)) context.tokenCache.deserialize(known);
      const previous = tail;
      let done!: () => void;
      tail = new Promise<void>((resolve) => (done = resolve));
      await previous;
      release = done;
      try {
        // A write follows, so read what is persisted now, whatever its mtime says. The plugin
        // skips the read when the file's mtime is not past its last load, but mtimes come from a
        // coarse clock: another process's write a few ms after our load can look older than it,
        // and our write would then drop that process's tokens. Under the lock the read is exact.
        if (context.cacheHasChanged) (inner as unknown as { lastSync: number }).lastSync = 0;
        await inner.beforeCacheAccess(context);
        // The first load of this process; later ones only refill the gap, so a stale copy is
        // harmless (MSAL replaces it with the persisted snapshot once we return).
        if (known === null && !isEmptied(context.tokenCache)) known = context.tokenCache.serialize();
      } catch (error) {
        release = null;
        done();
        throw error;
      }
    },
    async afterCacheAccess(context) {
      try {
        await inner.afterCacheAccess(context);
        // The plugin reloads only when the file's mtime passes its last load, and Linux stamps
        // mtimes from a clock that ticks every few ms: a write right after the first load looks
        // old, the next access skips the reload, and MSAL rebuilds its cache from the stale
        // snapshot (tokens just obtained vanish). Keeping the snapshot equal to what was written
        // closes that gap.
        if (context.cacheHasChanged) {
          known = context.tokenCache.serialize();
          context.tokenCache.deserialize(known);
        }
      } finally {
        const done = release;
        release = null;
        done?.();
      }
    },
  };
}

/** Whether MSAL's TokenCache was just cleared (its clear() keeps only authority metadata). */
function isEmptied(cache: ISerializableTokenCache): boolean {
  const store = (cache as Partial<{ getKVStore(): object }>).getKVStore?.();
  return store !== undefined && Object.keys(store).every((key) => key.includes('authority-metadata'));
}

export async function openTokenCache(options: TokenCacheOptions): Promise<TokenCache> {
  const platform = options.platform ?? process.platform;
  const store = storeOf(platform);
  await ensureStateDir(options.configDir);
  // Loaded on demand: it pulls in keytar's native addon, which commands without tokens never need.
  const extensions = await import('@azure/msal-node-extensions');
  const lockOptions = { retryNumber: 200, retryDelay: 50 };
  try {
    const persistence = await withTimeout(
      extensions.PersistenceCreator.createPersistence({
        cachePath: join(options.configDir, CACHE_FILE),
        dataProtectionScope: extensions.DataProtectionScope.CurrentUser,
        serviceName: CACHE_SERVICE,
        accountName: CACHE_ACCOUNT,
        usePlaintextFileOnLinux: false,
      }),
      options.timeoutMs ?? 10000,
      `The ${store} secure store`,
    );
    return { plugin: oneAtATime(new extensions.PersistenceCachePlugin(persistence, lockOptions)), store };
  } catch (error) {
    const reason = reasonOf(error);
    if (!options.allowPlaintext) {
      throw new MyAccountError(
        'SecureTokenCacheUnavailable',
        `MyAccount keeps tokens only in a secure store, and the ${store} store does not work here (${reason}). ` +
          'Sign in from a session with a working keyring, or allow a plain token cache that only you can read: ' +
          'myaccount update-config --allow-plaintext-token-cache true (in CI: MYACCOUNT_ALLOW_PLAINTEXT_TOKEN_CACHE=true).',
        { category: 'ResourceUnavailable', target: 'AllowPlaintextTokenCache', cause: error },
      );
    }
    const plainPath = join(options.configDir, PLAINTEXT_CACHE_FILE);
    const notice = `The ${store} secure store does not work here (${reason}); tokens are kept in a plain file readable only by you (${plainPath}), as AllowPlaintextTokenCache allows.`;
    // Said once, when the plain file is first made; repeating it on every CI step is noise.
    if (existsSync(plainPath)) options.report.verbose(notice);
    else options.report.warning(notice);
    const persistence = await extensions.FilePersistence.create(plainPath);
    return { plugin: oneAtATime(new extensions.PersistenceCachePlugin(persistence, lockOptions)), store: 'plaintext' };
  }
}
