/**
 * Azure Resource Manager: /tenants, /subscriptions (paged), /subscriptions/{id} and its
 * locations, /metadata/endpoints. Bearer tokens are checked the way ARM checks them
 * (signature, audience, issuer/tenant, expiry); what a caller sees depends on who they are and
 * which tenant their token is from.
 */
import type { Cloud } from './cloud.js';
import { ARM_AUDIENCES } from './constants.js';
import { Arm, ArmError } from './errors.js';
import { header, sendRawJson, type Ctx } from './http.js';
import { armMetadataArray, armMetadataLegacy } from './local-cloud.js';
import { accessTokenIssuer, adfsAccessTokenIssuer } from './tokens.js';
import { armResourceRoute } from './arm-resources.js';

interface Caller {
  /** The key subscriptions list principals by. */
  principal: string;
  kind: 'user' | 'app';
  tenantId: string;
  objectId: string;
  appId: string;
  /** The token came from the AD FS-style authority, which knows one directory. */
  adfs: boolean;
}

const VERIFIED_CACHE_LIMIT = 10_000;
const verifiedCache = new WeakMap<Cloud, Map<string, Record<string, unknown>>>();

function unauthorized(cloud: Cloud, code: string, message: string, tenantId?: string): ArmError {
  const authority = `${cloud.baseUrl}/${tenantId ?? 'common'}`;
  const description = message.replace(/"/g, "'");
  return new ArmError(401, code, message, { 'WWW-Authenticate': `Bearer authorization_uri="${authority}", error="invalid_token", error_description="${description}"` });
}

function armDate(seconds: number): string {
  const d = new Date(seconds * 1000);
  const h = d.getUTCHours() % 12 || 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`;
}

export function authenticate(cloud: Cloud, ctx: Ctx): Caller {
  const auth = header(ctx, 'authorization');
  if (!auth) throw unauthorized(cloud, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
  const m = /^Bearer\s+(\S+)$/i.exec(auth);
  if (!m) throw unauthorized(cloud, 'InvalidAuthenticationToken', "The access token is invalid. The 'Authorization' header must be 'Bearer <token>'.");
  const token = m[1];
  let cache = verifiedCache.get(cloud);
  if (!cache) verifiedCache.set(cloud, (cache = new Map()));
  let claims = cache.get(token);
  if (!claims) {
    claims = cloud.signer.verify(token);
    if (!claims) throw unauthorized(cloud, 'InvalidAuthenticationToken', 'The access token is invalid.');
    if (cache.size >= VERIFIED_CACHE_LIMIT) cache.clear();
    cache.set(token, claims);
  }
  const tid = String(claims.tid ?? '');
  const tenant = cloud.directory.tenant(tid);
  if (!tenant) throw unauthorized(cloud, 'InvalidAuthenticationTokenTenant', `The access token is from the wrong issuer '${String(claims.iss)}'. The tenant is not known to this cloud.`);
  // AD FS tokens have one issuer for the farm; they are good only for the tenant /adfs serves.
  const adfs = claims.iss === adfsAccessTokenIssuer(cloud.baseUrl) && tenant.id === cloud.adfsTenant.id;
  if (!adfs && claims.iss !== accessTokenIssuer(cloud.baseUrl, tenant.id)) throw unauthorized(cloud, 'InvalidAuthenticationTokenTenant', `The access token is from the wrong issuer '${String(claims.iss)}'.`, tenant.id);
  if (typeof claims.aud !== 'string' || !ARM_AUDIENCES.includes(claims.aud.toLowerCase())) {
    throw unauthorized(cloud, 'InvalidAuthenticationTokenAudience', `The access token has been obtained for wrong audience or resource '${String(claims.aud)}'. It should exactly match with one of the allowed audiences '${ARM_AUDIENCES.join("','")}'.`, tenant.id);
  }
  const now = cloud.now() / 1000;
  const exp = Number(claims.exp);
  if (!(exp > now)) throw unauthorized(cloud, 'ExpiredAuthenticationToken', `The access token expiry UTC time '${armDate(exp)}' is earlier than current UTC time '${armDate(Math.floor(now))}'.`, tenant.id);
  if (Number(claims.nbf) > now + 300) throw unauthorized(cloud, 'InvalidAuthenticationToken', 'The access token is not yet valid.', tenant.id);
  const oid = String(claims.oid ?? '');
  const appId = String(claims.appid ?? '');
  if (claims.idtyp === 'user') {
    const user = cloud.directory.userByObjectId(tenant.id, oid);
    if (!user || user.enabled === false) throw unauthorized(cloud, 'InvalidAuthenticationToken', 'The access token is invalid. The user no longer exists.', tenant.id);
    return { principal: user.id, kind: 'user', tenantId: tenant.id, objectId: oid, appId, adfs };
  }
  return { principal: appId, kind: 'app', tenantId: tenant.id, objectId: oid, appId, adfs };
}

function requireApiVersion(ctx: Ctx): string {
  const v = ctx.query.get('api-version');
  if (!v) throw Arm.missingApiVersion();
  return v;
}

function armHeaders(ctx: Ctx): Record<string, string> {
  return { 'x-ms-request-id': ctx.traceId, 'x-ms-correlation-request-id': ctx.correlationId, 'x-ms-ratelimit-remaining-tenant-reads': '11999' };
}

const PAGE_CACHE_LIMIT = 10_000;
const pageCache = new WeakMap<Cloud, Map<string, string>>();

/**
 * A page of a list, rendered once: what a caller may list depends only on the seed, which does
 * not change while the cloud runs, so the same caller, list, page and api-version always get the
 * same JSON. `key` names the caller's view of the list; `items` renders it on a miss.
 */
function cachedPage(cloud: Cloud, ctx: Ctx, path: string, key: string, items: () => string[], apiVersion: string): string {
  let cache = pageCache.get(cloud);
  if (!cache) pageCache.set(cloud, (cache = new Map()));
  const full = `${path}|${key}|${apiVersion}|${ctx.query.get('$skiptoken') ?? ''}`;
  let json = cache.get(full);
  if (json === undefined) {
    json = page(cloud, ctx, path, items(), apiVersion);
    if (cache.size >= PAGE_CACHE_LIMIT) cache.clear();
    cache.set(full, json);
  }
  return json;
}

/** Offset paging with an opaque $skiptoken, as ARM pages long lists. */
function page(cloud: Cloud, ctx: Ctx, path: string, items: string[], apiVersion: string): string {
  const skip = ctx.query.get('$skiptoken');
  let offset = 0;
  if (skip) {
    const n = Number(Buffer.from(skip, 'base64url').toString('utf8'));
    if (!Number.isInteger(n) || n < 0 || n > items.length) throw new ArmError(400, 'InvalidSkipToken', `The provided skip token '${skip.slice(0, 100)}' is not valid.`);
    offset = n;
  }
  const end = Math.min(items.length, offset + cloud.pageSize);
  const next = end < items.length ? `,"nextLink":${JSON.stringify(`${cloud.baseUrl}${path}?api-version=${encodeURIComponent(apiVersion)}&%24skiptoken=${Buffer.from(String(end)).toString('base64url')}`)}` : '';
  return `{"value":[${items.slice(offset, end).join(',')}],"count":{"type":"Total","value":${items.length}}${next}}`;
}

export async function armRoute(cloud: Cloud, ctx: Ctx): Promise<void> {
  const s = ctx.segments;
  if (s[0] === 'metadata' && s[1] === 'endpoints' && s.length === 2) {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') throw Arm.methodNotAllowed(ctx.method);
    const v = requireApiVersion(ctx);
    const port = Number(cloud.host.split(':')[1]);
    sendRawJson(ctx, 200, JSON.stringify(v < '2019-05-01' ? armMetadataLegacy(port) : armMetadataArray(port)), armHeaders(ctx));
    return;
  }
  // Below a subscription (resource groups, resources, operations) other methods are answered too.
  const belowSubscription = s[0] === 'subscriptions' && s.length > 2;
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD' && !belowSubscription) throw Arm.methodNotAllowed(ctx.method);
  const caller = authenticate(cloud, ctx);
  ctx.log.clientId = caller.appId;
  ctx.log.tenant = caller.tenantId;
  const apiVersion = requireApiVersion(ctx);
  if (s[0] === 'tenants' && s.length === 1) {
    sendRawJson(ctx, 200, cachedPage(cloud, ctx, '/tenants', `${caller.kind}/${caller.principal}/${caller.tenantId}/${caller.adfs}`, () => tenantsOf(cloud, caller), apiVersion), armHeaders(ctx));
    return;
  }
  if (s[0] === 'subscriptions') {
    if (s.length === 1) {
      const subs = () => cloud.directory.subscriptionsVisible(caller.principal, caller.tenantId).map((x) => x.json);
      sendRawJson(ctx, 200, cachedPage(cloud, ctx, '/subscriptions', `${caller.principal}/${caller.tenantId}`, subs, apiVersion), armHeaders(ctx));
      return;
    }
    const id = s[1];
    const sub = cloud.directory.subscription(id);
    if (!sub || sub.state === 'Deleted') throw Arm.subscriptionNotFound(id.slice(0, 100));
    const inTenant = sub.tenantId.toLowerCase() === caller.tenantId.toLowerCase() || (sub.managedByTenants ?? []).some((t) => t.toLowerCase() === caller.tenantId.toLowerCase());
    if (!cloud.directory.canReach(caller.principal, sub.id)) throw Arm.authorizationFailed(caller.appId, caller.objectId, sub.id);
    if (!inTenant) {
      const issuer = accessTokenIssuer(cloud.baseUrl, caller.tenantId);
      throw unauthorized(cloud, 'InvalidAuthenticationTokenTenant', `The access token is from the wrong issuer '${issuer}'. It must match the tenant '${accessTokenIssuer(cloud.baseUrl, sub.tenantId)}' associated with this subscription. Please use the authority (URL) '${cloud.baseUrl}/${sub.tenantId}' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.`, sub.tenantId);
    }
    if (s.length === 2) {
      sendRawJson(ctx, 200, sub.json, armHeaders(ctx));
      return;
    }
    if (s.length === 3 && s[2] === 'locations') {
      if (ctx.method !== 'GET' && ctx.method !== 'HEAD') throw Arm.methodNotAllowed(ctx.method);
      sendRawJson(ctx, 200, JSON.stringify({ value: LOCATIONS.map((l) => location(sub.id, l)) }), armHeaders(ctx));
      return;
    }
    const helpers = { page: (path: string, items: string[]) => page(cloud, ctx, path, items, apiVersion), headers: armHeaders(ctx) };
    if (await armResourceRoute(cloud, ctx, sub, apiVersion, helpers)) return;
  }
  throw Arm.notFound(ctx.path);
}

function tenantsOf(cloud: Cloud, caller: Caller): string[] {
  const d = cloud.directory;
  let tenants;
  // As on Azure Stack Hub with AD FS: one directory, so a client cannot be sent to others it
  // has no authority for (the Azure CLI would reuse the /adfs token for each and list duplicates).
  if (caller.adfs) tenants = [d.tenant(caller.tenantId)];
  else if (caller.kind === 'user') {
    const user = d.userById(caller.principal);
    tenants = user ? d.tenantsOfUser(user) : [];
  } else {
    const app = d.app(caller.appId);
    tenants = app ? [d.tenant(app.homeTenantId), ...(app.tenants ?? []).filter((t) => t !== '*').map((t) => d.tenant(t))] : [d.tenant(caller.tenantId)];
    if (!tenants.some((t) => t?.id === caller.tenantId)) tenants.push(d.tenant(caller.tenantId));
  }
  const seen = new Set<string>();
  return tenants
    .filter((t): t is NonNullable<typeof t> => !!t && !seen.has(t.id) && !!seen.add(t.id))
    .map((t) => JSON.stringify({ id: `/tenants/${t.id}`, tenantId: t.id, countryCode: t.countryCode ?? 'US', displayName: t.displayName, domains: t.domains, tenantCategory: 'Home', defaultDomain: t.defaultDomain, tenantType: 'AAD' }));
}

const LOCATIONS: [string, string, string, string][] = [
  ['eastus', 'East US', 'US', 'westus'],
  ['westus', 'West US', 'US', 'eastus'],
  ['westeurope', 'West Europe', 'Europe', 'northeurope'],
  ['northeurope', 'North Europe', 'Europe', 'westeurope'],
  ['uksouth', 'UK South', 'UK', 'ukwest'],
  ['germanywestcentral', 'Germany West Central', 'Europe', 'germanynorth'],
];

function location(subscriptionId: string, [name, displayName, geographyGroup, paired]: [string, string, string, string]): object {
  return {
    id: `/subscriptions/${subscriptionId}/locations/${name}`,
    name,
    type: 'Region',
    displayName,
    regionalDisplayName: `(${geographyGroup}) ${displayName}`,
    metadata: { regionType: 'Physical', regionCategory: 'Recommended', geographyGroup, pairedRegion: [{ name: paired, id: `/subscriptions/${subscriptionId}/locations/${paired}` }] },
    subscriptionId,
  };
}
