/**
 * What `az account …` and `az login` print (azure-cli 2.45), made from the profile MyAccount keeps.
 * az keeps one list of subscriptions, each with its user; MyAccount keeps accounts with their
 * subscriptions, so each (account, subscription) pair is one az account.
 */
import type { JsonSchema } from '../../core/command.js';
import { isGuid, sameName, type AccountRecord, type Profile, type SubscriptionRecord } from '../../profile/profile.js';
import type { DefaultContext } from '../../profile/contexts.js';

export interface AzUser {
  name: string;
  type: 'user' | 'servicePrincipal';
  assignedIdentityInfo?: string;
}

/** az's account object. `cloudName` in list and login, `environmentName` in show: az's own quirk. */
export interface AzAccount {
  cloudName?: string;
  environmentName?: string;
  homeTenantId: string;
  id: string;
  isDefault: boolean;
  managedByTenants: { tenantId: string }[];
  name: string;
  state: string;
  tenantId: string;
  user: AzUser;
}

export type CloudKey = 'cloudName' | 'environmentName';

/** az's user: people are "user"; applications and managed identities are "servicePrincipal". */
export function azUser(account: Pick<AccountRecord, 'id' | 'type'>): AzUser {
  switch (account.type) {
    case 'User':
    case 'AccessToken':
      return { name: account.id, type: 'user' };
    case 'ManagedService':
      // az names a managed identity by kind, and keeps which one in assignedIdentityInfo.
      return isGuid(account.id)
        ? { name: 'userAssignedIdentity', type: 'servicePrincipal', assignedIdentityInfo: `MSIClient-${account.id}` }
        : { name: 'systemAssignedIdentity', type: 'servicePrincipal', assignedIdentityInfo: 'MSI' };
    default:
      return { name: account.id, type: 'servicePrincipal' };
  }
}

/** Keys in az's order (it sorts them), so `-o tsv` columns come out as az's do. */
export function azAccount(account: AccountRecord, sub: SubscriptionRecord, isDefault: boolean, cloudKey: CloudKey): AzAccount {
  return {
    [cloudKey]: account.environment,
    homeTenantId: sub.homeTenantId,
    id: sub.id,
    isDefault,
    managedByTenants: sub.managedByTenantIds.map((tenantId) => ({ tenantId })),
    name: sub.name,
    state: sub.state,
    tenantId: sub.tenantId,
    user: azUser(account),
  };
}

/** `az login --allow-no-subscriptions`: a tenant with no subscription is listed as itself. */
export function azTenantLevelAccount(account: AccountRecord, tenantId: string, isDefault: boolean): AzAccount {
  return {
    cloudName: account.environment,
    homeTenantId: tenantId,
    id: tenantId,
    isDefault,
    managedByTenants: [],
    name: 'N/A(tenant level account)',
    state: 'Enabled',
    tenantId,
    user: azUser(account),
  };
}

export function isDefaultPair(current: DefaultContext | null, account: AccountRecord, sub: SubscriptionRecord): boolean {
  const c = current?.context;
  return !!c && sameName(c.accountId, account.id) && c.subscription?.id.toLowerCase() === sub.id.toLowerCase() && c.tenant?.id === sub.tenantId;
}

/**
 * An account's subscriptions as az lists them, one entry per subscription: one the account
 * reaches through more than one tenant (delegated to another tenant, as with Azure Lighthouse) is
 * one az account, as az keeps subscriptions by id. The copy kept is the default context's, else
 * the one in the subscription's home tenant, else the first, where the subscription first appears.
 */
export function azSubscriptions(account: AccountRecord, current: DefaultContext | null): { sub: SubscriptionRecord; isDefault: boolean }[] {
  const kept = new Map<string, { sub: SubscriptionRecord; isDefault: boolean }>();
  for (const sub of account.subscriptions) {
    const key = sub.id.toLowerCase();
    const isDefault = isDefaultPair(current, account, sub);
    const other = kept.get(key);
    const better = !other || (!other.isDefault && (isDefault || (other.sub.tenantId !== other.sub.homeTenantId && sub.tenantId === sub.homeTenantId)));
    if (better) kept.set(key, { sub, isDefault });
  }
  return [...kept.values()];
}

/** Every (account, subscription) pair of the profile, az's account list. */
export function azAccounts(profile: Profile, current: DefaultContext | null, cloudKey: CloudKey = 'cloudName'): AzAccount[] {
  return profile.accounts.flatMap((account) => azSubscriptions(account, current).map(({ sub, isDefault }) => azAccount(account, sub, isDefault, cloudKey)));
}

const userSchema: JsonSchema = {
  type: 'object',
  properties: { name: { type: 'string' }, type: { enum: ['user', 'servicePrincipal'] }, assignedIdentityInfo: { type: 'string' } },
  required: ['name', 'type'],
};

export function azAccountSchema(cloudKey: CloudKey): JsonSchema {
  return {
    type: 'object',
    properties: {
      [cloudKey]: { type: 'string', description: cloudKey === 'cloudName' ? 'The environment (az: cloud) of the account.' : 'The environment (az show calls it environmentName).' },
      homeTenantId: { type: 'string' },
      id: { type: 'string', description: 'The subscription id (az: id, without /subscriptions/).' },
      isDefault: { type: 'boolean' },
      managedByTenants: { type: 'array', items: { type: 'object', properties: { tenantId: { type: 'string' } }, required: ['tenantId'] } },
      name: { type: 'string' },
      state: { type: 'string' },
      tenantId: { type: 'string' },
      user: userSchema,
    },
    required: [cloudKey, 'homeTenantId', 'id', 'isDefault', 'managedByTenants', 'name', 'state', 'tenantId', 'user'],
  };
}

export const azAccountTable = [
  { header: 'Name', path: 'name' },
  { header: 'CloudName', path: 'cloudName' },
  { header: 'SubscriptionId', path: 'id' },
  { header: 'TenantId', path: 'tenantId' },
  { header: 'State', path: 'state' },
  { header: 'IsDefault', path: 'isDefault' },
];
