/**
 * Which handler answers a path, which fault group it belongs to, and in which shape its errors
 * are written. A plain function over path segments: cheap on the hot paths and easy to read.
 */
import type { Cloud } from './cloud.js';
import { armRoute } from './arm.js';
import { Aad } from './errors.js';
import type { FaultGroup } from './faults.js';
import { sendHtml, type Ctx, type ErrorShape } from './http.js';
import { authorizeEndpoint } from './identity/authorize.js';
import { deviceCodeEndpoint, deviceLoginPage } from './identity/device.js';
import { instanceDiscovery, keys, openIdConfigurationV1, openIdConfigurationV2, userRealm } from './identity/discovery.js';
import { appServiceToken, imdsToken } from './identity/managed-identity.js';
import { loginPost } from './identity/signin.js';
import { tokenEndpoint } from './identity/token.js';
import { messagePage } from './pages.js';
import { allowedRedirect } from './identity/redirect.js';

export interface Route {
  group?: Exclude<FaultGroup, 'all'>;
  shape: ErrorShape;
  /** Special routes the server answers itself. */
  special?: 'admin' | 'info' | 'index' | 'errorPage';
  run?: (cloud: Cloud, ctx: Ctx) => void | Promise<void>;
}

const notFound: Route = {
  group: 'identity',
  shape: 'entra',
  run: (_c, ctx) => {
    throw Aad.notFound(ctx.path.slice(0, 200));
  },
};

/** One object for every ARM request: a route is only read. */
const ARM: Route = { group: 'arm', shape: 'arm', run: armRoute };

export function route(segments: readonly string[]): Route {
  const [a, b, c, d, e] = segments;
  const n = segments.length;
  switch (a) {
    case undefined:
      return { shape: 'page', special: 'index' };
    case '_admin':
      return { shape: 'admin', special: 'admin' };
    case '.well-known':
      return b === 'local-cloud' && n === 2 ? { shape: 'admin', special: 'info' } : notFound;
    case 'error':
      return n === 1 ? { shape: 'page', special: 'errorPage' } : notFound;
    case 'metadata':
      if (b === 'identity' && c === 'oauth2' && d === 'token' && n === 4) return { group: 'managedIdentity', shape: 'entra', run: imdsToken };
      return ARM;
    case 'msi':
      return b === 'token' && n === 2 ? { group: 'managedIdentity', shape: 'entra', run: appServiceToken } : notFound;
    case 'tenants':
    case 'subscriptions':
      return ARM;
    case 'devicelogin':
      return n === 1 ? { group: 'identity', shape: 'page', run: deviceLoginPage } : notFound;
    case 'discovery':
      return b === 'keys' && n === 2 ? { group: 'identity', shape: 'entra', run: keys } : notFound;
  }
  // Everything else starts with a tenant segment: /{tenant}/...
  const t = a;
  if (b === 'v2.0' && c === '.well-known' && d === 'openid-configuration' && n === 4) return { group: 'identity', shape: 'entra', run: (cl, ctx) => openIdConfigurationV2(cl, ctx, t) };
  if (b === '.well-known' && c === 'openid-configuration' && n === 3) return { group: 'identity', shape: 'entra', run: (cl, ctx) => openIdConfigurationV1(cl, ctx, t) };
  if (b === 'discovery') {
    if (c === 'instance' && n === 3) return { group: 'identity', shape: 'entra', run: instanceDiscovery };
    if ((c === 'keys' && n === 3) || (c === 'v2.0' && d === 'keys' && n === 4)) return { group: 'identity', shape: 'entra', run: keys };
  }
  if (b === 'oauth2') {
    const v2 = c === 'v2.0';
    const op = v2 ? d : c;
    if (n !== (v2 ? 4 : 3)) return notFound;
    switch (op) {
      case 'token':
        return { group: 'token', shape: 'entra', run: (cl, ctx) => tokenEndpoint(cl, ctx, t, v2 ? 'v2' : 'v1') };
      case 'devicecode':
        return { group: 'identity', shape: 'entra', run: (cl, ctx) => deviceCodeEndpoint(cl, ctx, t) };
      case 'authorize':
        return { group: 'identity', shape: 'page', run: (cl, ctx) => authorizeEndpoint(cl, ctx, t) };
      case 'logout':
        return { group: 'identity', shape: 'page', run: logout };
      case 'deviceauth':
        return { group: 'identity', shape: 'page', run: deviceLoginPage };
    }
    return notFound;
  }
  if (b === 'login' && n === 2) return { group: 'identity', shape: 'page', run: (cl, ctx) => loginPost(cl, ctx, t) };
  if (b === 'userrealm' && (n === 3 || n === 2)) return { group: 'identity', shape: 'entra', run: (cl, ctx) => userRealm(cl, ctx, e ?? c ?? ctx.query.get('user') ?? '') };
  return notFound;
}

/** The local cloud keeps no sign-in session, so signing out only has to say so (and return loopback apps home). */
function logout(cloud: Cloud, ctx: Ctx): void {
  const back = ctx.query.get('post_logout_redirect_uri');
  const clientId = ctx.query.get('client_id');
  const app = clientId ? cloud.directory.app(clientId) : undefined;
  if (back && app && allowedRedirect(app, back)) {
    ctx.res.writeHead(302, { Location: back, 'Content-Length': '0' });
    ctx.res.end();
    return;
  }
  const page = messagePage('You signed out of your account', "It's a good idea to close all browser windows.");
  sendHtml(ctx, 200, page.html, page.headers);
}
