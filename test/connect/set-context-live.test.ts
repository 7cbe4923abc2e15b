/**
 * set-context beyond what connect stored: after a connect that named one tenant, a subscription
 * or tenant of another tenant of the same account is looked up live in Resource Manager (as
 * Set-AzContext does), its context is stored and listed, and tokens for it come silently.
 */
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { jwtClaims } from '../../src/credentials/credential.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';

jest.setTimeout(60_000);

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ settings: { deviceCodeIntervalSeconds: 1 } });
  const connected = await cloud.connectByDeviceCode(S.ALICE.username, ['--tenant', 'contoso.example']);
  expect(connected.code).toBe(0);
});
afterAll(async () => {
  await cloud?.dispose();
});

const signIns = (since: number) => cloud.emu.requestLog(since).filter((e) => e.path.endsWith('/devicecode') || e.path.endsWith('/authorize'));
const lastSeq = () => cloud.emu.requestLog().at(-1)?.seq ?? 0;

test('connect --tenant stored one tenant only', async () => {
  const r = await cloud.run(['get-context']);
  expect(r.json.Account.Tenants).toEqual([S.CONTOSO]);
});

test("a subscription of another tenant by id: looked up live, stored, listed, and its tokens come silently", async () => {
  const since = lastSeq();
  const set = await cloud.run(['set-context', '--subscription', S.SUBSCRIPTIONS.fabrikamShared]);
  expect(set.code).toBe(0);
  expect(set.json).toMatchObject({ Subscription: { Id: S.SUBSCRIPTIONS.fabrikamShared, Name: 'Fabrikam Shared', TenantId: S.FABRIKAM }, Tenant: { Id: S.FABRIKAM, Name: 'Fabrikam' }, IsDefault: true });
  expect(set.json.Account.Tenants).toEqual(expect.arrayContaining([S.CONTOSO, S.FABRIKAM]));
  const listed = await cloud.run(['get-context', '--list-available']);
  expect(listed.json.map((c: any) => c.Name)).toContain(set.json.Name);
  const token = await cloud.run(['get-access-token']);
  expect(token.code).toBe(0);
  expect(jwtClaims(token.json.Token).tid).toBe(S.FABRIKAM);
  // Nobody was asked to sign in again.
  expect(signIns(since)).toEqual([]);
});

test('a tenant alone, by domain: looked up live too; its first subscription', async () => {
  // A new connect to one tenant forgets what set-context learned.
  expect((await cloud.connectByDeviceCode(S.ALICE.username, ['--tenant', 'contoso.example'])).code).toBe(0);
  expect((await cloud.run(['get-context'])).json.Account.Tenants).toEqual([S.CONTOSO]);
  const set = await cloud.run(['set-context', '--tenant', 'fabrikam.onmicrosoft.example', '--name', 'fab']);
  expect(set.code).toBe(0);
  expect(set.json).toMatchObject({ Name: 'fab', Tenant: { Id: S.FABRIKAM }, Subscription: { Id: S.SUBSCRIPTIONS.fabrikamShared } });
});

test('a subscription no tenant has: the same not-found error as before, nothing stored', async () => {
  const before = await cloud.run(['get-context', '--list-available']);
  const r = await cloud.run(['set-context', '--subscription', 'No Such Subscription']);
  expect([r.code, r.json.error.code]).toEqual([1, 'SubscriptionNameNotFound']);
  expect((await cloud.run(['get-context', '--list-available'])).json).toEqual(before.json);
});
