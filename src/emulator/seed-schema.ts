/**
 * The JSON Schema of a seed file, and loading a seed: schema first (ajv), then the references
 * between objects (a user's home tenant must exist, ids must be unique, ...), so a mistake in a
 * hand-written seed is reported by path instead of surfacing later as a puzzling sign-in error.
 */
import { readFileSync } from 'node:fs';
import { ARM_AUDIENCES, GUID_PATTERN } from './constants.js';
import { checkFaultConfig } from './faults.js';
import { appRoleResourceKey } from './scopes.js';
import type { Seed, SeedAppRoleGrant } from './seed-types.js';
import { seedValidator } from './seed-validator.js';

const guid = { type: 'string', pattern: GUID_PATTERN };
const guids = { type: 'array', items: guid };
const text = { type: 'string', minLength: 1, maxLength: 256 };
const positive = { type: 'integer', minimum: 1, maximum: 10 * 365 * 86_400 };

const faultRule = {
  type: 'object',
  additionalProperties: false,
  properties: {
    latencyMs: { type: 'number', minimum: 0, maximum: 120_000 },
    jitterMs: { type: 'number', minimum: 0, maximum: 120_000 },
    rate429: { type: 'number', minimum: 0, maximum: 1 },
    retryAfterSeconds: { type: 'number', minimum: 0, maximum: 3600 },
    rate500: { type: 'number', minimum: 0, maximum: 1 },
    rate503: { type: 'number', minimum: 0, maximum: 1 },
    dropRate: { type: 'number', minimum: 0, maximum: 1 },
  },
};

export const SEED_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://myaccount.local/schemas/emulator-seed.json',
  title: 'MyAccount local cloud seed',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'tenants', 'users', 'applications', 'subscriptions'],
  properties: {
    $schema: { type: 'string' },
    version: { const: 1 },
    settings: {
      type: 'object',
      additionalProperties: false,
      properties: {
        accessTokenLifetimeSeconds: positive,
        refreshTokenLifetimeSeconds: positive,
        authCodeLifetimeSeconds: positive,
        deviceCodeLifetimeSeconds: positive,
        deviceCodeIntervalSeconds: { type: 'integer', minimum: 0, maximum: 60 },
        managedIdentityHeader: text,
      },
    },
    faults: {
      type: 'object',
      additionalProperties: false,
      properties: { seed: { type: 'integer' }, all: faultRule, identity: faultRule, token: faultRule, managedIdentity: faultRule, arm: faultRule },
    },
    tenants: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'displayName', 'domains'],
        properties: {
          id: guid,
          displayName: text,
          domains: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$', maxLength: 253 } },
          countryCode: { type: 'string', pattern: '^[A-Z]{2}$' },
        },
      },
    },
    users: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'userPrincipalName', 'displayName', 'password', 'homeTenantId'],
        properties: {
          id: guid,
          userPrincipalName: { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+$', maxLength: 256 },
          displayName: text,
          password: text,
          homeTenantId: guid,
          guestOf: {
            type: 'array',
            items: { type: 'object', additionalProperties: false, required: ['tenantId', 'objectId'], properties: { tenantId: guid, objectId: guid } },
          },
          mfaRequiredIn: guids,
          enabled: { type: 'boolean' },
        },
      },
    },
    applications: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['appId', 'displayName', 'homeTenantId'],
        properties: {
          appId: guid,
          displayName: text,
          publicClient: { type: 'boolean' },
          allowNoPkce: { type: 'boolean' },
          foci: { type: 'boolean' },
          redirectUris: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 512 } },
          homeTenantId: guid,
          tenants: { type: 'array', items: { anyOf: [guid, { const: '*' }] } },
          servicePrincipalObjectId: guid,
          secrets: {
            type: 'array',
            items: { type: 'object', additionalProperties: false, required: ['value'], properties: { hint: text, value: text, expiresOn: { type: 'string', minLength: 10 } } },
          },
          certificates: {
            type: 'array',
            items: { type: 'object', additionalProperties: false, required: ['certificatePem'], properties: { certificatePem: { type: 'string', pattern: '-----BEGIN CERTIFICATE-----' } } },
          },
          federatedCredentials: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'issuer', 'subject', 'audiences'],
              properties: { name: text, issuer: text, subject: text, audiences: { type: 'array', minItems: 1, items: text } },
            },
          },
          appRoles: { type: 'array', items: text },
          appRoleGrants: {
            type: 'array',
            items: { type: 'object', additionalProperties: false, required: ['resource', 'roles'], properties: { resource: text, roles: { type: 'array', minItems: 1, items: text } } },
          },
        },
      },
    },
    managedIdentities: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['clientId', 'objectId', 'tenantId', 'displayName', 'resourceId'],
        properties: { clientId: guid, objectId: guid, tenantId: guid, displayName: text, resourceId: { type: 'string', pattern: '^/subscriptions/' }, systemAssigned: { type: 'boolean' } },
      },
    },
    federatedIssuers: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['issuer', 'jwks'],
        properties: {
          issuer: text,
          jwks: {
            type: 'object',
            required: ['keys'],
            properties: { keys: { type: 'array', minItems: 1, items: { type: 'object', required: ['kty'], properties: { kty: { enum: ['RSA', 'EC'] }, kid: { type: 'string' } } } } },
          },
        },
      },
    },
    subscriptions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'displayName', 'tenantId', 'state', 'principals'],
        properties: {
          id: guid,
          displayName: text,
          tenantId: guid,
          state: { enum: ['Enabled', 'Warned', 'PastDue', 'Disabled', 'Deleted'] },
          managedByTenants: guids,
          principals: guids,
          quotaId: text,
          spendingLimit: { enum: ['On', 'Off', 'CurrentPeriodOff'] },
          tags: { type: 'object', additionalProperties: { type: 'string', maxLength: 256 } },
        },
      },
    },
  },
} as const;

export class SeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedError';
  }
}

/** Checks a seed against the schema and its internal references; throws SeedError naming the first problem. */
export function validateSeed(value: unknown, source = 'seed'): Seed {
  const compiled = seedValidator(SEED_SCHEMA);
  if (!compiled(value)) {
    const e = compiled.errors?.[0];
    const where = e?.instancePath || '/';
    const unknown = e?.keyword === 'additionalProperties' ? String(e.params.additionalProperty) : undefined;
    let detail = unknown !== undefined ? `has an unknown property "${unknown}"` : (e?.message ?? 'is not valid');
    // Older seeds gave an app one list of roles for every resource; say what replaced it.
    if (unknown === 'roles' && /^\/applications\/\d+$/.test(where)) detail += ': app roles are granted per resource now, as appRoleGrants [{ "resource": "...", "roles": [...] }]';
    throw new SeedError(`${source}: ${where} ${detail}`);
  }
  const seed = value as Seed;
  checkReferences(seed, source);
  return seed;
}

export function loadSeedFile(path: string): Seed {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new SeedError(`${path}: cannot read the seed (${(e as Error).message})`);
  }
  return validateSeed(parsed, path);
}

function checkReferences(seed: Seed, source: string): void {
  const fail = (msg: string): never => {
    throw new SeedError(`${source}: ${msg}`);
  };
  const unique = (label: string, values: string[]) => {
    const seen = new Set<string>();
    for (const v of values.map((x) => x.toLowerCase())) {
      if (seen.has(v)) fail(`${label} "${v}" appears more than once`);
      seen.add(v);
    }
  };
  const tenants = new Set(seed.tenants.map((t) => t.id.toLowerCase()));
  unique('tenant id', seed.tenants.map((t) => t.id));
  unique('domain', seed.tenants.flatMap((t) => t.domains));
  unique('user id', seed.users.map((u) => u.id));
  unique('userPrincipalName', seed.users.map((u) => u.userPrincipalName));
  unique('appId', [...seed.applications.map((a) => a.appId), ...(seed.managedIdentities ?? []).map((m) => m.clientId)]);
  unique('subscription id', seed.subscriptions.map((s) => s.id));
  const tenant = (id: string, where: string) => {
    if (!tenants.has(id.toLowerCase())) fail(`${where} names tenant ${id}, which is not in tenants`);
  };
  for (const u of seed.users) {
    tenant(u.homeTenantId, `user ${u.userPrincipalName}`);
    for (const g of u.guestOf ?? []) tenant(g.tenantId, `user ${u.userPrincipalName} (guestOf)`);
    for (const t of u.mfaRequiredIn ?? []) tenant(t, `user ${u.userPrincipalName} (mfaRequiredIn)`);
  }
  const issuers = new Set((seed.federatedIssuers ?? []).map((i) => i.issuer));
  for (const a of seed.applications) {
    tenant(a.homeTenantId, `application ${a.appId}`);
    for (const t of a.tenants ?? []) if (t !== '*') tenant(t, `application ${a.appId} (tenants)`);
    for (const f of a.federatedCredentials ?? []) {
      if (!issuers.has(f.issuer)) fail(`application ${a.appId} trusts issuer ${f.issuer}, which is not in federatedIssuers`);
    }
    for (const s of a.secrets ?? []) if (s.expiresOn && Number.isNaN(Date.parse(s.expiresOn))) fail(`application ${a.appId} has a secret whose expiresOn is not a date`);
    for (const g of a.appRoleGrants ?? []) checkRoleGrant(seed, a.appId, g, fail);
  }
  const mis = seed.managedIdentities ?? [];
  for (const m of mis) tenant(m.tenantId, `managed identity ${m.clientId}`);
  if (mis.filter((m) => m.systemAssigned).length > 1) fail('at most one managed identity can be systemAssigned');
  const principals = new Set([...seed.users.map((u) => u.id), ...seed.applications.map((a) => a.appId), ...mis.map((m) => m.clientId)].map((x) => x.toLowerCase()));
  for (const s of seed.subscriptions) {
    tenant(s.tenantId, `subscription ${s.id}`);
    for (const t of s.managedByTenants ?? []) tenant(t, `subscription ${s.id} (managedByTenants)`);
    for (const p of s.principals) if (!principals.has(p.toLowerCase())) fail(`subscription ${s.id} names principal ${p}, which is no user id, appId or managed identity clientId`);
  }
  if (seed.faults) {
    const problem = checkFaultConfig(seed.faults);
    if (problem) fail(problem);
  }
}

/**
 * A grant must name roles its resource defines: Resource Manager defines none (it authorizes by
 * RBAC, not app roles), and a resource app of the seed defines its `appRoles`. Other Microsoft
 * APIs are not in the seed, so their role names are taken as written.
 */
function checkRoleGrant(seed: Seed, appId: string, grant: SeedAppRoleGrant, fail: (msg: string) => never): void {
  const key = appRoleResourceKey(grant.resource);
  if (ARM_AUDIENCES.some((a) => appRoleResourceKey(a) === key)) fail(`application ${appId} is granted roles on ${grant.resource}, but Azure Resource Manager defines no app roles (it uses role assignments)`);
  const resourceApp = seed.applications.find((r) => r.appId.toLowerCase() === key);
  if (resourceApp) {
    const defined = new Set(resourceApp.appRoles ?? []);
    for (const role of grant.roles) if (!defined.has(role)) fail(`application ${appId} is granted role "${role}" of ${grant.resource}, which that application does not define in appRoles`);
  } else if (!/^https:\/\//i.test(grant.resource)) {
    fail(`application ${appId} is granted roles on ${grant.resource}, which is neither an https resource URI nor an appId of the seed`);
  }
}
