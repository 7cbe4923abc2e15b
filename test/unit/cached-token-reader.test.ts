/**
 * cachedTokenReader, the warm path of long-lived callers (exec's endpoint, MyAccountCredential):
 * it keeps the cache text between calls, so it must see every write another process makes (an
 * atomic replace, as the token cache writes) and judge expiry anew on each call.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedTokenReader } from '../../src/token-cache/cached-token.js';
import { cacheWithToken, tokenQuery } from '../helpers/token-cache.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cached-reader-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeCache(secret: string, expiresOn: number): void {
  // As the token cache writes: a new file renamed into place.
  writeFileSync(join(dir, 'next.json'), cacheWithToken(secret, expiresOn), { mode: 0o600 });
  renameSync(join(dir, 'next.json'), join(dir, 'msal.cache.plaintext.json'));
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
