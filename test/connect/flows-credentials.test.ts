/**
 * The non-interactive ways in, through the real CLI: a user name and password (deprecated, warns,
 * cannot do MFA), a managed identity (IMDS and App Service styles, system- and user-assigned),
 * and an access token someone else obtained (used as it is, never refreshed).
 */
import { request } from 'node:https';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { storedProfile, warnings } from './fixtures/flows.js';

const MI_VARS = { IDENTITY_ENDPOINT: undefined, IDENTITY_HEADER: undefined, IDENTITY_SERVER_THUMBPRINT: undefined, IMDS_ENDPOINT: undefined, MSI_ENDPOINT: undefined, MSI_SECRET: undefined, AZURE_POD_IDENTITY_AUTHORITY_HOST: undefined };
const CONNECT = ['connect', '--environment', 'LocalCloud', '--events', 'jsonl'];

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ env: MI_VARS });
});
afterAll(async () => {
  await cloud?.dispose();
});

describe('user name and password', () => {
  test('flags: signs in, with the deprecation warning', async () => {
    const r = await cloud.run([...CONNECT, '--username', S.ALICE.username, '--password', S.ALICE.password]);
    expect(r.code).toBe(0);
    expect(r.json.Flow).toBe('Password');
    expect(r.json.Context.Account).toMatchObject({ Id: S.ALICE.username, Type: 'User' });
    expect(warnings(r).filter((w) => /deprecated/.test(w) && /multi-factor/.test(w))).toHaveLength(1);
  });

  test('Credential as JSON on stdin, keeping the password off the command line', async () => {
    const r = await cloud.run(['connect', '--input-json', '-', '--events', 'jsonl'], { stdin: JSON.stringify({ Environment: 'LocalCloud', Credential: { UserName: S.BOB.username, Password: S.BOB.password } }) });
    expect(r.code).toBe(0);
    expect(r.json.Flow).toBe('Password');
    expect(r.json.Context.Tenant.Id).toBe(S.FABRIKAM);
    expect(warnings(r).some((w) => /deprecated/.test(w))).toBe(true);
  });

  test('a wrong password: exit 1 with Entra\'s reason, the password nowhere in the output, nothing stored', async () => {
    const before = storedProfile(cloud);
    const wrong = 'Not-Bobs-Password-42';
    const r = await cloud.run([...CONNECT, '--username', S.BOB.username, '--password', wrong]);
    expect(r.code).toBe(1);
    expect(r.json.error.category).toBe('AuthenticationError');
    expect(r.json.error.message).toMatch(/AADSTS50126/);
    expect(r.stdout + r.stderr).not.toContain(wrong);
    expect(storedProfile(cloud)).toBe(before);
  });

  test('a tenant that demands MFA: exit 3, saying to sign in interactively', async () => {
    const r = await cloud.run([...CONNECT, '--username', S.ALICE.username, '--password', S.ALICE.password, '--tenant', S.NORTHWIND]);
    expect(r.code).toBe(3);
    expect(r.json.error.code).toBe('MfaRequired');
    expect(r.json.error.message).toMatch(/--use-device-authentication/);
  });

  test('a user name without a password: exit 2 before any request', async () => {
    const r = await cloud.run([...CONNECT, '--username', S.BOB.username]);
    expect(r.code).toBe(2);
    expect(r.json.error.code).toBe('PasswordRequired');
  });
});

describe('managed identity', () => {
  test('IMDS style, system-assigned: account MSI@50342 in the identity\'s tenant', async () => {
    const r = await cloud.run([...CONNECT, '--identity'], { env: { AZURE_POD_IDENTITY_AUTHORITY_HOST: cloud.emu.managedIdentity.podIdentityAuthorityHost } });
    expect(r.code).toBe(0);
    expect(r.json.Flow).toBe('ManagedIdentity');
    expect(r.json.Context.Account).toMatchObject({ Id: 'MSI@50342', Type: 'ManagedService' });
    expect(r.json.Context.Tenant.Id).toBe(S.CONTOSO);
    expect(r.json.Context.Subscription.Id).toBe(S.SUBSCRIPTIONS.production);
  });

  test('App Service style, user-assigned by --account-id', async () => {
    const r = await cloud.run([...CONNECT, '--identity', '--account-id', S.USER_IDENTITY.clientId], {
      env: { IDENTITY_ENDPOINT: cloud.emu.managedIdentity.appServiceEndpoint, IDENTITY_HEADER: cloud.emu.managedIdentity.identityHeader },
    });
    expect(r.code).toBe(0);
    expect(r.json.Context.Account.Id).toBe(S.USER_IDENTITY.clientId);
    expect(r.json.Context.Subscription.Id).toBe(S.SUBSCRIPTIONS.production);
  });

  test('an identity the endpoint does not know: a clear error', async () => {
    const r = await cloud.run([...CONNECT, '--identity', '--account-id', '0ddba11a-0000-4000-8000-000000000000'], { env: { AZURE_POD_IDENTITY_AUTHORITY_HOST: cloud.emu.managedIdentity.podIdentityAuthorityHost } });
    expect(r.code).not.toBe(0);
    expect(r.json.error.message).toMatch(/managed identity/i);
    expect(r.json.error.message).toMatch(/not found/i);
  });

  test('--identity with --service-principal: exit 2, nothing written', async () => {
    const before = storedProfile(cloud);
    const r = await cloud.run([...CONNECT, '--identity', '--service-principal']);
    expect(r.code).toBe(2);
    expect(r.json.error.code).toBe('ConflictingSignInOptions');
    expect(storedProfile(cloud)).toBe(before);
  });
});

/** An ARM token straight from the token endpoint, as another tool would have obtained it. */
function armToken(): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: S.CI_SECRET_APP.appId, client_secret: S.CI_SECRET_APP.secret, scope: 'https://management.core.windows.net//.default' }).toString();
  return new Promise((resolve, reject) => {
    const req = request(`${cloud.emu.url}/${S.CONTOSO}/oauth2/v2.0/token`, { method: 'POST', ca: cloud.emu.caPem, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text).access_token) : reject(new Error(`token endpoint: ${res.statusCode} ${text}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('access token', () => {
  test('used as it is, with a warning that it cannot be refreshed', async () => {
    const token = await armToken();
    const r = await cloud.run([...CONNECT, '--access-token', token, '--account-id', 'pipeline@contoso.example']);
    expect(r.code).toBe(0);
    expect(r.json.Flow).toBe('AccessToken');
    expect(r.json.Context.Account).toMatchObject({ Id: 'pipeline@contoso.example', Type: 'AccessToken' });
    expect(r.json.Context.Tenant.Id).toBe(S.CONTOSO);
    expect(warnings(r).filter((w) => /cannot be refreshed/.test(w))).toHaveLength(1);
  });

  test('an expired token: exit 3, nothing stored', async () => {
    cloud.emu.updateSettings({ accessTokenLifetimeSeconds: 1 });
    let token: string;
    try {
      token = await armToken();
    } finally {
      cloud.emu.updateSettings({ accessTokenLifetimeSeconds: 3600 });
    }
    await new Promise((res) => setTimeout(res, 1500));
    const before = storedProfile(cloud);
    const r = await cloud.run([...CONNECT, '--access-token', token, '--account-id', 'pipeline@contoso.example']);
    expect(r.code).toBe(3);
    expect(r.json.error.code).toBe('AccessTokenExpired');
    expect(r.json.error.message).toMatch(/connect again/);
    expect(storedProfile(cloud)).toBe(before);
  });
});
