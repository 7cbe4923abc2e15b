/**
 * A link in the state folder is refused, never followed: profile.json, settings.json or the token
 * cache pointing elsewhere made MyAccount overwrite (and chmod) the target. Each case: the command
 * fails with StateFileIsLink naming the link, and the target is untouched (content and mode).
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { PLAINTEXT_CACHE_FILE } from '../../src/token-cache/token-cache.js';
import { runCli, tempConfigDir } from '../helpers/cli.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { expectMode } from '../helpers/modes.js';

jest.setTimeout(60_000);

let outside: string;
let target: string;
const TARGET_TEXT = '{"version": 1, "not": "yours"}\n';
beforeEach(() => {
  outside = mkdtempSync(join(tmpdir(), 'myaccount-outside-'));
  target = join(outside, 'target.json');
  writeFileSync(target, TARGET_TEXT);
  chmodSync(target, 0o644);
});
afterEach(() => rmSync(outside, { recursive: true, force: true }));

function expectTargetUntouched(): void {
  expect(readFileSync(target, 'utf8')).toBe(TARGET_TEXT);
  expectMode(target, 0o644);
}

function expectLinkRefused(r: { code: number; json: any; stderr: string }, link: string): void {
  expect(r.code).toBe(1);
  expect(r.json.error).toMatchObject({ code: 'StateFileIsLink', target: link });
  expect(r.json.error.message).toContain('symbolic link');
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('profile and settings', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = tempConfigDir());
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  });
  afterEach(() => cleanup());

  test('profile.json as a link: reads and writes are refused', async () => {
    const link = join(dir, 'profile.json');
    symlinkSync(target, link);
    expectLinkRefused(await runCli(dir, ['rename-context', 'a', 'b']), link);
    expectLinkRefused(await runCli(dir, ['get-context']), link);
    expectTargetUntouched();
  });

  test('settings.json as a link: update-config is refused', async () => {
    const link = join(dir, 'settings.json');
    symlinkSync(target, link);
    expectLinkRefused(await runCli(dir, ['update-config', '--allow-plaintext-token-cache', 'true']), link);
    expectTargetUntouched();
  });
});

describe('the token cache', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startLocalCloud();
  });
  afterAll(async () => {
    await cloud?.dispose();
  });

  test('msal.cache.plaintext.json as a link: sign-in is refused and the target untouched', async () => {
    const link = join(cloud.configDir, PLAINTEXT_CACHE_FILE);
    symlinkSync(target, link);
    const r = await cloud.run(['connect', '--environment', 'LocalCloud', '--service-principal', '--application-id', S.CI_SECRET_APP.appId, '--tenant', S.CONTOSO, '--client-secret', S.CI_SECRET_APP.secret]);
    expectLinkRefused(r, link);
    expectTargetUntouched();
  });
});
