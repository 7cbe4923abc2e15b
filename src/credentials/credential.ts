/**
 * A signed-in account as something that hands out access tokens: for one resource, in one of
 * its tenants, silently. Users go through MSAL's cache and refresh tokens; service principals
 * through client credentials (secret, certificate or a federated token re-read when needed);
 * managed identities through the identity endpoint; a given access token only until it expires.
 */
import type { AccountInfo, ConfidentialClientApplication } from '@azure/msal-node';
import { fail } from '../core/errors.js';
import type { AccountType } from '../profile/profile.js';
import { scopeFor } from '../profile/endpoints.js';
import { fromMsalError } from './msal-errors.js';
import type { AuthSession } from './session.js';
import { withTokenRetry } from './token-retry.js';

/** Token requests ask again after 429/5xx as the server asks; see token-retry.ts for why here. */
function retrying<T>(session: AuthSession, what: string, authority: string, attempt: () => Promise<T>): Promise<T> {
  return withTokenRetry(attempt, { what, report: session.report, signal: session.signal, retryAfterMs: () => session.http.retryAfterMs(authority) });
}

export interface TokenResult {
  token: string;
  expiresOn: Date;
  tenantId: string;
}

export interface Credential {
  readonly type: AccountType;
  /** The tenant tokens come from when none is named. */
  readonly homeTenantId: string;
  getToken(resource: string, tenantId?: string, options?: { forceRefresh?: boolean }): Promise<TokenResult>;
}

/** The payload of a JWT, unverified: only for routing (tid, aud, exp), never for trust. */
export function jwtClaims(token: string): Record<string, unknown> {
  try {
    const payload = token.split('.')[1];
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function expiryOf(expiresOn: Date | null | undefined, token: string): Date {
  if (expiresOn) return expiresOn;
  const exp = Number(jwtClaims(token).exp);
  return Number.isFinite(exp) ? new Date(exp * 1000) : new Date(Date.now() + 3600_000);
}

export class UserCredential implements Credential {
  readonly type = 'User' as const;

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

  async getToken(resource: string, tenantId = this.account.tenantId, options: { forceRefresh?: boolean } = {}): Promise<TokenResult> {
    const authority = this.session.authority(tenantId);
    const action = `Getting a token for ${this.account.username} in tenant ${tenantId}`;
    try {
      // MSAL looks the account up by its tenantId first, so the tenant goes on the account too.
      const result = await retrying(this.session, action, authority, () =>
        this.session.publicApp().acquireTokenSilent({ account: { ...this.account, tenantId }, authority, scopes: [scopeFor(resource)], forceRefresh: options.forceRefresh }),
      );
      return { token: result.accessToken, expiresOn: expiryOf(result.expiresOn, result.accessToken), tenantId: result.tenantId || tenantId };
    } catch (error) {
      throw fromMsalError(error, { action, authority, tenant: tenantId });
    }
  }
}

export type AppCredential =
  | { kind: 'secret'; secret: string }
  | { kind: 'certificate'; certificate: { thumbprintSha256: string; privateKey: string; x5c?: string } }
  | { kind: 'assertion'; assertion: () => Promise<string> };

export class ServicePrincipalCredential implements Credential {
  private readonly apps = new Map<string, ConfidentialClientApplication>();

  constructor(
    private readonly session: AuthSession,
    readonly appId: string,
    readonly homeTenantId: string,
    private readonly credential: AppCredential,
    readonly type: AccountType = 'ServicePrincipal',
  ) {}

  private app(tenantId: string): ConfidentialClientApplication {
    let app = this.apps.get(tenantId);
    if (!app) {
      const c = this.credential;
      app = this.session.confidentialApp(
        this.appId,
        tenantId,
        c.kind === 'secret' ? { clientSecret: c.secret } : c.kind === 'certificate' ? { clientCertificate: c.certificate } : { clientAssertion: () => c.assertion() },
      );
      this.apps.set(tenantId, app);
    }
    return app;
  }

  async getToken(resource: string, tenantId = this.homeTenantId, options: { forceRefresh?: boolean } = {}): Promise<TokenResult> {
    const authority = this.session.authority(tenantId);
    const action = `Getting a token for application ${this.appId} in tenant ${tenantId}`;
    try {
      const result = await retrying(this.session, action, authority, () => this.app(tenantId).acquireTokenByClientCredential({ scopes: [scopeFor(resource)], skipCache: options.forceRefresh }));
      if (!result) throw new Error('no token');
      return { token: result.accessToken, expiresOn: expiryOf(result.expiresOn, result.accessToken), tenantId: result.tenantId || tenantId };
    } catch (error) {
      throw fromMsalError(error, { action, authority, tenant: tenantId });
    }
  }
}

export type ManagedIdentityId = { userAssignedClientId: string } | { userAssignedResourceId: string } | { userAssignedObjectId: string } | undefined;

export class ManagedIdentityCredential implements Credential {
  readonly type = 'ManagedService' as const;
  homeTenantId = '';

  constructor(
    private readonly session: AuthSession,
    private readonly id: ManagedIdentityId,
  ) {}

  async getToken(resource: string, tenantId?: string, options: { forceRefresh?: boolean } = {}): Promise<TokenResult> {
    if (tenantId && this.homeTenantId && tenantId.toLowerCase() !== this.homeTenantId.toLowerCase()) {
      throw fail.ManagedIdentityOtherTenant(`A managed identity has tokens only for its own tenant (${this.homeTenantId}), not ${tenantId}.`, { target: 'TenantId' });
    }
    try {
      const result = await this.session.managedIdentityApp(this.id).acquireToken({ resource, forceRefresh: options.forceRefresh });
      const tid = String(jwtClaims(result.accessToken).tid ?? result.tenantId ?? '');
      this.homeTenantId ||= tid;
      return { token: result.accessToken, expiresOn: expiryOf(result.expiresOn, result.accessToken), tenantId: tid };
    } catch (error) {
      throw fromMsalError(error, { action: 'Getting a token from the managed identity endpoint', authority: 'managed identity' });
    }
  }
}

/** A token someone else obtained: used as it is until it expires, never refreshed. */
export class AccessTokenCredential implements Credential {
  readonly type = 'AccessToken' as const;

  constructor(
    private readonly token: string,
    readonly homeTenantId: string,
    private readonly now: () => Date,
    /** Audiences ARM accepts as one (its two resource ids), so either satisfies the other. */
    private readonly sameAudience: readonly string[] = [],
  ) {}

  get audience(): string {
    return String(jwtClaims(this.token).aud ?? '');
  }

  get expiresOn(): Date {
    return expiryOf(null, this.token);
  }

  async getToken(resource: string, tenantId = this.homeTenantId): Promise<TokenResult> {
    const norm = (s: string) => s.toLowerCase().replace(/\/+$/, '');
    if (tenantId.toLowerCase() !== this.homeTenantId.toLowerCase()) {
      throw fail.AccessTokenOtherTenant(`This account signed in with an access token for tenant ${this.homeTenantId}; it has no token for ${tenantId}.`);
    }
    const interchangeable = this.sameAudience.map(norm);
    const matches = norm(this.audience) === norm(resource) || (interchangeable.includes(norm(this.audience)) && interchangeable.includes(norm(resource)));
    if (this.audience && !matches) {
      throw fail.AccessTokenOtherResource(`This account signed in with an access token for ${this.audience}; it cannot get one for ${resource}. Connect with a credential that can.`);
    }
    if (this.expiresOn.getTime() <= this.now().getTime()) {
      throw fail.AccessTokenExpired(`The access token this account signed in with expired at ${this.expiresOn.toISOString()}, and access tokens cannot be refreshed. Run myaccount connect again.`);
    }
    return { token: this.token, expiresOn: this.expiresOn, tenantId };
  }
}
