/**
 * Issue 18.2: on Windows, renaming over a state file fails with EPERM/EBUSY/EACCES while another
 * program (an antivirus scan, a second reader) has it open. The write retries with backoff for a
 * few seconds, then fails with StateWriteFailed naming the file; elsewhere it fails at once, and
 * in every case the previous file stays whole and no temp file is left behind.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MyAccountError } from '../../src/core/errors.js';
import { RENAME_RETRY_BUDGET_MS, writePrivateFileAtomically } from '../../src/profile/atomic-write.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'myaccount-atomic-'));
  file = join(dir, 'profile.json');
  writeFileSync(file, '{"before":true}\n', { mode: 0o600 });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const busy = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: resource busy or locked, rename`), { code });

/** A rename that fails `times` times with `code`, then renames for real. */
function failingRename(code: string, times: number): { rename: (a: string, b: string) => Promise<void>; calls: () => number } {
  let calls = 0;
  return {
    rename: async (from, to) => {
      calls++;
      if (calls <= times) throw busy(code);
      await rename(from, to);
    },
    calls: () => calls,
  };
}

test.each(['EPERM', 'EBUSY', 'EACCES'])('win32: %s a few times, then the rename succeeds', async (code) => {
  const r = failingRename(code, 4);
  const pauses: number[] = [];
  await writePrivateFileAtomically(file, '{"after":true}\n', 'profile', { rename: r.rename, platform: 'win32', sleep: async (ms) => void pauses.push(ms) });
  expect(readFileSync(file, 'utf8')).toBe('{"after":true}\n');
  expect(r.calls()).toBe(5);
  // Backoff: each pause at least as long as the one before.
  expect(pauses).toEqual([...pauses].sort((a, b) => a - b));
  expect(readdirSync(dir)).toEqual(['profile.json']);
});

test('win32: still refused after the budget: StateWriteFailed naming the file; old file whole, no temp file left', async () => {
  const r = failingRename('EPERM', Number.MAX_SAFE_INTEGER);
  let slept = 0;
  const error = await writePrivateFileAtomically(file, '{"after":true}\n', 'profile', { rename: r.rename, platform: 'win32', sleep: async (ms) => void (slept += ms) }).catch((e) => e);
  expect(error).toBeInstanceOf(MyAccountError);
  expect(error.code).toBe('StateWriteFailed');
  expect(error.target).toBe(file);
  expect(error.message).toContain(file);
  expect(error.message).toMatch(/EPERM.*retries.*Another program has it open/);
  expect(slept).toBe(RENAME_RETRY_BUDGET_MS);
  expect(readFileSync(file, 'utf8')).toBe('{"before":true}\n');
  expect(readdirSync(dir)).toEqual(['profile.json']);
});

test('not Windows: EPERM is a real permission problem, reported at once without retrying', async () => {
  const r = failingRename('EPERM', 1);
  const error = await writePrivateFileAtomically(file, 'x', 'profile', { rename: r.rename, platform: 'linux', sleep: async () => { throw new Error('must not sleep'); } }).catch((e) => e);
  expect(error.code).toBe('StateWriteFailed');
  expect(r.calls()).toBe(1);
  expect(readdirSync(dir)).toEqual(['profile.json']);
});

test('win32: other errors (ENOSPC) are not retried', async () => {
  const r = failingRename('ENOSPC', 1);
  const error = await writePrivateFileAtomically(file, 'x', 'profile', { rename: r.rename, platform: 'win32', sleep: async () => { throw new Error('must not sleep'); } }).catch((e) => e);
  expect(error.message).toMatch(/no space left/);
  expect(r.calls()).toBe(1);
});

test('the real rename: written whole, mode 0600', async () => {
  await writePrivateFileAtomically(file, '{"after":true}\n', 'profile');
  expect(readFileSync(file, 'utf8')).toBe('{"after":true}\n');
  if (process.platform !== 'win32') expect(require('node:fs').statSync(file).mode & 0o777).toBe(0o600);
});
