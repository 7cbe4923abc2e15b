/**
 * libsecret for real: a private gnome-keyring, no plaintext opt-in. A service principal with a
 * secret and a person by device code sign in; tokens and the client secret live in the keyring
 * only (no file under the state folder holds any secret the local cloud issued or received),
 * later processes get tokens silently, and once the service principal's cached token is due
 * for renewal, the secret kept in the keyring gets a new one without AZURE_CLIENT_SECRET.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { startKeyring, type Keyring } from '../helpers/keyring.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { expectNoSecretLeaked, recordedSecrets } from '../helpers/secret-scan.js';

jest.setTimeout(90_000);

const APP = S.CI_SECRET_APP;
let keyring: Keyring;
let cloud: LocalCloud;
beforeAll(async () => {
  keyring = await startKeyring();
  // Access tokens live 200 s, inside MSAL's 300 s renewal margin: every later token is a new one.
  cloud = await startLocalCloud({ secureStoreOnly: true, env: keyring.env, settings: { deviceCodeIntervalSeconds: 1, accessTokenLifetimeSeconds: 200 } });
});
afterAll(async () => {
  await cloud?.dispose();
  keyring?.stop();
});

/** Every file MyAccount wrote (the emulator's own data folder is the server's, not ours). */
function stateFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (path === join(cloud.configDir, 'emulator')) return [];
    return statSync(path).isDirectory() ? stateFiles(path) : [path];
  });
}

const lastSeq = () => cloud.emu.requestLog().at(-1)?.seq ?? 0;

test('tokens and the client secret go to the keyring; no file under the state folder holds a secret', async () => {
  const sp = await cloud.run(['connect', '--environment', 'LocalCloud', '--service-principal', '--application-id', APP.appId, '--tenant', S.CONTOSO, '--client-secret', APP.secret]);
  expect(sp.code).toBe(0);
  expect(sp.json.TokenCache).toBe('libsecret');
  expect(sp.stderr).not.toContain('not kept');
  const person = await cloud.connectByDeviceCode(S.ALICE.username);
  expect(person.code).toBe(0);
  expect(person.json.TokenCache).toBe('libsecret');

  const secrets = recordedSecrets();
  expect(secrets).toContain(APP.secret);
  expect(secrets.length).toBeGreaterThan(3);
  const files = stateFiles(cloud.configDir);
  expect(files.some((f) => f.endsWith('profile.json'))).toBe(true);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const found = secrets.filter((s) => text.includes(s)).map((s) => s.slice(0, 6));
    expect({ file, found }).toEqual({ file, found: [] });
  }
  expect(files.some((f) => f.endsWith('.plaintext.json'))).toBe(false);
});

test("a later process gets alice's token silently from the keyring", async () => {
  const since = lastSeq();
  const r = await cloud.run(['get-access-token', '--tenant', S.FABRIKAM, '--context-name', (await cloud.run(['get-context'])).json.Name]);
  expect(r.code).toBe(0);
  expect(r.json.TenantId).toBe(S.FABRIKAM);
  // Renewed with the refresh token from the keyring, no person involved.
  const grants = cloud.emu.requestLog(since).filter((e) => e.path.endsWith('/token')).map((e) => e.grantType);
  expect(grants.every((g) => g === 'refresh_token')).toBe(true);
});

test('the service principal renews its token with the secret kept in the keyring, without AZURE_CLIENT_SECRET', async () => {
  const contexts = (await cloud.run(['get-context', '--list-available'])).json as any[];
  const spContext = contexts.find((c) => c.Account.Id === APP.appId).Name;
  const since = lastSeq();
  const r = await cloud.run(['get-access-token', '--context-name', spContext], { env: { AZURE_CLIENT_ID: undefined, AZURE_CLIENT_SECRET: undefined } });
  expect(r.code).toBe(0);
  expect(r.json.TenantId).toBe(S.CONTOSO);
  const requests = cloud.emu.requestLog(since).filter((e) => e.path.endsWith('/token'));
  expect(requests.map((e) => [e.grantType, e.status])).toEqual([['client_credentials', 200]]);
});

test('disconnect removes the kept secret and the tokens of the service principal, and leaves alice signed in', async () => {
  const kept = () => (statSync(join(cloud.configDir, 'secrets'), { throwIfNoEntry: false }) ? readdirSync(join(cloud.configDir, 'secrets')).filter((n) => n.includes('ClientSecret')) : []);
  expect(kept()).toHaveLength(1);
  const r = await cloud.run(['disconnect', '--username', APP.appId]);
  expect(r.code).toBe(0);
  expect(kept()).toEqual([]);
  expect(((await cloud.run(['get-context', '--list-available'])).json as any[]).every((c) => c.Account.Id === S.ALICE.username)).toBe(true);
  const alice = await cloud.run(['get-access-token']);
  expect(alice.code).toBe(0);
});
