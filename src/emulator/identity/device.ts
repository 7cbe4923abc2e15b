/**
 * The device code flow: the /devicecode endpoint that starts it, the /devicelogin page where a
 * person types the code and signs in, and the approve/decline transitions the token endpoint's
 * polling observes (also reachable through the admin API, for tests).
 */
import type { Cloud } from '../cloud.js';
import type { Tenant, User } from '../directory.js';
import { Aad, EntraError } from '../errors.js';
import { BadBody, readForm, sendHtml, sendJson, type Ctx } from '../http.js';
import { deviceCodeEntryPage } from '../pages.js';
import { parseScope } from '../scopes.js';
import type { DeviceGrant } from '../state.js';
import { authenticateClient } from './client-auth.js';
import { startSignIn } from './signin.js';
import { resolveTenantSegment, tenantLabel } from './tenant.js';

export async function deviceCodeEndpoint(cloud: Cloud, ctx: Ctx, segment: string): Promise<void> {
  if (ctx.method !== 'POST') throw Aad.postOnly(ctx.method);
  let form: URLSearchParams;
  try {
    form = await readForm(ctx, cloud.bodyLimit);
  } catch (e) {
    if (e instanceof BadBody) throw Aad.unsupportedContentType();
    throw e;
  }
  const ref = resolveTenantSegment(cloud, segment);
  ctx.log.clientId = form.get('client_id') ?? undefined;
  ctx.log.tenant = segment;
  const client = authenticateClient(cloud, form, ref, segment);
  if (client.method === 'none' && !client.app.publicClient) throw Aad.notPublicClient(client.app.appId);
  if (ref.kind === 'tenant' && !client.app.objectIdIn(ref.tenant.id)) throw Aad.appNotFound(client.app.appId, ref.tenant.defaultDomain);
  if (!form.get('scope') && form.get('resource')) form.set('scope', `${form.get('resource')}/.default offline_access openid`);
  const scope = form.get('scope') ?? '';
  parseScope(scope, (id) => !!cloud.directory.app(id), tenantLabel(ref));
  const settings = cloud.settings;
  const deviceCode = `DAQ${cloud.store.token(48)}`;
  let userCode = cloud.store.userCode();
  while (cloud.store.userCodes.has(userCode)) userCode = cloud.store.userCode();
  const now = cloud.now();
  cloud.store.devices.set(deviceCode, {
    deviceCode,
    userCode,
    clientId: client.app.appId,
    scope,
    tenantSegment: segment,
    status: 'pending',
    createdAt: now,
    expiresAt: now + settings.deviceCodeLifetimeSeconds * 1000,
  });
  cloud.store.userCodes.set(userCode, deviceCode);
  const verificationUri = `${cloud.baseUrl}/devicelogin`;
  sendJson(ctx, 200, {
    user_code: userCode,
    device_code: deviceCode,
    verification_uri: verificationUri,
    expires_in: settings.deviceCodeLifetimeSeconds,
    interval: settings.deviceCodeIntervalSeconds,
    message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
  });
}

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

/** GET and POST /devicelogin: a person enters the code shown by their app, then signs in. */
export async function deviceLoginPage(cloud: Cloud, ctx: Ctx): Promise<void> {
  const action = `${cloud.baseUrl}/devicelogin`;
  if (ctx.method === 'GET' || ctx.method === 'HEAD') {
    const page = deviceCodeEntryPage({ action, code: ctx.query.get('otc')?.slice(0, 32) });
    sendHtml(ctx, 200, page.html, page.headers);
    return;
  }
  if (ctx.method !== 'POST') throw Aad.methodNotAllowed(ctx.method);
  let form: URLSearchParams;
  try {
    form = await readForm(ctx, cloud.bodyLimit);
  } catch (e) {
    if (e instanceof BadBody) throw Aad.unsupportedContentType();
    throw e;
  }
  const code = form.get('otc') ?? '';
  const grant = findPendingDevice(cloud, code);
  if (!grant || grant === 'expired') {
    const error = grant === 'expired' ? 'That code has expired. Go back to your device to get a new code.' : "That code didn't work. Check the code and try again.";
    const page = deviceCodeEntryPage({ action, error, code: code.slice(0, 32) });
    sendHtml(ctx, 200, page.html, page.headers);
    return;
  }
  const app = cloud.directory.app(grant.clientId);
  const ref = resolveTenantSegment(cloud, grant.tenantSegment);
  if (!app) throw Aad.appNotFound(grant.clientId, grant.tenantSegment);
  ctx.log.clientId = app.appId;
  startSignIn(cloud, ctx, { kind: 'device', params: { client_id: app.appId, device_code: grant.deviceCode }, tenantSegment: grant.tenantSegment }, app, ref);
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

/** Approval without the page (admin API): the user must belong to the tenant the flow started on. */
/**
 * Approves as a person would on the device login page. `mfa` says whether they completed a
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
  if (!tenant) return { ok: false, status: 409, message: `${username} does not belong to tenant ${grant.tenantSegment}.` };
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

