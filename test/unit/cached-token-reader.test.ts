/**
 * cachedTokenReader, the warm path of long-lived callers (exec's endpoint, MyAccountCredential):
 * it keeps the cache text between calls, so it must see every write another process makes (an
 * atomic replace, as the token cache writes) and judge expiry anew on each call.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedTokenReader, type CachedTokenQuery } from '../../src/token-cache/cached-token.js';
import type { EnvironmentView } from '../../src/profile/environment-types.js';

const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';
const HOME = `a11ce000-0000-4000-8000-000000000001.${TENANT}`;
const CLIENT = '1950a258-227b-4e31-a9cf-717495945fc2';
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cached-reader-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeCache(secret: string, expiresOn: number): void {
  const entry = { home_account_id: HOME, environment: 'login.example', credential_type: 'AccessToken', client_id: CLIENT, realm: TENANT, target: 'https://management.core.windows.net/.default', secret, expires_on: String(expiresOn), token_type: 'Bearer' };
  // As the token cache writes: a new file renamed into place.
  writeFileSync(join(dir, 'next.json'), JSON.stringify({ AccessToken: { [`k-${secret}`]: entry } }), { mode: 0o600 });
  renameSync(join(dir, 'next.json'), join(dir, 'msal.cache.plaintext.json'));
}

const query = (now: Date): CachedTokenQuery => ({
  configDir: dir,
  env: {},
  allowPlaintext: true,
  account: { id: 'alice@contoso.example', type: 'User', environment: 'X', tenants: [], subscriptions: [], homeAccountId: HOME },
  clientId: CLIENT,
  environment: { Name: 'X', ActiveDirectoryAuthority: 'https://login.example/' } as EnvironmentView,
  tenantId: TENANT,
  resource: 'https://management.core.windows.net/',
  now,
  platform: 'linux',
});

test('sees each write another process makes, and judges expiry on every call', async () => {
  const read = cachedTokenReader();
  const now = Math.floor(Date.now() / 1000);
  expect(await read(query(new Date()))).toBeNull();
  writeCache('token-one', now + 3600);
  expect((await read(query(new Date())))?.token).toBe('token-one');
  expect((await read(query(new Date())))?.token).toBe('token-one');
  writeCache('token-two', now + 3600);
  expect((await read(query(new Date())))?.token).toBe('token-two');
  // The same text, later: within MSAL's five minutes of expiry it is no longer handed out.
  expect(await read(query(new Date((now + 3600 - 200) * 1000)))).toBeNull();
  rmSync(join(dir, 'msal.cache.plaintext.json'));
  expect(await read(query(new Date()))).toBeNull();
});
