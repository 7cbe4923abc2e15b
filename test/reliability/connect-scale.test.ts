/**
 * 2,500 subscriptions over many pages: 5 tenants × 500 subscriptions, ARM pages of 100, and a
 * guest in every tenant. connect lists every one exactly once (compared with the seed), keeps
 * 25 contexts by default and all of them with --max-context-population -1.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSeed, generatedSeedInfo } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';

jest.setTimeout(90_000);

const OPTIONS = { tenants: 5, subscriptionsPerTenant: 500, label: 'scale' };
const seed = generateSeed(OPTIONS);
const info = generatedSeedInfo(OPTIONS);

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ seed, pageSize: 100, settings: { deviceCodeIntervalSeconds: 1 } });
});
afterAll(async () => {
  await cloud?.dispose();
});

const contexts = () => JSON.parse(readFileSync(join(cloud.configDir, 'profile.json'), 'utf8')).contexts as { subscription: { id: string } | null }[];

test('a guest in 5 tenants gets all 2,500 subscriptions, each once, and 25 contexts', async () => {
  const since = cloud.emu.requestLog().at(-1)?.seq ?? 0;
  const r = await cloud.connectByDeviceCode(info.globalGuest!);
  expect(r.code).toBe(0);
  expect(r.json.Tenants.map((t: any) => [t.Id, t.Status])).toEqual(info.tenantIds.map((id) => [id, 'Succeeded']));
  const listed = (r.json.Subscriptions as any[]).map((s) => `${s.TenantId}/${s.Id}`);
  expect(listed).toHaveLength(2500);
  expect(new Set(listed).size).toBe(2500);
  expect([...listed].sort()).toEqual(seed.subscriptions.map((s) => `${s.tenantId}/${s.id}`).sort());
  // Names and states come through as seeded, not only ids.
  const byId = new Map(seed.subscriptions.map((s) => [s.id, s]));
  for (const s of r.json.Subscriptions as any[]) expect([s.Name, s.State]).toEqual([byId.get(s.Id)!.displayName, byId.get(s.Id)!.state]);
  // Really many pages: at least 5 per tenant.
  const pages = cloud.emu.requestLog(since).filter((e) => e.path === '/subscriptions' && e.status === 200);
  expect(pages.length).toBeGreaterThanOrEqual(25);
  expect(r.json.ContextsCreated).toBe(25);
  expect(contexts()).toHaveLength(25);
});

test('--max-context-population -1 stores a context for every one of the 2,500', async () => {
  const r = await cloud.connectByDeviceCode(info.globalGuest!, ['--max-context-population', '-1']);
  expect(r.code).toBe(0);
  const stored = contexts();
  expect(stored).toHaveLength(2500);
  expect(new Set(stored.map((c) => c.subscription!.id)).size).toBe(2500);
  const list = await cloud.run(['get-context', '--list-available']);
  expect(list.code).toBe(0);
  expect(list.json).toHaveLength(2500);
  expect(list.json.filter((c: any) => c.IsDefault)).toHaveLength(1);
});
