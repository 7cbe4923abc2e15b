/**
 * The profile: who is signed in (accounts, never their secrets), the contexts built from them,
 * which context is the default, and user-added environments. Sign-in writes it through
 * `ProfileStore`; tests seed it the same way.
 */
import type { Clock, CommandContext } from '../core/context.js';
import { fail } from '../core/errors.js';
import { StateFile, type StateFileSpec } from './state-file.js';
import type { EnvironmentRecord } from './environment-types.js';

export type AccountType = 'User' | 'ServicePrincipal' | 'ManagedService' | 'AccessToken' | 'ClientAssertion' | 'Certificate';

export interface TenantRecord {
  id: string;
  displayName?: string;
  defaultDomain?: string;
  domains?: string[];
  tenantCategory?: string;
  tenantType?: string;
  countryCode?: string;
}

export interface SubscriptionRecord {
  id: string;
  name: string;
  state: string;
  /** The tenant the subscription was listed from (the token's tenant). */
  tenantId: string;
  homeTenantId: string;
  managedByTenantIds: string[];
  tags?: Record<string, string>;
  subscriptionPolicies?: { locationPlacementId?: string; quotaId?: string; spendingLimit?: string };
  authorizationSource?: string;
}

export interface AccountRecord {
  /** UPN, application id or managed identity id; unique ignoring case. */
  id: string;
  type: AccountType;
  environment: string;
  tenants: TenantRecord[];
  /** What the last sign-in found, so contexts can be set without a round trip. */
  subscriptions: SubscriptionRecord[];
  /** MSAL's home account id for user accounts, to find tokens in the cache. */
  homeAccountId?: string;
  /** Non-secret extras (certificate path, federated token file, managed identity client id). */
  properties?: Record<string, string>;
}

export interface ContextRecord {
  name: string;
  accountId: string;
  environment: string;
  tenant: TenantRecord | null;
  subscription: SubscriptionRecord | null;
}

export interface Profile {
  version: number;
  defaultContext: string | null;
  accounts: AccountRecord[];
  contexts: ContextRecord[];
  environments: EnvironmentRecord[];
}

export const PROFILE_VERSION = 1;

export const profileSpec: StateFileSpec<Profile> = {
  fileName: 'profile.json',
  label: 'profile',
  currentVersion: PROFILE_VERSION,
  empty: () => ({ version: PROFILE_VERSION, defaultContext: null, accounts: [], contexts: [], environments: [] }),
  upgrade(raw) {
    // Version 1 is the first; an unversioned file (0) written by hand gets the same treatment.
    const arrays = ['accounts', 'contexts', 'environments'] as const;
    for (const key of arrays) {
      if (raw[key] !== undefined && !Array.isArray(raw[key])) return `its "${key}" is not a list`;
    }
    if (raw.defaultContext !== undefined && raw.defaultContext !== null && typeof raw.defaultContext !== 'string') {
      return 'its "defaultContext" is not a string';
    }
    return {
      version: PROFILE_VERSION,
      defaultContext: (raw.defaultContext as string | null | undefined) ?? null,
      accounts: (raw.accounts as AccountRecord[] | undefined) ?? [],
      contexts: (raw.contexts as ContextRecord[] | undefined) ?? [],
      environments: (raw.environments as EnvironmentRecord[] | undefined) ?? [],
    };
  },
};

export function openProfile(configDir: string, clock: Clock): StateFile<Profile> {
  return new StateFile(configDir, profileSpec, clock);
}

export const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

// Tenant and subscription ids are GUIDs; anything else a person types is a name or a domain.
export { isGuid } from '../core/names.js';

/** A domain or a tenant id: letters, digits, dots and dashes. */
const TENANT_TEXT = /^[A-Za-z0-9.-]{1,253}$/;

/** Rejects (exit 2) a tenant that is neither a GUID nor a domain name, naming the input it came from. */
export function checkTenantText(value: string | undefined, target: string): void {
  if (value !== undefined && !TENANT_TEXT.test(value)) {
    throw fail.InvalidTenant(`"${value}" is not a tenant id (a GUID) or a domain name. Give one of those, e.g. contoso.onmicrosoft.com.`, { target });
  }
}

/** A tenant named by its id or any of its domains, ignoring case. */
export function tenantMatches(tenant: Pick<TenantRecord, 'id' | 'domains' | 'defaultDomain'>, value: string): boolean {
  return sameName(tenant.id, value) || (tenant.domains ?? []).some((d) => sameName(d, value)) || (!!tenant.defaultDomain && sameName(tenant.defaultDomain, value));
}

export async function loadProfile(ctx: Pick<CommandContext, 'configDir' | 'clock'>): Promise<Profile> {
  return openProfile(ctx.configDir, ctx.clock).read();
}
