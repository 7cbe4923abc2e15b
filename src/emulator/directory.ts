/**
 * The seed turned into indexes the request handlers use: tenants by id and domain, users by
 * name and by per-tenant object id, apps and managed identities by id, and the subscriptions
 * each principal can see. Built once per start (or reset), so requests only do map lookups.
 */
import { X509Certificate, createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { CONSUMERS_TENANT_ID } from './constants.js';
import { guidFrom } from './generate-seed.js';
import type { Jwk } from './keys.js';
import { appRoleResourceKey } from './scopes.js';
import type { Seed, SeedApplication, SeedManagedIdentity, SeedSubscription, SeedTenant, SeedUser } from './seed-types.js';

export interface Tenant extends SeedTenant {
  defaultDomain: string;
}

export interface User extends SeedUser {
  /** Object id of this user per tenant they belong to (home and guest). */
  objectIdIn: Map<string, string>;
}

export interface Certificate {
  sha1: string; // hex, lowercase
  sha256: string;
  key: KeyObject;
}

export interface App extends SeedApplication {
  certs: Certificate[];
  /** The app roles granted to this app on a resource (empty when none), for the `roles` claim. */
  rolesFor(resource: string): string[] | undefined;
  /** Service principal object id per tenant where it has one (home, listed, or any for "*"). */
  objectIdIn(tenantId: string): string | undefined;
}

export interface ManagedIdentity extends SeedManagedIdentity {}

export interface Subscription extends SeedSubscription {
  /** The ARM representation, rendered once. */
  json: string;
}

export type TenantRef =
  /** `adfs`: reached through the AD FS-style authority, which answers in AD FS's shapes. */
  | { kind: 'tenant'; tenant: Tenant; adfs?: true }
  | { kind: 'common' | 'organizations' }
  | { kind: 'consumers' };

export class Directory {
  readonly tenants: Tenant[];
  private readonly tenantById = new Map<string, Tenant>();
  private readonly tenantByDomain = new Map<string, Tenant>();
  private readonly userByName = new Map<string, User>();
  private readonly userByObject = new Map<string, User>(); // `${tid}/${oid}`
  private readonly userByHomeId = new Map<string, User>();
  private readonly apps = new Map<string, App>();
  private readonly identities: ManagedIdentity[];
  private readonly issuerKeys = new Map<string, { kid?: string; key: KeyObject }[]>();
  /** Subscriptions a principal sees with a token of a tenant: `${principal}/${tid}`. */
  private readonly visible = new Map<string, Subscription[]>();
  private readonly subscriptionById = new Map<string, Subscription>();
  private readonly reachable = new Map<string, Set<string>>(); // subscription id → principal keys

  constructor(readonly seed: Seed) {
    this.tenants = seed.tenants.map((t) => ({ ...t, defaultDomain: t.domains[0] }));
    for (const t of this.tenants) {
      this.tenantById.set(t.id.toLowerCase(), t);
      for (const d of t.domains) this.tenantByDomain.set(d.toLowerCase(), t);
    }
    for (const u of seed.users) {
      const objectIdIn = new Map<string, string>([[u.homeTenantId.toLowerCase(), u.id]]);
      for (const g of u.guestOf ?? []) objectIdIn.set(g.tenantId.toLowerCase(), g.objectId);
      const user: User = { ...u, objectIdIn };
      this.userByName.set(u.userPrincipalName.toLowerCase(), user);
      this.userByHomeId.set(u.id.toLowerCase(), user);
      for (const [tid, oid] of objectIdIn) this.userByObject.set(`${tid}/${oid.toLowerCase()}`, user);
    }
    for (const a of seed.applications) {
      const tenants = new Set([a.homeTenantId, ...(a.tenants ?? [])].map((t) => t.toLowerCase()));
      const homeOid = a.servicePrincipalObjectId ?? guidFrom('sp', a.appId, a.homeTenantId.toLowerCase());
      const grants = new Map<string, string[]>();
      for (const g of a.appRoleGrants ?? []) {
        const key = appRoleResourceKey(g.resource);
        grants.set(key, [...new Set([...(grants.get(key) ?? []), ...g.roles])]);
      }
      const app: App = {
        ...a,
        rolesFor: (resource) => grants.get(appRoleResourceKey(resource)),
        certs: (a.certificates ?? []).map((c) => certificate(c.certificatePem)),
        objectIdIn: (tid) => {
          const t = tid.toLowerCase();
          if (!tenants.has(t) && !tenants.has('*')) return undefined;
          return t === a.homeTenantId.toLowerCase() ? homeOid : guidFrom('sp', a.appId, t);
        },
      };
      this.apps.set(a.appId.toLowerCase(), app);
    }
    this.identities = seed.managedIdentities ?? [];
    for (const i of seed.federatedIssuers ?? []) {
      this.issuerKeys.set(i.issuer, i.jwks.keys.map((k) => ({ kid: k.kid, key: createPublicKey({ key: k as Jwk & { kty: string }, format: 'jwk' } as never) })));
    }
    for (const s of seed.subscriptions) {
      const sub: Subscription = { ...s, json: JSON.stringify(armSubscription(s)) };
      this.subscriptionById.set(s.id.toLowerCase(), sub);
      const principals = new Set(s.principals.map((p) => p.toLowerCase()));
      this.reachable.set(s.id.toLowerCase(), principals);
      for (const p of principals) {
        for (const tid of [s.tenantId, ...(s.managedByTenants ?? [])]) {
          const key = `${p}/${tid.toLowerCase()}`;
          let list = this.visible.get(key);
          if (!list) this.visible.set(key, (list = []));
          if (!list.includes(sub)) list.push(sub);
        }
      }
    }
  }

  /** Resolves the tenant segment of an authority path: a tenant id, a domain, or a well-known alias. */
  resolveTenant(segment: string): TenantRef | undefined {
    const s = segment.toLowerCase();
    if (s === 'common' || s === 'organizations') return { kind: s };
    if (s === 'consumers' || s === CONSUMERS_TENANT_ID) return { kind: 'consumers' };
    const tenant = this.tenantById.get(s) ?? this.tenantByDomain.get(s);
    return tenant ? { kind: 'tenant', tenant } : undefined;
  }

  tenant(id: string): Tenant | undefined {
    return this.tenantById.get(id.toLowerCase());
  }

  tenantOfDomain(domain: string): Tenant | undefined {
    return this.tenantByDomain.get(domain.toLowerCase());
  }

  user(name: string): User | undefined {
    return this.userByName.get(name.toLowerCase());
  }

  /** A user by their home object id. */
  userById(id: string): User | undefined {
    return this.userByHomeId.get(id.toLowerCase());
  }

  userByObjectId(tenantId: string, objectId: string): User | undefined {
    return this.userByObject.get(`${tenantId.toLowerCase()}/${objectId.toLowerCase()}`);
  }

  app(appId: string): App | undefined {
    return this.apps.get(appId.toLowerCase());
  }

  managedIdentity(by: { clientId?: string; objectId?: string; resourceId?: string }): ManagedIdentity | undefined {
    if (by.clientId) return this.identities.find((i) => i.clientId.toLowerCase() === by.clientId!.toLowerCase());
    if (by.objectId) return this.identities.find((i) => i.objectId.toLowerCase() === by.objectId!.toLowerCase());
    if (by.resourceId) return this.identities.find((i) => i.resourceId.toLowerCase() === by.resourceId!.toLowerCase());
    return this.identities.find((i) => i.systemAssigned);
  }

  managedIdentityByObjectId(objectId: string): ManagedIdentity | undefined {
    return this.identities.find((i) => i.objectId.toLowerCase() === objectId.toLowerCase());
  }

  issuerKeysFor(issuer: string): { kid?: string; key: KeyObject }[] | undefined {
    return this.issuerKeys.get(issuer);
  }

  /** Tenants a user is a member or guest of, home first. */
  tenantsOfUser(user: User): Tenant[] {
    return [...user.objectIdIn.keys()].map((t) => this.tenantById.get(t)).filter((t): t is Tenant => !!t);
  }

  subscriptionsVisible(principal: string, tenantId: string): Subscription[] {
    return this.visible.get(`${principal.toLowerCase()}/${tenantId.toLowerCase()}`) ?? [];
  }

  subscription(id: string): Subscription | undefined {
    return this.subscriptionById.get(id.toLowerCase());
  }

  canReach(principal: string, subscriptionId: string): boolean {
    return this.reachable.get(subscriptionId.toLowerCase())?.has(principal.toLowerCase()) ?? false;
  }
}

function certificate(pem: string): Certificate {
  const cert = new X509Certificate(pem);
  return {
    sha1: createHash('sha1').update(cert.raw).digest('hex'),
    sha256: createHash('sha256').update(cert.raw).digest('hex'),
    key: cert.publicKey,
  };
}

function armSubscription(s: SeedSubscription): object {
  return {
    id: `/subscriptions/${s.id}`,
    authorizationSource: 'RoleBased',
    managedByTenants: (s.managedByTenants ?? []).map((tenantId) => ({ tenantId })),
    ...(s.tags ? { tags: s.tags } : {}),
    subscriptionId: s.id,
    tenantId: s.tenantId,
    displayName: s.displayName,
    state: s.state,
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: s.quotaId ?? 'PayAsYouGo_2014-09-01',
      spendingLimit: s.spendingLimit ?? 'Off',
    },
  };
}
