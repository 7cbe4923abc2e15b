/**
 * A managed identity: tokens from the identity endpoint of the VM, container or App Service, for its own tenant only.
 */
import { fail } from '../core/errors.js';
import { expiryOf, jwtClaims, type Credential, type TokenResult } from './credential.js';
import { fromMsalError } from './msal-errors.js';
import type { AuthSession } from './session.js';

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
