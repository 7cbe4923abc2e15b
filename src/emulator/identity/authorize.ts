/**
 * The authorize endpoint of the authorization code flow. Until the redirect URI is known to be
 * a registered loopback address, problems are shown on an error page; after that they go back
 * to the app at its redirect URI, as Entra does. Only loopback redirect URIs are accepted: the
 * local cloud never sends a code anywhere but this machine.
 */
import type { Cloud } from '../cloud.js';
import { Aad, type EntraError } from '../errors.js';
import type { Ctx } from '../http.js';
import { parseScope } from '../scopes.js';
import { readOAuthForm } from './form.js';
import { allowedRedirect, rejectAuthorize } from './redirect.js';
import { startSignIn } from './signin.js';
import { resolveTenantSegment, tenantLabel } from './tenant.js';

export async function authorizeEndpoint(cloud: Cloud, ctx: Ctx, segment: string): Promise<void> {
  let params: URLSearchParams;
  if (ctx.method === 'GET' || ctx.method === 'HEAD') params = ctx.query;
  else if (ctx.method === 'POST') params = await readOAuthForm(cloud, ctx);
  else throw Aad.methodNotAllowed(ctx.method);

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
  // A public client cannot keep a secret, so only PKCE ties the code to the app that asked for
  // it; Entra demands it of SPAs, and the local cloud of every public client unless the seed opts out.
  if (p.code_challenge === undefined && app.publicClient && !app.allowNoPkce) return rejectAuthorize(cloud, ctx, p, Aad.pkceRequired());
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
