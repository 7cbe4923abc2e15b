/**
 * The token cache plugin's write-back (deferWrites, then flush), which connect's discovery uses:
 * while deferred nothing is read or written and MSAL's memory is never replaced; flush writes
 * once, applying only this process's changes to what is on disk now, so entries another process
 * wrote meanwhile (new ones and refreshed ones) survive, and this process's removals hold.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ISerializableTokenCache, TokenCacheContext } from '@azure/msal-node';
import { applyChanges, sharedCachePlugin, type SharedCachePlugin } from '../../src/token-cache/cache-plugin.js';
import { plainFilePersistence } from '../../src/token-cache/persistence.js';

type Cache = Record<string, Record<string, unknown>>;

/** MSAL's in-memory cache as the plugin sees it: serialize/deserialize of the whole JSON. */
class FakeMsalCache implements ISerializableTokenCache {
  state: Cache = {};
  deserialized = 0;
  serialize(): string {
    return JSON.stringify(this.state);
  }
  deserialize(text: string): void {
    this.deserialized += 1;
    this.state = JSON.parse(text) as Cache;
  }
}

const context = (cache: FakeMsalCache, changed: boolean) => ({ tokenCache: cache, cacheHasChanged: changed }) as unknown as TokenCacheContext;

/** One MSAL write as MSAL does it: before (with the intent to write), change memory, after. */
async function write(plugin: SharedCachePlugin, cache: FakeMsalCache, change: (state: Cache) => void): Promise<void> {
  const ctx = context(cache, true);
  await plugin.beforeCacheAccess(ctx);
  change(cache.state);
  await plugin.afterCacheAccess(ctx);
}

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cache-write-back-'));
  path = join(dir, 'msal.cache.plaintext.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function plugin(): Promise<SharedCachePlugin> {
  return sharedCachePlugin(await plainFilePersistence(path), { warn: () => undefined, now: () => new Date() });
}
const onDisk = (): Cache => JSON.parse(readFileSync(path, 'utf8')) as Cache;

test('deferred writes stay in memory, and flush merges them with what another process wrote meanwhile', async () => {
  const a = await plugin();
  const b = await plugin();
  const memA = new FakeMsalCache();
  const memB = new FakeMsalCache();
  await write(a, memA, (s) => {
    s.AccessToken = { old: { secret: 'a0' }, gone: { secret: 'g' }, shared: { secret: 's0' } };
    s.RefreshToken = { rt: { secret: 'r0' } };
  });

  await a.deferWrites();
  expect(a.deferring).toBe(true);
  const before = memA.deserialized;
  for (let i = 0; i < 50; i++) {
    await write(a, memA, (s) => {
      s.AccessToken[`t${i}`] = { secret: `a${i}` };
      s.RefreshToken.rt = { secret: `r${i + 1}` };
    });
  }
  await write(a, memA, (s) => delete s.AccessToken.gone);
  // Nothing read back into MSAL's memory, nothing written while deferred.
  expect(memA.deserialized).toBe(before);
  expect(Object.keys(onDisk().AccessToken)).toEqual(['old', 'gone', 'shared']);

  // Another process, write-through, meanwhile: a new entry and a refresh of one A did not touch.
  await write(b, memB, (s) => {
    s.AccessToken.fromB = { secret: 'b' };
    s.AccessToken.shared = { secret: 's1' };
  });

  await a.flush();
  expect(a.deferring).toBe(false);
  const disk = onDisk();
  expect(disk.AccessToken.fromB).toEqual({ secret: 'b' });
  expect(disk.AccessToken.shared).toEqual({ secret: 's1' });
  expect(disk.AccessToken.gone).toBeUndefined();
  expect(disk.AccessToken.t49).toEqual({ secret: 'a49' });
  expect(Object.keys(disk.AccessToken)).toHaveLength(53);
  expect(disk.RefreshToken.rt).toEqual({ secret: 'r50' });
  // MSAL's memory is reloaded before it is next used, not in the flush (connect uses it no more).
  expect(memA.deserialized).toBe(before);

  // Write-through again afterwards: the access first gives MSAL what was written, B's entries included.
  const ctx = context(memA, true);
  await a.beforeCacheAccess(ctx);
  expect(memA.state).toEqual(disk);
  memA.state.AccessToken.after = { secret: 'x' };
  await a.afterCacheAccess(ctx);
  expect(onDisk().AccessToken.after).toEqual({ secret: 'x' });
});

test("a second deferral starts from what the first flush wrote, so another process's entries are not taken for removals", async () => {
  const a = await plugin();
  const b = await plugin();
  const memA = new FakeMsalCache();
  const memB = new FakeMsalCache();
  await write(a, memA, (s) => (s.AccessToken = { mine: { secret: '1' } }));
  await a.deferWrites();
  await write(a, memA, (s) => (s.AccessToken.mine2 = { secret: '2' }));
  await write(b, memB, (s) => (s.AccessToken.fromB = { secret: 'b' }));
  await a.flush();
  expect(memA.state.AccessToken.fromB).toBeUndefined();

  await a.deferWrites();
  expect(memA.state.AccessToken.fromB).toEqual({ secret: 'b' });
  await write(a, memA, (s) => (s.AccessToken.mine3 = { secret: '3' }));
  await a.flush();
  expect(Object.keys(onDisk().AccessToken).sort()).toEqual(['fromB', 'mine', 'mine2', 'mine3']);
});

test('a flush with nothing changed writes nothing', async () => {
  const a = await plugin();
  const mem = new FakeMsalCache();
  await write(a, mem, (s) => (s.AccessToken = { k: { secret: '1' } }));
  const text = readFileSync(path, 'utf8');
  await a.deferWrites();
  const ctx = context(mem, false);
  await a.beforeCacheAccess(ctx);
  await a.afterCacheAccess(ctx);
  await a.flush();
  expect(readFileSync(path, 'utf8')).toBe(text);
});

test("a write removes the temp copies killed writers left beside the cache, and nothing else", async () => {
  const a = await plugin();
  const mem = new FakeMsalCache();
  await write(a, mem, (s) => (s.AccessToken = { k: { secret: '1' } }));
  // What a writer killed between writing its temp file and renaming it leaves: a whole cache.
  const orphans = ['msal.cache.plaintext.json.4242123456789', 'msal.cache.plaintext.json.7'];
  const others = ['msal.cache.plaintext.json.corrupt-2026-01-01T00-00-00-000Z', 'msal.cache.plaintext.json.12ab', 'msal.cache.plaintext.json.lock.1', 'other.json.4242', 'profile.json'];
  for (const name of [...orphans, ...others]) writeFileSync(join(dir, name), '{"AccessToken":{"stolen":{"secret":"x"}}}');
  // A read takes the lock too, but writes nothing, so it leaves them.
  const read = context(mem, false);
  await a.beforeCacheAccess(read);
  await a.afterCacheAccess(read);
  expect(readdirSync(dir)).toEqual(expect.arrayContaining(orphans));

  await write(a, mem, (s) => (s.AccessToken.k2 = { secret: '2' }));
  expect(readdirSync(dir).sort()).toEqual(['msal.cache.plaintext.json', ...others].sort());
  // A deferred write's flush sweeps as well.
  writeFileSync(join(dir, orphans[0]), '{}');
  await a.deferWrites();
  await write(a, mem, (s) => (s.AccessToken.k3 = { secret: '3' }));
  expect(readdirSync(dir)).toContain(orphans[0]);
  await a.flush();
  expect(readdirSync(dir)).not.toContain(orphans[0]);
  expect(onDisk().AccessToken.k3).toEqual({ secret: '3' });
});

test('applyChanges: added, replaced and removed entries are ours; untouched ones are the disk\'s', () => {
  const base = { AccessToken: { keep: 1, change: 1, remove: 1 }, Other: 'v1' };
  const mine = { AccessToken: { keep: 1, change: 2, add: 3 }, Other: 'v1' };
  const disk = { AccessToken: { keep: 9, change: 1, remove: 1, theirs: 4 }, Other: 'v2', Extra: true };
  expect(applyChanges(disk, base, mine)).toEqual({ AccessToken: { keep: 9, change: 2, add: 3, theirs: 4 }, Other: 'v2', Extra: true });
});
