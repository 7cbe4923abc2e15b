/**
 * A service principal whose secret was not kept (no secure store worked when it signed in) can
 * still use the tokens MSAL cached for it. MSAL resolves an app's client assertion before it
 * looks in its cache, so a credential that refuses to produce one fails even on a cache hit.
 * Instead we look in the shared cache first, the way MSAL will, and hand MSAL a placeholder
 * assertion only when it is going to answer from that cache; otherwise we say what is needed,
 * and nothing made up is ever sent to the token endpoint.
 */
import type { Credential, TokenResult } from './credential.js';
import { matchAccessToken } from '../token-cache/cached-token.js';
import { scopeFor } from '../profile/endpoints.js';
import type { AuthSession } from './session.js';

/** Never a valid assertion; sent nowhere, because MSAL is called only when its cache will answer. */
export const NO_ASSERTION = 'myaccount-no-stored-credential';

/** MSAL renews tokens this close to expiry (its default offset), plus a margin for the time we take. */
const RENEWAL_SECONDS = 300 + 30;

/** Whether the shared cache holds an app token for this client, tenant and resource that MSAL would return as it is. */
export async function hasCachedAppToken(session: AuthSession, clientId: string, tenantId: string, resource: string, nowSeconds: number): Promise<boolean> {
  const cache = session.publicApp().getTokenCache();
  // Loads the persisted cache into memory (MSAL reads it through the plugin on every access).
  await cache.getAllAccounts();
  const host = new URL(session.authority(tenantId)).host;
  return matchAccessToken(cache.serialize(), { homeAccountId: '', clientId, tenantId, host, scope: scopeFor(resource), nowSeconds, marginSeconds: RENEWAL_SECONDS }) !== null;
}

/** Tokens from the cache only; anything else needs the credential again. */
export class CachedTokensOnlyCredential implements Credential {
  constructor(
    private readonly inner: Credential,
    private readonly session: AuthSession,
    private readonly clientId: string,
    /** What to do on a cache miss: throw what is needed, or ask for it and return a full credential. */
    private readonly needed: () => Promise<Credential>,
    private readonly now: () => Date,
  ) {}

  private replacement: Promise<Credential> | null = null;

  get type() {
    return this.inner.type;
  }

  get homeTenantId(): string {
    return this.inner.homeTenantId;
  }

  async getToken(resource: string, tenantId = this.homeTenantId, options: { forceRefresh?: boolean } = {}): Promise<TokenResult> {
    if (this.replacement || options.forceRefresh || !(await hasCachedAppToken(this.session, this.clientId, tenantId, resource, this.now().getTime() / 1000))) {
      // Asked at most once per command, however many tenants or pages need a token.
      this.replacement ??= this.needed();
      return (await this.replacement).getToken(resource, tenantId, options);
    }
    return this.inner.getToken(resource, tenantId, options);
  }
}
