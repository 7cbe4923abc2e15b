/**
 * A signed-in account as something that hands out access tokens: for one resource, in one of
 * its tenants, silently. One file per kind: user-credential.ts (MSAL's cache and refresh
 * tokens), service-principal-credential.ts (client credentials: secret, certificate or a
 * federated token re-read when needed), managed-identity-credential.ts (the identity endpoint)
 * and access-token-credential.ts (a given token, until it expires). What they share is here.
 */
import type { AccountType } from '../profile/profile.js';
import type { AuthSession } from './session.js';
import { withTokenRetry } from './token-retry.js';

/** Token requests ask again after 429/5xx as the server asks; see token-retry.ts for why here. */
export function retrying<T>(session: AuthSession, what: string, authority: string, attempt: () => Promise<T>): Promise<T> {
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

export function expiryOf(expiresOn: Date | null | undefined, token: string): Date {
  if (expiresOn) return expiresOn;
  const exp = Number(jwtClaims(token).exp);
  return Number.isFinite(exp) ? new Date(exp * 1000) : new Date(Date.now() + 3600_000);
}
