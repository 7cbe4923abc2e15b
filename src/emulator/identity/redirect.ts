/**
 * Answering an app at its redirect URI: which redirect URIs are acceptable (registered loopback
 * addresses only, so a code never leaves this machine), and handing back a code or an error in
 * the response mode the app asked for. Shared by the authorize endpoint and the sign-in pages.
 */
import type { Cloud } from '../cloud.js';
import type { App, Tenant, User } from '../directory.js';
import { entraBody, type EntraError } from '../errors.js';
import { sendHtml, type Ctx } from '../http.js';
import { formPostPage } from '../pages.js';
import { clientInfo } from '../tokens.js';

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
