/**
 * The Windows token cache (issue 18.4), run on Linux with a DPAPI stand-in that has the addon's
 * exact interface and fails to decrypt what another key protected, as DPAPI does after a password
 * reset (test/helpers/fake-dpapi.ts). openTokenCache runs as on win32: real MSAL reads and writes
 * the cache through the plugin; the file is encrypted and replaced by rename; a file that does not
 * decrypt is moved aside with one warning and the next write works; DPAPI that does not work is
 * SecureTokenCacheUnavailable (or the plain file, when allowed, with its warning).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublicClientApplication, type TokenCacheContext } from '@azure/msal-node';
import { createReporter } from '../../src/core/reporter.js';
import { openSecretStore } from '../../src/token-cache/secret-store.js';
import { CACHE_FILE, openTokenCache, PLAINTEXT_CACHE_FILE, type TokenCache } from '../../src/token-cache/token-cache.js';
import { fakeDpapi, withDpapi, type FakeDpapi } from '../helpers/fake-dpapi.js';
import { expectMode } from '../helpers/modes.js';

const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';
const OID = 'a11ce000-0000-4000-8000-000000000001';
const HOME = `${OID}.${TENANT}`;
const CLIENT = '1950a258-227b-4e31-a9cf-717495945fc2';
const SECRET = 'at-very-secret-value';
/** A cache as MSAL serializes it: one account and its access token. */
const MSAL_CACHE = {
  Account: { [`${HOME}-login.example-${TENANT}`]: { home_account_id: HOME, environment: 'login.example', realm: TENANT, local_account_id: OID, username: 'alice@contoso.example', authority_type: 'MSSTS', name: 'Alice' } },
  AccessToken: {
    [`${HOME}-login.example-accesstoken-${CLIENT}-${TENANT}-https://management.core.windows.net/.default`]: {
      home_account_id: HOME, environment: 'login.example', credential_type: 'AccessToken', client_id: CLIENT, realm: TENANT,
      target: 'https://management.core.windows.net/.default', secret: SECRET, cached_at: '1700000000', expires_on: '4102444800', extended_expires_on: '4102444800', token_type: 'Bearer',
    },
  },
  RefreshToken: {},
  IdToken: {},
  AppMetadata: {},
};

let dir: string;
let path: string;
let dpapi: FakeDpapi;
let warnings: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'myaccount-dpapi-'));
  path = join(dir, CACHE_FILE);
  dpapi = fakeDpapi();
  warnings = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const report = () => createReporter({ format: 'jsonl', verbose: false, debug: false, write: (l) => void warnings.push(JSON.parse(l).message) });

/** One process's token cache, as on Windows. */
const open = (protector: FakeDpapi = dpapi, allowPlaintext = false): Promise<TokenCache> =>
  openTokenCache({ configDir: dir, allowPlaintext, report: report(), platform: 'win32', native: withDpapi(protector) });

/** MSAL over the cache, as a command builds it (no network is used here). */
const msal = (cache: TokenCache) =>
  new PublicClientApplication({ auth: { clientId: CLIENT, authority: `https://login.example/${TENANT}`, knownAuthorities: ['login.example'] }, cache: { cachePlugin: cache.plugin } });

/** Writes `contents` through the plugin with MSAL's own TokenCache, as MSAL does after a sign-in. */
async function msalWrite(cache: TokenCache, contents: object): Promise<void> {
  const tokenCache = msal(cache).getTokenCache();
  const context = { tokenCache, cacheHasChanged: true } as unknown as TokenCacheContext;
  await cache.plugin.beforeCacheAccess(context);
  tokenCache.deserialize(JSON.stringify(contents));
  await cache.plugin.afterCacheAccess(context);
}

const decrypted = (protector: FakeDpapi = dpapi) => JSON.parse(Buffer.from(protector.unprotectData(readFileSync(path), null, 'CurrentUser')).toString('utf8'));
const leftovers = () => readdirSync(dir).filter((n) => n !== CACHE_FILE && !n.startsWith('.'));

test('MSAL writes in one process and reads in another; the file is DPAPI-encrypted, 0600, replaced by rename, no temp file left', async () => {
  await msalWrite(await open(), MSAL_CACHE);
  expect(readFileSync(path).toString('latin1')).not.toContain(SECRET);
  expect(decrypted().AccessToken).toEqual(MSAL_CACHE.AccessToken);
  expectMode(path, 0o600);

  // Another process: MSAL finds the account through the plugin.
  const other = await open();
  const accounts = await msal(other).getTokenCache().getAllAccounts();
  expect(accounts.map((a) => a.homeAccountId)).toEqual([HOME]);

  // MSAL's own write (sign-out of the account) replaces the file: a new inode, nothing beside it.
  const before = statSync(path).ino;
  await msal(other).getTokenCache().removeAccount(accounts[0]);
  expect(statSync(path).ino).not.toBe(before);
  expect(decrypted().Account).toEqual({});
  expect(leftovers()).toEqual([]);
  expect(await msal(await open()).getTokenCache().getAllAccounts()).toEqual([]);
  expect(warnings).toEqual([]);
});

test('reads a cache written by earlier versions (msal-node-extensions: the raw DPAPI blob, CurrentUser, no entropy)', async () => {
  writeFileSync(path, dpapi.protectData(Buffer.from(JSON.stringify(MSAL_CACHE)), null, 'CurrentUser'), { mode: 0o600 });
  const accounts = await msal(await open()).getTokenCache().getAllAccounts();
  expect(accounts.map((a) => a.homeAccountId)).toEqual([HOME]);
});

test.each([
  ['protected with another key (a password reset)', () => fakeDpapi().protectData(Buffer.from(JSON.stringify(MSAL_CACHE)), null, 'CurrentUser')],
  ['cut short (a torn write of an earlier version)', () => dpapi.protectData(Buffer.from(JSON.stringify(MSAL_CACHE)), null, 'CurrentUser').subarray(0, 40)],
  ['decrypting to something not JSON', () => dpapi.protectData(Buffer.from('{"Account": {'), null, 'CurrentUser')],
])('a file %s is moved aside with one warning; the command goes on signed out and the next write works', async (_, bytes) => {
  const damaged = Buffer.from(bytes());
  writeFileSync(path, damaged, { mode: 0o600 });
  const cache = await open();
  // Signed out, not an error; asked twice, still one warning.
  expect(await msal(cache).getTokenCache().getAllAccounts()).toEqual([]);
  expect(await msal(cache).getTokenCache().getAllAccounts()).toEqual([]);
  expect(warnings).toHaveLength(1);
  const aside = readdirSync(dir).filter((n) => n.startsWith(`${CACHE_FILE}.corrupt-`));
  expect(aside).toHaveLength(1);
  expect(warnings[0]).toContain(join(dir, aside[0]));
  expect(warnings[0]).toContain('sign in again');
  expect(readFileSync(join(dir, aside[0]))).toEqual(damaged);

  await msalWrite(cache, MSAL_CACHE);
  expect(decrypted().AccessToken).toEqual(MSAL_CACHE.AccessToken);
  expect((await msal(await open()).getTokenCache().getAllAccounts()).map((a) => a.homeAccountId)).toEqual([HOME]);
  expect(warnings).toHaveLength(1);
});

test('the warning for an undecryptable file says why, and holds nothing of the file', async () => {
  writeFileSync(path, fakeDpapi().protectData(Buffer.from(JSON.stringify(MSAL_CACHE)), null, 'CurrentUser'));
  await msal(await open()).getTokenCache().getAllAccounts();
  expect(warnings[0]).toMatch(/could not be decrypted by Windows \(DPAPI: .+\); a password reset/);
  expect(warnings[0]).not.toContain(SECRET);
});

test('a read that fails for another reason is an error naming the file, and nothing is moved', async () => {
  mkdirSync(path);
  const error = await msal(await open()).getTokenCache().getAllAccounts().catch((e) => e);
  expect(error).toMatchObject({ code: 'StateReadFailed', target: path });
  expect(readdirSync(dir).filter((n) => n.includes('corrupt'))).toEqual([]);
  expect(warnings).toEqual([]);
});

test('a link at the cache path is refused, not followed', async () => {
  const elsewhere = join(dir, 'elsewhere');
  writeFileSync(elsewhere, 'x');
  symlinkSync(elsewhere, path);
  await expect(open()).rejects.toMatchObject({ code: 'StateFileIsLink' });
});

test('DPAPI refusing to encrypt at a write is SecureTokenCacheUnavailable; the cache on disk stays as it was', async () => {
  await msalWrite(await open(), MSAL_CACHE);
  const before = readFileSync(path);
  // Works for the check when the cache opens, then refuses (a session whose profile was unloaded).
  let calls = 0;
  const flaky: FakeDpapi = {
    ...dpapi,
    protectData(data, entropy, scope) {
      calls += 1;
      if (calls > 1) throw new Error('CryptProtectData failed');
      return dpapi.protectData(data, entropy, scope);
    },
  };
  const error = await msalWrite(await open(flaky), { ...MSAL_CACHE, AccessToken: {} }).catch((e) => e);
  expect(error).toMatchObject({ code: 'SecureTokenCacheUnavailable', target: path });
  expect(error.message).not.toContain(SECRET);
  expect(readFileSync(path)).toEqual(before);
  expect(leftovers()).toEqual([]);
});

describe('DPAPI that does not work for this user', () => {
  const refusing = (): FakeDpapi => ({
    ...fakeDpapi(),
    protectData: () => {
      throw new Error('CryptProtectData failed: the profile is not loaded');
    },
  });

  test('is SecureTokenCacheUnavailable saying why; nothing is written', async () => {
    const error = await open(refusing()).catch((e) => e);
    expect(error).toMatchObject({ code: 'SecureTokenCacheUnavailable', target: 'AllowPlaintextTokenCache' });
    expect(error.message).toContain('DPAPI refused to encrypt or decrypt for this user: CryptProtectData failed: the profile is not loaded');
    expect(readdirSync(dir).filter((n) => n.startsWith('msal'))).toEqual([]);
  });

  test('with the plain file allowed: the plain file, with a warning saying why', async () => {
    const cache = await open(refusing(), true);
    expect(cache.store).toBe('plaintext');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('DPAPI refused');
    expect(warnings[0]).toContain(PLAINTEXT_CACHE_FILE);
  });
});

test('the kept secrets on Windows: DPAPI files of their own, written by rename; one that does not decrypt reads as missing and is replaced', async () => {
  const key = { environment: 'AzureCloud', accountId: 'app-1', kind: 'ClientSecret' } as const;
  const store = await openSecretStore(dir, 2000, withDpapi(dpapi), 'win32');
  expect(await store.save(key, 'client-secret-value')).toBe(true);
  const files = readdirSync(join(dir, 'secrets'));
  expect(files).toHaveLength(1);
  const file = join(dir, 'secrets', files[0]);
  expect(readFileSync(file).toString('latin1')).not.toContain('client-secret-value');
  expect(await (await openSecretStore(dir, 2000, withDpapi(dpapi), 'win32')).load(key)).toBe('client-secret-value');

  // After a password reset: not readable, so asked again; the new answer is kept.
  const reset = fakeDpapi();
  const after = await openSecretStore(dir, 2000, withDpapi(reset), 'win32');
  expect(await after.load(key)).toBeNull();
  expect(await after.save(key, 'new-secret')).toBe(true);
  expect(await after.load(key)).toBe('new-secret');
  await after.removeAccount(key.environment, key.accountId);
  expect(readdirSync(join(dir, 'secrets'))).toEqual([]);
});
