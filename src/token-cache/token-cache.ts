/**
 * The MSAL token cache every MyAccount process shares: in the operating system's secure store
 * (libsecret or Keychain through keytar, a DPAPI-encrypted file on Windows), or,
 * only when the user opted in with AllowPlaintextTokenCache, a plain file readable only by them.
 * Never a silent fallback to the plain file (msal-node-extensions' PersistenceCreator does that).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cacheAccount, CACHE_FILE, CACHE_SERVICE, PLAINTEXT_CACHE_FILE } from './cache-names.js';
import { sharedCachePlugin, type CachePluginOptions, type SharedCachePlugin } from './cache-plugin.js';
import { keyringPersistence, plainFilePersistence, type CachePersistence } from './persistence.js';
import { NativeModuleMissing, type NativeLoaders } from './native.js';
import { dpapiPersistence } from './dpapi-persistence.js';
import { KeychainNotAnswering, type KeychainWait } from './keyring-wait.js';
import { fail, MyAccountError } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';
import { folderId } from '../profile/folder-id.js';
import { readSessionMarker } from '../core/session-marker.js';
import { ensureStateDir } from '../profile/state-file.js';
import type { Env } from '../core/context.js';
import { noSessionBus } from './session-bus.js';

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
  /**
   * A keyring that wants to show an unlock prompt nobody can see would wait forever. Not on macOS:
   * there each Keychain call has its own policy (keyring-wait.ts), which waits for a person.
   */
  timeoutMs?: number;
  /** A person can answer the macOS Keychain's dialog (CommandContext.attended). */
  attended?: boolean;
  /** The Keychain's waiting policy beyond `attended` and `report` (tests: short times, their own gate). */
  keychain?: Partial<KeychainWait>;
  now?: () => Date;
  /** How keytar and the DPAPI addon are loaded (tests inject a failing one, or a stand-in for DPAPI). */
  native?: NativeLoaders;
  /** The environment libsecret finds its session bus by: this process's own (tests give another). */
  env?: Env;
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
  // Already worded for a person, and its advice must not be cut off.
  if (error instanceof NativeModuleMissing || error instanceof KeychainNotAnswering) return error.message;
  const text = error instanceof Error ? error.message : String(error);
  // "CachePersistenceError: Verifing persistence failed with the error: Error: Cannot autolaunch
  // D-Bus without X11 $DISPLAY" says one thing: the last part.
  return text
    .split('\n')[0]
    .replace(/^(?:\w*Error: )?Verif\w* persistence failed with the error: /i, '')
    .replace(/^\w*Error: /, '')
    .slice(0, 200);
}

/**
 * What keeps the plain file private, truthfully per platform. Mode 0600 means nothing on Windows:
 * there the file is as private as its folder's access control list, which under the user profile
 * admits the user, SYSTEM and Administrators, and elsewhere (MYACCOUNT_CONFIG_DIR on a shared
 * drive) may admit anyone.
 */
function plainProtection(platform: NodeJS.Platform, configDir: string): string {
  if (platform !== 'win32') return 'readable only by you (mode 0600)';
  return `protected only by the access control list of ${configDir} (under your user profile: you, SYSTEM and Administrators; not encrypted)`;
}

export async function openTokenCache(options: TokenCacheOptions): Promise<TokenCache> {
  const platform = options.platform ?? process.platform;
  const store = storeOf(platform);
  await ensureStateDir(options.configDir);
  const pluginOptions: CachePluginOptions = { warn: (message) => options.report.warning(message), now: options.now ?? (() => new Date()) };
  try {
    const keychain: KeychainWait | undefined = platform === 'darwin' ? { attended: options.attended ?? false, report: options.report, ...options.keychain } : undefined;
    const opening = openSecurePersistence(options.configDir, platform, options.native ?? {}, keychain, options.env ?? process.env);
    // The Keychain's calls are bounded by their own policy; a blanket limit here would cut a person off mid-dialog.
    const persistence = await (keychain ? opening : withTimeout(opening, options.timeoutMs ?? 10000, `The ${store} secure store`));
    return { plugin: sharedCachePlugin(persistence, pluginOptions), store };
  } catch (error) {
    // A link or an unwritable state folder is not the keyring's fault: say what it is.
    if (error instanceof MyAccountError) throw error;
    const reason = reasonOf(error);
    if (!options.allowPlaintext) {
      throw fail.SecureTokenCacheUnavailable(`MyAccount keeps tokens only in a secure store, and the ${store} store does not work here (${reason}). ` +
          `Sign in from a session with a working ${platform === 'win32' ? 'secure store' : 'keyring'}, or allow a plain token cache ${plainProtection(platform, options.configDir)}: ` +
          'myaccount update-config --allow-plaintext-token-cache true (in CI: MYACCOUNT_ALLOW_PLAINTEXT_TOKEN_CACHE=true).', { target: 'AllowPlaintextTokenCache', cause: error });
    }
    const plainPath = join(options.configDir, PLAINTEXT_CACHE_FILE);
    const notice = `The ${store} secure store does not work here (${reason}); tokens are kept in a plain file ${plainProtection(platform, options.configDir)} (${plainPath}), as AllowPlaintextTokenCache allows.`;
    // Said once, when the plain file is first made; repeating it on every CI step is noise. But a
    // folder whose tokens were in the secure store is switching kind: its sign-ins are not in the
    // plain file, so that is always said (issue 18.3: never switch cache kind silently).
    const secureCacheExists = existsSync(join(options.configDir, CACHE_FILE));
    if (secureCacheExists) options.report.warning(`${notice} This folder's earlier tokens are in the ${store} store and are not used now; sign in again here, or run where the ${store} store works.`);
    else if (existsSync(plainPath)) options.report.verbose(notice);
    else options.report.warning(notice);
    return { plugin: sharedCachePlugin(await plainFilePersistence(plainPath), pluginOptions), store: 'plaintext' };
  }
}

/**
 * The OS secure store: keytar's keyring on Linux and macOS (checked with a probe entry of this
 * process's own), the DPAPI-encrypted file on Windows (dpapi-persistence.ts, checked in memory).
 */
async function openSecurePersistence(configDir: string, platform: NodeJS.Platform, native: NativeLoaders, keychain: KeychainWait | undefined, env: Env): Promise<CachePersistence> {
  if (platform === 'win32') return dpapiPersistence(join(configDir, CACHE_FILE), native);
  // Certain to fail: say why without loading keytar (session-bus.ts).
  const noBus = noSessionBus(env, platform);
  if (noBus) throw new Error(noBus);
  // An autosave-off session has its own entry and reads the state folder's until it writes its own.
  const origin = readSessionMarker(configDir)?.originFolderId;
  return keyringPersistence(join(configDir, CACHE_FILE), CACHE_SERVICE, cacheAccount(await folderId(configDir)), origin ? cacheAccount(origin) : undefined, native, keychain);
}
