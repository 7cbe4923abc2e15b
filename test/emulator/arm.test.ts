/**
 * Resource Manager: who sees which tenants and subscriptions, paging, single subscriptions,
 * metadata documents, and how bad bearer tokens are refused (401 + WWW-Authenticate).
 */
import { AZURE_CLI_CLIENT_ID, DEFAULT_CLIENT_ID, defaultSeedIds as S } from '../../src/emulator/index.js';
import { call, startTestEmulator, type TestEmulator } from './helpers.js';

let emu: TestEmulator;
let clock = Date.now();
beforeAll(async () => {
  emu = await startTestEmulator({ pageSize: 2, now: () => clock });
});
afterAll(async () => {
  await emu?.dispose();
});

async function userToken(tenant: string, username: string, password: string, scope = 'https://management.core.windows.net//.default'): Promise<string> {
  const r = await call(emu, 'POST', `/${tenant}/oauth2/v2.0/token`, { form: { grant_type: 'password', client_id: DEFAULT_CLIENT_ID, username, password, scope } });
  expect(r.status).toBe(200);
  return r.json.access_token;
}

const get = (path: string, token?: string) => call(emu, 'GET', path, token ? { headers: { authorization: `Bearer ${token}` } } : {});

async function allPages(path: string, token: string): Promise<any[]> {
  const out: any[] = [];
  let next: string | undefined = `${emu.url}${path}`;
  let pages = 0;
  while (next) {
    const r = await get(next.slice(emu.url.length), token);
    expect(r.status).toBe(200);
    out.push(...r.json.value);
    next = r.json.nextLink;
    pages++;
  }
  expect(pages).toBeGreaterThan(1);
  return out;
}

test('subscriptions are paged with nextLink, in the ARM shape, and depend on the token tenant', async () => {
  const contoso = await userToken(S.CONTOSO, S.ALICE.username, S.ALICE.password);
  const subs = await allPages('/subscriptions?api-version=2022-12-01', contoso);
  expect(subs.map((s) => s.displayName).sort()).toEqual(['Contoso Development', 'Contoso Old', 'Contoso Production', 'Contoso Trial', 'Northwind Legacy']);
  expect(new Set(subs.map((s) => s.state))).toEqual(new Set(['Enabled', 'Warned', 'Disabled', 'PastDue']));
  const legacy = subs.find((s) => s.displayName === 'Northwind Legacy');
  expect(legacy).toEqual({
    id: `/subscriptions/${S.SUBSCRIPTIONS.northwindLegacy}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [{ tenantId: S.CONTOSO }],
    subscriptionId: S.SUBSCRIPTIONS.northwindLegacy,
    tenantId: S.NORTHWIND,
    displayName: 'Northwind Legacy',
    state: 'PastDue',
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
  });
  const first = await get('/subscriptions?api-version=2022-12-01', contoso);
  expect(first.json.nextLink).toMatch(new RegExp(`^${emu.url}/subscriptions\\?api-version=2022-12-01&%24skiptoken=`));
  expect(first.json.count).toEqual({ type: 'Total', value: 5 });
});

test('tenants lists every tenant the user belongs to, whichever tenant the token is from', async () => {
  const token = await userToken('fabrikam.example', S.ALICE.username, S.ALICE.password);
  const tenants = await allPages('/tenants?api-version=2022-12-01', token);
  expect(tenants.map((t) => t.tenantId).sort()).toEqual([S.CONTOSO, S.FABRIKAM, S.NORTHWIND].sort());
  expect(tenants.find((t) => t.tenantId === S.FABRIKAM)).toEqual({
    id: `/tenants/${S.FABRIKAM}`,
    tenantId: S.FABRIKAM,
    countryCode: 'GB',
    displayName: 'Fabrikam',
    domains: ['fabrikam.example', 'fabrikam.onmicrosoft.example'],
    tenantCategory: 'Home',
    defaultDomain: 'fabrikam.example',
    tenantType: 'AAD',
  });
});

test('a user with no subscriptions gets an empty list', async () => {
  const token = await userToken(S.NORTHWIND, S.CAROL.username, S.CAROL.password);
  const r = await get('/subscriptions?api-version=2020-01-01', token);
  expect(r.json).toEqual({ value: [], count: { type: 'Total', value: 0 } });
});

test('one subscription: found, unknown (404), not allowed (403), or asked with the wrong tenant (401 naming the right one)', async () => {
  const token = await userToken(S.CONTOSO, S.ALICE.username, S.ALICE.password);
  const ok = await get(`/subscriptions/${S.SUBSCRIPTIONS.production}?api-version=2022-12-01`, token);
  expect(ok.json.displayName).toBe('Contoso Production');
  const missing = await get('/subscriptions/00000000-0000-4000-8000-000000000000?api-version=2022-12-01', token);
  expect(missing.status).toBe(404);
  expect(missing.json).toEqual({ error: { code: 'SubscriptionNotFound', message: "The subscription '00000000-0000-4000-8000-000000000000' could not be found." } });
  const bob = await userToken(S.FABRIKAM, S.BOB.username, S.BOB.password);
  expect((await get(`/subscriptions/${S.SUBSCRIPTIONS.production}?api-version=2022-12-01`, bob)).json.error.code).toBe('AuthorizationFailed');
  const wrongTenant = await get(`/subscriptions/${S.SUBSCRIPTIONS.fabrikamShared}?api-version=2022-12-01`, token);
  expect(wrongTenant.status).toBe(401);
  expect(wrongTenant.json.error.code).toBe('InvalidAuthenticationTokenTenant');
  expect(wrongTenant.headers['www-authenticate']).toContain(`authorization_uri="${emu.url}/${S.FABRIKAM}"`);
  const locations = await get(`/subscriptions/${S.SUBSCRIPTIONS.production}/locations?api-version=2022-12-01`, token);
  expect(locations.json.value[0]).toMatchObject({ name: 'eastus', displayName: 'East US' });
});

test('bearer tokens are checked: missing, malformed, forged, wrong audience, expired', async () => {
  const missing = await get('/subscriptions?api-version=2022-12-01');
  expect(missing.status).toBe(401);
  expect(missing.json.error.code).toBe('AuthenticationFailed');
  expect(missing.headers['www-authenticate']).toMatch(/^Bearer authorization_uri="https:\/\/127\.0\.0\.1:\d+\/common", error="invalid_token", error_description="/);
  expect((await get('/subscriptions?api-version=2022-12-01', 'not-a-jwt')).json.error.code).toBe('InvalidAuthenticationToken');
  const token = await userToken(S.CONTOSO, S.ALICE.username, S.ALICE.password);
  // Used once first, so the checked token is remembered: a forgery reusing its signature must still fail.
  expect((await get('/subscriptions?api-version=2022-12-01', token)).status).toBe(200);
  const [h, p] = token.split('.');
  const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), oid: S.BOB.id })).toString('base64url')}.${token.split('.')[2]}`;
  expect((await get('/subscriptions?api-version=2022-12-01', forged)).json.error.code).toBe('InvalidAuthenticationToken');
  expect((await get('/subscriptions?api-version=2022-12-01', token)).status).toBe(200);
  const graph = await userToken(S.CONTOSO, S.ALICE.username, S.ALICE.password, 'https://graph.microsoft.com/.default');
  const wrongAud = await get('/subscriptions?api-version=2022-12-01', graph);
  expect(wrongAud.json.error.code).toBe('InvalidAuthenticationTokenAudience');
  clock += 2 * 3600_000;
  try {
    const expired = await get('/subscriptions?api-version=2022-12-01', token);
    expect(expired.status).toBe(401);
    expect(expired.json.error.code).toBe('ExpiredAuthenticationToken');
    expect(expired.headers['www-authenticate']).toContain(`authorization_uri="${emu.url}/${S.CONTOSO}"`);
  } finally {
    clock -= 2 * 3600_000;
  }
});

test('ARM accepts management.azure.com tokens too, and requires api-version', async () => {
  const token = await userToken(S.CONTOSO, S.ALICE.username, S.ALICE.password, 'https://management.azure.com/user_impersonation');
  expect((await get('/subscriptions?api-version=2022-12-01', token)).status).toBe(200);
  const noVersion = await get('/subscriptions', token);
  expect(noVersion.status).toBe(400);
  expect(noVersion.json.error.code).toBe('MissingApiVersionParameter');
  const post = await call(emu, 'POST', '/subscriptions?api-version=2022-12-01', { headers: { authorization: `Bearer ${token}` } });
  expect(post.status).toBe(405);
});

test('metadata/endpoints in the 2022-09-01 array shape and the 2015-01-01 object shape (also behind //)', async () => {
  const arr = await get('/metadata/endpoints?api-version=2022-09-01');
  expect(arr.json[0]).toMatchObject({ name: 'LocalCloud', resourceManager: `${emu.url}/`, authentication: { loginEndpoint: `${emu.url}/`, audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'] } });
  const old = await get('//metadata/endpoints?api-version=2015-01-01');
  expect(old.json).toMatchObject({ authentication: { loginEndpoint: `${emu.url}/` }, galleryEndpoint: `${emu.url}/` });
});

test('service principals see their own tenant and subscriptions; the Azure CLI client gets FOCI tokens', async () => {
  const sp = await call(emu, 'POST', `/${S.CONTOSO}/oauth2/v2.0/token`, { form: { grant_type: 'client_credentials', client_id: S.CI_SECRET_APP.appId, client_secret: S.CI_SECRET_APP.secret, scope: 'https://management.azure.com/.default' } });
  const subs = await get('/subscriptions?api-version=2022-12-01', sp.json.access_token);
  expect(subs.json.value.map((s: any) => s.displayName).sort()).toEqual(['Contoso Development', 'Contoso Production']);
  const tenants = await get('/tenants?api-version=2022-12-01', sp.json.access_token);
  expect(tenants.json.value.map((t: any) => t.tenantId)).toEqual([S.CONTOSO]);
  const cli = await call(emu, 'POST', '/organizations/oauth2/v2.0/token', { form: { grant_type: 'password', client_id: AZURE_CLI_CLIENT_ID, username: S.ALICE.username, password: S.ALICE.password, scope: 'https://management.core.windows.net//.default offline_access openid profile' } });
  // A FOCI refresh token from the Azure CLI also works for Azure PowerShell's client id.
  const swapped = await call(emu, 'POST', `/${S.FABRIKAM}/oauth2/v2.0/token`, { form: { grant_type: 'refresh_token', client_id: DEFAULT_CLIENT_ID, refresh_token: cli.json.refresh_token, scope: 'https://management.core.windows.net//.default offline_access' } });
  expect(swapped.status).toBe(200);
});
