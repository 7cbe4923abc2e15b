/**
 * The seed the local cloud starts with when none is given: three tenants, a handful of people
 * who exercise the interesting paths (a guest in two tenants who needs MFA in one of them, a
 * user with no subscriptions), Microsoft's two public clients, one service principal per kind
 * of credential, two managed identities, and subscriptions in every state.
 */
import { AZURE_CLI_CLIENT_ID, DEFAULT_CLIENT_ID } from './constants.js';
import { CI_CERTIFICATE_PEM, FEDERATED_AUDIENCE, FEDERATED_ISSUER, FEDERATED_ISSUER_JWK, FEDERATED_SUBJECT } from './default-seed-keys.js';
import type { Seed } from './seed-types.js';

export const CONTOSO = 'aaaaaaaa-0000-4000-8000-000000000001';
export const FABRIKAM = 'bbbbbbbb-0000-4000-8000-000000000002';
export const NORTHWIND = 'cccccccc-0000-4000-8000-000000000003';

export const ALICE = { id: 'a11ce000-0000-4000-8000-000000000001', username: 'alice@contoso.example', password: 'Alice#LocalCloud1' };
export const BOB = { id: 'b0b00000-0000-4000-8000-000000000002', username: 'bob@fabrikam.example', password: 'Bob#LocalCloud1' };
export const CAROL = { id: 'ca201000-0000-4000-8000-000000000003', username: 'carol@northwind.example', password: 'Carol#LocalCloud1' };

export const CI_SECRET_APP = { appId: '5ec2e700-0000-4000-8000-00000000000a', secret: 'local-cloud~ci-secret.0123456789abcdefABCDEF', expiredSecret: 'local-cloud~expired.0123456789abcdefABCDEF' };
export const CI_CERTIFICATE_APP = { appId: 'c3200000-0000-4000-8000-00000000000b' };
export const CI_FEDERATED_APP = { appId: 'fed00000-0000-4000-8000-00000000000c' };

export const SYSTEM_IDENTITY = { clientId: '5a5a0000-0000-4000-8000-0000000000d1', objectId: '5a5a0000-0000-4000-8000-0000000000d2' };
export const USER_IDENTITY = { clientId: '0a5a0000-0000-4000-8000-0000000000e1', objectId: '0a5a0000-0000-4000-8000-0000000000e2' };

export const SUBSCRIPTIONS = {
  production: '11111111-1111-4111-8111-111111111111',
  development: '22222222-2222-4222-8222-222222222222',
  fabrikamShared: '33333333-3333-4333-8333-333333333333',
  old: '44444444-4444-4444-8444-444444444444',
  trial: '55555555-5555-4555-8555-555555555555',
  northwindProduction: '66666666-6666-4666-8666-666666666666',
  northwindLegacy: '77777777-7777-4777-8777-777777777777',
} as const;

const loopback = (clientId: string) => ['http://localhost', `ms-appx-web://microsoft.aad.brokerplugin/${clientId}`];
const rg = (sub: string, group: string, provider: string) => `/subscriptions/${sub}/resourceGroups/${group}/providers/${provider}`;

export const DEFAULT_SEED: Seed = {
  version: 1,
  tenants: [
    { id: CONTOSO, displayName: 'Contoso', domains: ['contoso.example', 'contoso.onmicrosoft.example'], countryCode: 'US' },
    { id: FABRIKAM, displayName: 'Fabrikam', domains: ['fabrikam.example', 'fabrikam.onmicrosoft.example'], countryCode: 'GB' },
    { id: NORTHWIND, displayName: 'Northwind Traders', domains: ['northwind.example', 'northwind.onmicrosoft.example'], countryCode: 'DE' },
  ],
  users: [
    {
      id: ALICE.id,
      userPrincipalName: ALICE.username,
      displayName: 'Alice Smith',
      password: ALICE.password,
      homeTenantId: CONTOSO,
      guestOf: [
        { tenantId: FABRIKAM, objectId: 'a11ce000-0000-4000-8000-0000000000b2' },
        { tenantId: NORTHWIND, objectId: 'a11ce000-0000-4000-8000-0000000000c3' },
      ],
      mfaRequiredIn: [NORTHWIND],
    },
    { id: BOB.id, userPrincipalName: BOB.username, displayName: 'Bob Jones', password: BOB.password, homeTenantId: FABRIKAM },
    { id: CAROL.id, userPrincipalName: CAROL.username, displayName: 'Carol Lee', password: CAROL.password, homeTenantId: NORTHWIND },
  ],
  applications: [
    { appId: DEFAULT_CLIENT_ID, displayName: 'Microsoft Azure PowerShell', publicClient: true, foci: true, redirectUris: loopback(DEFAULT_CLIENT_ID), homeTenantId: CONTOSO, tenants: ['*'] },
    { appId: AZURE_CLI_CLIENT_ID, displayName: 'Microsoft Azure CLI', publicClient: true, foci: true, redirectUris: loopback(AZURE_CLI_CLIENT_ID), homeTenantId: CONTOSO, tenants: ['*'] },
    {
      appId: CI_SECRET_APP.appId,
      displayName: 'ci-secret',
      homeTenantId: CONTOSO,
      secrets: [
        { hint: 'loc', value: CI_SECRET_APP.secret, expiresOn: '2099-12-31T00:00:00Z' },
        { hint: 'exp', value: CI_SECRET_APP.expiredSecret, expiresOn: '2020-01-01T00:00:00Z' },
      ],
      // Its own API defines Deployer and it holds it; on Graph it may read applications. ARM
      // tokens carry no roles: Resource Manager defines none.
      appRoles: ['Deployer'],
      appRoleGrants: [
        { resource: `api://${CI_SECRET_APP.appId}`, roles: ['Deployer'] },
        { resource: 'https://graph.microsoft.com', roles: ['Application.Read.All'] },
      ],
    },
    { appId: CI_CERTIFICATE_APP.appId, displayName: 'ci-certificate', homeTenantId: CONTOSO, certificates: [{ certificatePem: CI_CERTIFICATE_PEM }] },
    {
      appId: CI_FEDERATED_APP.appId,
      displayName: 'ci-federated',
      homeTenantId: CONTOSO,
      federatedCredentials: [{ name: 'main-branch', issuer: FEDERATED_ISSUER, subject: FEDERATED_SUBJECT, audiences: [FEDERATED_AUDIENCE] }],
    },
  ],
  managedIdentities: [
    {
      clientId: SYSTEM_IDENTITY.clientId,
      objectId: SYSTEM_IDENTITY.objectId,
      tenantId: CONTOSO,
      displayName: 'vm-contoso-build',
      resourceId: rg(SUBSCRIPTIONS.production, 'build', 'Microsoft.Compute/virtualMachines/vm-contoso-build'),
      systemAssigned: true,
    },
    {
      clientId: USER_IDENTITY.clientId,
      objectId: USER_IDENTITY.objectId,
      tenantId: CONTOSO,
      displayName: 'uami-deploy',
      resourceId: rg(SUBSCRIPTIONS.production, 'identity', 'Microsoft.ManagedIdentity/userAssignedIdentities/uami-deploy'),
    },
  ],
  federatedIssuers: [{ issuer: FEDERATED_ISSUER, jwks: { keys: [FEDERATED_ISSUER_JWK] } }],
  subscriptions: [
    {
      id: SUBSCRIPTIONS.production,
      displayName: 'Contoso Production',
      tenantId: CONTOSO,
      state: 'Enabled',
      principals: [ALICE.id, CI_SECRET_APP.appId, CI_CERTIFICATE_APP.appId, CI_FEDERATED_APP.appId, SYSTEM_IDENTITY.clientId, USER_IDENTITY.clientId],
      tags: { environment: 'production' },
    },
    { id: SUBSCRIPTIONS.development, displayName: 'Contoso Development', tenantId: CONTOSO, state: 'Enabled', managedByTenants: [FABRIKAM], principals: [ALICE.id, BOB.id, CI_SECRET_APP.appId] },
    { id: SUBSCRIPTIONS.trial, displayName: 'Contoso Trial', tenantId: CONTOSO, state: 'Warned', quotaId: 'FreeTrial_2014-09-01', spendingLimit: 'On', principals: [ALICE.id] },
    { id: SUBSCRIPTIONS.old, displayName: 'Contoso Old', tenantId: CONTOSO, state: 'Disabled', principals: [ALICE.id] },
    { id: SUBSCRIPTIONS.fabrikamShared, displayName: 'Fabrikam Shared', tenantId: FABRIKAM, state: 'Enabled', principals: [ALICE.id, BOB.id] },
    { id: SUBSCRIPTIONS.northwindProduction, displayName: 'Northwind Production', tenantId: NORTHWIND, state: 'Enabled', principals: [ALICE.id] },
    { id: SUBSCRIPTIONS.northwindLegacy, displayName: 'Northwind Legacy', tenantId: NORTHWIND, state: 'PastDue', managedByTenants: [CONTOSO], principals: [ALICE.id] },
  ],
};
