/**
 * The states of a device code grant once issued: found by the code a person types, approved
 * (by the sign-in page or the admin API) or declined. The token endpoint's polling observes
 * these transitions.
 */
import type { Cloud } from '../cloud.js';
import type { Tenant, User } from '../directory.js';
import { Aad, EntraError } from '../errors.js';
import type { DeviceGrant } from '../state.js';
import { resolveTenantSegment } from './tenant.js';

function normalizeUserCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase().slice(0, 32);
}

export function findPendingDevice(cloud: Cloud, userCode: string): DeviceGrant | 'expired' | undefined {
  const deviceCode = cloud.store.userCodes.get(normalizeUserCode(userCode));
  const grant = deviceCode ? cloud.store.devices.get(deviceCode) : undefined;
  if (!grant || grant.status !== 'pending') return undefined;
  if (grant.expiresAt <= cloud.now()) return 'expired';
  return grant;
}

export function approveDeviceGrant(cloud: Cloud, deviceCode: string, user: User, tenant: Tenant, mfa: boolean): DeviceGrant | EntraError {
  const grant = cloud.store.devices.get(deviceCode);
  if (!grant || grant.status !== 'pending') return Aad.deviceCodeInvalid();
  if (grant.expiresAt <= cloud.now()) return Aad.deviceCodeExpired();
  grant.status = 'approved';
  grant.userId = user.id;
  grant.tenantId = tenant.id;
  grant.mfa = mfa;
  return grant;
}

export function declineDeviceGrant(cloud: Cloud, deviceCode: string): void {
  const grant = cloud.store.devices.get(deviceCode);
  if (grant && grant.status === 'pending') grant.status = 'declined';
}

/**
 * Approval without the page (admin API): the user must belong to the tenant the flow started
 * on. Approves as a person would on the device login page. `mfa` says whether they completed a
 * second factor; by default they do exactly when the tenant they sign in to demands it, so
 * tenants that demand MFA elsewhere still challenge later, as in Entra.
 */
export function approveByUserCode(cloud: Cloud, userCode: string, username: string, mfa?: boolean): { ok: true; tenantId: string } | { ok: false; status: number; message: string } {
  const grant = findPendingDevice(cloud, userCode);
  if (!grant) return { ok: false, status: 404, message: `No pending device code ${JSON.stringify(userCode)}.` };
  if (grant === 'expired') return { ok: false, status: 410, message: `Device code ${JSON.stringify(userCode)} has expired.` };
  const user = cloud.directory.user(username);
  if (!user) return { ok: false, status: 404, message: `No user ${JSON.stringify(username)} in the seed.` };
  const ref = resolveTenantSegment(cloud, grant.tenantSegment);
  let tenant: Tenant | undefined;
  if (ref.kind === 'tenant') tenant = user.objectIdIn.has(ref.tenant.id.toLowerCase()) ? ref.tenant : undefined;
  else if (ref.kind !== 'consumers') tenant = cloud.directory.tenant(user.homeTenantId);
  if (!tenant) {
    const which = ref.kind === 'tenant' && ref.adfs ? `${ref.tenant.defaultDomain}, the tenant /adfs serves` : `tenant ${grant.tenantSegment}`;
    return { ok: false, status: 409, message: `${username} does not belong to ${which}.` };
  }
  const demanded = !!user.mfaRequiredIn?.some((t) => t.toLowerCase() === tenant!.id.toLowerCase());
  const outcome = approveDeviceGrant(cloud, grant.deviceCode, user, tenant, mfa ?? demanded);
  if (outcome instanceof EntraError) return { ok: false, status: 409, message: outcome.description };
  return { ok: true, tenantId: tenant.id };
}

export function denyByUserCode(cloud: Cloud, userCode: string): boolean {
  const grant = findPendingDevice(cloud, userCode);
  if (!grant || grant === 'expired') return false;
  grant.status = 'declined';
  return true;
}

