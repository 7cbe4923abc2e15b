/**
 * Device code sign-in through the real CLI: its aliases, Ctrl+C during polling, --timeout, a
 * declined code, and the automatic choice of device code where no browser can open (no display,
 * SSH, CI, a browser command that fails), including the real "broker unavailable" path on Linux.
 */
import { spawn } from 'node:child_process';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { BIN, cleanEnv } from '../helpers/cli.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { expectNoSecretLeaked, recordOutput } from '../helpers/secret-scan.js';
import { approveWhenShown, show, storedProfile, warnings } from './fixtures/flows.js';

const CONNECT = ['connect', '--environment', 'LocalCloud', '--events', 'jsonl', '--skip-context-population'];

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ settings: { deviceCodeIntervalSeconds: 1 } });
});
afterAll(async () => {
  await cloud?.dispose();
});

test.each(['--device-code', '--device-auth', '--device', '--use-device-authentication'])('%s signs in by device code without a notice', async (flag) => {
  const r = await approveWhenShown(cloud, cloud.spawnCli([...CONNECT, flag]), S.BOB.username);
  expect(r.code).toBe(0);
  expect(r.json.Flow).toBe('DeviceCode');
  expect(r.json.Context.Account.Id).toBe(S.BOB.username);
  expect(warnings(r)).toEqual([]);
});

test('Ctrl+C while polling: exit 4 within a second, SignInCancelled, the profile untouched', async () => {
  const before = storedProfile(cloud);
  const cli = cloud.spawnCli([...CONNECT, '--device-code']);
  await cli.event('deviceCode');
  const sent = process.hrtime.bigint();
  cli.signal('SIGINT');
  const r = await cli.done;
  const ms = Number(process.hrtime.bigint() - sent) / 1e6;
  console.log(`SIGINT to exit during device code polling: ${ms.toFixed(0)} ms`);
  expect(r.code).toBe(4);
  expect(r.json.error.code).toBe('SignInCancelled');
  expect(r.json.error.category).toBe('OperationStopped');
  expect(ms).toBeLessThan(3000);
  expect(storedProfile(cloud)).toBe(before);
});

test('--timeout 2 with nobody approving: exit 4 SignInTimedOut', async () => {
  const before = storedProfile(cloud);
  const started = Date.now();
  const r = await cloud.run([...CONNECT, '--device-code', '--timeout', '2']);
  expect(r.code).toBe(4);
  expect(r.json.error.code).toBe('SignInTimedOut');
  expect(r.json.error.message).toMatch(/--timeout/);
  expect(Date.now() - started).toBeLessThan(15000);
  expect(storedProfile(cloud)).toBe(before);
});

test('a code declined on the device login page: exit 4 SignInDeclined', async () => {
  const before = storedProfile(cloud);
  const cli = cloud.spawnCli([...CONNECT, '--device-code']);
  const code = await cli.event('deviceCode');
  cloud.emu.denyDeviceCode(code.userCode);
  const r = await cli.done;
  expect(r.code).toBe(4);
  expect(r.json.error.code).toBe('SignInDeclined');
  expect(storedProfile(cloud)).toBe(before);
});

describe('device code chosen automatically, with one notice saying why', () => {
  const cases: [string, Record<string, string | undefined>, RegExp][] = [
    ['no display', {}, /no display/i],
    ['an SSH session', { SSH_CONNECTION: '10.0.0.2 50000 10.0.0.1 22', DISPLAY: ':0' }, /SSH/],
    ['a CI job', { CI: 'true', DISPLAY: ':0' }, /CI job/],
  ];
  test.each(cases)('%s', async (_name, env, reason) => {
    const r = await approveWhenShown(cloud, cloud.spawnCli(CONNECT, { env }), S.BOB.username);
    expect(r.code).toBe(0);
    expect(r.json.Flow).toBe('DeviceCode');
    const notices = warnings(r);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(reason);
    expect(notices[0]).toMatch(/--use-device-authentication/);
  });

  test('a browser command that cannot run falls back to device code', async () => {
    const r = await approveWhenShown(cloud, cloud.spawnCli(CONNECT, { env: { BROWSER: '/nonexistent/browser' } }), S.BOB.username);
    expect(r.code).toBe(0);
    expect(r.json.Flow).toBe('DeviceCode');
    const notices = warnings(r);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/browser could not be opened/);
  });

  test('a browser command that starts and exits non-zero (a launch that failed) falls back to device code, saying so', async () => {
    const r = await approveWhenShown(cloud, cloud.spawnCli(CONNECT, { env: { BROWSER: 'false' } }), S.BOB.username);
    expect(r.code).toBe(0);
    expect(r.json.Flow).toBe('DeviceCode');
    expect(warnings(r)).toEqual([expect.stringMatching(/^The browser could not be opened \(the browser command false \(BROWSER\) exited with code 1\), so sign-in uses a device code instead\./)]);
  });

  test('EnableLoginByWam on a machine without a broker: exactly one notice, then device code', async () => {
    const r = await approveWhenShown(cloud, cloud.spawnCli(CONNECT, { env: { MYACCOUNT_ENABLE_LOGIN_BY_WAM: 'true' } }), S.BOB.username);
    expect(r.code).toBe(0);
    expect(r.json.Flow).toBe('DeviceCode');
    const notices = warnings(r);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/EnableLoginByWam is on, but no sign-in broker is available/);
    expect(notices[0]).toMatch(/device code/);
  });

  test('EnableLoginByWam saved with update-config takes the same path', async () => {
    const set = await cloud.run(['update-config', '--enable-login-by-wam', 'true']);
    expect(set.code).toBe(0);
    try {
      const r = await approveWhenShown(cloud, cloud.spawnCli(CONNECT), S.BOB.username);
      expect(r.code).toBe(0);
      expect(r.json.Flow).toBe('DeviceCode');
      expect(warnings(r)).toHaveLength(1);
    } finally {
      await cloud.run(['update-config', '--enable-login-by-wam', 'false']);
    }
  });
});

test('in text mode the instructions go to stderr; stdout holds only the result', async () => {
  // Text mode has no events to wait on, so this run reads stderr as it comes, as a person would.
  const args = ['connect', '--environment', 'LocalCloud', '--device-code', '--skip-context-population'];
  const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(cloud.configDir, cloud.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => {
    stderr += d;
    const code = /enter the code (\S+) to authenticate/.exec(stderr)?.[1];
    if (code && !approved) {
      approved = true;
      cloud.emu.approveDeviceCode(code, S.BOB.username);
    }
  });
  let approved = false;
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  recordOutput(args, stdout, stderr);
  expect(code).toBe(0);
  expect(stderr).toMatch(/To sign in, use a web browser to open the page https:\/\/127\.0\.0\.1:\d+\/devicelogin and enter the code/);
  expect(stdout).not.toMatch(/devicelogin/);
  expect(JSON.parse(stdout).Flow).toBe('DeviceCode');
});
