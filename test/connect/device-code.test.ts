import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ settings: { deviceCodeIntervalSeconds: 1 } });
});
afterAll(async () => {
  await cloud?.dispose();
});

test('device code: a guest in three tenants gets every reachable subscription; the MFA tenant is reported once', async () => {
  const r = await cloud.connectByDeviceCode(S.ALICE.username);
  expect(r.code).toBe(0);
  expect(r.json.Flow).toBe('DeviceCode');
  expect(r.json.Tenants.map((t: any) => [t.Id, t.Status])).toEqual([
    [S.CONTOSO, 'Succeeded'],
    [S.FABRIKAM, 'Succeeded'],
    [S.NORTHWIND, 'MfaRequired'],
  ]);
  expect(r.json.Context.Subscription.Id).toBe(S.SUBSCRIPTIONS.production);
  const warnings = r.stderr.split('\n').filter((l) => l.includes('"warning"') && l.includes('multi-factor'));
  expect(warnings).toHaveLength(1);
});
