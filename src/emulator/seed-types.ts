/**
 * The shape of a seed: the directory (tenants, users, apps, identities) and the subscriptions
 * the local cloud serves. A seed is plain JSON so people can write their own; `seed-schema.ts`
 * holds the JSON Schema that checks it.
 */
import type { FaultConfig } from './faults.js';
import type { Jwks } from './keys.js';

export type SubscriptionState = 'Enabled' | 'Warned' | 'PastDue' | 'Disabled' | 'Deleted';

export interface SeedTenant {
  id: string;
  displayName: string;
  /** The first domain is the default domain. */
  domains: string[];
  countryCode?: string;
}

export interface SeedGuestMembership {
  tenantId: string;
  /** The guest's object id in that tenant (a guest has a different object id in each tenant). */
  objectId: string;
}

export interface SeedUser {
  /** Object id in the home tenant. */
  id: string;
  userPrincipalName: string;
  displayName: string;
  password: string;
  homeTenantId: string;
  guestOf?: SeedGuestMembership[];
  /** Tenants whose conditional access demands MFA from this user: non-interactive grants there answer AADSTS50076. */
  mfaRequiredIn?: string[];
  enabled?: boolean;
}

export interface SeedSecret {
  /** Shown in error messages instead of the value. */
  hint?: string;
  value: string;
  /** ISO date-time; an expired secret answers AADSTS7000222. */
  expiresOn?: string;
}

export interface SeedCertificate {
  /** PEM of the public certificate; client assertions signed by its key are accepted. */
  certificatePem: string;
}

export interface SeedFederatedCredential {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
}

export interface SeedApplication {
  appId: string;
  displayName: string;
  /** Public clients sign people in with no credential of their own. */
  publicClient?: boolean;
  /** Lets this public client request authorization codes without PKCE (code_challenge); off by default. */
  allowNoPkce?: boolean;
  /** Family of client ids (FOCI) whose refresh tokens are interchangeable, as Azure CLI and Azure PowerShell are. */
  foci?: boolean;
  redirectUris?: string[];
  /** Tenant that owns the registration; its service principal lives there. */
  homeTenantId: string;
  /** Other tenants with a service principal for this app; "*" for every tenant (multi-tenant apps). */
  tenants?: string[];
  /** Object id of the service principal in the home tenant (derived when absent). */
  servicePrincipalObjectId?: string;
  secrets?: SeedSecret[];
  certificates?: SeedCertificate[];
  federatedCredentials?: SeedFederatedCredential[];
  /** App roles this app defines as a resource (its API, `api://{appId}`); others can be granted them. */
  appRoles?: string[];
  /**
   * App roles of resources granted to this app's service principal (application permissions).
   * A token for a resource carries only the roles granted on that resource, as in Entra.
   */
  appRoleGrants?: SeedAppRoleGrant[];
}

export interface SeedAppRoleGrant {
  /** A Microsoft resource URI (https://graph.microsoft.com) or an app of the seed (its appId or api://appId). */
  resource: string;
  roles: string[];
}

export interface SeedManagedIdentity {
  clientId: string;
  objectId: string;
  tenantId: string;
  displayName: string;
  /** ARM id of the identity (user-assigned) or of the resource it belongs to (system-assigned). */
  resourceId: string;
  /** The identity answered when a request names none. At most one. */
  systemAssigned?: boolean;
}

export interface SeedFederatedIssuer {
  issuer: string;
  /** Public keys the issuer signs its tokens with. */
  jwks: Jwks;
}

export interface SeedSubscription {
  id: string;
  displayName: string;
  tenantId: string;
  state: SubscriptionState;
  managedByTenants?: string[];
  /** Who can see it: user object ids (home), application ids, managed identity client ids. */
  principals: string[];
  quotaId?: string;
  spendingLimit?: 'On' | 'Off' | 'CurrentPeriodOff';
  tags?: Record<string, string>;
}

export interface EmulatorSettings {
  accessTokenLifetimeSeconds: number;
  refreshTokenLifetimeSeconds: number;
  authCodeLifetimeSeconds: number;
  deviceCodeLifetimeSeconds: number;
  deviceCodeIntervalSeconds: number;
  /** Secret that App Service style managed identity callers send as X-IDENTITY-HEADER. */
  managedIdentityHeader: string;
}

export interface Seed {
  $schema?: string;
  version: 1;
  settings?: Partial<EmulatorSettings>;
  faults?: FaultConfig;
  tenants: SeedTenant[];
  users: SeedUser[];
  applications: SeedApplication[];
  managedIdentities?: SeedManagedIdentity[];
  federatedIssuers?: SeedFederatedIssuer[];
  subscriptions: SeedSubscription[];
}

export const DEFAULT_SETTINGS: EmulatorSettings = {
  accessTokenLifetimeSeconds: 3600,
  refreshTokenLifetimeSeconds: 90 * 86_400,
  authCodeLifetimeSeconds: 600,
  deviceCodeLifetimeSeconds: 900,
  deviceCodeIntervalSeconds: 5,
  managedIdentityHeader: 'local-cloud-identity-header',
};
