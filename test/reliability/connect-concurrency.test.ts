/**
 * Processes side by side in one state folder lose nothing: connects of different accounts all
 * keep their account, contexts and tokens; processes that refresh tokens at the same moment all
 * succeed, and every token each of them wrote is still in the shared cache afterwards.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSeed, generatedSeedInfo } from '../../src/emulator/index.js';
import { PLAINTEXT_CACHE_FILE } from '../../src/token-cache/token-cache.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';

jest.setTimeout(90_000);

const OPTIONS = { tenants: 3, subscriptionsPerTenant: 3, label: 'parallel' };
const seed = generateSeed(OPTIONS);
const info = generatedSeedInfo(OPTIONS);

let cloud: LocalCloud;
beforeAll(async () => {
  // Access tokens live 200 s, inside MSAL's 300 s refresh window: every silent call refreshes.
  cloud = await startLocalCloud({ seed, settings: { deviceCodeIntervalSeconds: 1, accessTokenLifetimeSeconds: 200 } });
});
afterAll(async () => {
  await cloud?.dispose();
});

type Entry = { home_account_id?: string; client_id?: string; realm?: string };
const cache = (): Record<string, Record<string, Entry>> => JSON.parse(readFileSync(join(cloud.configDir, PLAINTEXT_CACHE_FILE), 'utf8'));
const profile = () => JSON.parse(readFileSync(join(cloud.configDir, 'profile.json'), 'utf8'));
const spArgs = (i: number) => ['connect', '--environment', 'LocalCloud', '--service-principal', '--application-id', info.servicePrincipals[i].appId, '--tenant', info.tenantIds[i], '--client-secret', info.servicePrincipals[i].secret];

test('three service principals connecting at once: every account, context and token is kept', async () => {
  const results = await Promise.all([0, 1, 2].map((i) => cloud.run(spArgs(i))));
  for (const r of results) expect(r.code).toBe(0);
  const p = profile();
  expect(p.accounts.map((a: any) => a.id).sort()).toEqual(info.servicePrincipals.map((s) => s.appId).sort());
  for (const sp of info.servicePrincipals) {
    const own = seed.subscriptions.filter((s) => s.tenantId === sp.tenantId).map((s) => s.id).sort();
    expect(p.contexts.filter((c: any) => c.accountId === sp.appId).map((c: any) => c.subscription.id).sort()).toEqual(own);
    expect(Object.values(cache().AccessToken).some((e) => e.client_id === sp.appId && !e.home_account_id)).toBe(true);
  }
});

test('a person and a service principal connecting at once into the same folder: both kept', async () => {
  const person = cloud.connectByDeviceCode(info.users[1].username);
  const app = cloud.run(spArgs(2));
  const [a, b] = await Promise.all([person, app]);
  expect(a.code).toBe(0);
  expect(b.code).toBe(0);
  const p = profile();
  expect(p.accounts.map((x: any) => x.id)).toEqual(expect.arrayContaining([info.users[1].username, info.servicePrincipals[2].appId]));
  const home = p.accounts.find((x: any) => x.id === info.users[1].username).homeAccountId;
  expect(Object.values(cache().RefreshToken).some((e) => e.home_account_id === home)).toBe(true);
  expect(p.contexts.filter((c: any) => c.accountId === info.users[1].username)).toHaveLength(3);
});

test('processes refreshing at once all succeed and every refreshed token stays in the cache', async () => {
  const guest = info.globalGuest!;
  expect((await cloud.connectByDeviceCode(guest)).code).toBe(0);
  const home = profile().accounts.find((a: any) => a.id === guest).homeAccountId;
  for (let round = 0; round < 3; round++) {
    const since = cloud.emu.requestLog().at(-1)?.seq ?? 0;
    // One process per tenant, each redeeming the refresh token for its own tenant's token.
    const results = await Promise.all(info.tenantIds.map((tenant) => cloud.run(['get-access-token', '--tenant', tenant])));
    for (const r of results) expect(r.code).toBe(0);
    expect(results.map((r) => r.json.TenantId)).toEqual(info.tenantIds);
    const refreshes = cloud.emu.requestLog(since).filter((e) => e.path.endsWith('/token') && e.grantType === 'refresh_token' && e.status === 200);
    expect(refreshes.length).toBeGreaterThanOrEqual(info.tenantIds.length);
    // Each process's token for its tenant is in the cache: none overwrote another's write.
    const realms = Object.values(cache().AccessToken).filter((e) => e.home_account_id === home).map((e) => e.realm);
    expect(new Set(realms)).toEqual(new Set(info.tenantIds));
    expect(Object.values(cache().RefreshToken).some((e) => e.home_account_id === home)).toBe(true);
  }
  // The other accounts' tokens survived all of that.
  for (const sp of info.servicePrincipals) expect(Object.values(cache().AccessToken).some((e) => e.client_id === sp.appId && !e.home_account_id)).toBe(true);
});
