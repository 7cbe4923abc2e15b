/**
 * Issue 18.8: the macOS Keychain binds an item to the node binary that made it, so after a Node.js
 * upgrade the first read of the token cache shows a dialog. Simulated here with a keytar whose read
 * of the cache's entry answers only after a delay (the person reading the dialog), on 'darwin':
 * - a person there: told once to answer it, the same request is awaited, the entry read once for
 *   the warm path and MSAL's path together, and the command goes on;
 * - nobody there: a clear SecureTokenCacheUnavailable right after the short patience, no second
 *   request while the dialog is up, no hang;
 * - a person who does not answer within the limit: a clear failure, as an MSAL cache access sees it.
 * Times are small and injected; the real ones are 2 s and 2 minutes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublicClientApplication, type TokenCacheContext } from '@azure/msal-node';
import { isAttended } from '../../src/core/ci.js';
import { MyAccountError } from '../../src/core/errors.js';
import { folderId } from '../../src/profile/folder-id.js';
import { findCachedToken } from '../../src/token-cache/cached-token.js';
import { KeychainNotAnswering, KeyringGate, type KeychainWait } from '../../src/token-cache/keyring-wait.js';
import type { Keytar } from '../../src/token-cache/native.js';
import { cacheAccount, CACHE_FILE, CACHE_SERVICE, openTokenCache } from '../../src/token-cache/token-cache.js';
import { CLIENT, cacheWithToken, collectingReporter, tokenQuery } from '../helpers/token-cache.js';

const PATIENCE = 60;
const LIMIT = 3000;

let dir: string;
let timers: NodeJS.Timeout[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'myaccount-keychain-'));
  timers = [];
});
afterEach(() => {
  for (const timer of timers) clearTimeout(timer);
  rmSync(dir, { recursive: true, force: true });
});

const later = <T>(ms: number, value: () => T): Promise<T> => new Promise((resolve) => timers.push(setTimeout(() => resolve(value()), ms)));

/**
 * A Keychain in memory whose read of `slowEntry` answers after `dialogMs` (Infinity: nobody ever
 * answers; a number below zero: Deny), as the dialog of an item made by another node binary.
 */
function fakeKeychain(slowEntry: string, dialogMs: number, entries: Record<string, string> = {}) {
  const items = new Map(Object.entries(entries).map(([k, v]) => [`${CACHE_SERVICE}/${k}`, v]));
  const calls: string[] = [];
  const keytar = {
    async getPassword(service: string, account: string) {
      calls.push(`get ${account}`);
      const value = () => items.get(`${service}/${account}`) ?? null;
      if (account !== slowEntry) return value();
      if (dialogMs === Infinity) return new Promise<never>(() => undefined);
      if (dialogMs < 0) return new Promise<never>((_, reject) => timers.push(setTimeout(() => reject(new Error('The user name or passphrase you entered is not correct.')), -dialogMs)));
      return later(dialogMs, value);
    },
    async setPassword(service: string, account: string, password: string) {
      calls.push(`set ${account}`);
      items.set(`${service}/${account}`, password);
    },
    async deletePassword(service: string, account: string) {
      calls.push(`delete ${account}`);
      return items.delete(`${service}/${account}`);
    },
  };
  return { native: { keytar: async () => keytar as unknown as Keytar }, calls, reads: (entry: string) => calls.filter((c) => c === `get ${entry}`).length };
}

/** What MSAL does first in a command: a read access through the plugin. */
async function msalRead(plugin: { beforeCacheAccess(c: TokenCacheContext): Promise<void>; afterCacheAccess(c: TokenCacheContext): Promise<void> }): Promise<string[]> {
  const seen: string[] = [];
  const context = { cacheHasChanged: false, tokenCache: { deserialize: (text: string) => void seen.push(text), serialize: () => '{}' } } as unknown as TokenCacheContext;
  await plugin.beforeCacheAccess(context);
  await plugin.afterCacheAccess(context);
  return seen;
}

async function setup(dialogMs: number, secret = 'arm-token', expiresIn = 3600) {
  const entry = cacheAccount(await folderId(dir));
  const text = cacheWithToken(secret, Math.floor(Date.now() / 1000) + expiresIn);
  const keychain = fakeKeychain(entry, dialogMs, { [entry]: text });
  return { entry, text, keychain };
}

function policy(attended: boolean, report: KeychainWait['report'], gate: KeyringGate, limitMs = LIMIT): KeychainWait {
  return { attended, report, gate, patienceMs: PATIENCE, limitMs };
}

const HINT = /^Waiting for the macOS Keychain: answer its prompt \(choose Always Allow to be asked once per Node\.js version\)/;

describe('a person at the terminal', () => {
  test('the warm path waits for the answer, says so once, and hands out the token', async () => {
    const { entry, keychain } = await setup(400);
    const { report, messages } = collectingReporter();
    const gate = new KeyringGate();
    const hit = await findCachedToken(tokenQuery(dir, new Date(), { platform: 'darwin', allowPlaintext: false, keyring: { native: keychain.native, keychain: policy(true, report, gate) } }));
    expect(hit?.token).toBe('arm-token');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(HINT);
    expect(keychain.reads(entry)).toBe(1);
  });

  test('a warm-path miss goes on to MSAL, which neither asks the Keychain again for that entry nor says it again', async () => {
    // The token is within MSAL's five minutes of expiry: the warm path leaves it to MSAL.
    const { entry, text, keychain } = await setup(400, 'old-token', 120);
    const { report, messages } = collectingReporter();
    const gate = new KeyringGate();
    const started = Date.now();
    expect(await findCachedToken(tokenQuery(dir, new Date(), { platform: 'darwin', allowPlaintext: false, keyring: { native: keychain.native, keychain: policy(true, report, gate) } }))).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    const cache = await openTokenCache({ configDir: dir, allowPlaintext: false, report, platform: 'darwin', native: keychain.native, attended: true, keychain: { gate, patienceMs: PATIENCE, limitMs: LIMIT } });
    expect(cache.store).toBe('keychain');
    expect(await msalRead(cache.plugin)).toEqual([text]);
    expect(keychain.reads(entry)).toBe(1);
    expect(messages.filter((m) => HINT.test(m))).toHaveLength(1);
    expect(messages).toHaveLength(1);
  });

  test('a write between the warm read and MSAL\'s load makes the load ask the Keychain again', async () => {
    const { entry, keychain } = await setup(200, 'old-token', 120);
    const { report } = collectingReporter();
    const gate = new KeyringGate();
    await findCachedToken(tokenQuery(dir, new Date(), { platform: 'darwin', allowPlaintext: false, keyring: { native: keychain.native, keychain: policy(true, report, gate) } }));
    // Another process's write replaces the stamp file after writing the keyring.
    writeFileSync(join(dir, CACHE_FILE), '{}');
    const cache = await openTokenCache({ configDir: dir, allowPlaintext: false, report, platform: 'darwin', native: keychain.native, attended: true, keychain: { gate, patienceMs: PATIENCE, limitMs: LIMIT } });
    await msalRead(cache.plugin);
    expect(keychain.reads(entry)).toBe(2);
  });

  test('a prompt nobody answers within the limit fails clearly, as MSAL sees it, after one request', async () => {
    const { entry, keychain } = await setup(Infinity);
    const { report, messages } = collectingReporter();
    const gate = new KeyringGate();
    const cache = await openTokenCache({ configDir: dir, allowPlaintext: false, report, platform: 'darwin', native: keychain.native, attended: true, keychain: { gate, patienceMs: PATIENCE, limitMs: 400 } });
    const app = new PublicClientApplication({ auth: { clientId: CLIENT }, cache: { cachePlugin: cache.plugin } });
    const started = Date.now();
    const error = await app.getTokenCache().getAllAccounts().catch((e) => e);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toBeInstanceOf(MyAccountError);
    expect(error.code).toBe('SecureTokenCacheUnavailable');
    expect(error.message).toContain(`keyring entry ${CACHE_SERVICE}/${entry}`);
    expect(error.message).toContain("the macOS Keychain's prompt was not answered within 0.4 s");
    expect(error.message).toContain('security unlock-keychain');
    expect(messages.filter((m) => HINT.test(m))).toHaveLength(1);
    // Nothing asks again in this process while that dialog may still be up.
    expect(await app.getTokenCache().getAllAccounts().catch((e) => e.code)).toBe('SecureTokenCacheUnavailable');
    expect(keychain.reads(entry)).toBe(1);
  });

  test('Deny is remembered: no second dialog in this process', async () => {
    const { entry, keychain } = await setup(-200);
    const { report } = collectingReporter();
    const gate = new KeyringGate();
    expect(await findCachedToken(tokenQuery(dir, new Date(), { platform: 'darwin', allowPlaintext: false, keyring: { native: keychain.native, keychain: policy(true, report, gate) } }))).toBeNull();
    const error = await openTokenCache({ configDir: dir, allowPlaintext: false, report, platform: 'darwin', native: keychain.native, attended: true, keychain: { gate, patienceMs: PATIENCE } }).catch((e) => e);
    expect(error.code).toBe('SecureTokenCacheUnavailable');
    expect(error.message).toContain('refused access (The user name or passphrase you entered is not correct.), as when its prompt is answered with Deny');
    expect(keychain.calls).toEqual([`get ${entry}`]);
  });
});

describe('nobody there (CI, a service)', () => {
  test('fails clearly right after the patience: the warm path gives up, MSAL\'s path asks nothing more', async () => {
    const { entry, keychain } = await setup(Infinity);
    const { report, messages } = collectingReporter();
    const gate = new KeyringGate();
    const started = Date.now();
    expect(await findCachedToken(tokenQuery(dir, new Date(), { platform: 'darwin', allowPlaintext: false, keyring: { native: keychain.native, keychain: policy(false, report, gate) } }))).toBeNull();
    const error = await openTokenCache({ configDir: dir, allowPlaintext: false, report, platform: 'darwin', native: keychain.native, keychain: { gate, patienceMs: PATIENCE } }).catch((e) => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(MyAccountError);
    expect(error.code).toBe('SecureTokenCacheUnavailable');
    expect(error.message).toContain('the macOS Keychain did not answer within 0.06 s, most likely because it shows a dialog nobody here can answer');
    expect(error.message).toContain('choose Always Allow');
    expect(error.message).toContain('security unlock-keychain');
    expect(error.message).toContain('--allow-plaintext-token-cache true');
    expect(messages).toEqual([]);
    // One request in all: not even the check entry was written while the dialog may be up.
    expect(keychain.calls).toEqual([`get ${entry}`]);
  });

  test('MSAL\'s path alone (no warm read): the load fails clearly after the patience', async () => {
    const { entry, keychain } = await setup(Infinity);
    const { report, messages } = collectingReporter();
    const cache = await openTokenCache({ configDir: dir, allowPlaintext: false, report, platform: 'darwin', native: keychain.native, keychain: { gate: new KeyringGate(), patienceMs: PATIENCE } });
    const error = await msalRead(cache.plugin).catch((e) => e);
    expect(error.code).toBe('SecureTokenCacheUnavailable');
    expect(error.message).toContain('dialog nobody here can answer');
    expect(messages).toEqual([]);
    expect(keychain.reads(entry)).toBe(1);
  });

  test('with the plain cache allowed it falls back, saying why', async () => {
    const { keychain } = await setup(Infinity);
    const { report, messages } = collectingReporter();
    const gate = new KeyringGate();
    await findCachedToken(tokenQuery(dir, new Date(), { platform: 'darwin', allowPlaintext: true, keyring: { native: keychain.native, keychain: policy(false, report, gate) } }));
    const cache = await openTokenCache({ configDir: dir, allowPlaintext: true, report, platform: 'darwin', native: keychain.native, keychain: { gate, patienceMs: PATIENCE } });
    expect(cache.store).toBe('plaintext');
    expect(messages.join('\n')).toContain('dialog nobody here can answer');
  });
});

describe('the gate', () => {
  const quiet = { warning: () => undefined };

  test('an answer within the patience says nothing; a later unanswered one blocks the next until it settles', async () => {
    const gate = new KeyringGate();
    const { report, messages } = collectingReporter();
    expect(await gate.ask(async () => 'quick', policy(true, report, gate))).toBe('quick');
    expect(messages).toEqual([]);
    let answer!: (v: string) => void;
    const dialog = new Promise<string>((r) => (answer = r));
    await expect(gate.ask(() => dialog, policy(false, quiet, gate))).rejects.toBeInstanceOf(KeychainNotAnswering);
    let asked = false;
    await expect(
      gate.ask(async () => {
        asked = true;
        return 'x';
      }, policy(false, quiet, gate)),
    ).rejects.toBeInstanceOf(KeychainNotAnswering);
    expect(asked).toBe(false);
    // Answered after all (Always Allow): later requests ask again.
    answer('late');
    await dialog;
    expect(await gate.ask(async () => 'again', policy(false, quiet, gate))).toBe('again');
  });

  test('requests run one at a time', async () => {
    const gate = new KeyringGate();
    const order: string[] = [];
    const slow = gate.ask(() => later(150, () => order.push('first')), policy(true, quiet, gate));
    const next = gate.ask(async () => order.push('second'), policy(true, quiet, gate));
    await Promise.all([slow, next]);
    expect(order).toEqual(['first', 'second']);
  });

  test('a kept read is given once, and only while the stamp is the same', () => {
    const gate = new KeyringGate();
    gate.remember('MyAccount/e', 'stamp-1', 'text');
    expect(gate.recall('MyAccount/e', 'stamp-1')).toBe('text');
    expect(gate.recall('MyAccount/e', 'stamp-1')).toBeUndefined();
    gate.remember('MyAccount/e', 'stamp-1', null);
    expect(gate.recall('MyAccount/e', 'stamp-1')).toBeNull();
    gate.remember('MyAccount/e', 'stamp-1', 'text');
    expect(gate.recall('MyAccount/e', 'stamp-2')).toBeUndefined();
  });
});

test.each([
  [{}, true, true],
  [{}, false, false],
  [{ CI: 'true' }, true, false],
  [{ MYACCOUNT_ATTENDED: '1' }, false, true],
  [{ MYACCOUNT_ATTENDED: 'true', CI: 'true' }, false, true],
  [{ MYACCOUNT_ATTENDED: '0' }, true, false],
])('attended with %j and stderr a terminal %s: %s', (env, tty, expected) => {
  expect(isAttended(env, tty)).toBe(expected);
});
