/**
 * A full disk or a damaged token cache must cost at most a sign-in, never every later command:
 * the token cache is written like the profile (temp file, fsync, rename, under the lock), a full
 * disk is StateWriteFailed naming the file with the old file intact, and a cache that does not
 * parse is moved aside with one warning while the command goes on as signed out.
 * The full disk is real: a 256 KiB tmpfs (needs root; skipped otherwise).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { PLAINTEXT_CACHE_FILE } from '../../src/token-cache/token-cache.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';

jest.setTimeout(60_000);

const APP = S.CI_SECRET_APP;
const SP_ENV = { AZURE_CLIENT_ID: APP.appId, AZURE_CLIENT_SECRET: APP.secret };
let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud();
});
afterAll(async () => {
  await cloud?.dispose();
});

const connectSp = (env: Record<string, string> = {}) =>
  cloud.run(['connect', '--environment', 'LocalCloud', '--service-principal', '--application-id', APP.appId, '--tenant', S.CONTOSO, '--client-secret', APP.secret], { env });

test('a token cache that does not parse is moved aside with one warning; the command goes on signed out (exit 3)', async () => {
  expect((await connectSp()).code).toBe(0);
  const cachePath = join(cloud.configDir, PLAINTEXT_CACHE_FILE);
  // What a write cut short by a full disk left behind.
  writeFileSync(cachePath, readFileSync(cachePath, 'utf8').slice(0, 40), { mode: 0o600 });
  const r = await cloud.run(['get-access-token', '--resource-type-name', 'MSGraph']);
  expect(r.stderr).not.toContain('SyntaxError');
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.code).toBe(3);
  const aside = readdirSync(cloud.configDir).filter((n) => n.startsWith(`${PLAINTEXT_CACHE_FILE}.corrupt-`));
  expect(aside).toHaveLength(1);
  const warnings = r.stderr.split('\n').filter((l) => l.includes('could not be parsed'));
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain(cachePath);
  expect(warnings[0]).toContain(aside[0]);
  // Signing in again works, and later commands are fine.
  expect((await connectSp()).code).toBe(0);
  expect((await cloud.run(['get-access-token', '--resource-type-name', 'MSGraph'], { env: SP_ENV })).code).toBe(0);
});

describe('on a full disk (tmpfs)', () => {
  let mount: string | null = null;
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'myaccount-full-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0700', 'tmpfs', dir], { stdio: 'ignore' });
      mount = dir;
    } catch {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  afterAll(() => {
    if (!mount) return;
    execFileSync('umount', [mount]);
    rmSync(mount, { recursive: true, force: true });
  });

  const fill = (dir: string) => {
    // Fill every block left, then a few more small files for the inode-sized remainders.
    for (let i = 0; ; i++) {
      try {
        writeFileSync(join(dir, `filler-${i}`), Buffer.alloc(i < 1 ? 1 << 20 : 512));
      } catch {
        if (i > 50) break;
      }
      if (i > 200) break;
    }
  };

  test('a token refresh is StateWriteFailed naming the cache file ("no space left"); the old cache and profile stay intact', async () => {
    if (!mount) return console.warn('skipped: cannot mount a tmpfs (not root)');
    const state = join(mount, 'state');
    mkdirSync(state, { mode: 0o700 });
    // The CLI reads the local cloud's record and CA from its own state folder; the emulator keeps its data where it is.
    mkdirSync(join(state, 'emulator'), { mode: 0o700 });
    const record = JSON.parse(readFileSync(join(cloud.configDir, 'emulator', 'instance.json'), 'utf8'));
    for (const key of ['caCertPath', 'caBundlePath']) {
      const copy = join(state, 'emulator', basename(record[key]));
      cpSync(record[key], copy);
      record[key] = copy;
    }
    writeFileSync(join(state, 'emulator', 'instance.json'), JSON.stringify(record), { mode: 0o600 });
    const env = { MYACCOUNT_CONFIG_DIR: state };
    expect((await connectSp(env)).code).toBe(0);
    const cachePath = join(state, PLAINTEXT_CACHE_FILE);
    const cacheBefore = readFileSync(cachePath, 'utf8');
    const profileBefore = readFileSync(join(state, 'profile.json'), 'utf8');
    fill(mount);

    // MSGraph is not cached yet: the new token must be written to the cache.
    const r = await cloud.run(['get-access-token', '--resource-type-name', 'MSGraph'], { env: { ...env, ...SP_ENV } });
    expect(r.code).toBe(1);
    const error = r.json.error;
    expect(error.code).toBe('StateWriteFailed');
    expect(error.message).toContain(cachePath);
    expect(error.message).toContain('no space left');
    expect(readFileSync(cachePath, 'utf8')).toBe(cacheBefore);
    expect(readdirSync(state).filter((n) => n.startsWith(`${PLAINTEXT_CACHE_FILE}.`) && !n.endsWith('.lock'))).toEqual([]);

    // A profile write on the full disk: same error, profile untouched.
    const p = await cloud.run(['rename-context', readContextName(state), 'renamed-on-a-full-disk'], { env });
    expect(p.code).toBe(1);
    expect(p.json.error).toMatchObject({ code: 'StateWriteFailed', target: join(state, 'profile.json') });
    expect(readFileSync(join(state, 'profile.json'), 'utf8')).toBe(profileBefore);

    // Space again: everything works, with no sign-in needed.
    for (const name of readdirSync(mount).filter((n) => n.startsWith('filler-'))) rmSync(join(mount, name));
    expect((await cloud.run(['get-access-token', '--resource-type-name', 'MSGraph'], { env: { ...env, ...SP_ENV } })).code).toBe(0);
    expect(existsSync(cachePath)).toBe(true);
  });
});

function readContextName(state: string): string {
  return JSON.parse(readFileSync(join(state, 'profile.json'), 'utf8')).defaultContext;
}
