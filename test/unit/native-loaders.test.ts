/**
 * Issue 18.7: keytar's native build can be missing (Windows without build tools, a Node version
 * without a prebuilt binary), and msal-node-extensions' index imports keytar, so it fails too; on
 * Windows only the DPAPI addon is loaded, and it can be missing too (an architecture it is not
 * shipped for). All load inside the guard: the result is SecureTokenCacheUnavailable naming the module (or, when
 * allowed, the plain file with a warning naming it), and the kept-secret store is unavailable;
 * never an InternalError.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MyAccountError } from '../../src/core/errors.js';
import { loadDpapi, NativeModuleMissing } from '../../src/token-cache/native.js';
import { openSecretStore } from '../../src/token-cache/secret-store.js';
import { openTokenCache } from '../../src/token-cache/token-cache.js';
import { collectingReporter } from '../helpers/token-cache.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'myaccount-native-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What Node throws when a native addon's .node file was never built. */
/** A session bus address, so that on Linux keytar is loaded at all (session-bus.ts). */
const bus = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };

const missingBuild = (): Promise<never> =>
  Promise.reject(Object.assign(new Error("Cannot find module '../build/Release/keytar.node'\nRequire stack:\n- C:\\Users\\x\\keytar.js"), { code: 'MODULE_NOT_FOUND' }));

test.each([
  ['linux', { keytar: missingBuild }, 'keytar'],
  ['darwin', { keytar: missingBuild }, 'keytar'],
  ['win32', { dpapi: missingBuild }, "@azure/msal-node-extensions' DPAPI addon"],
] as const)('%s: a missing native build is SecureTokenCacheUnavailable naming the module', async (platform, native, name) => {
  const { report } = collectingReporter();
  const error = await openTokenCache({ configDir: dir, allowPlaintext: false, report, platform, native, env: bus }).catch((e) => e);
  expect(error).toBeInstanceOf(MyAccountError);
  expect(error.code).toBe('SecureTokenCacheUnavailable');
  expect(error.message).toContain(`the native module ${name}`);
  expect(error.message).toContain('MODULE_NOT_FOUND');
  expect(error.message).toMatch(/Build Tools/);
  // The require stack (paths of this machine) stays out.
  expect(error.message).not.toContain('Require stack');
});

test('with the plain file allowed: falls back, and the warning names the missing module', async () => {
  const { report, messages: warnings } = collectingReporter();
  const cache = await openTokenCache({ configDir: dir, allowPlaintext: true, report, platform: 'linux', native: { keytar: missingBuild }, env: bus });
  expect(cache.store).toBe('plaintext');
  expect(warnings.join('\n')).toContain('the native module keytar could not be loaded');
});

test('with the plain file allowed on Windows: falls back, and the warning names the DPAPI addon', async () => {
  const { report, messages: warnings } = collectingReporter();
  const cache = await openTokenCache({ configDir: dir, allowPlaintext: true, report, platform: 'win32', native: { dpapi: missingBuild } });
  expect(cache.store).toBe('plaintext');
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain("the native module @azure/msal-node-extensions' DPAPI addon");
});

const onWindows = process.platform === 'win32';

(onWindows ? test.skip : test)('the DPAPI addon is found where msal-node-extensions ships it; off Windows loading it is NativeModuleMissing', async () => {
  // The file is there (so the path is right) but is a Windows DLL: dlopen refuses it here.
  const error = await loadDpapi().catch((e) => e);
  expect(error).toBeInstanceOf(NativeModuleMissing);
  expect(error.message).toContain(`bin/${process.arch}/dpapi.node`);
  expect(error.message).toContain('ERR_DLOPEN_FAILED');
  expect(error.message).not.toContain('MODULE_NOT_FOUND');
});

(onWindows ? test : test.skip)('Windows: the real DPAPI addon loads by itself, round-trips, and throws on a damaged blob', async () => {
  const dpapi = await loadDpapi();
  const blob = Buffer.from(dpapi.protectData(Buffer.from('myaccount'), null, 'CurrentUser'));
  expect(Buffer.from(dpapi.unprotectData(blob, null, 'CurrentUser')).toString()).toBe('myaccount');
  blob[blob.length - 1] ^= 0xff;
  expect(() => dpapi.unprotectData(blob, null, 'CurrentUser')).toThrow();
});

test('the kept-secret store: unavailable, nothing kept, no throw', async () => {
  for (const [platform, native] of [['linux', { extensions: missingBuild }], ['win32', { dpapi: missingBuild }]] as const) {
    const store = await openSecretStore(dir, 2000, native, platform, bus);
    expect(await store.save({ environment: 'AzureCloud', accountId: 'app', kind: 'ClientSecret' }, 's3cret')).toBe(false);
    expect(store.available).toBe(false);
    expect(await store.load({ environment: 'AzureCloud', accountId: 'app', kind: 'ClientSecret' })).toBeNull();
  }
});
