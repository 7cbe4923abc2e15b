/**
 * The sign-in pages shared by the browser (authorize) and device-code flows: the username and
 * password form, the MFA step, and what happens once a person is signed in. The request being
 * signed in for stays on the server behind an opaque `ctx` id; the page only carries that id.
 */
import type { Cloud } from '../cloud.js';
import type { App, Tenant, TenantRef, User } from '../directory.js';
import { Aad, EntraError } from '../errors.js';
import { sendHtml, type Ctx } from '../http.js';
import { mfaPage, messagePage, originOf, signInPage, type Page } from '../pages.js';
import type { PendingSignIn } from '../state.js';
import { approveDeviceGrant, declineDeviceGrant } from './device-grants.js';
import { readOAuthForm } from './form.js';
import { completeAuthorize, rejectAuthorize } from './redirect.js';
import { samePassword, needsMfa } from './token.js';
import { resolveTenantSegment } from './tenant.js';

const SIGN_IN_TTL_MS = 15 * 60_000;

export function startSignIn(cloud: Cloud, ctx: Ctx, pending: Omit<PendingSignIn, 'expiresAt'>, app: App, tenant: TenantRef, username?: string): void {
  const id = cloud.store.token(24);
  cloud.store.signIns.set(id, { ...pending, expiresAt: cloud.now() + SIGN_IN_TTL_MS });
  show(ctx, signInPage({ action: loginAction(cloud, pending.tenantSegment), ctx: id, appName: app.displayName, tenantName: tenant.kind === 'tenant' ? tenant.tenant.displayName : undefined, username, redirectOrigin: redirectOrigin(pending) }));
}

/** Where the pages' forms may end up: the app's loopback redirect (already checked as registered), for authorize sign-ins. */
function redirectOrigin(pending: Pick<PendingSignIn, 'kind' | 'params'>): string | undefined {
  return pending.kind === 'authorize' ? originOf(pending.params.redirect_uri) : undefined;
}

export function loginAction(cloud: Cloud, segment: string): string {
  return `${cloud.baseUrl}/${segment}/login`;
}

function show(ctx: Ctx, page: Page, status = 200): void {
  sendHtml(ctx, status, page.html, page.headers);
}

/** Why a password sign-in failed, worded as Entra's sign-in page words it. */
function checkPerson(cloud: Cloud, ref: TenantRef, app: App, login: string, passwd: string): { user: User; tenant: Tenant } | string {
  const user = cloud.directory.user(login.trim());
  if (!user) return "We couldn't find an account with that username. Try another, or contact your admin. (AADSTS50034)";
  if (user.enabled === false) return 'Your account has been disabled. Contact your admin. (AADSTS50057)';
  if (!samePassword(user.password, passwd)) return "Your account or password is incorrect. If you don't remember your password, reset it now. (AADSTS50126)";
  let tenant: Tenant;
  if (ref.kind === 'tenant') {
    if (!user.objectIdIn.has(ref.tenant.id.toLowerCase())) {
      return `Selected user account does not exist in tenant '${ref.tenant.displayName}' and cannot access the application '${app.appId}' in that tenant. The account needs to be added as an external user in the tenant first. Please use a different account. (AADSTS50020)`;
    }
    tenant = ref.tenant;
  } else if (ref.kind === 'consumers') {
    return 'This application only accepts personal Microsoft accounts, and the local cloud has none. (AADSTS50020)';
  } else {
    const home = cloud.directory.tenant(user.homeTenantId);
    if (!home) return "We couldn't find your organization. (AADSTS90002)";
    tenant = home;
  }
  if (!app.objectIdIn(tenant.id)) return `Application '${app.appId}' was not found in the directory '${tenant.displayName}'. (AADSTS700016)`;
  return { user, tenant };
}

/** POST /{tenant}/login: the sign-in form and the MFA step post here. */
export async function loginPost(cloud: Cloud, ctx: Ctx, segment: string): Promise<void> {
  if (ctx.method !== 'POST') throw Aad.postOnly(ctx.method);
  const form = await readOAuthForm(cloud, ctx);
  const id = form.get('ctx') ?? '';
  const pending = cloud.store.signIns.get(id);
  if (!pending || pending.expiresAt <= cloud.now() || pending.tenantSegment.toLowerCase() !== segment.toLowerCase()) {
    show(ctx, messagePage('Sign-in session expired', 'This sign-in page has expired or was already used. Start again from your app.'), 400);
    return;
  }
  const ref = resolveTenantSegment(cloud, pending.tenantSegment);
  const app = cloud.directory.app(pending.params.client_id);
  if (!app) throw Aad.appNotFound(pending.params.client_id, segment);
  const action = form.get('action') ?? 'signin';

  if (action === 'cancel') {
    cloud.store.signIns.delete(id);
    if (pending.kind === 'authorize') rejectAuthorize(cloud, ctx, pending.params, Aad.userCancelled());
    else {
      declineDeviceGrant(cloud, pending.params.device_code);
      show(ctx, messagePage('Sign-in declined', `You declined to sign in to ${app.displayName} on the other device. You can close this window.`));
    }
    return;
  }

  if (pending.userId) {
    // The MFA step: only "approve" finishes it.
    if (action !== 'approve') {
      show(ctx, mfaPage({ action: loginAction(cloud, pending.tenantSegment), ctx: id, username: cloud.directory.userById(pending.userId)?.userPrincipalName ?? '', appName: app.displayName, redirectOrigin: redirectOrigin(pending) }));
      return;
    }
    const user = cloud.directory.userById(pending.userId);
    const checked = user ? tenantFor(cloud, ref, user) : undefined;
    if (!user || !checked) throw Aad.malformed('The sign-in session no longer matches a user.');
    cloud.store.signIns.delete(id);
    finish(cloud, ctx, pending, app, user, checked, true);
    return;
  }

  const login = form.get('login') ?? '';
  const passwd = form.get('passwd') ?? '';
  ctx.log.user = login.slice(0, 256);
  const result = checkPerson(cloud, ref, app, login, passwd);
  if (typeof result === 'string') {
    show(ctx, signInPage({ action: loginAction(cloud, pending.tenantSegment), ctx: id, appName: app.displayName, tenantName: ref.kind === 'tenant' ? ref.tenant.displayName : undefined, username: login.slice(0, 256), error: result, redirectOrigin: redirectOrigin(pending) }));
    return;
  }
  if (needsMfa(result.user, result.tenant)) {
    pending.userId = result.user.id;
    show(ctx, mfaPage({ action: loginAction(cloud, pending.tenantSegment), ctx: id, username: result.user.userPrincipalName, appName: app.displayName, redirectOrigin: redirectOrigin(pending) }));
    return;
  }
  cloud.store.signIns.delete(id);
  finish(cloud, ctx, pending, app, result.user, result.tenant, false);
}

function tenantFor(cloud: Cloud, ref: TenantRef, user: User): Tenant | undefined {
  if (ref.kind === 'tenant') return user.objectIdIn.has(ref.tenant.id.toLowerCase()) ? ref.tenant : undefined;
  return cloud.directory.tenant(user.homeTenantId);
}

function finish(cloud: Cloud, ctx: Ctx, pending: PendingSignIn, app: App, user: User, tenant: Tenant, mfa: boolean): void {
  if (pending.kind === 'authorize') {
    completeAuthorize(cloud, ctx, pending.params, user, tenant, mfa);
    return;
  }
  const outcome = approveDeviceGrant(cloud, pending.params.device_code, user, tenant, mfa);
  if (outcome instanceof EntraError) {
    show(ctx, messagePage('Code expired', 'That code has expired. Start again on your device to get a new code.'), 400);
    return;
  }
  show(ctx, messagePage(`Signed in to ${app.displayName}`, `You have signed in to the ${app.displayName} application on your device as ${user.userPrincipalName}. You may now close this window.`));
}
