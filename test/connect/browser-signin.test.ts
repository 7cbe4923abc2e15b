/**
 * connect's browser flow end to end: the real CLI opens "the browser" through BROWSER, which here
 * is a driver running Debian's headless Chromium. It signs in on the emulator's page (and its
 * MFA step), the form_post reaches MSAL's loopback listener in the CLI, and the page MyAccount
 * shows there is read back. Declining shows our error page and cancels the sign-in.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import type { CliResult } from '../helpers/cli.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { events, storedProfile, warnings } from './fixtures/flows.js';

const DRIVER = join(__dirname, 'fixtures', 'chromium-signin.mjs');

let cloud: LocalCloud;
let scratch: string;
beforeAll(async () => {
  cloud = await startLocalCloud();
  scratch = mkdtempSync(join(tmpdir(), 'myaccount-browser-'));
});
afterAll(async () => {
  await cloud?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

interface DriverReport {
  pid: number;
  stage: string;
  prefilled: string | null;
  title: string | null;
  text: string | null;
  error: string | null;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Runs connect with the Chromium driver as BROWSER; returns the CLI's result and the driver's report. */
async function connectInBrowser(args: string[], person: Record<string, string>): Promise<{ r: CliResult; page: DriverReport }> {
  const reportFile = join(scratch, `report-${Date.now()}-${Math.random().toString(16).slice(2)}.json`);
  const r = await cloud.run(['connect', '--environment', 'LocalCloud', '--events', 'jsonl', '--timeout', '60', ...args], {
    env: { BROWSER: `"${process.execPath}" "${DRIVER}"`, SIGNIN_SPKI: cloud.emu.leafSpkiSha256, SIGNIN_REPORT: reportFile, ...person },
  });
  // The driver ends itself once the page is read; give it a moment, then make sure.
  let page: DriverReport = JSON.parse(readFileSync(reportFile, 'utf8'));
  for (let i = 0; i < 100 && (page.stage !== 'done' && !page.error) ; i++) {
    await new Promise((res) => setTimeout(res, 100));
    page = JSON.parse(readFileSync(reportFile, 'utf8'));
  }
  for (let i = 0; i < 50 && alive(page.pid); i++) await new Promise((res) => setTimeout(res, 100));
  if (alive(page.pid)) {
    process.kill(page.pid, 'SIGKILL');
    throw new Error(`the Chromium driver (pid ${page.pid}) did not end by itself; killed. Its report: ${JSON.stringify(page)}`);
  }
  expect(existsSync(reportFile)).toBe(true);
  return { r, page };
}

test('BROWSER opens Chromium; Bob signs in on the sign-in page and sees our success page', async () => {
  const { r, page } = await connectInBrowser([], { SIGNIN_USERNAME: S.BOB.username, SIGNIN_PASSWORD: S.BOB.password });
  expect(r.code).toBe(0);
  expect(page.error).toBeNull();
  expect(r.json.Flow).toBe('Browser');
  expect(r.json.Context.Account.Id).toBe(S.BOB.username);
  expect(r.json.Context.Tenant.Id).toBe(S.FABRIKAM);
  expect(page.title).toBe('MyAccount: signed in');
  expect(page.text).toMatch(/You are signed in/);
  expect(warnings(r)).toEqual([]);
  // The person is told where to go if no browser appears; the address goes to stderr only, on
  // a line marked as a prompt (the PowerShell module shows those on the host).
  const told = events(r, 'information').filter((e) => e.prompt === true);
  expect(told).toHaveLength(1);
  expect(told[0].url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/.*\/oauth2\/v2\.0\/authorize\?/);
  expect(told[0].message).toBe(`Your browser was opened to sign in. If no browser window opened, visit this address on this machine:\n${told[0].url}`);
  expect(r.stdout).not.toContain(told[0].url);
}, 60000);

test('the MFA tenant: Alice signs in to Northwind through the MFA step', async () => {
  const { r, page } = await connectInBrowser(['--tenant', S.NORTHWIND], { SIGNIN_USERNAME: S.ALICE.username, SIGNIN_PASSWORD: S.ALICE.password });
  expect(page.error).toBeNull();
  expect(r.code).toBe(0);
  expect(r.json.Flow).toBe('Browser');
  expect(r.json.Tenants.map((t: any) => [t.Id, t.Status])).toEqual([[S.NORTHWIND, 'Succeeded']]);
  expect(r.json.Context.Subscription.Id).toBe(S.SUBSCRIPTIONS.northwindProduction);
  expect(page.text).toMatch(/You are signed in/);
}, 60000);

test('--account-id is the login hint: the page shows that user name already', async () => {
  const { r, page } = await connectInBrowser(['--account-id', S.BOB.username], { SIGNIN_PASSWORD: S.BOB.password });
  expect(page.error).toBeNull();
  expect(page.prefilled).toBe(S.BOB.username);
  expect(r.code).toBe(0);
  expect(r.json.Context.Account.Id).toBe(S.BOB.username);
}, 60000);

test('a sign-in cancelled on the page: our error page, exit 4, nothing stored', async () => {
  const before = storedProfile(cloud);
  const { r, page } = await connectInBrowser([], { SIGNIN_USERNAME: S.BOB.username, SIGNIN_ACTION: 'cancel' });
  expect(page.error).toBeNull();
  expect(page.title).toBe('MyAccount: sign-in failed');
  expect(page.text).toMatch(/Sign-in did not complete/);
  expect(r.code).toBe(4);
  expect(r.json.error.code).toBe('SignInDeclined');
  expect(storedProfile(cloud)).toBe(before);
}, 60000);

test('MFA denied: our error page, exit 4', async () => {
  const { r, page } = await connectInBrowser(['--tenant', S.NORTHWIND], { SIGNIN_USERNAME: S.ALICE.username, SIGNIN_PASSWORD: S.ALICE.password, SIGNIN_MFA: 'deny' });
  expect(page.error).toBeNull();
  expect(page.text).toMatch(/Sign-in did not complete/);
  expect(r.code).toBe(4);
  expect(r.json.error.code).toBe('SignInDeclined');
}, 60000);

describe('waiting for a browser that never answers', () => {
  // `true` "opens" nothing and exits: MSAL's loopback listener waits for an answer that never comes.
  const silent = { BROWSER: 'true' };

  test('Ctrl+C: exit 4 SignInCancelled promptly, nothing stored', async () => {
    const before = storedProfile(cloud);
    const cli = cloud.spawnCli(['connect', '--environment', 'LocalCloud', '--events', 'jsonl'], { env: silent });
    await cli.event('information');
    const sent = Date.now();
    cli.signal('SIGINT');
    const r = await cli.done;
    console.log(`SIGINT to exit while waiting for the browser: ${Date.now() - sent} ms`);
    expect(r.code).toBe(4);
    expect(r.json.error.code).toBe('SignInCancelled');
    expect(Date.now() - sent).toBeLessThan(3000);
    expect(storedProfile(cloud)).toBe(before);
  });

  test('--timeout 2: exit 4 SignInTimedOut, naming the limit and the way out (device code)', async () => {
    const r = await cloud.run(['connect', '--environment', 'LocalCloud', '--timeout', '2'], { env: silent });
    expect(r.code).toBe(4);
    expect(r.json.error.code).toBe('SignInTimedOut');
    expect(r.json.error.message).toBe(
      'Signing in was not completed within 2 s: nothing came back from the browser. Run connect again with --use-device-authentication if no browser window opened here (a remote or service session), or give --timeout more seconds if the sign-in needs more time.',
    );
  });
});
