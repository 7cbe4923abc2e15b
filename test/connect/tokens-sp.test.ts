/**
 * A service principal's tokens in later processes. There is no keyring here, so connect cannot
 * keep the client secret: later commands live on MSAL's cached tokens, and when the cache has
 * none they need the secret again (AZURE_CLIENT_ID + AZURE_CLIENT_SECRET), or say so (exit 3).
 */
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { jwtClaims } from '../../src/credentials/credential.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';

jest.setTimeout(60_000);

const APP = S.CI_SECRET_APP;
let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud();
  const r = await cloud.run(['connect', '--environment', 'LocalCloud', '--service-principal', '--application-id', APP.appId, '--tenant', S.CONTOSO, '--client-secret', APP.secret]);
  expect(r.code).toBe(0);
  expect(r.stderr).toContain('not kept');
});
afterAll(async () => {
  await cloud?.dispose();
});

const tokenRequests = (since: number) => cloud.emu.requestLog(since).filter((e) => e.path.endsWith('/token'));
const lastSeq = () => cloud.emu.requestLog().at(-1)?.seq ?? 0;

test("the Resource Manager token connect cached serves a later process, without the secret", async () => {
  const since = lastSeq();
  const r = await cloud.run(['get-access-token']);
  expect(r.code).toBe(0);
  const claims = jwtClaims(r.json.Token);
  expect(claims.appid ?? claims.azp).toBe(APP.appId);
  expect(claims.tid).toBe(S.CONTOSO);
  expect(r.json).toMatchObject({ UserId: APP.appId, TenantId: S.CONTOSO, tenant: S.CONTOSO });
  expect(tokenRequests(since)).toEqual([]);
});

test('get-subscription and get-tenant work from the cached token too', async () => {
  const subs = await cloud.run(['get-subscription']);
  expect(subs.code).toBe(0);
  expect(subs.json.map((s: any) => s.Id)).toEqual(expect.arrayContaining([S.SUBSCRIPTIONS.production, S.SUBSCRIPTIONS.development]));
  expect(subs.json.every((s: any) => s.TenantId === S.CONTOSO)).toBe(true);
  const tenants = await cloud.run(['get-tenant']);
  expect(tenants.code).toBe(0);
  expect(tenants.json.map((t: any) => t.Id)).toContain(S.CONTOSO);
});

test('a token the cache does not have needs the secret: CredentialNotStored, exit 3, naming the fix', async () => {
  const since = lastSeq();
  const r = await cloud.run(['get-access-token', '--resource-type-name', 'MSGraph']);
  expect(r.code).toBe(3);
  expect(r.json.error.code).toBe('CredentialNotStored');
  expect(r.json.error.message).toContain('AZURE_CLIENT_SECRET');
  // Nothing (no made-up credential) was sent to the token endpoint.
  expect(tokenRequests(since)).toEqual([]);
});

test('with AZURE_CLIENT_ID and AZURE_CLIENT_SECRET set, it gets the new token', async () => {
  const r = await cloud.run(['get-access-token', '--resource-type-name', 'MSGraph'], { env: { AZURE_CLIENT_ID: APP.appId, AZURE_CLIENT_SECRET: APP.secret } });
  expect(r.code).toBe(0);
  expect(String(jwtClaims(r.json.Token).aud).replace(/\/+$/, '')).toBe('https://graph.microsoft.com');
  // ... and it is cached for the next process, which needs no secret.
  const later = await cloud.run(['get-access-token', '--resource-type-name', 'MSGraph']);
  expect(later.code).toBe(0);
  expect(later.json.Token).toBe(r.json.Token);
});

test('variables for another application do not count', async () => {
  const r = await cloud.run(['get-access-token', '--resource-type-name', 'KeyVault'], { env: { AZURE_CLIENT_ID: S.CI_CERTIFICATE_APP.appId, AZURE_CLIENT_SECRET: APP.secret } });
  expect(r.code).toBe(3);
  expect(r.json.error.code).toBe('CredentialNotStored');
});
