/** A subscription as ARM lists it, as the profile keeps it, and as commands show it. */
import type { SubscriptionView } from '../commands/connect/command.js';
import type { SubscriptionRecord } from '../profile/profile.js';
import type { ArmSubscription } from './arm-client.js';

/** `listedFrom` is the tenant whose token listed it, which for managed subscriptions is not their home. */
export function subscriptionRecord(s: ArmSubscription, listedFrom: string): SubscriptionRecord {
  return {
    id: s.subscriptionId,
    name: s.displayName,
    state: s.state,
    tenantId: listedFrom,
    homeTenantId: s.tenantId ?? listedFrom,
    managedByTenantIds: (s.managedByTenants ?? []).map((m) => m.tenantId),
  };
}

export function subscriptionView(s: SubscriptionRecord): SubscriptionView {
  return { Id: s.id, Name: s.name, State: s.state, TenantId: s.tenantId, HomeTenantId: s.homeTenantId, ManagedByTenantIds: [...s.managedByTenantIds] };
}
