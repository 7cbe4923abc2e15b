/**
 * Real headless Chromium (Debian's, driven by playwright-core) on the emulator's pages: it signs
 * in during MSAL's acquireTokenInteractive, and it completes a device code sign-in. Chromium
 * trusts only the emulator's leaf key (--ignore-certificate-errors-spki-list), nothing more.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { publicApp, startTestEmulator, type TestEmulator } from './helpers.js';

const ARM = ['https://management.core.windows.net//.default'];

let emu: TestEmulator;
let browser: Browser;
beforeAll(async () => {
  emu = await startTestEmulator({ settings: { deviceCodeIntervalSeconds: 1 } });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', `--ignore-certificate-errors-spki-list=${emu.leafSpkiSha256}`],
  });
});
afterAll(async () => {
  await browser?.close();
  await emu?.dispose();
});

async function withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

test('Chromium fills in the sign-in page during acquireTokenInteractive', async () => {
  await withPage(async (page) => {
    const app = publicApp(emu, 'organizations');
    const result = await app.acquireTokenInteractive({
      scopes: ARM,
      successTemplate: '<p id="done">Signed in</p>',
      openBrowser: async (url) => {
        await page.goto(url);
        await page.getByLabel('Email or username').fill(S.BOB.username);
        await page.getByLabel('Password').fill('wrong password');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('alert').waitFor();
        await page.getByLabel('Password').fill(S.BOB.password);
        // Submitting posts the form; the answer auto-submits the code to MSAL's loopback listener.
        void page.getByRole('button', { name: 'Sign in' }).click();
      },
    });
    expect(result.account!.username).toBe(S.BOB.username);
    expect(result.tenantId).toBe(S.FABRIKAM);
    await page.locator('#done').waitFor();
  });
});

test('Chromium completes a device code sign-in on /devicelogin, including the MFA step', async () => {
  await withPage(async (page) => {
    const app = publicApp(emu, S.NORTHWIND);
    let browsing: Promise<void> | undefined;
    const result = await app.acquireTokenByDeviceCode({
      scopes: ARM,
      deviceCodeCallback: (r) => {
        browsing = (async () => {
          await page.goto(r.verificationUri);
          await page.getByLabel('Code').fill(r.userCode.toLowerCase());
          await page.getByRole('button', { name: 'Next' }).click();
          await page.getByLabel('Email or username').fill(S.ALICE.username);
          await page.getByLabel('Password').fill(S.ALICE.password);
          await page.getByRole('button', { name: 'Sign in' }).click();
          await page.getByRole('button', { name: 'Approve' }).click();
          await page.getByText('You may now close this window').waitFor();
        })();
      },
    });
    await browsing;
    expect(result!.account!.username).toBe(S.ALICE.username);
    expect(result!.tenantId).toBe(S.NORTHWIND);
  });
});
