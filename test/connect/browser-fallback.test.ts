/**
 * The automatic fallback from the browser to a device code, in process against the local cloud,
 * with Windows' side injected at its boundary: the session says a desktop is there (SESSIONNAME),
 * and the system opener behaves as `open` does on Windows (it resolves once PowerShell closed)
 * while its PowerShell's Start-Process fails (a real child process that exits 1). What only
 * Windows can show is whether Start-Process exits non-zero in a given session. (A launch that
 * succeeds and is never answered ends in SignInTimedOut, not in a device code: browser-signin's
 * "--timeout 2" runs that through the real CLI; in process, MSAL's abandoned loopback listener
 * would keep this worker alive.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { run } from '../../src/cli.js';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { browserAvailability, openBrowser, type SystemOpener } from '../../src/sign-in/browser-opener.js';
import { cleanEnv } from '../helpers/cli.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { recordOutput } from '../helpers/secret-scan.js';
import { events, warnings } from './fixtures/flows.js';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ settings: { deviceCodeIntervalSeconds: 1 } });
});
afterAll(async () => {
  await cloud?.dispose();
});

const CONNECT = ['connect', '--environment', 'LocalCloud', '--events', 'jsonl', '--skip-context-population'];

/** `open` on Windows: PowerShell's Start-Process, awaited until PowerShell closes; here it exits `code`. */
function windowsOpen(code: number, opened: string[]): SystemOpener {
  return (target) => {
    opened.push(target);
    const child: ChildProcess = spawn(process.execPath, ['-e', `process.exit(${code})`], { stdio: 'ignore' });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('close', () => resolve(child));
    });
  };
}

/** connect in this process; a device code is approved as Bob when one shows. */
async function connect(opener: (url: string) => Promise<void>, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string; json: any }> {
  let stdout = '';
  let stderr = '';
  let pending = '';
  const argv = [...CONNECT, ...args];
  const code = await run(argv, {
    env: cleanEnv(cloud.configDir, cloud.env),
    stdout: (t) => void (stdout += t),
    stderr: (t) => {
      stderr += t;
      pending += t;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const event = JSON.parse(line);
        if (event.type === 'deviceCode') cloud.emu.approveDeviceCode(event.userCode, S.BOB.username);
      }
    },
    stdin: () => Buffer.alloc(0),
    isTTY: false,
    openBrowser: opener,
    // A Windows console session: the browser is tried.
    browser: browserAvailability({ SESSIONNAME: 'Console', USERNAME: 'bob' }, 'win32'),
  });
  recordOutput(argv, stdout, stderr);
  return { code, stdout, stderr, json: JSON.parse(stdout) };
}

test("Windows: Start-Process fails, so the sign-in falls back to a device code with one warning saying why", async () => {
  const opened: string[] = [];
  const r = await connect((url) => openBrowser(url, {}, { platform: 'win32', open: windowsOpen(1, opened) }));
  expect(r.code).toBe(0);
  expect(opened).toHaveLength(1);
  expect(r.json.Flow).toBe('DeviceCode');
  expect(r.json.Context.Account.Id).toBe(S.BOB.username);
  expect(warnings(r)).toEqual([
    "The browser could not be opened (Windows' opener (PowerShell's Start-Process) exited with code 1), so sign-in uses a device code instead. Add --use-device-authentication to choose this yourself.",
  ]);
  // The browser's address was never offered: nothing is listening for it any more.
  expect(events(r, 'information').filter((e) => e.prompt)).toEqual([]);
  expect(events(r, 'deviceCode')).toHaveLength(1);
});

test('an opener that rejects at once (no opener at all) takes the same path', async () => {
  const r = await connect(() => Promise.reject(new Error('spawn powershell.exe ENOENT')));
  expect(r.code).toBe(0);
  expect(r.json.Flow).toBe('DeviceCode');
  expect(warnings(r)).toEqual([expect.stringMatching(/^The browser could not be opened \(spawn powershell\.exe ENOENT\), so sign-in uses a device code instead/)]);
});
