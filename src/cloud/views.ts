/** Subscriptions and tenants as ARM lists them, turned into the records the profile keeps. */
import type { SubscriptionRecord, TenantRecord } from '../profile/profile.js';
import { tenantView, type TenantInfo } from '../profile/views.js';
import type { ArmSubscription, ArmTenant } from './arm-client.js';

export { subscriptionView, tenantView, tenantsByName, type SubscriptionView, type TenantInfo } from '../profile/views.js';

/** `listedFrom` is the tenant whose token listed it, which for managed subscriptions is not their home. */
export function subscriptionRecord(s: ArmSubscription, listedFrom: string): SubscriptionRecord {
  const record: SubscriptionRecord = {
    id: s.subscriptionId,
    name: s.displayName,
    state: s.state,
    tenantId: listedFrom,
    homeTenantId: s.tenantId ?? listedFrom,
    managedByTenantIds: (s.managedByTenants ?? []).map((m) => m.tenantId),
  };
  if (s.tags && Object.keys(s.tags).length > 0) record.tags = { ...s.tags };
  if (s.subscriptionPolicies) record.subscriptionPolicies = { ...s.subscriptionPolicies };
  if (s.authorizationSource) record.authorizationSource = s.authorizationSource;
  return record;
}

/** A tenant's sign-in outcome in connect's result. */
export interface TenantView {
  Id: string;
  Name: string | null;
  DefaultDomain: string | null;
  Status: 'Succeeded' | 'MfaRequired' | 'Failed';
  Reason: string | null;
}

export function tenantRecord(t: ArmTenant): TenantRecord {
  const record: TenantRecord = { id: t.tenantId };
  if (t.displayName) record.displayName = t.displayName;
  if (t.defaultDomain) record.defaultDomain = t.defaultDomain;
  if (t.domains?.length) record.domains = t.domains;
  if (t.tenantCategory) record.tenantCategory = t.tenantCategory;
  if (t.tenantType) record.tenantType = t.tenantType;
  if (t.countryCode) record.countryCode = t.countryCode;
  return record;
}

export const tenantInfo = (t: ArmTenant): TenantInfo => tenantView(tenantRecord(t));

