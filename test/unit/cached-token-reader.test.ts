/**
 * cachedTokenReader, the warm path of long-lived callers (exec's endpoint, MyAccountCredential):
 * it keeps the cache text between calls, so it must see every write another process makes (an
 * atomic replace, as the token cache writes) and judge expiry anew on each call.
 * And the warm path on Windows (issue 18.10): it reads the DPAPI file itself (a stand-in with the
 * addon's interface here), without MSAL, msal-node-extensions' index or keytar, which this file
 * makes fail to load; a file it cannot decrypt is left to MSAL's path.
 */
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedTokenReader, findCachedToken, type CachedTokenQuery } from '../../src/token-cache/cached-token.js';
import { cacheWithToken, tokenQuery } from '../helpers/token-cache.js';
import { dpapiPersistence } from '../../src/token-cache/dpapi-persistence.js';
import { CACHE_FILE, PLAINTEXT_CACHE_FILE } from '../../src/token-cache/cache-names.js';
import { fakeDpapi, withDpapi } from '../helpers/fake-dpapi.js';

// The warm path's point is not loading these; any import of them fails the test.
jest.mock('@azure/msal-node', () => {
  throw new Error('the warm path loaded MSAL');
});
jest.mock('@azure/msal-node-extensions', () => {
  throw new Error("the warm path loaded msal-node-extensions' index");
});
jest.mock('keytar', () => {
  throw new Error('the warm path loaded keytar');
});

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cached-reader-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeCache(secret: string, expiresOn: number): void {
  // As the token cache writes: a new file renamed into place.
  writeFileSync(join(dir, 'next.json'), cacheWithToken(secret, expiresOn), { mode: 0o600 });
  renameSync(join(dir, 'next.json'), join(dir, PLAINTEXT_CACHE_FILE));
}

const query = (now: Date) => tokenQuery(dir, now);

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

describe('on Windows: the DPAPI file', () => {
  const now = Math.floor(Date.now() / 1000);
  const win = (dpapi: ReturnType<typeof fakeDpapi> | null, allowPlaintext = false): CachedTokenQuery => ({
    ...query(new Date()),
    platform: 'win32',
    allowPlaintext,
    native: dpapi ? withDpapi(dpapi) : { dpapi: () => Promise.reject(new Error('Cannot find module dpapi.node')) },
  });
  /** As the token cache on Windows writes it. */
  const writeDpapi = async (dpapi: ReturnType<typeof fakeDpapi>, secret: string) => (await dpapiPersistence(join(dir, CACHE_FILE), withDpapi(dpapi))).save(cacheWithToken(secret, now + 3600));

  test('gives the token without MSAL, and sees the next write', async () => {
    const dpapi = fakeDpapi();
    await writeDpapi(dpapi, 'dpapi-token-one');
    expect((await findCachedToken(win(dpapi)))?.token).toBe('dpapi-token-one');
    const read = cachedTokenReader();
    expect((await read(win(dpapi)))?.token).toBe('dpapi-token-one');
    await writeDpapi(dpapi, 'dpapi-token-two');
    expect((await read(win(dpapi)))?.token).toBe('dpapi-token-two');
  });

  test('a file that does not decrypt (another key: a password reset) gives null and is left for MSAL to move aside', async () => {
    await writeDpapi(fakeDpapi(), 'from-before-the-reset');
    const before = readFileSync(join(dir, CACHE_FILE));
    const dpapi = fakeDpapi();
    expect(await findCachedToken(win(dpapi))).toBeNull();
    expect(dpapi.calls.unprotect).toBe(1);
    expect(readFileSync(join(dir, CACHE_FILE))).toEqual(before);
  });

  test('where DPAPI loads, it is the store: a plain file beside it is not read; without the addon, the plain file only if allowed', async () => {
    writeCache('plain-token', now + 3600);
    expect(existsSync(join(dir, CACHE_FILE))).toBe(false);
    expect(await findCachedToken(win(fakeDpapi(), true))).toBeNull();
    expect((await findCachedToken(win(null, true)))?.token).toBe('plain-token');
    expect(await findCachedToken(win(null, false))).toBeNull();
  });
});
