/**
 * Unmodified MSAL Node performs every user and service principal flow against the emulator
 * over real TLS: device code, interactive (auth code + PKCE, form_post to the loopback),
 * username/password, client credentials (secret, certificate, federated), silent refresh with
 * rotation, revocation, and the MFA (AADSTS50076) challenge.
 */
import { InteractionRequiredAuthError, ServerError, type AuthenticationResult } from '@azure/msal-node';
import { AZURE_CLI_CLIENT_ID, DEFAULT_CLIENT_ID, createFederatedToken, defaultSeedIds as S, defaultSeedKeys as K } from '../../src/emulator/index.js';
import { call, confidentialApp, decodeJwt, LoopbackHttpsClient, publicApp, scriptedBrowser, startTestEmulator, type TestEmulator } from './helpers.js';
import { X509Certificate } from 'node:crypto';

const ARM = ['https://management.core.windows.net//.default'];

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ settings: { deviceCodeIntervalSeconds: 1 } });
});
afterAll(async () => {
  await emu?.dispose();
});

describe('device code', () => {
  test('approved through the admin API, with the tokens MSAL needs', async () => {
    const net = new LoopbackHttpsClient(emu.caPem);
    const app = publicApp(emu, 'organizations', net);
    let message = '';
    const result = await app.acquireTokenByDeviceCode({
      scopes: ARM,
      deviceCodeCallback: (r) => {
        message = r.message;
        void call(emu, 'POST', '/_admin/devices/approve', { admin: true, json: { userCode: r.userCode, username: S.ALICE.username } });
      },
    });
    expect(message).toContain(`${emu.url}/devicelogin`);
    expect(result!.account!.username).toBe(S.ALICE.username);
    expect(result!.account!.homeAccountId).toBe(`${S.ALICE.id}.${S.CONTOSO}`);
    expect(result!.account!.environment).toBe(`127.0.0.1:${emu.port}`);
    expect(result!.tenantId).toBe(S.CONTOSO);
    const at = decodeJwt(result!.accessToken);
    expect(at).toMatchObject({ aud: 'https://management.core.windows.net/', tid: S.CONTOSO, oid: S.ALICE.id, upn: S.ALICE.username, scp: 'user_impersonation', idtyp: 'user', ver: '1.0', appid: '1950a258-227b-4e31-a9cf-717495945fc2' });
    expect(at.iss).toBe(`${emu.url}/${S.CONTOSO}/`);
    expect(result!.scopes).toEqual(expect.arrayContaining(['https://management.core.windows.net//.default']));
    // Nothing was asked of login.microsoftonline.com: discovery came from knownAuthorities and the local document.
    expect(net.urls[0]).toBe('GET /organizations/v2.0/.well-known/openid-configuration');
    expect(net.urls).toEqual(expect.arrayContaining(['POST /organizations/oauth2/v2.0/devicecode', 'POST /organizations/oauth2/v2.0/token']));
  });

  test('pending polls are 400 authorization_pending without Retry-After; a denied code is authorization_declined', async () => {
    const start = await call(emu, 'POST', `/${S.CONTOSO}/oauth2/v2.0/devicecode`, { form: { client_id: AZURE_CLI_CLIENT_ID, scope: 'https://management.core.windows.net//.default offline_access openid profile' } });
    expect(start.status).toBe(200);
    expect(start.json).toMatchObject({ verification_uri: `${emu.url}/devicelogin`, expires_in: 900, interval: 1 });
    const poll = () => call(emu, 'POST', `/${S.CONTOSO}/oauth2/v2.0/token`, { form: { client_id: AZURE_CLI_CLIENT_ID, grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: start.json.device_code, code: start.json.device_code } });
    const pending = await poll();
    expect(pending.status).toBe(400);
    expect(pending.headers['retry-after']).toBeUndefined();
    expect(pending.json).toMatchObject({ error: 'authorization_pending', error_codes: [70016] });
    expect(pending.json.error_description).toMatch(/^AADSTS70016: /);
    const denied = await call(emu, 'POST', '/_admin/devices/deny', { admin: true, json: { userCode: start.json.user_code } });
    expect(denied.status).toBe(200);
    expect((await poll()).json.error).toBe('authorization_declined');
  });

  test('the scope asked at /devicecode is echoed when the poll has none (as the Azure CLI polls)', async () => {
    const start = await call(emu, 'POST', '/organizations/oauth2/v2.0/devicecode', { form: { client_id: AZURE_CLI_CLIENT_ID, scope: 'https://management.core.windows.net//.default offline_access openid profile' } });
    await call(emu, 'POST', '/_admin/devices/approve', { admin: true, json: { userCode: start.json.user_code, username: S.BOB.username } });
    const done = await call(emu, 'POST', '/organizations/oauth2/v2.0/token', { form: { client_id: AZURE_CLI_CLIENT_ID, grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: start.json.device_code } });
    expect(done.status).toBe(200);
    expect(done.json.scope).toBe('https://management.core.windows.net//user_impersonation https://management.core.windows.net//.default');
    expect(done.json.foci).toBe('1');
    const again = await call(emu, 'POST', '/organizations/oauth2/v2.0/token', { form: { client_id: AZURE_CLI_CLIENT_ID, grant_type: 'device_code', device_code: start.json.device_code } });
    expect(again.json.error).toBe('invalid_grant');
  });

  test('an expired device code answers expired_token', async () => {
    let clock = Date.now();
    const local = await startTestEmulator({ now: () => clock });
    try {
      const start = await call(local, 'POST', '/organizations/oauth2/v2.0/devicecode', { form: { client_id: AZURE_CLI_CLIENT_ID, scope: 'openid' } });
      clock += 901_000;
      const poll = await call(local, 'POST', '/organizations/oauth2/v2.0/token', { form: { client_id: AZURE_CLI_CLIENT_ID, grant_type: 'device_code', device_code: start.json.device_code } });
      expect(poll.json).toMatchObject({ error: 'expired_token', error_codes: [70019] });
    } finally {
      await local.dispose();
    }
  });
});

describe('interactive (authorization code + PKCE, form_post to the loopback)', () => {
  test('a scripted browser signs in on the page; MSAL redeems the code', async () => {
    const seen = { pages: [] as string[] };
    const app = publicApp(emu, S.CONTOSO);
    const result = await app.acquireTokenInteractive({ scopes: ARM, openBrowser: scriptedBrowser(emu, S.ALICE.username, S.ALICE.password, seen), successTemplate: 'done', errorTemplate: 'failed' });
    expect(result.account!.username).toBe(S.ALICE.username);
    expect(result.idTokenClaims).toMatchObject({ tid: S.CONTOSO, oid: S.ALICE.id, preferred_username: S.ALICE.username, aud: '1950a258-227b-4e31-a9cf-717495945fc2', iss: `${emu.url}/${S.CONTOSO}/v2.0`, ver: '2.0' });
    expect(seen.pages[0]).toContain('<label for="passwd">Password</label>');
    expect(seen.pages[1]).toContain('document.getElementById(\'result\').submit()');
  });

  test('a nonce is echoed in the id_token', async () => {
    const app = publicApp(emu, S.CONTOSO);
    const result = await app.acquireTokenInteractive({ scopes: ARM, nonce: 'n-0S6_WzA2Mj', openBrowser: scriptedBrowser(emu, S.ALICE.username, S.ALICE.password) });
    expect(result.idTokenClaims).toMatchObject({ nonce: 'n-0S6_WzA2Mj' });
  });

  test('a guest signing in to the tenant that demands MFA passes the MFA step; the token says so', async () => {
    const seen = { pages: [] as string[] };
    const app = publicApp(emu, S.NORTHWIND);
    const result = await app.acquireTokenInteractive({ scopes: ARM, openBrowser: scriptedBrowser(emu, S.ALICE.username, S.ALICE.password, seen) });
    expect(seen.pages[1]).toContain('Approve sign in request');
    const at = decodeJwt(result.accessToken);
    expect(at).toMatchObject({ tid: S.NORTHWIND, oid: 'a11ce000-0000-4000-8000-0000000000c3', amr: ['pwd', 'mfa'], idp: `${emu.url}/${S.CONTOSO}/` });
    expect(at.upn).toBeUndefined();
    // The home account stays Alice's home identity; the tenant profile is the guest one.
    expect(result.account!.homeAccountId).toBe(`${S.ALICE.id}.${S.CONTOSO}`);
    expect(result.tenantId).toBe(S.NORTHWIND);
  });

  test('a wrong password is shown on the page, and the person can try again', async () => {
    const app = publicApp(emu, S.CONTOSO);
    let errorPage = '';
    const result = await app.acquireTokenInteractive({
      scopes: ARM,
      openBrowser: async (url) => {
        const { browse, parseForm } = await import('./helpers.js');
        const page = await browse(emu, 'GET', url);
        const form = parseForm(page.text);
        const wrong = await browse(emu, 'POST', form.action, { ...form.fields, login: S.ALICE.username, passwd: 'nope', action: 'signin' });
        errorPage = wrong.text;
        return scriptedBrowser(emu, S.ALICE.username, S.ALICE.password)(url);
      },
    });
    expect(errorPage).toContain('role="alert"');
    expect(errorPage).toContain('Your account or password is incorrect');
    expect(errorPage).toContain(`value="${S.ALICE.username}"`);
    expect(result.account!.username).toBe(S.ALICE.username);
  });
});

describe('username and password', () => {
  test('signs in; a wrong password is AADSTS50126; an unknown user AADSTS50034', async () => {
    const app = publicApp(emu, 'organizations');
    const ok = await app.acquireTokenByUsernamePassword({ scopes: ARM, username: S.BOB.username, password: S.BOB.password });
    expect(ok!.account!.username).toBe(S.BOB.username);
    expect(ok!.tenantId).toBe(S.FABRIKAM);
    const bad = await app.acquireTokenByUsernamePassword({ scopes: ARM, username: S.BOB.username, password: 'wrong' }).catch((e) => e);
    expect(bad).toBeInstanceOf(ServerError);
    expect(bad.errorCode).toBe('invalid_grant');
    expect(bad.errorNo).toBe(50126);
    const unknown = await app.acquireTokenByUsernamePassword({ scopes: ARM, username: 'nobody@contoso.example', password: 'x' }).catch((e) => e);
    expect(unknown.errorNo).toBe(50034);
  });

  test('MFA required in a tenant: non-interactive grants answer invalid_grant AADSTS50076 with a claims challenge, as Entra does', async () => {
    const app = publicApp(emu, S.NORTHWIND);
    const err = await app.acquireTokenByUsernamePassword({ scopes: ARM, username: S.ALICE.username, password: S.ALICE.password }).catch((e) => e);
    expect(err).toBeInstanceOf(InteractionRequiredAuthError);
    expect(err.errorCode).toBe('invalid_grant');
    expect(err.errorNo).toBe(50076);
    const raw = await call(emu, 'POST', `/${S.NORTHWIND}/oauth2/v2.0/token`, { form: { client_id: DEFAULT_CLIENT_ID, grant_type: 'password', username: S.ALICE.username, password: S.ALICE.password, scope: ARM[0] } });
    expect(raw.status).toBe(400);
    expect(raw.json).toMatchObject({ error: 'invalid_grant', error_codes: [50076], claims: expect.any(String) });
    expect(raw.json.error_description).toMatch(/^AADSTS50076: /);
    expect(JSON.parse(err.claims)).toMatchObject({ access_token: { capolids: { essential: true } } });
  });
});

describe('silent refresh', () => {
  test('expires_in <= 300 makes MSAL refresh; the refresh token rotates and, as in Entra, the old one keeps working', async () => {
    const local = await startTestEmulator({ settings: { accessTokenLifetimeSeconds: 120 } });
    try {
      const net = new LoopbackHttpsClient(local.caPem);
      const app = publicApp(local, S.CONTOSO, net);
      const first = await app.acquireTokenByUsernamePassword({ scopes: ARM, username: S.ALICE.username, password: S.ALICE.password });
      const rt1 = rtOf(app);
      const second = await app.acquireTokenSilent({ scopes: ARM, account: first!.account! });
      expect(second.fromCache).toBe(false);
      expect(second.accessToken).not.toBe(first!.accessToken);
      const rt2 = rtOf(app);
      expect(rt2).not.toBe(rt1);
      const reuse = await call(local, 'POST', `/${S.CONTOSO}/oauth2/v2.0/token`, { form: { client_id: '1950a258-227b-4e31-a9cf-717495945fc2', grant_type: 'refresh_token', refresh_token: rt1, scope: ARM[0] } });
      expect(reuse.status).toBe(200);
      expect(reuse.json.refresh_token).toEqual(expect.any(String));
    } finally {
      await local.dispose();
    }
  });

  test('a guest gets a token for each tenant with one sign-in; a tenant that demands MFA answers 50076', async () => {
    const home = publicApp(emu, 'organizations');
    const first = await home.acquireTokenByUsernamePassword({ scopes: ARM, username: S.ALICE.username, password: S.ALICE.password });
    // MSAL looks up and refreshes for account.tenantId before the authority, so both name the tenant.
    const inTenant = (tenantId: string) => ({ scopes: ARM, account: { ...first!.account!, tenantId }, authority: `${emu.url}/${tenantId}` });
    const fabrikam = await home.acquireTokenSilent(inTenant(S.FABRIKAM));
    expect(decodeJwt(fabrikam.accessToken)).toMatchObject({ tid: S.FABRIKAM, oid: 'a11ce000-0000-4000-8000-0000000000b2' });
    const northwind = await home.acquireTokenSilent(inTenant(S.NORTHWIND)).catch((e) => e);
    expect(northwind).toBeInstanceOf(InteractionRequiredAuthError);
    expect(northwind.errorNo).toBe(50076);
    // A token from one tenant sees only that tenant's subscriptions.
    const subs = await call(emu, 'GET', '/subscriptions?api-version=2022-12-01', { headers: { authorization: `Bearer ${fabrikam.accessToken}` } });
    expect(subs.json.value.map((s: any) => s.displayName).sort()).toEqual(['Contoso Development', 'Fabrikam Shared']);
  });

  test('revoked refresh tokens make MSAL ask for interaction (invalid_grant, bad_token)', async () => {
    const app = publicApp(emu, S.FABRIKAM);
    const first = await app.acquireTokenByUsernamePassword({ scopes: ARM, username: S.BOB.username, password: S.BOB.password });
    const revoked = await call(emu, 'POST', '/_admin/refresh-tokens/revoke', { admin: true, json: { username: S.BOB.username } });
    expect(revoked.json.revoked).toBeGreaterThanOrEqual(1);
    const err = await app.acquireTokenSilent({ scopes: ARM, account: first!.account!, forceRefresh: true }).catch((e) => e);
    expect(err).toBeInstanceOf(InteractionRequiredAuthError);
    expect(err.errorCode).toBe('invalid_grant');
    expect(err.subError).toBe('bad_token');
  });
});

function rtOf(app: { getTokenCache(): { serialize(): string } }): string {
  const cache = JSON.parse(app.getTokenCache().serialize());
  const rts = Object.values(cache.RefreshToken) as { secret: string }[];
  expect(rts).toHaveLength(1);
  return rts[0].secret;
}

describe('client credentials', () => {
  const expectAppToken = (r: AuthenticationResult | null, appId: string, appidacr: string) => {
    const at = decodeJwt(r!.accessToken);
    expect(at).toMatchObject({ aud: 'https://management.core.windows.net/', tid: S.CONTOSO, appid: appId, appidacr, idtyp: 'app', ver: '1.0' });
    return at;
  };

  test('with a secret; a wrong secret is AADSTS7000215 and an expired one AADSTS7000222', async () => {
    const ok = await confidentialApp(emu, S.CONTOSO, { clientId: S.CI_SECRET_APP.appId, clientSecret: S.CI_SECRET_APP.secret }).acquireTokenByClientCredential({ scopes: ARM });
    // Resource Manager defines no app roles, so an ARM token carries none.
    expect(expectAppToken(ok, S.CI_SECRET_APP.appId, '1').roles).toBeUndefined();
    const wrong = await confidentialApp(emu, S.CONTOSO, { clientId: S.CI_SECRET_APP.appId, clientSecret: 'not-the-secret' }).acquireTokenByClientCredential({ scopes: ARM }).catch((e) => e);
    expect(wrong).toMatchObject({ errorCode: 'invalid_client', errorNo: 7000215 });
    const expired = await confidentialApp(emu, S.CONTOSO, { clientId: S.CI_SECRET_APP.appId, clientSecret: S.CI_SECRET_APP.expiredSecret }).acquireTokenByClientCredential({ scopes: ARM }).catch((e) => e);
    expect(expired).toMatchObject({ errorCode: 'invalid_client', errorNo: 7000222 });
    const unknown = await confidentialApp(emu, S.CONTOSO, { clientId: '0ddba11a-0000-4000-8000-000000000000', clientSecret: 'x' }).acquireTokenByClientCredential({ scopes: ARM }).catch((e) => e);
    expect(unknown).toMatchObject({ errorCode: 'unauthorized_client', errorNo: 700016 });
  });

  test('with a certificate (RS256 + x5t and PS256 + x5t#S256), checked against the registered certificate', async () => {
    const cert = new X509Certificate(K.CI_CERTIFICATE_PEM);
    const sha1 = cert.fingerprint.replace(/:/g, '');
    const sha256 = cert.fingerprint256.replace(/:/g, '');
    const rs = await confidentialApp(emu, S.CONTOSO, { clientId: S.CI_CERTIFICATE_APP.appId, clientCertificate: { thumbprint: sha1, privateKey: K.CI_CERTIFICATE_KEY_PEM } }).acquireTokenByClientCredential({ scopes: ARM });
    expectAppToken(rs, S.CI_CERTIFICATE_APP.appId, '2');
    const ps = await confidentialApp(emu, 'contoso.example', { clientId: S.CI_CERTIFICATE_APP.appId, clientCertificate: { thumbprintSha256: sha256, privateKey: K.CI_CERTIFICATE_KEY_PEM, x5c: K.CI_CERTIFICATE_PEM } }).acquireTokenByClientCredential({ scopes: ARM });
    expectAppToken(ps, S.CI_CERTIFICATE_APP.appId, '2');
    // The federated issuer's key is not the app's certificate key: the signature check fails.
    const forged = await confidentialApp(emu, S.CONTOSO, { clientId: S.CI_CERTIFICATE_APP.appId, clientCertificate: { thumbprint: sha1, privateKey: K.FEDERATED_ISSUER_KEY_PEM } }).acquireTokenByClientCredential({ scopes: ARM }).catch((e) => e);
    expect(forged).toMatchObject({ errorCode: 'invalid_client', errorNo: 700027 });
    const unregistered = await confidentialApp(emu, S.CONTOSO, { clientId: S.CI_CERTIFICATE_APP.appId, clientCertificate: { thumbprint: 'AB'.repeat(20), privateKey: K.CI_CERTIFICATE_KEY_PEM } }).acquireTokenByClientCredential({ scopes: ARM }).catch((e) => e);
    expect(unregistered.errorNo).toBe(700027);
  });

  test('with a federated token: issuer, subject, audience, expiry and signature are checked', async () => {
    const fed = (assertion: string) => confidentialApp(emu, S.CONTOSO, { clientId: S.CI_FEDERATED_APP.appId, clientAssertion: assertion }).acquireTokenByClientCredential({ scopes: ARM, skipCache: true });
    expectAppToken(await fed(createFederatedToken()), S.CI_FEDERATED_APP.appId, '2');
    expect(await fed(createFederatedToken({ subject: 'repo:contoso/app:ref:refs/heads/evil' })).catch((e) => e)).toMatchObject({ errorNo: 700213 });
    expect(await fed(createFederatedToken({ audience: 'api://elsewhere' })).catch((e) => e)).toMatchObject({ errorNo: 700212 });
    expect(await fed(createFederatedToken({ issuer: 'https://evil.example' })).catch((e) => e)).toMatchObject({ errorNo: 700211 });
    expect(await fed(createFederatedToken({ now: Date.now() - 3_600_000 })).catch((e) => e)).toMatchObject({ errorNo: 700024 });
    expect(await fed(createFederatedToken({ privateKeyPem: K.CI_CERTIFICATE_KEY_PEM })).catch((e) => e)).toMatchObject({ errorNo: 700027 });
  });

  test('roles are per resource: only those the resource defines and the client was granted', async () => {
    const app = confidentialApp(emu, S.CONTOSO, { clientId: S.CI_SECRET_APP.appId, clientSecret: S.CI_SECRET_APP.secret });
    const graph = decodeJwt((await app.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] }))!.accessToken);
    expect(graph).toMatchObject({ aud: 'https://graph.microsoft.com', roles: ['Application.Read.All'] });
    const own = decodeJwt((await app.acquireTokenByClientCredential({ scopes: [`api://${S.CI_SECRET_APP.appId}/.default`] }))!.accessToken);
    expect(own).toMatchObject({ aud: `api://${S.CI_SECRET_APP.appId}`, roles: ['Deployer'] });
    // A resource with no grant: no roles claim at all.
    const vault = decodeJwt((await app.acquireTokenByClientCredential({ scopes: ['https://vault.azure.net/.default'] }))!.accessToken);
    expect(vault.roles).toBeUndefined();
  });

  test('the same app-only request in the same second gets the same token; a new second, resource or secret check does not', async () => {
    let clock = Date.UTC(2026, 0, 1, 12, 0, 0, 100);
    const local = await startTestEmulator({ now: () => clock });
    try {
      const ask = (scope: string, secret = S.CI_SECRET_APP.secret) => call(local, 'POST', `/${S.CONTOSO}/oauth2/v2.0/token`, { form: { grant_type: 'client_credentials', client_id: S.CI_SECRET_APP.appId, client_secret: secret, scope } });
      const first = await ask(ARM[0]);
      clock += 800; // still the same second
      const again = await ask(ARM[0]);
      expect(again.json.access_token).toBe(first.json.access_token);
      expect(again.json).toEqual(first.json);
      // The v1 endpoint's answer for the same token still names the resource it was asked for.
      const v1 = await call(local, 'POST', `/${S.CONTOSO}/oauth2/token`, { form: { grant_type: 'client_credentials', client_id: S.CI_SECRET_APP.appId, client_secret: S.CI_SECRET_APP.secret, resource: 'https://management.core.windows.net/' } });
      expect(v1.json).toMatchObject({ access_token: first.json.access_token, resource: 'https://management.core.windows.net/' });
      expect((await ask(ARM[0], 'wrong')).json).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
      const graph = await ask('https://graph.microsoft.com/.default');
      expect(graph.json.access_token).not.toBe(first.json.access_token);
      expect(decodeJwt(graph.json.access_token).roles).toEqual(['Application.Read.All']);
      clock += 200; // the next second: a token of its own
      const later = await ask(ARM[0]);
      expect(later.json.access_token).not.toBe(first.json.access_token);
      expect(decodeJwt(later.json.access_token).iat).toBe(decodeJwt(first.json.access_token).iat + 1);
    } finally {
      await local.dispose();
    }
  });

  test('a scope without /.default is AADSTS1002012', async () => {
    const r = await call(emu, 'POST', `/${S.CONTOSO}/oauth2/v2.0/token`, { form: { grant_type: 'client_credentials', client_id: S.CI_SECRET_APP.appId, client_secret: S.CI_SECRET_APP.secret, scope: 'https://management.core.windows.net//user_impersonation' } });
    expect(r.json).toMatchObject({ error: 'invalid_scope', error_codes: [1002012] });
  });
});
