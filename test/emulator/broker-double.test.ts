/**
 * The broker double's own rules, request by request (the JSON the runtime sends, without a bus):
 * what it refuses as a broker would, that its tokens come from the local cloud and are accepted
 * by ARM there, and that injected failures answer in the runtime's error shape (tag included).
 */
import https from 'node:https';
import { BrokerDouble, LINUX_BROKER_REDIRECT_URI } from '../../src/emulator/broker/index.js';
import { defaultSeedIds as S, AZURE_CLI_CLIENT_ID } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';

const CONTOSO = 'aaaaaaaa-0000-4000-8000-000000000001';
const FABRIKAM = 'bbbbbbbb-0000-4000-8000-000000000002';
const ARM = 'https://management.core.windows.net//.default';

let cloud: LocalCloud;
let double: BrokerDouble;
beforeAll(async () => {
  cloud = await startLocalCloud();
  double = new BrokerDouble({ url: cloud.emu.url, caPem: cloud.emu.caPem, seed: cloud.emu.seed });
});
afterAll(async () => {
  double?.close();
  await cloud?.dispose();
});

/** authParameters as msal-node-runtime 0.20.7 sends them (the port dropped from the authority). */
function auth(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { authority: 'https://127.0.0.1/organizations', clientId: AZURE_CLI_CLIENT_ID, redirectUri: LINUX_BROKER_REDIRECT_URI, requestedScopes: [ARM], account: null, username: '', authorizationType: 6, ...over };
}

async function call(method: string, request: Record<string, unknown>): Promise<any> {
  return JSON.parse(await double.handle(method, JSON.stringify(request)));
}

const interactive = (over: Record<string, unknown> = {}, top: Record<string, unknown> = { parentWindowHandle: 1 }) => call('acquireTokenInteractively', { authParameters: auth(over), ...top });
function armStatus(path: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.request(`${cloud.emu.url}${path}`, { ca: cloud.emu.caPem, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

test('an interactive sign-in returns the local cloud\'s tokens and account in the runtime\'s shape', async () => {
  const r = await interactive({ username: S.ALICE.username });
  const t = r.brokerTokenResponse;
  expect(t.error).toBeUndefined();
  expect(t.accessTokenType).toBe(0);
  expect(claims(t.accessToken).tid).toBe(CONTOSO);
  expect(claims(t.idToken).preferred_username).toBe(S.ALICE.username);
  expect(t.account.homeAccountId).toBe(`${S.ALICE.id}.${CONTOSO}`);
  expect(JSON.parse(Buffer.from(t.account.clientInfo, 'base64url').toString('utf8'))).toEqual({ uid: S.ALICE.id, utid: CONTOSO });
  expect(t.expiresOn).toBeGreaterThan(Date.now());
  // ARM of the same local cloud accepts it.
  expect(await armStatus('/subscriptions?api-version=2022-12-01', t.accessToken)).toBe(200);
});

test('a silent request for a held account redeems its refresh token in another tenant', async () => {
  const r = await call('acquireTokenSilently', { authParameters: auth({ authority: `https://127.0.0.1/${FABRIKAM}`, account: { homeAccountId: `${S.ALICE.id}.${CONTOSO}`, username: S.ALICE.username }, authorizationType: 1 }) });
  expect(claims(r.brokerTokenResponse.accessToken).tid).toBe(FABRIKAM);
  const accounts = await call('getAccounts', { clientId: AZURE_CLI_CLIENT_ID, redirectUri: AZURE_CLI_CLIENT_ID });
  expect(accounts.accounts.map((a: { username: string }) => a.username)).toContain(S.ALICE.username);
});

test.each([
  ['an unknown client id', { clientId: '00000000-0000-0000-0000-00000000dead' }, {}, 9],
  ['a confidential client', { clientId: S.CI_SECRET_APP.appId }, {}, 9],
  ['a redirect URI that is not the broker\'s', { redirectUri: 'http://localhost' }, {}, 9],
  ['no parent window', {}, {}, 9],
  ['another host', { authority: 'https://login.microsoftonline.com/organizations' }, { parentWindowHandle: 1 }, 11],
  ['plain http', { authority: 'http://127.0.0.1/organizations' }, { parentWindowHandle: 1 }, 11],
])('refuses %s', async (_what, over, top, status) => {
  const r = await interactive(over as Record<string, unknown>, top as Record<string, unknown>);
  expect(r.brokerTokenResponse.error.status).toBe(status);
  expect(typeof r.brokerTokenResponse.error.tag).toBe('number');
  expect(r.brokerTokenResponse.accessToken).toBeUndefined();
});

test('a silent request for an account it does not hold asks for interaction (status 2)', async () => {
  const r = await call('acquireTokenSilently', { authParameters: auth({ account: { homeAccountId: `${S.BOB.id}.${FABRIKAM}`, username: S.BOB.username } }) });
  expect(r.brokerTokenResponse.error.status).toBe(2);
});

test('an injected failure answers once with the given status, subStatus and tag, then the double works again', async () => {
  double.configure({ fail: { method: 'acquireTokenInteractively', status: 7, subStatus: 3, tag: 0x1234 } });
  const failed = await interactive();
  expect(failed.brokerTokenResponse.error).toMatchObject({ status: 7, subStatus: 3, tag: 0x1234 });
  const ok = await interactive();
  expect(ok.brokerTokenResponse.error).toBeUndefined();
});

test('the request log names methods, clients and window handles, never a token or password', async () => {
  const log = JSON.stringify(double.log);
  expect(log).toContain('acquireTokenInteractively');
  expect(log).not.toContain(S.ALICE.password);
  expect(log).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
});
