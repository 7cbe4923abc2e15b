/**
 * Issue 18.3: the secure store's self-test raced. Each process checked the store by writing,
 * reading and deleting one shared probe (ours: `<entry>.check`; msal-node-extensions': test.cache
 * and one keyring entry per user), unlocked, so parallel first commands deleted each other's probe,
 * failed the check and fell back to the plain file (or kept no secret). Sixteen processes start at
 * once on a fresh folder with a real keyring and the plain file allowed: none fails, all use the
 * keyring, and the kept-secret store is available to all.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, tempConfigDir } from '../helpers/cli.js';
import { bundleEntry } from '../helpers/bundle.js';
import { startKeyring, type Keyring } from '../helpers/keyring.js';
import { PLAINTEXT_CACHE_FILE } from '../../src/token-cache/token-cache.js';

const probe = bundleEntry(join(__dirname, '..', 'integration', 'token-cache-probe.ts'));
const PARALLEL = 16;

function runProbe(dir: string, env: Record<string, string>, args: string[]): Promise<any> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [probe, dir, ...args], { env: cleanEnv(dir, env), cwd: join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!));
      } catch {
        resolve({ unparsable: out });
      }
    });
  });
}

let keyring: Keyring;
beforeAll(async () => {
  keyring = await startKeyring();
});
afterAll(() => keyring?.stop());

test(`${PARALLEL} parallel first commands on a fresh folder: none fails, all use the keyring`, async () => {
  const { dir, cleanup } = tempConfigDir();
  try {
    const results = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => runProbe(dir, keyring.env, ['true', 'write', JSON.stringify({ writer: i })])));
    expect(results.filter((r) => r.error || r.unparsable)).toEqual([]);
    expect(new Set(results.map((r) => r.store))).toEqual(new Set(['libsecret']));
    expect(results.flatMap((r) => r.warnings)).toEqual([]);
    expect(existsSync(join(dir, PLAINTEXT_CACHE_FILE))).toBe(false);
  } finally {
    cleanup();
  }
}, 60000);

test(`${PARALLEL} parallel first secret saves on a fresh folder: the store is available to all`, async () => {
  const { dir, cleanup } = tempConfigDir();
  try {
    const results = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => runProbe(dir, keyring.env, ['-', 'secret-save', `kept-secret-${i}`])));
    expect(results.filter((r) => r.error || r.unparsable)).toEqual([]);
    expect(results.map((r) => r.available)).toEqual(Array(PARALLEL).fill(true));
  } finally {
    cleanup();
  }
}, 60000);
