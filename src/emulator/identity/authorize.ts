/**
 * The authorize endpoint of the authorization code flow. Until the redirect URI is known to be
 * a registered loopback address, problems are shown on an error page; after that they go back
 * to the app at its redirect URI, as Entra does. Only loopback redirect URIs are accepted: the
 * local cloud never sends a code anywhere but this machine.
 */
import type { Cloud } from '../cloud.js';
import type { App, Tenant, User } from '../directory.js';
import { Aad, entraBody, type EntraError } from '../errors.js';
import { BadBody, readForm, sendHtml, type Ctx } from '../http.js';
import { formPostPage } from '../pages.js';
import { parseScope } from '../scopes.js';
import { clientInfo } from '../tokens.js';
import { startSignIn } from './signin.js';
import { resolveTenantSegment, tenantLabel } from './tenant.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parseLoopback(uri: string): URL | undefined {
  try {
    const u = new URL(uri);
    if (u.protocol !== 'http:' || !LOOPBACK_HOSTS.has(u.hostname) || u.username || u.password || u.hash) return undefined;
    return u;
  } catch {
    return undefined;
  }
}

/** Loopback redirect URIs match a registration whatever their port, as Entra's loopback rule says. */
export function allowedRedirect(app: App, uri: string): boolean {
  const given = parseLoopback(uri);
  if (!given) return false;
  return (app.redirectUris ?? []).some((r) => {
    const reg = parseLoopback(r);
    return !!reg && reg.pathname === given.pathname;
  });
}

export async function authorizeEndpoint(cloud: Cloud, ctx: Ctx, segment: string): Promise<void> {
  let params: URLSearchParams;
  if (ctx.method === 'GET' || ctx.method === 'HEAD') params = ctx.query;
  else if (ctx.method === 'POST') {
    try {
      params = await readForm(ctx, cloud.bodyLimit);
    } catch (e) {
      if (e instanceof BadBody) throw Aad.unsupportedContentType();
      throw e;
    }
  } else throw Aad.methodNotAllowed(ctx.method);

  const ref = resolveTenantSegment(cloud, segment);
  const clientId = params.get('client_id');
  ctx.log.clientId = clientId ?? undefined;
  ctx.log.tenant = segment;
  if (!clientId) throw Aad.missingParameter('client_id');
  const app = cloud.directory.app(clientId);
  if (!app) throw Aad.appNotFound(clientId, tenantLabel(ref));
  if (ref.kind === 'tenant' && !app.objectIdIn(ref.tenant.id)) throw Aad.appNotFound(clientId, ref.tenant.defaultDomain);
  const redirectUri = params.get('redirect_uri');
  if (!redirectUri) throw Aad.missingParameter('redirect_uri');
  if (!allowedRedirect(app, redirectUri)) throw Aad.redirectUriMismatch(redirectUri.slice(0, 512), clientId);

  const p: Record<string, string> = {};
  for (const [k, v] of params) if (!(k in p)) p[k] = v;
  p.tenant = segment;
  const mode = p.response_mode ?? 'query';
  if (!['query', 'fragment', 'form_post'].includes(mode)) {
    p.response_mode = 'query';
    return rejectAuthorize(cloud, ctx, p, Aad.unsupportedResponseMode(mode.slice(0, 50)));
  }
  if (p.response_type !== 'code') return rejectAuthorize(cloud, ctx, p, Aad.unsupportedResponseType(String(p.response_type ?? '').slice(0, 50)));
  if (p.code_challenge !== undefined && (p.code_challenge_method ?? 'plain') !== 'S256') return rejectAuthorize(cloud, ctx, p, Aad.pkceMethod());
  if (p.code_challenge !== undefined && !/^[A-Za-z0-9_-]{43}$/.test(p.code_challenge)) return rejectAuthorize(cloud, ctx, p, Aad.pkceMethod());
  try {
    parseScope(p.scope, (id) => !!cloud.directory.app(id), tenantLabel(ref));
  } catch (e) {
    return rejectAuthorize(cloud, ctx, p, e as EntraError);
  }
  if (p.prompt === 'none') return rejectAuthorize(cloud, ctx, p, Aad.loginRequired());
  startSignIn(cloud, ctx, { kind: 'authorize', params: p, tenantSegment: segment }, app, ref, p.login_hint);
}

/** Sends the result back to the app at its redirect URI, in the response mode it asked for. */
function respond(ctx: Ctx, p: Record<string, string>, fields: Record<string, string | undefined>): void {
  const redirect = p.redirect_uri;
  if (p.response_mode === 'form_post') {
    const page = formPostPage(redirect, fields);
    sendHtml(ctx, 200, page.html, page.headers);
    return;
  }
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) qs.set(k, v);
  const sep = p.response_mode === 'fragment' ? '#' : redirect.includes('?') ? '&' : '?';
  ctx.res.writeHead(302, { Location: `${redirect}${sep}${qs}`, 'Cache-Control': 'no-store', 'Content-Length': '0' });
  ctx.res.end();
}

export function rejectAuthorize(cloud: Cloud, ctx: Ctx, p: Record<string, string>, error: EntraError): void {
  ctx.log.error = error.error;
  const body = entraBody(error, { traceId: ctx.traceId, correlationId: ctx.correlationId, now: new Date(cloud.now()), baseUrl: cloud.baseUrl });
  respond(ctx, p, { error: error.error, error_description: String(body.error_description), error_uri: String(body.error_uri), state: p.state, correlation_id: ctx.correlationId, trace_id: ctx.traceId });
}

export function completeAuthorize(cloud: Cloud, ctx: Ctx, p: Record<string, string>, user: User, tenant: Tenant, mfa: boolean): void {
  const code = `1.AR${cloud.store.token(48)}`;
  cloud.store.codes.set(code, {
    clientId: p.client_id,
    redirectUri: p.redirect_uri,
    codeChallenge: p.code_challenge,
    tenantId: tenant.id,
    userId: user.id,
    scope: p.scope ?? '',
    nonce: p.nonce,
    mfa,
    expiresAt: cloud.now() + cloud.settings.authCodeLifetimeSeconds * 1000,
    redeemed: false,
  });
  respond(ctx, p, { code, client_info: clientInfo(user), state: p.state, session_state: cloud.store.token(16) });
}
