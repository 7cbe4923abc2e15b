/**
 * Forgetting credentials: an account's tokens in the shared MSAL cache and its secrets in the
 * secure store (disconnect), or everything (clear-context). Works from the cache alone, without
 * the account's environment: signing out must succeed when the local cloud is stopped or an
 * environment was removed, and nothing here needs the network.
 */
import { PublicClientApplication, TokenCacheContext, type TokenCache as MsalTokenCache } from '@azure/msal-node';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandContext } from '../core/context.js';
import { MyAccountError } from '../core/errors.js';
import { sameName, type AccountRecord } from '../profile/profile.js';
import { readSettings } from '../config/config-store.js';
import { DEFAULT_CLIENT_ID } from '../config/settings.js';
import { openSecretStore } from '../token-cache/secret-store.js';
import { CACHE_FILE, openTokenCache, PLAINTEXT_CACHE_FILE, type TokenCache } from '../token-cache/token-cache.js';

type Ctx = Pick<CommandContext, 'configDir' | 'clock' | 'env' | 'report' | 'attended'>;

/** MSAL's in-memory cache: entities by MSAL's cache keys (accounts, tokens, metadata). */
type CacheEntries = Record<string, unknown>;
type CredentialLike = { credentialType?: string; clientId?: string; homeAccountId?: string };
const CREDENTIAL_TYPES = ['AccessToken', 'AccessToken_With_AuthScheme', 'RefreshToken', 'IdToken'];

/** The shared cache as one MSAL application sees it; a fresh plugin, so its first access reads the store. */
async function openCache(ctx: Ctx, clientId: string): Promise<{ cache: TokenCache; tokens: MsalTokenCache } | null> {
  const settings = await readSettings(ctx);
  let cache: TokenCache;
  try {
    cache = await openTokenCache({ configDir: ctx.configDir, allowPlaintext: settings.AllowPlaintextTokenCache, report: ctx.report, attended: ctx.attended, now: () => ctx.clock.now() });
  } catch (error) {
    if (error instanceof MyAccountError && error.code === 'SecureTokenCacheUnavailable') {
      // Tokens in a store that does not work here cannot be used here either; say so and go on.
      ctx.report.warning(`The token cache could not be opened, so no tokens were removed from it. ${error.message}`);
      return null;
    }
    throw error;
  }
  const app = new PublicClientApplication({ auth: { clientId }, cache: { cachePlugin: cache.plugin } });
  return { cache, tokens: app.getTokenCache() };
}

/**
 * Removes entries from the cache under its lock: read, remove, write, with no other writer in
 * between. For what MSAL has no API for (application tokens, wiping everything). MSAL's
 * deserialize only ever adds, so removal works on the live entries; on write, MSAL drops from
 * the persisted copy whatever is missing from memory.
 */
async function removeEntries(cache: TokenCache, tokens: MsalTokenCache, remove: (key: string, entry: unknown) => boolean): Promise<void> {
  const context = new TokenCacheContext(tokens, true);
  await cache.plugin.beforeCacheAccess(context);
  try {
    const entries = tokens.getKVStore() as CacheEntries;
    for (const [key, entry] of Object.entries(entries)) if (remove(key, entry)) delete entries[key];
  } finally {
    await cache.plugin.afterCacheAccess(context);
  }
}

/** Application-only tokens (client credentials) of these app ids: no home account, their client id. */
function isAppTokenOf(appIds: string[], entry: unknown): boolean {
  const e = (entry ?? {}) as CredentialLike;
  return !!e.credentialType && CREDENTIAL_TYPES.includes(e.credentialType) && !e.homeAccountId && appIds.some((id) => sameName(id, String(e.clientId ?? '')));
}

const isBrokered = (a: AccountRecord): boolean => a.type === 'User' && a.properties?.broker === 'true';

/**
 * Signs brokered accounts out at the broker too (msal-node's signOut → the runtime's SignOut), so
 * the broker's refresh token stops serving them. A broker that cannot be loaded or fails gets a
 * warning, not an error: disconnect must still forget the account here.
 */
export async function signOutOfBroker(ctx: Ctx & Pick<CommandContext, 'loadBroker'>, accounts: AccountRecord[]): Promise<void> {
  const brokered = accounts.filter(isBrokered);
  if (brokered.length === 0) return;
  const names = brokered.map((a) => a.id).join(', ');
  const loaded = await ctx.loadBroker();
  if (!loaded.plugin) {
    ctx.report.warning(`${names} signed in through the sign-in broker, which is not available here (${loaded.reason ?? 'unknown reason'}), so they are still signed in there. Sign out in the broker itself, or run disconnect again where it is available.`);
    return;
  }
  for (const clientId of new Set(brokered.map((a) => a.properties?.clientId ?? DEFAULT_CLIENT_ID))) {
    const app = new PublicClientApplication({ auth: { clientId }, broker: { nativeBrokerPlugin: loaded.plugin } });
    try {
      const held = await app.getAllAccounts();
      for (const user of brokered.filter((a) => sameName(a.properties?.clientId ?? DEFAULT_CLIENT_ID, clientId))) {
        const matches = held.filter((c) => (user.homeAccountId ? sameName(c.homeAccountId, user.homeAccountId) : sameName(c.username, user.id)));
        for (const match of matches) await app.signOut({ account: match });
      }
    } catch (error) {
      const e = error as { errorCode?: string };
      ctx.report.warning(`Signing ${names} out at the sign-in broker failed (${e.errorCode ?? 'unknown error'}); they may still be signed in there.`);
    }
  }
}

/** Removes these accounts' tokens from the shared cache (and at the broker, for brokered ones); other accounts' stay as they are. */
export async function removeAccountTokens(ctx: Ctx & Pick<CommandContext, 'loadBroker'>, accounts: AccountRecord[]): Promise<void> {
  await signOutOfBroker(ctx, accounts);
  const users = accounts.filter((a) => a.type === 'User');
  const apps = accounts.filter((a) => ['ServicePrincipal', 'Certificate', 'ClientAssertion'].includes(a.type));
  if (users.length === 0 && apps.length === 0) return;
  const opened = await openCache(ctx, users[0]?.properties?.clientId ?? DEFAULT_CLIENT_ID);
  if (!opened) return;
  const { cache, tokens } = opened;
  if (users.length > 0) {
    // MSAL's own removal: the account, its id tokens, access and refresh tokens in every tenant.
    const cached = await tokens.getAllAccounts();
    for (const user of users) {
      const matches = cached.filter((c) => (user.homeAccountId ? sameName(c.homeAccountId, user.homeAccountId) : sameName(c.username, user.id)));
      for (const match of matches) await tokens.removeAccount(match);
    }
  }
  if (apps.length > 0) {
    const ids = apps.map((a) => a.id);
    await removeEntries(cache, tokens, (_key, entry) => isAppTokenOf(ids, entry));
  }
}

/** Every token of every account: the cache is left empty. Also removes a plaintext cache left from an earlier opt-in. */
export async function clearTokenCache(ctx: Ctx): Promise<void> {
  const plaintext = join(ctx.configDir, PLAINTEXT_CACHE_FILE);
  // No cache was ever written here: nothing to clear, and no reason to wake the keyring.
  if (!existsSync(join(ctx.configDir, CACHE_FILE)) && !existsSync(plaintext)) return;
  const opened = await openCache(ctx, DEFAULT_CLIENT_ID);
  if (opened) {
    // Everything but what describes the cloud (authority metadata), which is no one's secret.
    await removeEntries(opened.cache, opened.tokens, (key) => !key.includes('authority-metadata'));
  }
  if (opened?.cache.store !== 'plaintext') await rm(plaintext, { force: true });
}

/** Client secrets, certificate passwords, federated and access tokens kept for these accounts. */
export async function removeAccountSecrets(ctx: Ctx, accounts: AccountRecord[]): Promise<void> {
  if (accounts.length === 0) return;
  const store = await openSecretStore(ctx.configDir);
  for (const account of accounts) await store.removeAccount(account.environment, account.id);
}
