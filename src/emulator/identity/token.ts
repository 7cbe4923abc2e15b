/**
 * The token endpoint: one function per grant. Each checks what Entra checks, in the same
 * order where it shows (client first, then the grant, then the user and tenant, then
 * conditional access), and answers success or an AADSTS error.
 */
import { createHash } from 'node:crypto';
import type { Cloud } from '../cloud.js';
import type { App, Tenant, TenantRef, User } from '../directory.js';
import { Aad } from '../errors.js';
import { header, sendJson, type Ctx } from '../http.js';
import { parseScope, type ScopeRequest } from '../scopes.js';
import { appTokenResponse, userTokenResponse } from '../tokens.js';
import { authenticateClient, type ClientAuth } from './client-auth.js';
import { readOAuthForm } from './form.js';
import { mfaClaimsChallenge, resolveTenantSegment, tenantLabel, userTenant } from './tenant.js';

const DEVICE_CODE_URN = 'urn:ietf:params:oauth:grant-type:device_code';

export async function tokenEndpoint(cloud: Cloud, ctx: Ctx, segment: string, version: 'v1' | 'v2'): Promise<void> {
  if (ctx.method !== 'POST') throw Aad.postOnly(ctx.method);
  const form = await readOAuthForm(cloud, ctx);
  const ref = resolveTenantSegment(cloud, segment);
  basicClientCredentials(ctx, form);
  const grant = form.get('grant_type');
  ctx.log.grantType = grant ?? undefined;
  ctx.log.clientId = form.get('client_id') ?? undefined;
  ctx.log.tenant = segment;
  if (!grant) throw Aad.missingParameter('grant_type');
  if (version === 'v1' && !form.get('scope') && form.get('resource')) {
    // The v1 endpoint names a resource instead of scopes.
    form.set('scope', `${form.get('resource')}/.default offline_access openid`);
  }
  let body: Record<string, unknown>;
  switch (grant) {
    case 'client_credentials':
      body = clientCredentials(cloud, form, ref, segment);
      break;
    case 'password':
      body = await password(cloud, ctx, form, ref, segment);
      break;
    case 'refresh_token':
      body = await refreshToken(cloud, ctx, form, ref, segment);
      break;
    case 'authorization_code':
      body = await authorizationCode(cloud, ctx, form, ref, segment);
      break;
    case 'device_code':
    case DEVICE_CODE_URN:
      body = await deviceCode(cloud, ctx, form, ref, segment);
      break;
    default:
      throw Aad.unsupportedGrant(grant);
  }
  if (version === 'v1') body = { ...body, resource: form.get('resource') ?? undefined };
  sendJson(ctx, 200, body);
}

/** client_secret_basic: the discovery document offers it, so the credentials may come in the header. */
function basicClientCredentials(ctx: Ctx, form: URLSearchParams): void {
  const auth = header(ctx, 'authorization');
  const m = auth ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(auth) : null;
  if (!m) return;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw Aad.malformed('The Authorization header is not valid client_secret_basic.');
  const id = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
  const secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
  if (!form.has('client_id')) form.set('client_id', id);
  else if (form.get('client_id') !== id) throw Aad.assertionAppMismatch();
  if (!form.has('client_secret')) form.set('client_secret', secret);
}

const SCOPE_CACHE_LIMIT = 10_000;
const parsedScopes = new WeakMap<Cloud, Map<string, ScopeRequest>>();

/**
 * A scope parameter as parseScope reads it. What it means depends only on the text and the seed's
 * apps (fixed while the cloud runs), so scopes read once are kept per cloud; the tenant only
 * names itself in errors, and errors are never kept.
 */
function scopeOf(cloud: Cloud, raw: string | null | undefined, ref: TenantRef): ScopeRequest {
  let cache = parsedScopes.get(cloud);
  if (!cache) parsedScopes.set(cloud, (cache = new Map()));
  const key = raw ?? '';
  let scope = cache.get(key);
  if (!scope) {
    scope = Object.freeze(parseScope(raw ?? undefined, (id) => !!cloud.directory.app(id), tenantLabel(ref)));
    if (cache.size >= SCOPE_CACHE_LIMIT) cache.clear();
    cache.set(key, scope);
  }
  return scope;
}

/** A user-facing grant needs a public client or a confidential client that authenticated. */
function userClient(cloud: Cloud, form: URLSearchParams, ref: TenantRef, segment: string): ClientAuth {
  const client = authenticateClient(cloud, form, ref, segment);
  if (client.method === 'none' && !client.app.publicClient) throw Aad.notPublicClient(client.app.appId);
  return client;
}

function appInTenant(app: App, tenant: Tenant): void {
  if (!app.objectIdIn(tenant.id)) throw Aad.appNotFound(app.appId, tenant.defaultDomain);
}

function needsMfa(user: User, tenant: Tenant): boolean {
  return !!user.mfaRequiredIn?.some((t) => t.toLowerCase() === tenant.id.toLowerCase());
}

function issueForUser(cloud: Cloud, a: { client: ClientAuth; user: User; tenant: Tenant; scope: ScopeRequest; mfa: boolean; nonce?: string; withRefresh: boolean; adfs?: boolean }): Promise<Record<string, unknown>> {
  const settings = cloud.settings;
  const refreshToken = a.withRefresh
    ? cloud.store.issueRefreshToken({
        userId: a.user.id,
        tenantId: a.tenant.id,
        clientId: a.client.app.appId,
        scope: a.scope.responseScope,
        mfa: a.mfa,
        foci: !!a.client.app.foci,
        issuedAt: cloud.now(),
        expiresAt: cloud.now() + settings.refreshTokenLifetimeSeconds * 1000,
      })
    : undefined;
  return userTokenResponse(cloud.issue, { user: a.user, tenant: a.tenant, app: a.client.app, scope: a.scope, mfa: a.mfa, appidacr: a.client.appidacr, nonce: a.nonce, refreshToken, adfs: a.adfs });
}

function clientCredentials(cloud: Cloud, form: URLSearchParams, ref: TenantRef, segment: string): Record<string, unknown> {
  const client = authenticateClient(cloud, form, ref, segment);
  if (client.method === 'none') throw Aad.credentialRequired();
  if (ref.kind !== 'tenant') throw Aad.noTenant();
  const objectId = client.app.objectIdIn(ref.tenant.id);
  if (!objectId) throw Aad.appNotFound(client.app.appId, ref.tenant.defaultDomain);
  const raw = form.get('scope');
  if (!raw) throw Aad.missingParameter('scope');
  const scope = scopeOf(cloud, raw, ref);
  if (!scope.isDefault) throw Aad.defaultScopeRequired(raw);
  return appTokenResponse(cloud.issue, client.app, ref.tenant.id, objectId, scope, client.appidacr === '1' ? '1' : '2', !!ref.adfs);
}

function password(cloud: Cloud, ctx: Ctx, form: URLSearchParams, ref: TenantRef, segment: string): Promise<Record<string, unknown>> {
  const client = userClient(cloud, form, ref, segment);
  const username = form.get('username');
  const pass = form.get('password');
  if (!username) throw Aad.missingParameter('username');
  if (pass === null) throw Aad.missingParameter('password');
  ctx.log.user = username;
  const user = cloud.directory.user(username);
  if (!user) throw Aad.userNotFound(username, tenantLabel(ref));
  if (user.enabled === false) throw Aad.userDisabled();
  if (!samePassword(user.password, pass)) throw Aad.badPassword();
  const tenant = userTenant(cloud, ref, user);
  appInTenant(client.app, tenant);
  const scope = scopeOf(cloud, form.get('scope'), ref);
  if (needsMfa(user, tenant)) throw Aad.mfaRequired(scope.resource, mfaClaimsChallenge(tenant.id));
  return issueForUser(cloud, { client, user, tenant, scope, mfa: false, withRefresh: scope.offlineAccess, adfs: isAdfs(ref) });
}

function refreshToken(cloud: Cloud, ctx: Ctx, form: URLSearchParams, ref: TenantRef, segment: string): Promise<Record<string, unknown>> {
  const client = userClient(cloud, form, ref, segment);
  const token = form.get('refresh_token');
  if (!token) throw Aad.missingParameter('refresh_token');
  const found = cloud.store.findRefreshToken(token);
  if (typeof found === 'string') throw Aad.refreshTokenBad(found);
  const sameClient = found.clientId.toLowerCase() === client.app.appId.toLowerCase();
  if (!sameClient && !(found.foci && client.app.foci)) throw Aad.grantClientMismatch('refresh_token');
  const user = cloud.directory.userById(found.userId);
  if (!user || user.enabled === false) throw Aad.refreshTokenBad('revoked');
  ctx.log.user = user.userPrincipalName;
  // A refresh token from one tenant buys tokens in any tenant the user belongs to (multi-resource refresh token).
  const tenant = ref.kind === 'tenant' ? userTenant(cloud, ref, user) : cloud.directory.tenant(found.tenantId) ?? userTenant(cloud, ref, user);
  appInTenant(client.app, tenant);
  const scope = scopeOf(cloud, form.get('scope') ?? found.scope, ref);
  if (needsMfa(user, tenant) && !found.mfa) throw Aad.mfaRequired(scope.resource, mfaClaimsChallenge(tenant.id));
  // Like Entra, redeeming a refresh token returns a new one without retiring the old: clients
  // refreshing for several tenants at once all hold the same token and all must succeed.
  return issueForUser(cloud, { client, user, tenant, scope, mfa: found.mfa, withRefresh: true, adfs: isAdfs(ref) });
}

function authorizationCode(cloud: Cloud, ctx: Ctx, form: URLSearchParams, ref: TenantRef, segment: string): Promise<Record<string, unknown>> {
  const client = userClient(cloud, form, ref, segment);
  const code = form.get('code');
  if (!code) throw Aad.missingParameter('code');
  const grant = cloud.store.codes.get(code);
  if (!grant) throw Aad.codeInvalid();
  if (grant.redeemed) throw Aad.codeRedeemed();
  if (grant.expiresAt <= cloud.now()) throw Aad.codeExpired();
  if (grant.clientId.toLowerCase() !== client.app.appId.toLowerCase()) throw Aad.grantClientMismatch('code');
  if (ref.kind === 'tenant' && ref.tenant.id.toLowerCase() !== grant.tenantId.toLowerCase()) throw Aad.grantTenantMismatch();
  if ((form.get('redirect_uri') ?? '') !== grant.redirectUri) throw Aad.redirectMismatch();
  if (grant.codeChallenge !== undefined) {
    const verifier = form.get('code_verifier');
    if (!verifier || createHash('sha256').update(verifier).digest('base64url') !== grant.codeChallenge) throw Aad.pkceMismatch();
  }
  grant.redeemed = true;
  const user = cloud.directory.userById(grant.userId);
  const tenant = cloud.directory.tenant(grant.tenantId);
  if (!user || !tenant) throw Aad.codeInvalid();
  ctx.log.user = user.userPrincipalName;
  const scope = scopeOf(cloud, form.get('scope') ?? grant.scope, ref);
  return issueForUser(cloud, { client, user, tenant, scope, mfa: grant.mfa, nonce: grant.nonce, withRefresh: scope.offlineAccess || parseOffline(grant.scope), adfs: isAdfs(ref) });
}

function parseOffline(scope: string): boolean {
  return scope.split(/\s+/).some((s) => s.toLowerCase() === 'offline_access');
}

function deviceCode(cloud: Cloud, ctx: Ctx, form: URLSearchParams, ref: TenantRef, segment: string): Promise<Record<string, unknown>> {
  const client = userClient(cloud, form, ref, segment);
  const code = form.get('device_code') ?? form.get('code');
  if (!code) throw Aad.missingParameter('device_code');
  const grant = cloud.store.devices.get(code);
  if (!grant) throw Aad.deviceCodeInvalid();
  if (grant.clientId.toLowerCase() !== client.app.appId.toLowerCase()) throw Aad.grantClientMismatch('device_code');
  switch (grant.status) {
    case 'declined':
      throw Aad.deviceDeclined();
    case 'redeemed':
      throw Aad.deviceCodeRedeemed();
    case 'pending':
      if (grant.expiresAt <= cloud.now()) throw Aad.deviceCodeExpired();
      throw Aad.authorizationPending();
    case 'approved':
      break;
  }
  grant.status = 'redeemed';
  const user = cloud.directory.userById(grant.userId!);
  const tenant = cloud.directory.tenant(grant.tenantId!);
  if (!user || !tenant) throw Aad.deviceCodeInvalid();
  ctx.log.user = user.userPrincipalName;
  // The Azure CLI polls without a scope; the answer echoes the scope asked at /devicecode.
  const scope = scopeOf(cloud, form.get('scope') ?? grant.scope, ref);
  return issueForUser(cloud, { client, user, tenant, scope, mfa: !!grant.mfa, withRefresh: scope.offlineAccess || parseOffline(grant.scope), adfs: isAdfs(ref) });
}

function isAdfs(ref: TenantRef): boolean {
  return ref.kind === 'tenant' && !!ref.adfs;
}

function samePassword(expected: string, given: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return a.equals(b);
}

export { samePassword, needsMfa };
