/**
 * get-access-token refreshes silently: with access tokens that live 200 s (MSAL renews any
 * token within 300 s of expiry), every call redeems the refresh token instead of asking anyone
 * to sign in; and once the refresh token is revoked, the answer is exit 3 with what to run.
 */
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { jwtClaims } from '../../src/credentials/credential.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';

jest.setTimeout(60_000);

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ settings: { deviceCodeIntervalSeconds: 1, accessTokenLifetimeSeconds: 200 } });
  const r = await cloud.connectByDeviceCode(S.ALICE.username);
  expect(r.code).toBe(0);
});
afterAll(async () => {
  await cloud?.dispose();
});

const lastSeq = () => cloud.emu.requestLog().at(-1)?.seq ?? 0;

test('a token about to expire is refreshed with the refresh token, silently', async () => {
  const since = lastSeq();
  const first = await cloud.run(['get-access-token']);
  expect(first.code).toBe(0);
  const refreshes = cloud.emu.requestLog(since).filter((e) => e.path.endsWith('/token') && e.grantType === 'refresh_token');
  expect(refreshes.length).toBeGreaterThanOrEqual(1);
  const claims = jwtClaims(first.json.Token);
  expect(claims.tid).toBe(S.CONTOSO);
  const lifetime = Number(claims.exp) * 1000 - Date.now();
  expect(lifetime).toBeGreaterThan(100_000);
  expect(lifetime).toBeLessThanOrEqual(201_000);
  expect(first.stderr).not.toContain(first.json.Token);

  const second = await cloud.run(['get-access-token']);
  expect(second.code).toBe(0);
  expect(second.json.Token).not.toBe(first.json.Token);
});

test('once the refresh token is revoked, a new sign-in is needed: exit 3, naming connect', async () => {
  cloud.emu.revokeRefreshTokens({ username: S.ALICE.username });
  const r = await cloud.run(['get-access-token']);
  expect(r.code).toBe(3);
  expect(r.json.error.message).toContain('myaccount connect');
  expect(r.stderr).not.toMatch(/\n\s+at /);
});
