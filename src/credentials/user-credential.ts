/**
 * A person's account: tokens from MSAL's cache, refreshed silently with its refresh tokens.
 */
import type { AccountInfo } from '@azure/msal-node';
import { scopeFor } from '../profile/endpoints.js';
import { expiryOf, retrying, type Credential, type TokenResult } from './credential.js';
import { fromMsalError } from './msal-errors.js';
import type { AuthSession } from './session.js';

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
