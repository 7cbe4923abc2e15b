/**
 * connect's options through the real CLI (signing in by password, the quickest non-interactive
 * way for a person): a guest across tenants, the MFA tenant in the summary, --tenant by id or
 * domain, --subscription by name or id, DefaultSubscriptionForLogin, disabled subscriptions, a
 * user with none, --scope Process, context population limits, --context-name and --force, and
 * conflicting options. Failures must leave the stored profile as it was.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { events, lastRequest, storedProfile, warnings } from './fixtures/flows.js';

const ALICE = ['connect', '--environment', 'LocalCloud', '--events', 'jsonl', '--username', S.ALICE.username, '--password', S.ALICE.password];

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud();
});
afterAll(async () => {
  await cloud?.dispose();
});

const profile = (): any => JSON.parse(storedProfile(cloud) ?? 'null');
const forgetProfile = (): void => rmSync(join(cloud.configDir, 'profile.json'), { force: true });

test('a guest across tenants: every reachable subscription, the MFA tenant summarized once, Az\'s default', async () => {
  forgetProfile();
  const r = await cloud.run(ALICE);
  expect(r.code).toBe(0);
  expect(r.json.Tenants.map((t: any) => [t.Id, t.Status])).toEqual([
    [S.CONTOSO, 'Succeeded'],
    [S.FABRIKAM, 'Succeeded'],
    [S.NORTHWIND, 'MfaRequired'],
  ]);
  // Listed per tenant: a subscription another tenant manages (Lighthouse) shows in that tenant too.
  const listed = r.json.Subscriptions.map((s: any) => `${s.Id}@${s.TenantId}`).sort();
  expect(listed).toEqual(
    [
      [S.SUBSCRIPTIONS.production, S.CONTOSO],
      [S.SUBSCRIPTIONS.development, S.CONTOSO],
      [S.SUBSCRIPTIONS.trial, S.CONTOSO],
      [S.SUBSCRIPTIONS.old, S.CONTOSO],
      [S.SUBSCRIPTIONS.northwindLegacy, S.CONTOSO],
      [S.SUBSCRIPTIONS.development, S.FABRIKAM],
      [S.SUBSCRIPTIONS.fabrikamShared, S.FABRIKAM],
    ]
      .map(([id, t]) => `${id}@${t}`)
      .sort(),
  );
  const find = (id: string, tenant: string) => r.json.Subscriptions.find((s: any) => s.Id === id && s.TenantId === tenant);
  expect(find(S.SUBSCRIPTIONS.northwindLegacy, S.CONTOSO)).toMatchObject({ HomeTenantId: S.NORTHWIND, ManagedByTenantIds: [S.CONTOSO], State: 'PastDue' });
  expect(find(S.SUBSCRIPTIONS.development, S.FABRIKAM)).toMatchObject({ HomeTenantId: S.CONTOSO, ManagedByTenantIds: [S.FABRIKAM] });
  expect(find(S.SUBSCRIPTIONS.old, S.CONTOSO)).toMatchObject({ State: 'Disabled' });
  expect(r.json.Context.Subscription.Id).toBe(S.SUBSCRIPTIONS.production);
  const mfa = warnings(r).filter((w) => /multi-factor/.test(w) && w.includes('Northwind'));
  expect(mfa).toHaveLength(1);
  expect(r.json.ContextsCreated).toBe(7);
  expect(profile().defaultContext).toBe(r.json.Context.Name);
});

test('--tenant by domain reads that tenant only', async () => {
  const r = await cloud.run([...ALICE, '--tenant', 'contoso.example']);
  expect(r.code).toBe(0);
  expect(r.json.Tenants.map((t: any) => t.Id)).toEqual([S.CONTOSO]);
  expect(r.json.Context.Tenant.Id).toBe(S.CONTOSO);
  expect(r.json.Subscriptions.every((s: any) => s.TenantId === S.CONTOSO)).toBe(true);
});

test('--tenant by GUID, a guest tenant', async () => {
  const r = await cloud.run([...ALICE, '--tenant', S.FABRIKAM.toUpperCase()]);
  expect(r.code).toBe(0);
  expect(r.json.Context.Tenant.Id).toBe(S.FABRIKAM);
  expect(r.json.Context.Subscription.Id).toBe(S.SUBSCRIPTIONS.fabrikamShared);
});

test('an unknown domain: exit 1 TenantDomainNotFound, nothing changed', async () => {
  const before = storedProfile(cloud);
  const r = await cloud.run([...ALICE, '--tenant', 'nowhere.example']);
  expect(r.code).toBe(1);
  expect(r.json.error.code).toBe('TenantDomainNotFound');
  expect(r.json.error.message).toMatch(/nowhere\.example/);
  expect(storedProfile(cloud)).toBe(before);
});

test('an unknown --environment: exit 2 naming get-environment, nothing changed', async () => {
  const before = storedProfile(cloud);
  const r = await cloud.run(['connect', '--environment', 'NoSuchCloud', '--username', S.BOB.username, '--password', S.BOB.password]);
  expect(r.code).toBe(2);
  expect(r.json.error.code).toBe('UnknownEnvironment');
  expect(r.json.error.message).toMatch(/get-environment/);
  expect(storedProfile(cloud)).toBe(before);
});

test('a user-added environment (from the local cloud\'s ARM metadata) signs in like a built-in one', async () => {
  const added = await cloud.run(['add-environment', 'MyPrivateCloud', '--arm-endpoint', `${cloud.emu.url}/`]);
  expect(added.code).toBe(0);
  const app = S.CI_SECRET_APP;
  const r = await cloud.run(['connect', '--environment', 'myprivatecloud', '--service-principal', '--application-id', app.appId, '--tenant', S.CONTOSO, '--client-secret', app.secret, '--skip-context-population']);
  expect(r.code).toBe(0);
  expect(r.json).toMatchObject({ Environment: 'MyPrivateCloud', Context: { Environment: { Name: 'MyPrivateCloud', Type: 'User-defined' }, Subscription: { Id: S.SUBSCRIPTIONS.production } } });
  // Its tokens come back in later commands through the same environment.
  const token = await cloud.run(['get-access-token']);
  expect(token.code).toBe(0);
  expect(token.json.TenantId).toBe(S.CONTOSO);
});

test('--subscription by name (any case) and by id', async () => {
  const byName = await cloud.run([...ALICE, '--subscription', 'contoso development']);
  expect(byName.code).toBe(0);
  expect(byName.json.Context.Subscription.Id).toBe(S.SUBSCRIPTIONS.development);
  const byId = await cloud.run([...ALICE, '--subscription', S.SUBSCRIPTIONS.fabrikamShared]);
  expect(byId.code).toBe(0);
  expect(byId.json.Context.Subscription.Id).toBe(S.SUBSCRIPTIONS.fabrikamShared);
  expect(byId.json.Context.Tenant.Id).toBe(S.FABRIKAM);
});

test('an unknown subscription: exit 1 with a hint, nothing changed', async () => {
  const before = storedProfile(cloud);
  const r = await cloud.run([...ALICE, '--subscription', 'No Such Subscription']);
  expect(r.code).toBe(1);
  expect(r.json.error.code).toBe('SubscriptionNameNotFound');
  expect(r.json.error.message).toMatch(/without --subscription/);
  expect(storedProfile(cloud)).toBe(before);
});

test('a disabled subscription chosen by --subscription: selected, with a warning', async () => {
  const r = await cloud.run([...ALICE, '--subscription', 'Contoso Old']);
  expect(r.code).toBe(0);
  expect(r.json.Context.Subscription).toMatchObject({ Id: S.SUBSCRIPTIONS.old, State: 'Disabled' });
  expect(warnings(r).filter((w) => /Contoso Old.*Disabled/.test(w))).toHaveLength(1);
});

test('DefaultSubscriptionForLogin picks the default; a stale value says where it came from', async () => {
  const r = await cloud.run(ALICE, { env: { MYACCOUNT_DEFAULT_SUBSCRIPTION_FOR_LOGIN: 'Fabrikam Shared' } });
  expect(r.code).toBe(0);
  expect(r.json.Context.Subscription.Id).toBe(S.SUBSCRIPTIONS.fabrikamShared);
  // --subscription wins over the setting.
  const both = await cloud.run([...ALICE, '--subscription', 'Contoso Trial'], { env: { MYACCOUNT_DEFAULT_SUBSCRIPTION_FOR_LOGIN: 'Fabrikam Shared' } });
  expect(both.json.Context.Subscription.Id).toBe(S.SUBSCRIPTIONS.trial);
  const before = storedProfile(cloud);
  const stale = await cloud.run(ALICE, { env: { MYACCOUNT_DEFAULT_SUBSCRIPTION_FOR_LOGIN: 'Gone Subscription' } });
  expect(stale.code).toBe(1);
  expect(stale.json.error.message).toMatch(/DefaultSubscriptionForLogin/);
  expect(storedProfile(cloud)).toBe(before);
});

test('a user with no subscriptions gets a tenant-only context', async () => {
  const r = await cloud.run(['connect', '--environment', 'LocalCloud', '--username', S.CAROL.username, '--password', S.CAROL.password]);
  expect(r.code).toBe(0);
  expect(r.json.Subscriptions).toEqual([]);
  expect(r.json.Context.Subscription).toBeNull();
  expect(r.json.Context.Tenant.Id).toBe(S.NORTHWIND);
  expect(r.json.Context.Account.Id).toBe(S.CAROL.username);
});

describe('--scope Process', () => {
  test('hands MYACCOUNT_CONTEXT back as an event; the stored default stays', async () => {
    const storedDefault = profile().defaultContext;
    const r = await cloud.run([...ALICE, '--subscription', 'Contoso Trial', '--scope', 'Process']);
    expect(r.code).toBe(0);
    expect(r.json.Context.Subscription.Id).toBe(S.SUBSCRIPTIONS.trial);
    const [env] = events(r, 'environment');
    expect(env.variables).toEqual({ MYACCOUNT_CONTEXT: r.json.Context.Name });
    expect(profile().defaultContext).toBe(storedDefault);
    // The context exists in the profile, so the shell that applies the variable finds it.
    expect(profile().contexts.some((c: any) => c.name === r.json.Context.Name)).toBe(true);
  });

  test('--output env prints the export line for eval', async () => {
    const storedDefault = profile().defaultContext;
    const r = await cloud.run(['connect', '--environment', 'LocalCloud', '--username', S.BOB.username, '--password', S.BOB.password, '--scope', 'Process', '--output', 'env']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^export MYACCOUNT_CONTEXT='[^']+'$/m);
    expect(profile().defaultContext).toBe(storedDefault);
  });
});

describe('context population', () => {
  const aliceContexts = (): any[] => profile().contexts.filter((c: any) => c.accountId === S.ALICE.username);

  test('--skip-context-population stores only the default context', async () => {
    forgetProfile();
    const r = await cloud.run([...ALICE, '--skip-context-population']);
    expect(r.code).toBe(0);
    expect(r.json.Subscriptions).toHaveLength(7);
    expect(aliceContexts().map((c: any) => c.name)).toEqual([r.json.Context.Name]);
  });

  test('--max-context-population 2 stores two, plus the default when it is not among them', async () => {
    forgetProfile();
    const r = await cloud.run([...ALICE, '--max-context-population', '2', '--subscription', 'Fabrikam Shared']);
    expect(r.code).toBe(0);
    const stored = aliceContexts().map((c: any) => c.subscription?.id);
    const firstTwo = r.json.Subscriptions.slice(0, 2).map((s: any) => s.Id);
    expect(new Set(stored)).toEqual(new Set([...firstTwo, S.SUBSCRIPTIONS.fabrikamShared]));
  });

  test('--max-context-population -1 stores all', async () => {
    forgetProfile();
    const r = await cloud.run([...ALICE, '--max-context-population', '-1']);
    expect(r.code).toBe(0);
    expect(aliceContexts()).toHaveLength(7);
  });
});

describe('--context-name', () => {
  test('names the default context; the name is refused for another target unless --force', async () => {
    const first = await cloud.run([...ALICE, '--context-name', 'prod', '--subscription', 'Contoso Production']);
    expect(first.json.error).toBeUndefined();
    expect(first.code).toBe(0);
    expect(first.json.Context.Name).toBe('prod');
    expect(profile().defaultContext).toBe('prod');
    // The same target again is fine.
    const again = await cloud.run([...ALICE, '--context-name', 'prod', '--subscription', 'Contoso Production']);
    expect(again.json.error).toBeUndefined();
    const before = storedProfile(cloud);
    const clash = await cloud.run([...ALICE, '--context-name', 'prod', '--subscription', 'Contoso Development']);
    expect(clash.code).toBe(1);
    expect(clash.json.error.code).toBe('ContextExists');
    expect(clash.json.error.message).toMatch(/--force/);
    expect(storedProfile(cloud)).toBe(before);
    // Certain clashes (another account here) are refused before anyone signs in.
    const seq = lastRequest(cloud);
    const bob = await cloud.run(['connect', '--environment', 'LocalCloud', '--username', S.BOB.username, '--password', S.BOB.password, '--context-name', 'PROD']);
    expect(bob.code).toBe(1);
    expect(bob.json.error.code).toBe('ContextExists');
    expect(lastRequest(cloud)).toBe(seq);
    expect(storedProfile(cloud)).toBe(before);
    const forced = await cloud.run([...ALICE, '--context-name', 'prod', '--subscription', 'Contoso Development', '--force']);
    expect(forced.json.error).toBeUndefined();
    expect(forced.json.Context).toMatchObject({ Name: 'prod', Subscription: { Id: S.SUBSCRIPTIONS.development } });
    expect(profile().contexts.filter((c: any) => c.name === 'prod')).toHaveLength(1);
  });
});

describe('conflicting options: exit 2, no request, nothing written', () => {
  const cases: [string, string[]][] = [
    ['--identity with --service-principal', ['--identity', '--service-principal']],
    ['--access-token with --username', ['--access-token', 'x.y.z', '--username', 'a@b.example']],
    ['--device-code with --username', ['--device-code', '--username', 'a@b.example', '--password', 'pw-123456']],
    ['--client-secret with --certificate-path', ['--service-principal', '--application-id', S.CI_SECRET_APP.appId, '--tenant', S.CONTOSO, '--client-secret', 'abc-123456', '--certificate-path', '/tmp/x.pem']],
    ['--federated-token with --federated-token-file', ['--service-principal', '--application-id', S.CI_FEDERATED_APP.appId, '--tenant', S.CONTOSO, '--federated-token', 'a.b.c', '--federated-token-file', '/tmp/t']],
  ];
  test.each(cases)('%s', async (_name, args) => {
    const before = storedProfile(cloud);
    const seq = lastRequest(cloud);
    const r = await cloud.run(['connect', '--environment', 'LocalCloud', ...args]);
    expect(r.code).toBe(2);
    expect(r.json.error.category).toBe('InvalidArgument');
    expect(r.json.error.message).toMatch(/cannot be combined/);
    expect(lastRequest(cloud)).toBe(seq);
    expect(storedProfile(cloud)).toBe(before);
  });
});
