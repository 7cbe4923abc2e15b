import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, tempConfigDir } from '../helpers/cli.js';
import { bundleEntry } from '../helpers/bundle.js';
import { startKeyring, type Keyring } from '../helpers/keyring.js';
import { FOLDER_ID_FILE } from '../../src/profile/folder-id.js';
import { CACHE_FILE, PLAINTEXT_CACHE_FILE } from '../../src/token-cache/token-cache.js';
import { expectMode } from '../helpers/modes.js';

const probe = bundleEntry(join(__dirname, 'token-cache-probe.ts'));
const SECRET = JSON.stringify({ RefreshToken: { x: { secret: 'rt-very-secret-value' } } });

function run(dir: string, env: Record<string, string | undefined>, args: string[]): any {
  const out = execFileSync(process.execPath, [probe, dir, ...args], { env: cleanEnv(dir, env), encoding: 'utf8', cwd: join(__dirname, '..', '..') });
  return JSON.parse(out.trim().split('\n').pop()!);
}

describe('the token cache', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempConfigDir()));
  afterEach(() => cleanup());

  describe('with a real libsecret keyring (gnome-keyring on a private D-Bus)', () => {
    let keyring: Keyring;
    beforeAll(async () => {
      keyring = await startKeyring();
    });
    afterAll(() => keyring.stop());

    test('tokens go to the keyring and another process reads them; the file holds no token', () => {
      const written = run(dir, keyring.env, ['false', 'write', SECRET]);
      expect(written).toMatchObject({ store: 'libsecret', warnings: [] });
      const read = run(dir, keyring.env, ['false', 'read']);
      expect(read).toMatchObject({ store: 'libsecret', seen: SECRET });
      expect(readFileSync(join(dir, CACHE_FILE), 'utf8')).not.toContain('rt-very-secret-value');
      expect(existsSync(join(dir, PLAINTEXT_CACHE_FILE))).toBe(false);
    });

    test('two state folders side by side have their own keyring entries: clearing one leaves the other', () => {
      const other = tempConfigDir();
      try {
        const secretA = SECRET;
        const secretB = JSON.stringify({ RefreshToken: { y: { secret: 'rt-of-folder-b' } } });
        run(dir, keyring.env, ['false', 'write', secretA]);
        run(other.dir, keyring.env, ['false', 'write', secretB]);
        expect(run(dir, keyring.env, ['false', 'read']).seen).toBe(secretA);
        expect(run(other.dir, keyring.env, ['false', 'read']).seen).toBe(secretB);
        // What sign-out leaves in folder B's cache.
        run(other.dir, keyring.env, ['false', 'write', '{}']);
        expect(run(dir, keyring.env, ['false', 'read']).seen).toBe(secretA);
        // The id that keys them is kept in each folder, private, and differs.
        const idA = readFileSync(join(dir, FOLDER_ID_FILE), 'utf8');
        expect(idA).not.toBe(readFileSync(join(other.dir, FOLDER_ID_FILE), 'utf8'));
        expectMode(join(dir, FOLDER_ID_FILE), 0o600);

        // Kept secrets (a service principal's client secret) too.
        expect(run(dir, keyring.env, ['-', 'secret-save', 'secret-of-a'])).toEqual({ available: true, seen: 'secret-of-a' });
        expect(run(other.dir, keyring.env, ['-', 'secret-save', 'secret-of-b'])).toEqual({ available: true, seen: 'secret-of-b' });
        expect(run(other.dir, keyring.env, ['-', 'secret-remove'])).toEqual({ available: true, seen: null });
        expect(run(dir, keyring.env, ['-', 'secret-load'])).toEqual({ available: true, seen: 'secret-of-a' });
      } finally {
        other.cleanup();
      }
    });
  });

  describe('without any keyring', () => {
    const noBus = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: undefined };

    test('refuses, naming the setting that allows a plaintext cache, and writes nothing', () => {
      const result = run(dir, noBus, ['false', 'write', SECRET]);
      expect(result.error).toMatchObject({ code: 'SecureTokenCacheUnavailable', category: 'ResourceUnavailable', target: 'AllowPlaintextTokenCache' });
      expect(result.error.message).toContain('--allow-plaintext-token-cache true');
      expect(existsSync(join(dir, PLAINTEXT_CACHE_FILE))).toBe(false);
    });

    test('with AllowPlaintextTokenCache, uses a 0600 file and says so once', () => {
      const written = run(dir, noBus, ['true', 'write', SECRET]);
      expect(written.store).toBe('plaintext');
      expect(written.warnings).toHaveLength(1);
      expect(written.warnings[0]).toContain('AllowPlaintextTokenCache');
      expectMode(join(dir, PLAINTEXT_CACHE_FILE), 0o600);
      // Once means once: later processes find the plain file and stay quiet.
      const read = run(dir, noBus, ['true', 'read']);
      expect(read.seen).toBe(SECRET);
      expect(read.warnings).toHaveLength(0);
    });
  });
});
