/**
 * The MSAL token cache every MyAccount process shares: in the operating system's secure store
 * (libsecret on Linux, Keychain on macOS, DPAPI on Windows) through msal-node-extensions, or,
 * only when the user opted in with AllowPlaintextTokenCache, a plain file readable only by them.
 * msal-node-extensions would fall back to plaintext on its own; we never let it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cacheAccount, CACHE_FILE, CACHE_SERVICE, PLAINTEXT_CACHE_FILE } from './cache-names.js';
import { sharedCachePlugin, type CachePluginOptions, type SharedCachePlugin } from './cache-plugin.js';
import { keyringPersistence, plainFilePersistence, type CachePersistence } from './persistence.js';
import { fail, MyAccountError } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';
import { folderId } from '../profile/folder-id.js';
import { ensureStateDir } from '../profile/state-file.js';

export { cacheAccount, CACHE_FILE, CACHE_SERVICE, PLAINTEXT_CACHE_FILE };

export type TokenStore = 'libsecret' | 'keychain' | 'dpapi' | 'plaintext';

export interface TokenCache {
  plugin: SharedCachePlugin;
  store: TokenStore;
}

export interface TokenCacheOptions {
  configDir: string;
  allowPlaintext: boolean;
  report: Reporter;
  platform?: NodeJS.Platform;
  /** A keyring that wants to show an unlock prompt nobody can see would wait forever. */
  timeoutMs?: number;
  now?: () => Date;
}

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
  // "CachePersistenceError: Verifing persistence failed with the error: Error: Cannot autolaunch
  // D-Bus without X11 $DISPLAY" says one thing: the last part.
  return text
    .split('\n')[0]
    .replace(/^(?:\w*Error: )?Verif\w* persistence failed with the error: /i, '')
    .replace(/^\w*Error: /, '')
    .slice(0, 200);
}

export async function openTokenCache(options: TokenCacheOptions): Promise<TokenCache> {
  const platform = options.platform ?? process.platform;
  const store = storeOf(platform);
  await ensureStateDir(options.configDir);
  const pluginOptions: CachePluginOptions = { warn: (message) => options.report.warning(message), now: options.now ?? (() => new Date()) };
  try {
    const persistence = await withTimeout(openSecurePersistence(options.configDir, platform), options.timeoutMs ?? 10000, `The ${store} secure store`);
    return { plugin: sharedCachePlugin(persistence, pluginOptions), store };
  } catch (error) {
    // A link or an unwritable state folder is not the keyring's fault: say what it is.
    if (error instanceof MyAccountError) throw error;
    const reason = reasonOf(error);
    if (!options.allowPlaintext) {
      throw fail.SecureTokenCacheUnavailable(`MyAccount keeps tokens only in a secure store, and the ${store} store does not work here (${reason}). ` +
          'Sign in from a session with a working keyring, or allow a plain token cache that only you can read: ' +
          'myaccount update-config --allow-plaintext-token-cache true (in CI: MYACCOUNT_ALLOW_PLAINTEXT_TOKEN_CACHE=true).', { target: 'AllowPlaintextTokenCache', cause: error });
    }
    const plainPath = join(options.configDir, PLAINTEXT_CACHE_FILE);
    const notice = `The ${store} secure store does not work here (${reason}); tokens are kept in a plain file readable only by you (${plainPath}), as AllowPlaintextTokenCache allows.`;
    // Said once, when the plain file is first made; repeating it on every CI step is noise.
    if (existsSync(plainPath)) options.report.verbose(notice);
    else options.report.warning(notice);
    return { plugin: sharedCachePlugin(await plainFilePersistence(plainPath), pluginOptions), store: 'plaintext' };
  }
}

/** The OS secure store: keytar's keyring on Linux and macOS, msal-node-extensions' DPAPI file on Windows. */
async function openSecurePersistence(configDir: string, platform: NodeJS.Platform): Promise<CachePersistence> {
  if (platform !== 'win32') return keyringPersistence(join(configDir, CACHE_FILE), CACHE_SERVICE, cacheAccount(await folderId(configDir)));
  // Loaded on demand; DPAPI's file is left to msal-node-extensions (not reachable from these tests).
  const extensions = await import('@azure/msal-node-extensions');
  const path = join(configDir, CACHE_FILE);
  const dpapi = await extensions.PersistenceCreator.createPersistence({
    cachePath: path,
    dataProtectionScope: extensions.DataProtectionScope.CurrentUser,
    usePlaintextFileOnLinux: false,
  });
  return {
    load: () => dpapi.load(),
    save: (contents) => dpapi.save(contents),
    getFilePath: () => path,
    async setAside() {
      await dpapi.delete();
      return 'nowhere (the DPAPI file was removed)';
    },
    describe: () => `file ${path}`,
  };
}
