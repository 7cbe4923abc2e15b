/**
 * get-access-token's warm path: when MSAL's shared cache already holds a token MSAL itself would
 * hand out as it is, read it straight from the cache and skip loading MSAL (about 100 ms of a
 * cold process, more than the rest of the command). The cache uses MSAL's documented, shared
 * schema; anything this reader is not sure about (no entry, near expiry, due for proactive
 * refresh, a store it cannot read here) falls through to MSAL, which stays the authority.
 */
import { join } from 'node:path';
import type { Env } from '../core/context.js';
import { fileIdentity, readPrivateText } from '../profile/atomic-write.js';
import { authorityFor, scopeFor } from '../profile/endpoints.js';
import type { EnvironmentView } from '../profile/environment-types.js';
import type { AccountRecord } from '../profile/profile.js';
import { existingFolderId } from '../profile/folder-id.js';
import { readSessionMarker } from '../core/session-marker.js';
import { cacheAccount, CACHE_FILE, CACHE_SERVICE, PLAINTEXT_CACHE_FILE } from './cache-names.js';
import { askKeychain, processKeyringGate, type KeychainWait } from './keyring-wait.js';
import { loadDpapi, loadKeytar, type Keytar, type NativeLoaders } from './native.js';
import { noSessionBus } from './session-bus.js';

/** MSAL's tokenRenewalOffsetSeconds: it refreshes tokens this close to expiry. */
const RENEWAL_SECONDS = 300;

interface CacheEntry {
  home_account_id?: string;
  environment?: string;
  credential_type?: string;
  client_id?: string;
  realm?: string;
  target?: string;
  secret?: string;
  expires_on?: string;
  refresh_on?: string;
  token_type?: string;
}

export interface CachedToken {
  token: string;
  expiresOn: Date;
}

/** The plain file (AllowPlaintextTokenCache), or null; never through a link (MSAL's path then reports it). */
async function readPlainCache(configDir: string): Promise<string | null> {
  try {
    return await readPrivateText(join(configDir, PLAINTEXT_CACHE_FILE), 'token cache');
  } catch {
    return null;
  }
}

/** How the keyring is reached: the Keychain's waiting policy (keyring-wait.ts) and, for tests, keytar's loader. */
export interface KeyringRead {
  /** macOS only; absent: nobody is there to answer a dialog, and nothing is said. */
  keychain?: KeychainWait;
  native?: NativeLoaders;
}

const silent: KeychainWait = { attended: false, report: { warning: () => undefined } };

/**
 * One keyring entry's text. libsecret: given up on after 2 s (MSAL's path then decides). The
 * Keychain: through the process's gate, which waits for a person or refuses later requests, so
 * MSAL's path neither asks again while a dialog is up nor, for an entry read here, asks at all.
 */
function entryReader(keytar: Keytar, configDir: string, platform: NodeJS.Platform, keyring: KeyringRead): (account: string) => Promise<string | null> {
  if (platform !== 'darwin') {
    return (account) => Promise.race([keytar.getPassword(CACHE_SERVICE, account), new Promise<null>((r) => setTimeout(() => r(null), 2000).unref())]);
  }
  const wait = keyring.keychain ?? silent;
  const gate = wait.gate ?? processKeyringGate;
  return async (account) => {
    // Before the read: a write after this point changes the stamp, and recall then ignores the text.
    const stamp = fileIdentity(join(configDir, CACHE_FILE));
    const text = await askKeychain(wait, () => keytar.getPassword(CACHE_SERVICE, account));
    gate.remember(`${CACHE_SERVICE}/${account}`, stamp, text);
    return text;
  };
}

/**
 * The cache text from the store the token cache would use: the OS secure store, else (only with
 * AllowPlaintextTokenCache) the plain file. `keyring.native` replaces how keytar and the DPAPI addon load (tests).
 */
async function readCacheText(configDir: string, env: Env, allowPlaintext: boolean, platform: NodeJS.Platform, keyring: KeyringRead = {}): Promise<string | null> {
  if (platform === 'win32') {
    // Where the DPAPI addon loads, the token cache is the DPAPI file (token-cache.ts). A file that
    // does not decrypt gives null: MSAL's path then moves it aside with its warning.
    const dpapi = await loadDpapi(keyring.native).catch(() => null);
    if (!dpapi) return allowPlaintext ? readPlainCache(configDir) : null;
    // Imported here, and only with the addon: the persistence module brings crypto and
    // fs.promises, which the warm path elsewhere never loads.
    const { readDpapiFile } = await import('./dpapi-persistence.js');
    return readDpapiFile(join(configDir, CACHE_FILE), dpapi).catch(() => null);
  }
  // Without a session bus libsecret cannot answer: keytar stays unloaded (session-bus.ts).
  const keyringReachable = noSessionBus(env, platform) === null;
  // No folder id yet means no keyring entry of this folder yet.
  const folder = keyringReachable ? await existingFolderId(configDir) : null;
  if (folder) {
    try {
      const get = entryReader(await loadKeytar(keyring.native), configDir, platform, keyring);
      // An autosave-off session reads the state folder's entry until it has its own, as the token cache does.
      const origin = readSessionMarker(configDir)?.originFolderId;
      const text = (await get(cacheAccount(folder))) ?? (origin ? await get(cacheAccount(origin)) : null);
      if (text) return text;
      // A working keyring without our entry means the secure store is in use and empty.
      if (text === null) return null;
    } catch {
      // No usable keyring: the token cache falls back to plaintext only if allowed. A Keychain
      // that did not answer fails MSAL's path at once too (the gate), without a second dialog.
    }
  }
  return allowPlaintext ? readPlainCache(configDir) : null;
}

export interface CachedTokenQuery {
  configDir: string;
  env: Env;
  allowPlaintext: boolean;
  account: AccountRecord;
  clientId: string;
  environment: EnvironmentView;
  tenantId: string;
  resource: string;
  now: Date;
  platform?: NodeJS.Platform;
  /** How the DPAPI addon is loaded (tests inject a stand-in). */
  native?: NativeLoaders;
  /** The Keychain's waiting policy (macOS) and keytar's loader (tests). */
  keyring?: KeyringRead;
}

export interface TokenMatch {
  /** '' for application tokens. */
  homeAccountId: string;
  clientId: string;
  tenantId: string;
  /** The authority's host[:port]. */
  host: string;
  scope: string;
  nowSeconds: number;
  /** Seconds before expiry that already count as expired. */
  marginSeconds?: number;
}

/** The access token in a serialized MSAL cache that MSAL would return as it is, if any. */
export function matchAccessToken(cacheText: string, m: TokenMatch): CachedToken | null {
  let entries: CacheEntry[];
  try {
    entries = Object.values((JSON.parse(cacheText) as { AccessToken?: Record<string, CacheEntry> }).AccessToken ?? {});
  } catch {
    return null;
  }
  const lower = (v: string | undefined): string => (v ?? '').toLowerCase();
  const scope = m.scope.toLowerCase();
  const margin = m.marginSeconds ?? RENEWAL_SECONDS;
  const hit = entries.find(
    (e) =>
      lower(e.credential_type) === 'accesstoken' &&
      lower(e.token_type || 'bearer') === 'bearer' &&
      lower(e.home_account_id) === m.homeAccountId.toLowerCase() &&
      lower(e.client_id) === m.clientId.toLowerCase() &&
      lower(e.realm) === m.tenantId.toLowerCase() &&
      lower(e.environment) === m.host.toLowerCase() &&
      lower(e.target).split(' ').includes(scope) &&
      Number(e.expires_on) > m.nowSeconds + margin &&
      !(Number(e.refresh_on) > 0 && Number(e.refresh_on) <= m.nowSeconds) &&
      !!e.secret,
  );
  return hit ? { token: hit.secret!, expiresOn: new Date(Number(hit.expires_on) * 1000) } : null;
}

export async function findCachedToken(q: CachedTokenQuery, read: typeof readCacheText = readCacheText): Promise<CachedToken | null> {
  const isUser = q.account.type === 'User';
  const isApp = q.account.type === 'ServicePrincipal' || q.account.type === 'ClientAssertion' || q.account.type === 'Certificate';
  if (!isUser && !isApp) return null;
  if (isUser && !q.account.homeAccountId) return null;
  const text = await read(q.configDir, q.env, q.allowPlaintext, q.platform ?? process.platform, { ...q.keyring, native: q.native ?? q.keyring?.native });
  if (!text) return null;
  return matchAccessToken(text, {
    homeAccountId: isUser ? q.account.homeAccountId! : '',
    clientId: isUser ? q.clientId : q.account.id,
    tenantId: q.tenantId,
    host: new URL(authorityFor(q.environment, q.tenantId)).host,
    scope: scopeFor(q.resource),
    nowSeconds: q.now.getTime() / 1000,
  });
}

/**
 * The identity of each file a cache write replaces (the plain cache; the keyring's stamp file, or
 * on Windows the DPAPI file itself):
 * every write renames a new file into place, so a new inode, time or size means new contents.
 * Synchronous on purpose: two lstat calls cost microseconds, a thread-pool round trip more.
 */
function cacheStamp(configDir: string): string {
  return [PLAINTEXT_CACHE_FILE, CACHE_FILE].map((name) => fileIdentity(join(configDir, name))).join('|');
}

/**
 * findCachedToken for a long-lived caller that asks many times (exec's identity endpoint,
 * MyAccountCredential): the store (a file read, or a keyring call) is read again only when a
 * write has replaced the cache since the last read. Expiry is judged anew on every call, so the
 * answer is always the one findCachedToken would give.
 */
export function cachedTokenReader(): (q: CachedTokenQuery) => Promise<CachedToken | null> {
  let last: { dir: string; stamp: string; text: string } | undefined;
  const read: typeof readCacheText = async (configDir, env, allowPlaintext, platform, keyring) => {
    const stamp = cacheStamp(configDir);
    if (last && last.dir === configDir && last.stamp === stamp && stamp !== '-|-') return last.text;
    const text = await readCacheText(configDir, env, allowPlaintext, platform, keyring);
    // Only a text read is kept: a keyring that failed once is asked again next time.
    last = text ? { dir: configDir, stamp, text } : undefined;
    return text;
  };
  return (q) => findCachedToken(q, read);
}
