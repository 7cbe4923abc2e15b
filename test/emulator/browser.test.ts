/**
 * Real headless Chromium (Debian's, driven by playwright-core) on the emulator's pages: it signs
 * in during MSAL's acquireTokenInteractive, and it completes a device code sign-in. Chromium
 * trusts only the emulator's leaf key (--ignore-certificate-errors-spki-list), nothing more.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AZURE_CLI_CLIENT_ID, defaultSeedIds as S } from '../../src/emulator/index.js';
import { call, decodeJwt, publicApp, startTestEmulator, type TestEmulator } from './helpers.js';
import { chromiumPath } from '../helpers/platform.cjs';

const ARM = ['https://management.core.windows.net//.default'];

let emu: TestEmulator;
let browser: Browser;
beforeAll(async () => {
  emu = await startTestEmulator({ settings: { deviceCodeIntervalSeconds: 1 } });
  browser = await chromium.launch({
    executablePath: chromiumPath(),
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

/** A loopback listener like the Azure CLI's: the code arrives as a GET with query parameters. */
async function queryListener(): Promise<{ port: number; received: Promise<URLSearchParams>; close(): void }> {
  let resolve!: (q: URLSearchParams) => void;
  const received = new Promise<URLSearchParams>((r) => (resolve = r));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p id="done">Signed in</p>');
    if (url.searchParams.has('code') || url.searchParams.has('error')) resolve(url.searchParams);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, received, close: () => server.close() };
}

test.each([
  ['Bob, password only', S.FABRIKAM, S.BOB, false],
  ['Alice in Northwind, through the MFA page', S.NORTHWIND, S.ALICE, true],
])('Chromium completes a query-mode authorization code sign-in to a loopback listener (%s), as az does', async (_label, tenant, person, mfa) => {
  const listener = await queryListener();
  try {
    await withPage(async (page) => {
      const verifier = randomBytes(32).toString('base64url');
      const redirectUri = `http://localhost:${listener.port}`;
      const authorize = new URL(`${emu.url}/${tenant}/oauth2/v2.0/authorize`);
      for (const [k, v] of Object.entries({
        client_id: AZURE_CLI_CLIENT_ID,
        response_type: 'code',
        redirect_uri: redirectUri,
        scope: 'https://management.core.windows.net//.default offline_access openid profile',
        state: 'query-mode-state',
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
      })) authorize.searchParams.set(k, v);
      const shown = await page.goto(authorize.href);
      // Only this app's own loopback origin is added to form-action, nothing wider.
      expect(shown!.headers()['content-security-policy']).toContain(`form-action 'self' http://localhost:${listener.port};`);
      await page.getByLabel('Email or username').fill(person.username);
      await page.getByLabel('Password').fill(person.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      if (mfa) await page.getByRole('button', { name: 'Approve' }).click();
      // The 302 from the sign-in form's POST to the listener is what the page's form-action must allow.
      await page.locator('#done').waitFor({ timeout: 10_000 });
      const q = await listener.received;
      expect(q.get('state')).toBe('query-mode-state');
      expect(q.get('error')).toBeNull();
      const token = await call(emu, 'POST', `/${tenant}/oauth2/v2.0/token`, {
        form: { client_id: AZURE_CLI_CLIENT_ID, grant_type: 'authorization_code', code: q.get('code')!, redirect_uri: redirectUri, code_verifier: verifier, scope: 'https://management.core.windows.net//.default' },
      });
      expect(token.status).toBe(200);
      expect(decodeJwt(token.json.access_token)).toMatchObject({ tid: tenant, unique_name: person.username, amr: mfa ? ['pwd', 'mfa'] : ['pwd'] });
    });
  } finally {
    listener.close();
  }
});
