/**
 * Resolving the tenant segment of an authority path, with the errors Entra gives for names
 * that are malformed (AADSTS900023) or unknown (AADSTS90002).
 */
import type { Cloud } from '../cloud.js';
import type { Tenant, TenantRef, User } from '../directory.js';
import { Aad } from '../errors.js';

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/;

/** The authority path AD FS uses; MSAL treats it as AD FS (no instance discovery, no user realm). */
export const ADFS_SEGMENT = 'adfs';

export function isAdfsSegment(segment: string): boolean {
  return segment.toLowerCase() === ADFS_SEGMENT;
}

export function resolveTenantSegment(cloud: Cloud, segment: string): TenantRef {
  // AD FS has one directory: /adfs is the tenant chosen at start, in every flow.
  if (isAdfsSegment(segment)) return { kind: 'tenant', tenant: cloud.adfsTenant, adfs: true };
  if (!SEGMENT.test(segment)) throw Aad.tenantInvalid(segment.slice(0, 100));
  const ref = cloud.directory.resolveTenant(segment);
  if (!ref) throw Aad.tenantNotFound(segment);
  return ref;
}

/** The tenant a user's token is issued in: the named tenant (they must belong to it), else their home tenant. */
export function userTenant(cloud: Cloud, ref: TenantRef, user: User): Tenant {
  if (ref.kind === 'consumers') throw Aad.userNotInTenant(user.userPrincipalName, 'consumers');
  if (ref.kind === 'tenant') {
    if (!user.objectIdIn.has(ref.tenant.id.toLowerCase())) throw Aad.userNotInTenant(user.userPrincipalName, ref.tenant.defaultDomain);
    return ref.tenant;
  }
  const home = cloud.directory.tenant(user.homeTenantId);
  if (!home) throw Aad.userNotFound(user.userPrincipalName, user.homeTenantId);
  return home;
}

export function tenantLabel(ref: TenantRef): string {
  return ref.kind === 'tenant' ? ref.tenant.defaultDomain : ref.kind;
}

/** A claims challenge naming the conditional access policy that wants MFA, as Entra sends with AADSTS50076. */
export function mfaClaimsChallenge(tenantId: string): string {
  const policy = `${tenantId.slice(0, 8)}-0000-4000-8000-00000000caf0`;
  return JSON.stringify({ access_token: { capolids: { essential: true, values: [policy] } } });
}
