/**
 * get-access-token, get-subscription and get-tenant for a person (alice: home in Contoso, guest
 * in Fabrikam, and in Northwind, which demands MFA), through the real CLI against the local cloud.
 */
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { jwtClaims } from '../../src/credentials/credential.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';

jest.setTimeout(60_000);

const ARM_AUDIENCE = 'https://management.core.windows.net/';
const trimSlash = (s: unknown) => String(s).replace(/\/+$/, '');

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ settings: { deviceCodeIntervalSeconds: 1 } });
});
afterAll(async () => {
  await cloud?.dispose();
});

const tokenRequests = (since: number) => cloud.emu.requestLog(since).filter((e) => e.path.endsWith('/token'));
const lastSeq = () => cloud.emu.requestLog().at(-1)?.seq ?? 0;

test('before anyone signs in, each command says to run connect (exit 3)', async () => {
  for (const args of [['get-access-token'], ['get-subscription'], ['get-tenant']]) {
    const r = await cloud.run(args);
    expect(r.code).toBe(3);
    expect(r.json.error.code).toBe('SignInRequired');
    expect(r.json.error.message).toContain('myaccount connect');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }
});

test('alice signs in by device code', async () => {
  const r = await cloud.connectByDeviceCode(S.ALICE.username);
  expect(r.code).toBe(0);
  expect(r.json.Context.Subscription.Id).toBe(S.SUBSCRIPTIONS.production);
});

describe('get-access-token', () => {
  test('default: a Resource Manager token for the context tenant, in both Az and az shapes', async () => {
    const r = await cloud.run(['get-access-token']);
    expect(r.code).toBe(0);
    const t = r.json;
    const claims = jwtClaims(t.Token);
    expect(trimSlash(claims.aud)).toBe(trimSlash(ARM_AUDIENCE));
    expect(claims.tid).toBe(S.CONTOSO);
    expect(t).toMatchObject({ TenantId: S.CONTOSO, UserId: S.ALICE.username, Type: 'Bearer', tenant: S.CONTOSO, tokenType: 'Bearer', subscription: S.SUBSCRIPTIONS.production });
    expect(t.accessToken).toBe(t.Token);
    expect(t.ExpiresOn).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(t.expires_on).toBe(Math.floor(Date.parse(t.ExpiresOn) / 1000));
    // MSAL dates expiry from expires_in on its own clock, so it may differ from exp by a second.
    expect(Math.abs(t.expires_on - Number(claims.exp))).toBeLessThanOrEqual(2);
    expect(t.expiresOn).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/);
    // az's local-time text names the same instant.
    const [day, time] = t.expiresOn.split(' ');
    const [y, mo, d] = day.split('-').map(Number);
    const [h, mi, s] = time.split(':').map(Number);
    expect(Math.floor(new Date(y, mo - 1, d, h, mi, Math.floor(s)).getTime() / 1000)).toBe(t.expires_on);
    expect(Date.parse(t.ExpiresOn)).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(r.stderr).not.toContain(t.Token);
  });

  test.each([
    ['MSGraph', 'https://graph.microsoft.com'],
    ['KeyVault', 'https://vault.azure.net'],
    ['Storage', 'https://storage.azure.com'],
  ])('--resource-type-name %s gives a token for %s', async (name, audience) => {
    const r = await cloud.run(['get-access-token', '--resource-type-name', name]);
    expect(r.code).toBe(0);
    const claims = jwtClaims(r.json.Token);
    expect(trimSlash(claims.aud)).toBe(audience);
    expect(claims.tid).toBe(S.CONTOSO);
  });

  test('--resource-url takes any resource; --input-json with the alias Resource too', async () => {
    const r = await cloud.run(['get-access-token', '--resource-url', 'https://vault.azure.net']);
    expect(r.code).toBe(0);
    expect(trimSlash(jwtClaims(r.json.Token).aud)).toBe('https://vault.azure.net');
    const viaFlagAlias = await cloud.run(['get-access-token', '--resource', 'https://storage.azure.com/']);
    expect(viaFlagAlias.code).toBe(0);
    expect(trimSlash(jwtClaims(viaFlagAlias.json.Token).aud)).toBe('https://storage.azure.com');
  });

  test('--tenant-id gives a token from another tenant of the account, by id or by domain', async () => {
    for (const tenant of [S.FABRIKAM, 'FABRIKAM.example']) {
      const r = await cloud.run(['get-access-token', '--tenant-id', tenant]);
      expect(r.code).toBe(0);
      expect(jwtClaims(r.json.Token).tid).toBe(S.FABRIKAM);
      expect(r.json.TenantId).toBe(S.FABRIKAM);
      // az leaves out the subscription when the token is for another tenant.
      expect(r.json.subscription).toBeNull();
    }
  });

  test('a tenant that demands MFA fails with exit 3 and says to connect to it', async () => {
    const r = await cloud.run(['get-access-token', '--tenant-id', S.NORTHWIND]);
    expect(r.code).toBe(3);
    expect(r.json.error.code).toBe('MfaRequired');
    expect(r.json.error.message).toContain(`connect --tenant ${S.NORTHWIND}`);
  });

  test('from a warm cache, no request reaches the token endpoint', async () => {
    expect((await cloud.run(['get-access-token'])).code).toBe(0);
    const since = lastSeq();
    const again = await cloud.run(['get-access-token', '--resource-type-name', 'Arm']);
    expect(again.code).toBe(0);
    expect(tokenRequests(since)).toEqual([]);
  });

  test('--output table and tsv never show the token; --debug puts none on stderr', async () => {
    // Warm: answered from the cache without MSAL; cold (a resource never asked for): MSAL's own log.
    const json = await cloud.run(['get-access-token', '--debug']);
    expect(json.code).toBe(0);
    expect(json.stderr).toContain('Using the cached token');
    expect(json.stderr).not.toContain(json.json.Token);
    const cold = await cloud.run(['get-access-token', '--debug', '--resource-url', 'https://attest.azure.net']);
    expect(cold.code).toBe(0);
    expect(cold.stderr).toContain('MSAL');
    expect(cold.stderr).not.toContain(cold.json.Token);
    for (const format of ['table', 'tsv']) {
      const r = await cloud.run(['get-access-token', '--output', format]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(S.ALICE.username);
      expect(r.stdout).not.toMatch(/eyJ[\w-]+\./);
      expect(r.stdout).not.toContain(json.json.Token.slice(0, 40));
    }
  });

  test('--context-name uses another context; an unknown one is exit 1', async () => {
    const contexts = await cloud.run(['get-context', '--list-available']);
    const fabrikam = contexts.json.find((c: any) => c.Tenant.Id === S.FABRIKAM);
    const r = await cloud.run(['get-access-token', '--context-name', fabrikam.Name]);
    expect(r.code).toBe(0);
    expect(jwtClaims(r.json.Token).tid).toBe(S.FABRIKAM);
    expect(r.json.subscription).toBe(fabrikam.Subscription.Id);
    const missing = await cloud.run(['get-access-token', '--context-name', 'no such context']);
    expect(missing.code).toBe(1);
    expect(missing.json.error.code).toBe('ContextNotFound');
  });

  test('bad input is exit 2 and names the fix', async () => {
    const unknown = await cloud.run(['get-access-token', '--resource-type-name', 'Nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.json.error.message).toContain('MSGraph');
    const both = await cloud.run(['get-access-token', '--resource-type-name', 'Arm', '--resource-url', 'https://vault.azure.net']);
    expect(both.code).toBe(2);
    expect(both.json.error.code).toBe('ParameterSetConflict');
    const badTenant = await cloud.run(['get-access-token', '--tenant-id', 'not a tenant']);
    expect(badTenant.code).toBe(2);
  });
});

describe('get-subscription', () => {
  test('every tenant: Contoso and Fabrikam subscriptions, Northwind (MFA) in one warning', async () => {
    const r = await cloud.run(['get-subscription', '--events', 'jsonl']);
    expect(r.code).toBe(0);
    const ids = r.json.map((s: any) => s.Id);
    const contoso = r.json.filter((s: any) => s.TenantId === S.CONTOSO).map((s: any) => s.Id);
    expect(contoso).toEqual(expect.arrayContaining([S.SUBSCRIPTIONS.production, S.SUBSCRIPTIONS.development, S.SUBSCRIPTIONS.trial, S.SUBSCRIPTIONS.old]));
    expect(r.json.filter((s: any) => s.TenantId === S.FABRIKAM).map((s: any) => s.Id)).toContain(S.SUBSCRIPTIONS.fabrikamShared);
    expect(ids).not.toContain(S.SUBSCRIPTIONS.northwindProduction);
    // Tenants in order: every Contoso row before the first Fabrikam row.
    const tenantsInOrder = r.json.map((s: any) => s.TenantId).filter((t: string, i: number, all: string[]) => all.indexOf(t) === i);
    expect(tenantsInOrder).toEqual([S.CONTOSO, S.FABRIKAM]);
    const dev = r.json.find((s: any) => s.Id === S.SUBSCRIPTIONS.development && s.TenantId === S.CONTOSO);
    // Az's PSAzureSubscription, with what ARM sends (policies, authorization source, tags) kept.
    expect(dev).toEqual({
      Id: S.SUBSCRIPTIONS.development,
      SubscriptionId: S.SUBSCRIPTIONS.development,
      Name: 'Contoso Development',
      State: 'Enabled',
      TenantId: S.CONTOSO,
      HomeTenantId: S.CONTOSO,
      ManagedByTenantIds: [S.FABRIKAM],
      Tags: {},
      SubscriptionPolicies: { LocationPlacementId: 'Public_2014-09-01', QuotaId: 'PayAsYouGo_2014-09-01', SpendingLimit: 'Off' },
      AuthorizationSource: 'RoleBased',
    });
    expect(r.json.find((s: any) => s.Id === S.SUBSCRIPTIONS.production).Tags).toEqual({ environment: 'production' });
    expect(r.json.find((s: any) => s.Id === S.SUBSCRIPTIONS.trial).SubscriptionPolicies).toMatchObject({ QuotaId: 'FreeTrial_2014-09-01', SpendingLimit: 'On' });
    // (A plaintext-cache notice may come too; the tenant summary is one warning.)
    const warnings = r.stderr.split('\n').filter((l) => l.includes('"warning"') && l.includes('tenant'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(S.NORTHWIND);
    expect(warnings[0]).toContain('multi-factor');
    expect(warnings[0]).toContain('1 of 3 tenants');
  });

  test('--subscription-id: a direct GET in each tenant, no list', async () => {
    const since = lastSeq();
    const r = await cloud.run(['get-subscription', '--subscription-id', S.SUBSCRIPTIONS.fabrikamShared]);
    expect(r.code).toBe(0);
    expect(r.json).toEqual([expect.objectContaining({ Id: S.SUBSCRIPTIONS.fabrikamShared, Name: 'Fabrikam Shared', TenantId: S.FABRIKAM })]);
    const arm = cloud.emu.requestLog(since).filter((e) => e.path.startsWith('/subscriptions'));
    expect(arm.length).toBeGreaterThan(0);
    expect(arm.every((e) => e.path === `/subscriptions/${S.SUBSCRIPTIONS.fabrikamShared}`)).toBe(true);
  });

  test('--subscription-name matches ignoring case', async () => {
    const r = await cloud.run(['get-subscription', '--subscription-name', 'contoso PRODUCTION']);
    expect(r.code).toBe(0);
    expect(r.json.map((s: any) => s.Id)).toEqual([S.SUBSCRIPTIONS.production]);
  });

  test('an unknown id or name is exit 1 ObjectNotFound', async () => {
    const id = await cloud.run(['get-subscription', '--subscription-id', '99999999-9999-4999-8999-999999999999']);
    expect(id.code).toBe(1);
    expect(id.json.error).toMatchObject({ code: 'SubscriptionIdNotFound', category: 'ObjectNotFound' });
    expect(id.json.error.message).toContain('99999999-9999-4999-8999-999999999999');
    const name = await cloud.run(['get-subscription', '--subscription-name', 'No Such Subscription']);
    expect(name.code).toBe(1);
    expect(name.json.error).toMatchObject({ code: 'SubscriptionNameNotFound', category: 'ObjectNotFound' });
  });

  test('--tenant-id lists one tenant; an MFA tenant named outright is exit 3', async () => {
    const r = await cloud.run(['get-subscription', '--tenant-id', S.FABRIKAM]);
    expect(r.code).toBe(0);
    expect(r.json.length).toBeGreaterThan(0);
    expect(r.json.every((s: any) => s.TenantId === S.FABRIKAM)).toBe(true);
    expect(r.json.map((s: any) => s.Id)).toContain(S.SUBSCRIPTIONS.fabrikamShared);
    const byDomain = await cloud.run(['get-subscription', '--tenant-id', 'contoso.example', '--subscription-name', 'Contoso Trial']);
    expect(byDomain.code).toBe(0);
    expect(byDomain.json).toEqual([expect.objectContaining({ Id: S.SUBSCRIPTIONS.trial, State: 'Warned', TenantId: S.CONTOSO })]);
    const mfa = await cloud.run(['get-subscription', '--tenant-id', S.NORTHWIND]);
    expect(mfa.code).toBe(3);
    expect(mfa.json.error.message).toContain(`connect --tenant ${S.NORTHWIND}`);
  });

  test('--output table lists names and ids', async () => {
    const r = await cloud.run(['get-subscription', '--output', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^Name\s+Id\s+TenantId\s+State$/);
    expect(r.stdout).toContain('Contoso Production');
  });

  test('bad input is exit 2', async () => {
    expect((await cloud.run(['get-subscription', '--subscription-id', 'not-a-guid'])).code).toBe(2);
    const both = await cloud.run(['get-subscription', '--subscription-id', S.SUBSCRIPTIONS.production, '--subscription-name', 'x']);
    expect(both.code).toBe(2);
    expect(both.json.error.code).toBe('ParameterSetConflict');
  });
});

describe('get-tenant', () => {
  test('every tenant of the account, sorted by display name', async () => {
    const r = await cloud.run(['get-tenant']);
    expect(r.code).toBe(0);
    expect(r.json.map((t: any) => t.Name)).toEqual(['Contoso', 'Fabrikam', 'Northwind Traders']);
    // Az's PSAzureTenant, with the tenant type ARM sends.
    expect(r.json[0]).toEqual({
      Id: S.CONTOSO,
      TenantId: S.CONTOSO,
      Name: 'Contoso',
      DefaultDomain: expect.any(String),
      Domains: ['contoso.example', 'contoso.onmicrosoft.example'],
      TenantCategory: 'Home',
      TenantType: 'AAD',
      CountryCode: 'US',
    });
  });

  test('by id, by any domain ignoring case, positionally or with --domain', async () => {
    const byId = await cloud.run(['get-tenant', '--tenant-id', S.NORTHWIND.toUpperCase()]);
    expect(byId.code).toBe(0);
    expect(byId.json.map((t: any) => t.Id)).toEqual([S.NORTHWIND]);
    const positional = await cloud.run(['get-tenant', 'FABRIKAM.onmicrosoft.example']);
    expect(positional.code).toBe(0);
    expect(positional.json.map((t: any) => t.Id)).toEqual([S.FABRIKAM]);
    const alias = await cloud.run(['get-tenant', '--domain', 'contoso.example']);
    expect(alias.json.map((t: any) => t.Id)).toEqual([S.CONTOSO]);
  });

  test('an unknown tenant is exit 1 ObjectNotFound; a malformed one exit 2', async () => {
    const r = await cloud.run(['get-tenant', 'nowhere.example']);
    expect(r.code).toBe(1);
    expect(r.json.error).toMatchObject({ code: 'TenantNotFound', category: 'ObjectNotFound', target: 'TenantId' });
    expect((await cloud.run(['get-tenant', 'no/such'])).code).toBe(2);
  });

  test('--output table', async () => {
    const r = await cloud.run(['get-tenant', '--output', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^Id\s+Name\s+DefaultDomain\s+TenantCategory$/);
    expect(r.stdout).toContain('Northwind Traders');
  });
});
