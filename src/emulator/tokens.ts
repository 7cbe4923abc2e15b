/**
 * Minting tokens. Access tokens follow the v1 format ARM tokens have (`ver` 1.0, `appid`,
 * `upn`, `scp` or `roles`) with the issuer `{base}/{tid}/`, the same string the v1 discovery
 * document names, so a validator that discovers the issuer and keys from this cloud accepts
 * them. ID tokens are v2 (`{base}/{tid}/v2.0`), as MSAL expects.
 *
 * Through the AD FS-style authority (`adfs` set) the answers take AD FS's shapes: access tokens
 * from `http://{host}/adfs/services/trust` (the discovery document's access_token_issuer), ID
 * tokens from `{base}/adfs` naming the user by `upn`, and no `client_info` (MSAL then keys the
 * account by `sub`, its "ADFS-direct" case). `tid` stays in both: the Azure CLI reads it from
 * the ID token even on AD FS, and ARM needs it to know the directory.
 */
import { randomBytes } from 'node:crypto';
import type { App, ManagedIdentity, Tenant, User } from './directory.js';
import { b64url, sha256b64url, type TokenSigner } from './keys.js';
import type { ScopeRequest } from './scopes.js';
import type { EmulatorSettings } from './seed-types.js';

export interface IssueContext {
  baseUrl: string;
  signer: TokenSigner;
  now: () => number;
  settings: () => EmulatorSettings;
  /** App-only tokens minted this second, by everything their claims depend on (see appAccessToken). */
  appTokens?: Map<string, AppToken>;
}

interface AppToken {
  iat: number;
  token: string;
  /** Token-endpoint answers carrying this token, by the scope they echo; frozen, so sendJson serializes each once. */
  answers?: Map<string, Readonly<Record<string, unknown>>>;
}

const APP_TOKEN_CACHE_LIMIT = 10_000;

// Unique token ids from a per-process prefix and a counter: unique without a syscall per token.
const UTI_PREFIX = randomBytes(9).toString('base64url');
let utiCounter = 0;
function uti(): string {
  return UTI_PREFIX + (++utiCounter).toString(36);
}

export function accessTokenIssuer(baseUrl: string, tenantId: string): string {
  return `${baseUrl}/${tenantId}/`;
}

/** AD FS names a different issuer for access tokens than for ID tokens, and over http. */
export function adfsAccessTokenIssuer(baseUrl: string): string {
  return `${baseUrl.replace(/^https:/, 'http:')}/adfs/services/trust`;
}

export function clientInfo(user: User): string {
  return b64url(JSON.stringify({ uid: user.id, utid: user.homeTenantId }));
}

/** A pairwise subject, stable per user and app, as Entra derives it. */
function pairwiseSub(objectId: string, appId: string): string {
  return sha256b64url(`${objectId}|${appId.toLowerCase()}`).slice(0, 43);
}

export interface UserTokenArgs {
  user: User;
  tenant: Tenant;
  app: App;
  scope: ScopeRequest;
  mfa: boolean;
  /** How the client authenticated: 0 public, 1 secret, 2 certificate/assertion. */
  appidacr: '0' | '1' | '2';
  nonce?: string;
  refreshToken?: string;
  /** Issued through the AD FS-style authority. */
  adfs?: boolean;
}

export async function userTokenResponse(ic: IssueContext, a: UserTokenArgs): Promise<Record<string, unknown>> {
  const iat = Math.floor(ic.now() / 1000);
  const lifetime = ic.settings().accessTokenLifetimeSeconds;
  const tid = a.tenant.id;
  const oid = a.user.objectIdIn.get(tid.toLowerCase()) ?? a.user.id;
  const guest = tid.toLowerCase() !== a.user.homeTenantId.toLowerCase();
  const [given, ...rest] = a.user.displayName.split(' ');
  const access: Record<string, unknown> = {
    aud: a.scope.resource,
    iss: a.adfs ? adfsAccessTokenIssuer(ic.baseUrl) : accessTokenIssuer(ic.baseUrl, tid),
    iat,
    nbf: iat,
    exp: iat + lifetime,
    acr: '1',
    amr: a.mfa ? ['pwd', 'mfa'] : ['pwd'],
    appid: a.app.appId,
    appidacr: a.appidacr,
    family_name: rest.join(' ') || undefined,
    given_name: given,
    idtyp: 'user',
    ipaddr: '127.0.0.1',
    name: a.user.displayName,
    oid,
    scp: a.scope.scp,
    sub: pairwiseSub(oid, a.app.appId),
    tid,
    unique_name: a.user.userPrincipalName,
    ...(guest ? { idp: accessTokenIssuer(ic.baseUrl, a.user.homeTenantId), email: a.user.userPrincipalName } : { upn: a.user.userPrincipalName }),
    uti: uti(),
    ver: '1.0',
  };
  const id: Record<string, unknown> = a.adfs
    ? {
        aud: a.app.appId,
        iss: `${ic.baseUrl}/adfs`,
        iat,
        nbf: iat,
        exp: iat + 3600,
        auth_time: iat,
        ...(a.nonce !== undefined ? { nonce: a.nonce } : {}),
        sub: pairwiseSub(oid, a.app.appId),
        upn: a.user.userPrincipalName,
        unique_name: a.user.userPrincipalName,
        name: a.user.displayName,
        oid,
        tid,
        ver: '1.0',
      }
    : {
        aud: a.app.appId,
        iss: `${ic.baseUrl}/${tid}/v2.0`,
        iat,
        nbf: iat,
        exp: iat + 3600,
        name: a.user.displayName,
        ...(a.nonce !== undefined ? { nonce: a.nonce } : {}),
        oid,
        preferred_username: a.user.userPrincipalName,
        sub: pairwiseSub(oid, a.app.appId),
        tid,
        uti: uti(),
        ver: '2.0',
      };
  // Both signatures at once, off the event loop (see TokenSigner.signAsync).
  const [accessToken, idToken] = await Promise.all([ic.signer.signAsync(access), ic.signer.signAsync(id)]);
  return {
    token_type: 'Bearer',
    scope: a.scope.responseScope,
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: accessToken,
    ...(a.refreshToken ? { refresh_token: a.refreshToken, refresh_token_expires_in: ic.settings().refreshTokenLifetimeSeconds } : {}),
    id_token: idToken,
    ...(a.adfs ? {} : { client_info: clientInfo(a.user) }),
    ...(a.app.foci ? { foci: '1' } : {}),
  };
}

/**
 * An app-only access token. Its claims are fixed by the app, tenant, resource, roles and the
 * second it is issued in; only `uti` would differ between two such tokens. So a token minted for
 * the same request in the same second is handed out again instead of signed again: the RSA
 * signature is nearly all the cost of a client-credentials request, and services that fetch a
 * token per call (as many do) would otherwise be bound by it. User tokens are always fresh.
 */
export function appAccessToken(ic: IssueContext, a: { appId: string; objectId: string; tenantId: string; resource: string; roles?: string[]; appidacr: '1' | '2'; miResourceId?: string; adfs?: boolean }): { token: string; expiresIn: number; iat: number; kept?: AppToken } {
  const iat = Math.floor(ic.now() / 1000);
  const lifetime = ic.settings().accessTokenLifetimeSeconds;
  const cacheKey = ic.appTokens && JSON.stringify([a.appId, a.objectId, a.tenantId, a.resource, a.roles, a.appidacr, a.miResourceId, lifetime, !!a.adfs]);
  const cached = cacheKey ? ic.appTokens!.get(cacheKey) : undefined;
  if (cached && cached.iat === iat) return { token: cached.token, expiresIn: lifetime, iat, kept: cached };
  const iss = a.adfs ? adfsAccessTokenIssuer(ic.baseUrl) : accessTokenIssuer(ic.baseUrl, a.tenantId);
  const claims: Record<string, unknown> = {
    aud: a.resource,
    iss,
    iat,
    nbf: iat,
    exp: iat + lifetime,
    appid: a.appId,
    appidacr: a.appidacr,
    idp: iss,
    idtyp: 'app',
    oid: a.objectId,
    ...(a.roles?.length ? { roles: a.roles } : {}),
    sub: a.objectId,
    tid: a.tenantId,
    uti: uti(),
    ver: '1.0',
    ...(a.miResourceId ? { xms_mirid: a.miResourceId } : {}),
  };
  const token = ic.signer.sign(claims);
  let kept: AppToken | undefined;
  if (cacheKey) {
    if (ic.appTokens!.size >= APP_TOKEN_CACHE_LIMIT) ic.appTokens!.clear();
    ic.appTokens!.set(cacheKey, (kept = { iat, token }));
  }
  return { token, expiresIn: lifetime, iat, kept };
}

/** The token endpoint's answer for an app-only token: the same (frozen) object while the token is handed out again. */
export function appTokenResponse(ic: IssueContext, app: App, tenantId: string, objectId: string, scope: ScopeRequest, appidacr: '1' | '2', adfs = false): Readonly<Record<string, unknown>> {
  const t = appAccessToken(ic, { appId: app.appId, objectId, tenantId, resource: scope.resource, roles: app.rolesFor(scope.resource), appidacr, adfs });
  let answer = t.kept?.answers?.get(scope.responseScope);
  if (!answer) {
    answer = Object.freeze({ token_type: 'Bearer', expires_in: t.expiresIn, ext_expires_in: t.expiresIn, access_token: t.token, scope: scope.responseScope });
    if (t.kept) (t.kept.answers ??= new Map()).set(scope.responseScope, answer);
  }
  return answer;
}

export function managedIdentityToken(ic: IssueContext, mi: ManagedIdentity, resource: string): { token: string; expiresIn: number; iat: number } {
  return appAccessToken(ic, { appId: mi.clientId, objectId: mi.objectId, tenantId: mi.tenantId, resource, appidacr: '2', miResourceId: mi.resourceId });
}
