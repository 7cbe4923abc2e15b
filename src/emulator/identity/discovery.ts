/**
 * Discovery documents: v2 and v1 OpenID configuration per tenant (by id, by domain, or
 * common/organizations/consumers), instance discovery, signing keys and user realm. Each
 * answer is rendered once per tenant segment and then served from the cache.
 */
import { CONSUMERS_TENANT_ID } from '../constants.js';
import type { Cloud } from '../cloud.js';
import { Aad } from '../errors.js';
import { sendRawJson, type Ctx } from '../http.js';
import { adfsAccessTokenIssuer } from '../tokens.js';
import { isAdfsSegment, resolveTenantSegment } from './tenant.js';

function cached(cloud: Cloud, key: string, build: () => unknown): string {
  let doc = cloud.documents.get(key);
  if (doc === undefined) {
    doc = JSON.stringify(build());
    // Domains are unbounded input; only remember documents for segments that resolved.
    if (cloud.documents.size < 100_000) cloud.documents.set(key, doc);
  }
  return doc;
}

/** The path segment endpoints use, and the tenant id for the issuer ("{tenantid}" for multi-tenant). */
function segmentAndIssuerTenant(cloud: Cloud, segment: string): { path: string; issuerTenant: string } {
  const ref = resolveTenantSegment(cloud, segment);
  if (ref.kind === 'tenant') return { path: ref.tenant.id, issuerTenant: ref.tenant.id };
  if (ref.kind === 'consumers') return { path: 'consumers', issuerTenant: CONSUMERS_TENANT_ID };
  return { path: ref.kind, issuerTenant: '{tenantid}' };
}

export function openIdConfigurationV2(cloud: Cloud, ctx: Ctx, segment: string): void {
  // AD FS has no v2.0 endpoint; a client that asks for one has not recognised the authority as AD FS.
  if (isAdfsSegment(segment)) throw Aad.notFound(ctx.path);
  const { path, issuerTenant } = segmentAndIssuerTenant(cloud, segment);
  const b = cloud.baseUrl;
  sendRawJson(ctx, 200, cached(cloud, `v2/${path}`, () => ({
    token_endpoint: `${b}/${path}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${b}/${path}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${b}/${issuerTenant}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${b}/oidc/userinfo`,
    authorization_endpoint: `${b}/${path}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${b}/${path}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${b}/${path}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
    kerberos_endpoint: `${b}/${path}/kerberos`,
    tenant_region_scope: 'NA',
    cloud_instance_name: cloud.host,
    cloud_graph_host_name: cloud.host,
    msgraph_host: cloud.host,
    rbac_url: cloud.baseUrl,
  })));
}

export function openIdConfigurationV1(cloud: Cloud, ctx: Ctx, segment: string): void {
  if (isAdfsSegment(segment)) return adfsOpenIdConfiguration(cloud, ctx);
  const { path, issuerTenant } = segmentAndIssuerTenant(cloud, segment);
  const b = cloud.baseUrl;
  sendRawJson(ctx, 200, cached(cloud, `v1/${path}`, () => ({
    token_endpoint: `${b}/${path}/oauth2/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${b}/common/discovery/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
    scopes_supported: ['openid'],
    // The tenant id sits at split('/')[3], where the Azure CLI looks for it.
    issuer: `${b}/${issuerTenant}/`,
    microsoft_multi_refresh_token: true,
    authorization_endpoint: `${b}/${path}/oauth2/authorize`,
    device_authorization_endpoint: `${b}/${path}/oauth2/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${b}/${path}/oauth2/logout`,
    claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'amr', 'nonce', 'email', 'given_name', 'family_name', 'nickname'],
    check_session_iframe: `${b}/${path}/oauth2/checksession`,
    userinfo_endpoint: `${b}/${path}/openid/userinfo`,
    kerberos_endpoint: `${b}/${path}/kerberos`,
    tenant_region_scope: 'NA',
    cloud_instance_name: cloud.host,
    cloud_graph_host_name: cloud.host,
    msgraph_host: cloud.host,
    rbac_url: cloud.baseUrl,
  })));
}

/**
 * The AD FS (2019) discovery document: endpoints under /adfs with the trailing slashes AD FS
 * writes, one issuer for the whole farm, and a separate access_token_issuer. MSAL reads the
 * token endpoint's first path segment ("adfs") as the cache realm.
 */
function adfsOpenIdConfiguration(cloud: Cloud, ctx: Ctx): void {
  const a = `${cloud.baseUrl}/adfs`;
  sendRawJson(ctx, 200, cached(cloud, 'adfs', () => ({
    issuer: a,
    authorization_endpoint: `${a}/oauth2/authorize/`,
    token_endpoint: `${a}/oauth2/token/`,
    jwks_uri: `${a}/discovery/keys`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic', 'private_key_jwt', 'windows_client_authentication'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token', 'code token', 'code id_token token'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials', 'urn:ietf:params:oauth:grant-type:jwt-bearer', 'password', 'urn:ietf:params:oauth:grant-type:device_code', 'device_code'],
    subject_types_supported: ['pairwise'],
    scopes_supported: ['openid', 'email', 'profile', 'user_impersonation', 'allatclaims', 'aza'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256'],
    access_token_issuer: adfsAccessTokenIssuer(cloud.baseUrl),
    claims_supported: ['aud', 'iss', 'iat', 'exp', 'auth_time', 'nonce', 'at_hash', 'c_hash', 'sub', 'upn', 'unique_name', 'pwd_url', 'pwd_exp', 'mfa_auth_time', 'sid', 'nbf'],
    microsoft_multi_refresh_token: true,
    userinfo_endpoint: `${a}/userinfo`,
    capabilities: [],
    end_session_endpoint: `${a}/oauth2/logout`,
    frontchannel_logout_supported: true,
    frontchannel_logout_session_supported: true,
    device_authorization_endpoint: `${a}/oauth2/devicecode`,
  })));
}

/** Instance discovery: the one host of this cloud is its own preferred network and cache alias. */
export function instanceDiscovery(cloud: Cloud, ctx: Ctx): void {
  let tenant = 'common';
  const endpoint = ctx.query.get('authorization_endpoint');
  if (endpoint) {
    try {
      const first = new URL(endpoint).pathname.split('/').filter(Boolean)[0];
      if (first && /^[A-Za-z0-9.-]{1,253}$/.test(first)) tenant = first;
    } catch {
      throw Aad.malformed("The 'authorization_endpoint' parameter is not a URL.");
    }
  }
  const [hostname, port] = [cloud.host.split(':')[0], cloud.host.split(':')[1]];
  sendRawJson(ctx, 200, JSON.stringify({
    tenant_discovery_endpoint: `${cloud.baseUrl}/${tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': ctx.query.get('api-version') ?? '1.1',
    metadata: [{ preferred_network: cloud.host, preferred_cache: cloud.host, aliases: [cloud.host, `localhost:${port}`, hostname] }],
  }));
}

export function keys(cloud: Cloud, ctx: Ctx): void {
  sendRawJson(ctx, 200, cached(cloud, 'jwks', () => cloud.signer.jwks));
}

/** User realm discovery (the Azure CLI asks before a password sign-in): every known domain is managed. */
export function userRealm(cloud: Cloud, ctx: Ctx, user: string): void {
  const domain = user.includes('@') ? user.slice(user.lastIndexOf('@') + 1) : user;
  const tenant = cloud.directory.tenantOfDomain(domain);
  sendRawJson(ctx, 200, JSON.stringify(tenant
    ? { ver: '1.0', account_type: 'Managed', domain_name: domain.toLowerCase(), cloud_instance_name: cloud.host.split(':')[0], cloud_audience_urn: 'urn:federation:MicrosoftOnline' }
    : { ver: '1.0', account_type: 'Unknown', cloud_instance_name: cloud.host.split(':')[0] }));
}
