/**
 * An access token someone else obtained (connect --access-token).
 */
import { fail } from '../core/errors.js';
import { expiryOf, jwtClaims, type Credential, type TokenResult } from './credential.js';

/** Used as it is until it expires, never refreshed. */
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
