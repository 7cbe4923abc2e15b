/**
 * Reading the `scope` parameter the way the v2 endpoint does: OpenID scopes aside, every scope
 * is "<resource>/<permission>" (or a bare Microsoft Graph permission), all for one resource.
 * The resource becomes the token's audience; the permissions its `scp`; and the answer's
 * `scope` echoes what was asked, which is what clients cache the token under.
 */
import { GRAPH_RESOURCE } from './constants.js';
import { Aad } from './errors.js';

const OIDC = new Set(['openid', 'profile', 'offline_access', 'email']);

/** Hosts of Microsoft resources the local cloud issues tokens for (first-party APIs). */
const KNOWN_HOSTS = [
  'management.core.windows.net',
  'management.azure.com',
  'graph.microsoft.com',
  'graph.windows.net',
  'vault.azure.net',
  'storage.azure.com',
  'database.windows.net',
  'ossrdbms-aad.database.windows.net',
  'batch.core.windows.net',
  'datalake.azure.net',
  'api.loganalytics.io',
  'dev.azuresynapse.net',
  'attest.azure.net',
  'servicebus.azure.net',
  'eventhubs.azure.net',
  'cognitiveservices.azure.com',
  'region.asazure.windows.net',
  'api.applicationinsights.io',
  'monitor.azure.com',
  'managedhsm.azure.net',
  'aks.azure.com',
];

const DEFAULT_PERMISSIONS: Record<string, string[]> = {
  'graph.microsoft.com': ['User.Read'],
};

export interface ScopeRequest {
  /** The resource as the client named it; also the token audience. */
  resource: string;
  permissions: string[];
  isDefault: boolean;
  offlineAccess: boolean;
  openid: boolean;
  /** The `scp` claim. */
  scp: string;
  /** The `scope` of the token response. */
  responseScope: string;
}

export function resourceKey(resource: string): string {
  return resource.toLowerCase().replace(/\/+$/, '');
}

/** A resource as app role grants compare it: like resourceKey, and `api://{appId}` is the app `{appId}`. */
export function appRoleResourceKey(resource: string): string {
  return resourceKey(resource).replace(/^api:\/\//, '');
}

function hostOf(resource: string): string | undefined {
  try {
    const u = new URL(resource);
    return u.protocol === 'https:' ? u.hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

export function isKnownResource(resource: string, isApp: (id: string) => boolean): boolean {
  const host = hostOf(resource);
  if (host) return KNOWN_HOSTS.includes(host);
  const id = resource.replace(/^api:\/\//i, '').replace(/\/+$/, '');
  return isApp(id);
}

export function parseScope(raw: string | undefined, isApp: (id: string) => boolean, tenant: string): ScopeRequest {
  const parts = (raw ?? '').split(/\s+/).filter(Boolean);
  let resource: string | undefined;
  const permissions: string[] = [];
  const asked: string[] = [];
  for (const s of parts) {
    if (OIDC.has(s.toLowerCase())) continue;
    const slash = s.lastIndexOf('/');
    const [res, perm] = slash <= 0 ? [GRAPH_RESOURCE, s] : [s.slice(0, slash), s.slice(slash + 1)];
    if (!perm || !res) throw Aad.invalidScope(s);
    if (resource !== undefined && resourceKey(resource) !== resourceKey(res)) throw Aad.multipleResources();
    resource ??= res;
    if (!permissions.includes(perm)) {
      permissions.push(perm);
      asked.push(s);
    }
  }
  const lower = parts.map((p) => p.toLowerCase());
  const offlineAccess = lower.includes('offline_access');
  const openid = lower.includes('openid');
  if (resource === undefined) {
    // Only OpenID scopes: Entra answers with a Microsoft Graph token.
    return { resource: GRAPH_RESOURCE, permissions: [], isDefault: false, offlineAccess, openid, scp: 'openid profile email', responseScope: 'openid profile email' };
  }
  if (!isKnownResource(resource, isApp)) throw Aad.resourceNotFound(resource, tenant);
  const isDefault = permissions.some((p) => p.toLowerCase() === '.default');
  if (isDefault && permissions.length > 1) throw Aad.invalidScope(parts.join(' '));
  const host = hostOf(resource) ?? '';
  const granted = isDefault ? (DEFAULT_PERMISSIONS[host] ?? ['user_impersonation']) : permissions;
  // Clients cache the token under this echo, so it repeats each scope as it was asked.
  const echoed = isDefault ? [...granted.map((p) => `${resource}/${p}`), asked[0]] : asked;
  return { resource, permissions, isDefault, offlineAccess, openid, scp: granted.join(' '), responseScope: echoed.join(' ') };
}
