/**
 * Where no D-Bus session bus can be reached (CI runners, containers), libsecret cannot work, and
 * the token cache and the kept-secret store say so without loading keytar or msal-node-extensions.
 * The decision follows GLib's own search (session-bus.ts); a real Unix socket stands for a user bus.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSecretStore } from '../../src/token-cache/secret-store.js';
import { noSessionBus } from '../../src/token-cache/session-bus.js';
import { openTokenCache, PLAINTEXT_CACHE_FILE } from '../../src/token-cache/token-cache.js';
import { collectingReporter } from '../helpers/token-cache.js';

const onWindows = process.platform === 'win32';
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'myaccount-bus-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A listening Unix socket at `path`, as a user bus's; closed by the caller. */
function listenAt(path: string): Promise<Server> {
  const server = createServer();
  return new Promise((resolve, reject) => server.once('error', reject).listen(path, () => resolve(server)));
}

test('an address, a display, or a bus socket in the runtime folder: a bus may be there', () => {
  const none = () => false;
  expect(noSessionBus({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nowhere' }, 'linux', none)).toBeNull();
  expect(noSessionBus({ DISPLAY: ':0' }, 'linux', none)).toBeNull();
  expect(noSessionBus({ XDG_RUNTIME_DIR: '/run/user/1000' }, 'linux', (p) => p === join('/run/user/1000', 'bus'))).toBeNull();
  // GLib's runtime folder is the cache folder when XDG_RUNTIME_DIR is unset.
  expect(noSessionBus({ HOME: '/home/me' }, 'linux', (p) => p === join('/home/me', '.cache', 'bus'))).toBeNull();
  expect(noSessionBus({ XDG_CACHE_HOME: '/c', HOME: '/home/me' }, 'linux', (p) => p === join('/c', 'bus'))).toBeNull();
  // Not libsecret's platforms: nothing is decided there.
  expect(noSessionBus({}, 'win32', none)).toBeNull();
  expect(noSessionBus({}, 'darwin', none)).toBeNull();
});

test('none of them: no bus, and the reason names what is missing', () => {
  const why = noSessionBus({ XDG_RUNTIME_DIR: '/run/user/1000', DBUS_SESSION_BUS_ADDRESS: '', DISPLAY: '' }, 'linux', () => false);
  expect(why).toContain('DBUS_SESSION_BUS_ADDRESS is not set');
  expect(why).toContain(join('/run/user/1000'));
  expect(why).toContain('DISPLAY');
  expect(noSessionBus({}, 'freebsd', () => false)).toContain('neither XDG_RUNTIME_DIR nor HOME is set');
  // A file named bus that is no socket is not a bus.
  mkdirSync(join(dir, 'run'));
  writeFileSync(join(dir, 'run', 'bus'), '');
  expect(noSessionBus({ XDG_RUNTIME_DIR: join(dir, 'run') }, 'linux')).toContain('no bus socket');
});

(onWindows ? test.skip : test)('a real socket named bus in XDG_RUNTIME_DIR counts', async () => {
  const server = await listenAt(join(dir, 'bus'));
  try {
    expect(noSessionBus({ XDG_RUNTIME_DIR: dir }, 'linux')).toBeNull();
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('the token cache falls back to the plain file for that reason without loading keytar', async () => {
  let loads = 0;
  const keytar = () => {
    loads++;
    return Promise.reject(new Error('loaded'));
  };
  const { report, messages } = collectingReporter();
  const cache = await openTokenCache({ configDir: dir, allowPlaintext: true, report, platform: 'linux', native: { keytar }, env: { XDG_RUNTIME_DIR: join(dir, 'run') } });
  expect(cache.store).toBe('plaintext');
  expect(loads).toBe(0);
  expect(messages.join('\n')).toContain('no D-Bus session bus');
  expect(messages.join('\n')).toContain(PLAINTEXT_CACHE_FILE);

  // Refused when the plain file is not allowed, with the same reason.
  const refused = await openTokenCache({ configDir: join(dir, 'other'), allowPlaintext: false, report, platform: 'linux', native: { keytar }, env: {} }).catch((e) => e);
  expect(refused.code).toBe('SecureTokenCacheUnavailable');
  expect(refused.message).toContain('no D-Bus session bus');
  expect(loads).toBe(0);

  // With a bus address, keytar is tried as before.
  await openTokenCache({ configDir: join(dir, 'third'), allowPlaintext: true, report, platform: 'linux', native: { keytar }, env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nowhere' } });
  expect(loads).toBe(1);
});

test('the kept-secret store is unavailable without loading msal-node-extensions', async () => {
  let loads = 0;
  const extensions = () => {
    loads++;
    return Promise.reject(new Error('loaded'));
  };
  const store = await openSecretStore(dir, 2000, { extensions }, 'linux', {});
  expect(await store.save({ environment: 'AzureCloud', accountId: 'app', kind: 'ClientSecret' }, 's3cret')).toBe(false);
  expect(store.available).toBe(false);
  expect(loads).toBe(0);
});
