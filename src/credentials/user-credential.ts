/**
 * A person's account: tokens from MSAL's cache, refreshed silently with its refresh tokens.
 *
 * While the session defers cache writes (connect's discovery, see token-cache/cache-plugin.ts),
 * tokens come by the refresh token grant through MSAL's acquireTokenByRefreshToken instead of
 * acquireTokenSilent, for two reasons: acquireTokenSilent reloads MSAL's memory from the last
 * persisted copy (dropping unsaved entries), and after every refresh it checks the account
 * against every ID token of every tenant (buildTenantProfiles), work that grows with the number of
 * tenants on each of them, so a connect to 1,000 tenants spent minutes of CPU there. forceCache
 * skips that check: it exists so a refresh never brings back an account another application
 * removed meanwhile, and here the account signed in moments ago in this very process. Tokens got
 * meanwhile are kept for the process (ARM asks for one per page), as acquireTokenSilent would
 * have served them from the cache.
 */
import type { AccountInfo, AuthenticationResult } from '@azure/msal-node';
import { fail } from '../core/errors.js';
import { scopeFor } from '../profile/endpoints.js';
import { expiryOf, retrying, type Credential, type TokenResult } from './credential.js';
import { fromMsalError } from './msal-errors.js';
import type { AuthSession } from './session.js';

/** A kept token is handed out again only while it has this long left (MSAL refreshes 5 minutes early too). */
const REUSE_MARGIN_MS = 5 * 60_000;

interface RefreshTokenEntry {
  credentialType?: string;
  homeAccountId?: string;
  environment?: string;
  clientId?: string;
  familyId?: string;
  secret?: string;
}

export class UserCredential implements Credential {
  readonly type = 'User' as const;
  /** Tokens got while cache writes were deferred, by resource and tenant. */
  private readonly kept = new Map<string, TokenResult>();

  constructor(
    private readonly session: AuthSession,
    private readonly account: AccountInfo,
  ) {}

  get homeTenantId(): string {
    return this.account.tenantId;
  }

  get username(): string {
    return this.account.username;
  }

  /** A token this process already has (the sign-in's), for reuse while writes are deferred. */
  remember(resource: string, result: TokenResult): void {
    this.kept.set(`${resource} ${result.tenantId.toLowerCase()}`, result);
  }

  async getToken(resource: string, tenantId = this.account.tenantId, options: { forceRefresh?: boolean } = {}): Promise<TokenResult> {
    const authority = this.session.authority(tenantId);
    const action = `Getting a token for ${this.account.username} in tenant ${tenantId}`;
    const deferred = this.session.cacheWritesDeferred;
    const key = `${resource} ${tenantId.toLowerCase()}`;
    const kept = deferred && !options.forceRefresh ? this.kept.get(key) : undefined;
    if (kept && kept.expiresOn.getTime() - Date.now() > REUSE_MARGIN_MS) return kept;
    try {
      const result = await retrying(this.session, action, authority, () => (deferred ? this.byRefreshToken(resource, authority) : this.silent(resource, tenantId, authority, options.forceRefresh)));
      if (!result) throw fail.SignInRequired(`The sign-in of ${this.account.username} is no longer in the token cache. Run myaccount connect.`);
      const token = { token: result.accessToken, expiresOn: expiryOf(result.expiresOn, result.accessToken), tenantId: result.tenantId || tenantId };
      if (deferred) this.kept.set(key, token);
      return token;
    } catch (error) {
      throw fromMsalError(error, { action, authority, tenant: tenantId });
    }
  }

  private silent(resource: string, tenantId: string, authority: string, forceRefresh: boolean | undefined): Promise<AuthenticationResult> {
    // MSAL looks the account up by its tenantId first, so the tenant goes on the account too.
    return this.session.publicApp().acquireTokenSilent({ account: { ...this.account, tenantId }, authority, scopes: [scopeFor(resource)], forceRefresh });
  }

  private async byRefreshToken(resource: string, authority: string): Promise<AuthenticationResult | null> {
    const app = this.session.publicApp();
    const refreshToken = this.refreshToken(app.getTokenCache().getKVStore() as Record<string, unknown>);
    if (!refreshToken) throw fail.SignInRequired(`The sign-in of ${this.account.username} has no refresh token in the token cache. Run myaccount connect.`);
    return app.acquireTokenByRefreshToken({ refreshToken, authority, scopes: [scopeFor(resource)], forceCache: true });
  }

  /**
   * The account's current refresh token from MSAL's memory (its own client's, else the family's),
   * read anew on each call because every redemption stores a new one.
   */
  private refreshToken(store: Record<string, unknown>): string | null {
    const home = this.account.homeAccountId.toLowerCase();
    const environment = this.account.environment.toLowerCase();
    const clientId = this.session.clientId.toLowerCase();
    let family: string | null = null;
    for (const value of Object.values(store)) {
      const entry = value as RefreshTokenEntry;
      if (entry?.credentialType !== 'RefreshToken' || !entry.secret) continue;
      if (entry.homeAccountId?.toLowerCase() !== home || entry.environment?.toLowerCase() !== environment) continue;
      if (entry.clientId?.toLowerCase() === clientId) return entry.secret;
      if (entry.familyId) family ??= entry.secret;
    }
    return family;
  }
}
