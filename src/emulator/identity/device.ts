/**
 * The device code flow: the /devicecode endpoint that starts it and the /devicelogin page where a
 * person types the code and signs in. What happens to the grant after that is in device-grants.ts.
 */
import type { Cloud } from '../cloud.js';
import { Aad } from '../errors.js';
import { sendHtml, sendJson, type Ctx } from '../http.js';
import { deviceCodeEntryPage } from '../pages.js';
import { parseScope } from '../scopes.js';
import { authenticateClient } from './client-auth.js';
import { findPendingDevice } from './device-grants.js';
import { readOAuthForm } from './form.js';
import { startSignIn } from './signin.js';
import { resolveTenantSegment, tenantLabel } from './tenant.js';

export async function deviceCodeEndpoint(cloud: Cloud, ctx: Ctx, segment: string): Promise<void> {
  if (ctx.method !== 'POST') throw Aad.postOnly(ctx.method);
  const form = await readOAuthForm(cloud, ctx);
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
  // AD FS sends people to its own page under /adfs; both pages are the same here.
  const verificationUri = ref.kind === 'tenant' && ref.adfs ? `${cloud.baseUrl}/adfs/oauth2/deviceauth` : `${cloud.baseUrl}/devicelogin`;
  sendJson(ctx, 200, {
    user_code: userCode,
    device_code: deviceCode,
    verification_uri: verificationUri,
    expires_in: settings.deviceCodeLifetimeSeconds,
    interval: settings.deviceCodeIntervalSeconds,
    message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
  });
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
  const form = await readOAuthForm(cloud, ctx);
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
