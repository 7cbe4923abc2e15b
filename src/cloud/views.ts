/** Subscriptions and tenants as ARM lists them, as the profile keeps them, and as commands show them. */
import type { SubscriptionRecord } from '../profile/profile.js';
import type { ArmSubscription, ArmTenant } from './arm-client.js';

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

export interface TenantView {
  Id: string;
  Name: string | null;
  DefaultDomain: string | null;
  Status: 'Succeeded' | 'MfaRequired' | 'Failed';
  Reason: string | null;
}

export interface SubscriptionView {
  Id: string;
  Name: string;
  State: string;
  TenantId: string;
  HomeTenantId: string;
  ManagedByTenantIds: string[];
}

export interface TenantInfo {
  Id: string;
  Name: string | null;
  DefaultDomain: string | null;
  Domains: string[];
  TenantCategory: string | null;
  CountryCode?: string;
}

export function tenantInfo(t: ArmTenant & { countryCode?: string }): TenantInfo {
  const info: TenantInfo = {
    Id: t.tenantId,
    Name: t.displayName ?? null,
    DefaultDomain: t.defaultDomain ?? null,
    Domains: t.domains ?? [],
    TenantCategory: t.tenantCategory ?? null,
  };
  if (t.countryCode) info.CountryCode = t.countryCode;
  return info;
}

/** Az sorts by display name; ties (and nameless tenants, last) by id, so the order is stable. */
export function tenantsByName(a: TenantInfo, b: TenantInfo): number {
  if ((a.Name === null) !== (b.Name === null)) return a.Name === null ? 1 : -1;
  const name = (a.Name ?? '').toLowerCase().localeCompare((b.Name ?? '').toLowerCase(), 'en');
  return name !== 0 ? name : a.Id.localeCompare(b.Id);
}
