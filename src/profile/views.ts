/**
 * Subscriptions and tenants as commands show them, in Az's shapes (PSAzureSubscription,
 * PSAzureTenant), made from the records the profile keeps.
 */
import type { SubscriptionRecord, TenantRecord } from './profile.js';

/** Az's PSAzureSubscription: Id with its legacy twin SubscriptionId, and what ARM says of it. */
export interface SubscriptionView {
  Id: string;
  SubscriptionId: string;
  Name: string;
  State: string;
  TenantId: string;
  HomeTenantId: string;
  ManagedByTenantIds: string[];
  Tags: Record<string, string>;
  SubscriptionPolicies: { LocationPlacementId: string | null; QuotaId: string | null; SpendingLimit: string | null } | null;
  AuthorizationSource: string | null;
}

export function subscriptionView(s: SubscriptionRecord): SubscriptionView {
  const p = s.subscriptionPolicies;
  return {
    Id: s.id,
    SubscriptionId: s.id,
    Name: s.name,
    State: s.state,
    TenantId: s.tenantId,
    HomeTenantId: s.homeTenantId,
    ManagedByTenantIds: [...s.managedByTenantIds],
    Tags: { ...(s.tags ?? {}) },
    SubscriptionPolicies: p ? { LocationPlacementId: p.locationPlacementId ?? null, QuotaId: p.quotaId ?? null, SpendingLimit: p.spendingLimit ?? null } : null,
    AuthorizationSource: s.authorizationSource ?? null,
  };
}

/** Az's PSAzureTenant: Id with its legacy twin TenantId, the display name as Name. */
export interface TenantInfo {
  Id: string;
  TenantId: string;
  Name: string | null;
  DefaultDomain: string | null;
  Domains: string[];
  TenantCategory: string | null;
  TenantType: string | null;
  CountryCode: string | null;
}

export function tenantView(t: TenantRecord): TenantInfo {
  return {
    Id: t.id,
    TenantId: t.id,
    Name: t.displayName ?? null,
    DefaultDomain: t.defaultDomain ?? null,
    Domains: [...(t.domains ?? [])],
    TenantCategory: t.tenantCategory ?? null,
    TenantType: t.tenantType ?? null,
    CountryCode: t.countryCode ?? null,
  };
}

/** Az sorts by display name; ties (and nameless tenants, last) by id, so the order is stable. */
export function tenantsByName(a: TenantInfo, b: TenantInfo): number {
  if ((a.Name === null) !== (b.Name === null)) return a.Name === null ? 1 : -1;
  const name = (a.Name ?? '').toLowerCase().localeCompare((b.Name ?? '').toLowerCase(), 'en');
  return name !== 0 ? name : a.Id.localeCompare(b.Id);
}
