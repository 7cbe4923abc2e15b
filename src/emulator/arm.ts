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

/**
 * Callers already authenticated, by the end of their token's signature (short to hash, unlike
 * the whole header). A hit must carry the very same Authorization header, so a token whose header or
 * payload was changed under a known signature is never taken for the original. The static
 * checks (signature, tenant, issuer, audience, user) depend only on the token and the seed, which
 * does not change while the cloud runs, so a hit only has its lifetime checked again.
 */
interface KnownCaller {
  authorization: string;
  caller: Caller;
  exp: number;
  nbf: number;
  /** Names this caller's view of the lists, for the page cache. */
  tenantsKey: string;
  subscriptionsKey: string;
}

const CALLER_CACHE_LIMIT = 10_000;
const SIGNATURE_KEY_LENGTH = 32;
const callerCache = new WeakMap<Cloud, Map<string, KnownCaller>>();

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

function knownCaller(cloud: Cloud, ctx: Ctx): KnownCaller {
  const auth = header(ctx, 'authorization');
  let cache = callerCache.get(cloud);
  if (!cache) callerCache.set(cloud, (cache = new Map()));
  // The end of the signature names the token well enough: a hit is confirmed by the whole header.
  const signature = auth?.slice(-SIGNATURE_KEY_LENGTH);
  const known = signature ? cache.get(signature) : undefined;
  if (known && known.authorization === auth) {
    checkLifetime(cloud, known.exp, known.nbf, known.caller.tenantId);
    return known;
  }
  const checked = checkToken(cloud, auth);
  if (cache.size >= CALLER_CACHE_LIMIT) cache.clear();
  cache.set(signature!, checked);
  return checked;
}

function checkLifetime(cloud: Cloud, exp: number, nbf: number, tenantId: string): void {
  const now = cloud.now() / 1000;
  if (!(exp > now)) throw unauthorized(cloud, 'ExpiredAuthenticationToken', `The access token expiry UTC time '${armDate(exp)}' is earlier than current UTC time '${armDate(Math.floor(now))}'.`, tenantId);
  if (nbf > now + 300) throw unauthorized(cloud, 'InvalidAuthenticationToken', 'The access token is not yet valid.', tenantId);
}

/** Everything about a bearer token that does not change with time; throws ARM's 401 otherwise. */
function checkToken(cloud: Cloud, auth: string | undefined): KnownCaller {
  if (!auth) throw unauthorized(cloud, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
  const m = /^Bearer\s+(\S+)$/i.exec(auth);
  if (!m) throw unauthorized(cloud, 'InvalidAuthenticationToken', "The access token is invalid. The 'Authorization' header must be 'Bearer <token>'.");
  const claims = cloud.signer.verify(m[1]);
  if (!claims) throw unauthorized(cloud, 'InvalidAuthenticationToken', 'The access token is invalid.');
  const tid = String(claims.tid ?? '');
  const tenant = cloud.directory.tenant(tid);
  if (!tenant) throw unauthorized(cloud, 'InvalidAuthenticationTokenTenant', `The access token is from the wrong issuer '${String(claims.iss)}'. The tenant is not known to this cloud.`);
  // AD FS tokens have one issuer for the farm; they are good only for the tenant /adfs serves.
  const adfs = claims.iss === adfsAccessTokenIssuer(cloud.baseUrl) && tenant.id === cloud.adfsTenant.id;
  if (!adfs && claims.iss !== accessTokenIssuer(cloud.baseUrl, tenant.id)) throw unauthorized(cloud, 'InvalidAuthenticationTokenTenant', `The access token is from the wrong issuer '${String(claims.iss)}'.`, tenant.id);
  if (typeof claims.aud !== 'string' || !ARM_AUDIENCES.includes(claims.aud.toLowerCase())) {
    throw unauthorized(cloud, 'InvalidAuthenticationTokenAudience', `The access token has been obtained for wrong audience or resource '${String(claims.aud)}'. It should exactly match with one of the allowed audiences '${ARM_AUDIENCES.join("','")}'.`, tenant.id);
  }
  const exp = Number(claims.exp);
  const nbf = Number(claims.nbf);
  // The lifetime comes before the user, as ARM checks it.
  checkLifetime(cloud, exp, nbf, tenant.id);
  const oid = String(claims.oid ?? '');
  const appId = String(claims.appid ?? '');
  let caller: Caller;
  if (claims.idtyp === 'user') {
    const user = cloud.directory.userByObjectId(tenant.id, oid);
    if (!user || user.enabled === false) throw unauthorized(cloud, 'InvalidAuthenticationToken', 'The access token is invalid. The user no longer exists.', tenant.id);
    caller = { principal: user.id, kind: 'user', tenantId: tenant.id, objectId: oid, appId, adfs };
  } else caller = { principal: appId, kind: 'app', tenantId: tenant.id, objectId: oid, appId, adfs };
  return {
    authorization: auth,
    caller,
    exp,
    nbf,
    tenantsKey: `/tenants|${caller.kind}/${caller.principal}/${caller.tenantId}/${caller.adfs}`,
    subscriptionsKey: `/subscriptions|${caller.principal}/${caller.tenantId}`,
  };
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
/** Pages by view, then by api-version and skip token; `size` counts pages across all views. */
const pageCache = new WeakMap<Cloud, { views: Map<string, Map<string, Buffer>>; size: number }>();

/**
 * A page of a list, rendered once: what a caller may list depends only on the seed, which does
 * not change while the cloud runs, so the same caller, list, page and api-version always get the
 * same JSON. `view` names the list and the caller's view of it (a string kept with the caller,
 * so its hash is computed once); `items` renders the list on a miss.
 */
function cachedPage(cloud: Cloud, ctx: Ctx, path: string, view: string, items: () => string[], apiVersion: string): Buffer {
  let cache = pageCache.get(cloud);
  if (!cache) pageCache.set(cloud, (cache = { views: new Map(), size: 0 }));
  const which = `${apiVersion}|${ctx.query.get('$skiptoken') ?? ''}`;
  let pages = cache.views.get(view);
  let json = pages?.get(which);
  if (json === undefined) {
    json = Buffer.from(page(cloud, ctx, path, items(), apiVersion));
    // Bounded in pages, whatever mix of callers, api-versions and skip tokens fills it.
    if (cache.size >= PAGE_CACHE_LIMIT) {
      cache.views.clear();
      cache.size = 0;
      pages = undefined;
    }
    if (!pages) cache.views.set(view, (pages = new Map()));
    pages.set(which, json);
    cache.size++;
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

/**
 * Answers synchronously where it can (lists, subscriptions), so the server need not wait a
 * microtask turn for most ARM requests; only resources below a subscription return a promise.
 */
export function armRoute(cloud: Cloud, ctx: Ctx): void | Promise<void> {
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
  const known = knownCaller(cloud, ctx);
  const caller = known.caller;
  ctx.log.clientId = caller.appId;
  ctx.log.tenant = caller.tenantId;
  const apiVersion = requireApiVersion(ctx);
  if (s[0] === 'tenants' && s.length === 1) {
    sendRawJson(ctx, 200, cachedPage(cloud, ctx, '/tenants', known.tenantsKey, () => tenantsOf(cloud, caller), apiVersion), armHeaders(ctx));
    return;
  }
  if (s[0] === 'subscriptions') {
    if (s.length === 1) {
      const subs = () => cloud.directory.subscriptionsVisible(caller.principal, caller.tenantId).map((x) => x.json);
      sendRawJson(ctx, 200, cachedPage(cloud, ctx, '/subscriptions', known.subscriptionsKey, subs, apiVersion), armHeaders(ctx));
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
    return armResourceRoute(cloud, ctx, sub, apiVersion, helpers).then((answered) => {
      if (!answered) throw Arm.notFound(ctx.path);
    });
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
