/**
 * Large seeds for load tests and benchmarks: N tenants × M subscriptions, with one user and one
 * service principal per tenant. Ids derive from the seed label and the position, so the same
 * options always give the same seed (a benchmark can be rerun against identical data).
 */
import { createHash } from 'node:crypto';
import { AZURE_CLI_CLIENT_ID, DEFAULT_CLIENT_ID } from './constants.js';
import type { Seed, SubscriptionState } from './seed-types.js';

export interface GenerateSeedOptions {
  tenants: number;
  subscriptionsPerTenant: number;
  /** Mixed into every id; seeds with different labels never share ids. Default "bench". */
  label?: string;
  /** Password of every generated user. */
  password?: string;
  /** Secret of every generated service principal. */
  clientSecret?: string;
  /** A user of tenant 0 who is also a guest in every other tenant (for cross-tenant listing). Default true. */
  globalGuest?: boolean;
}

export interface GeneratedSeedInfo {
  tenantIds: string[];
  users: { username: string; password: string; tenantId: string }[];
  servicePrincipals: { appId: string; secret: string; tenantId: string }[];
  /** The user in tenant 0 who is a guest everywhere, when requested. */
  globalGuest?: string;
}

export function guidFrom(...parts: (string | number)[]): string {
  const h = createHash('sha256').update(parts.join('/')).digest('hex');
  // Shaped as a version-4 GUID so strict validators accept it.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const STATES: SubscriptionState[] = ['Enabled', 'Enabled', 'Enabled', 'Enabled', 'Enabled', 'Enabled', 'Warned', 'PastDue', 'Disabled', 'Enabled'];

export function generateSeed(options: GenerateSeedOptions): Seed {
  return build(options).seed;
}

/** Who can sign in to a seed made by `generateSeed` with the same options, and with what. */
export function generatedSeedInfo(options: GenerateSeedOptions): GeneratedSeedInfo {
  return build(options).info;
}

function build(options: GenerateSeedOptions): { seed: Seed; info: GeneratedSeedInfo } {
  const { tenants: n, subscriptionsPerTenant: m } = options;
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new RangeError('tenants must be an integer from 1 to 10000');
  if (!Number.isInteger(m) || m < 0 || m > 10_000) throw new RangeError('subscriptionsPerTenant must be an integer from 0 to 10000');
  const label = options.label ?? 'bench';
  const password = options.password ?? 'Bench#LocalCloud1';
  const clientSecret = options.clientSecret ?? 'bench~secret.0123456789abcdefABCDEF';
  const withGuest = options.globalGuest ?? true;
  const seed: Seed = { version: 1, tenants: [], users: [], applications: [], subscriptions: [] };
  const info: GeneratedSeedInfo = { tenantIds: [], users: [], servicePrincipals: [] };
  const guestId = guidFrom(label, 'guest');
  if (withGuest) info.globalGuest = `guest@t0.${label}.example`;
  for (let t = 0; t < n; t++) {
    const tid = guidFrom(label, 'tenant', t);
    const domain = `t${t}.${label}.example`;
    seed.tenants.push({ id: tid, displayName: `Tenant ${t}`, domains: [domain, `t${t}.${label}.onmicrosoft.example`], countryCode: 'US' });
    const userId = guidFrom(label, 'user', t);
    const username = `user@${domain}`;
    seed.users.push({ id: userId, userPrincipalName: username, displayName: `User ${t}`, password, homeTenantId: tid });
    const appId = guidFrom(label, 'app', t);
    seed.applications.push({ appId, displayName: `sp-${t}`, homeTenantId: tid, secrets: [{ hint: 'gen', value: clientSecret }] });
    info.tenantIds.push(tid);
    info.users.push({ username, password, tenantId: tid });
    info.servicePrincipals.push({ appId, secret: clientSecret, tenantId: tid });
    for (let s = 0; s < m; s++) {
      const principals = [userId, appId, ...(withGuest ? [guestId] : [])];
      seed.subscriptions.push({ id: guidFrom(label, 'subscription', t, s), displayName: `Subscription ${t}-${s}`, tenantId: tid, state: STATES[s % STATES.length], principals });
    }
  }
  if (withGuest) {
    seed.users.push({
      id: guestId,
      userPrincipalName: info.globalGuest!,
      displayName: 'Guest Everywhere',
      password,
      homeTenantId: info.tenantIds[0],
      guestOf: info.tenantIds.slice(1).map((tenantId) => ({ tenantId, objectId: guidFrom(label, 'guest', tenantId) })),
    });
  }
  for (const [appId, name] of [[DEFAULT_CLIENT_ID, 'Microsoft Azure PowerShell'], [AZURE_CLI_CLIENT_ID, 'Microsoft Azure CLI']]) {
    seed.applications.push({ appId, displayName: name, publicClient: true, foci: true, redirectUris: ['http://localhost', `ms-appx-web://microsoft.aad.brokerplugin/${appId}`], homeTenantId: info.tenantIds[0], tenants: ['*'] });
  }
  return { seed, info };
}
