/**
 * A service principal: client credentials (a secret, a certificate, or an assertion such as a
 * federated token), one confidential client per tenant.
 */
import type { ConfidentialClientApplication } from '@azure/msal-node';
import type { AccountType } from '../profile/profile.js';
import { scopeFor } from '../profile/endpoints.js';
import { expiryOf, retrying, type Credential, type TokenResult } from './credential.js';
import { fromMsalError } from './msal-errors.js';
import type { AuthSession } from './session.js';

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
