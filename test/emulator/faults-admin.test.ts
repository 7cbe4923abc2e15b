/**
 * Fault injection as configured (deterministic with a seed), and the admin API: its key, its
 * routes, and a request log that never holds a secret.
 */
import { readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ServerError } from '@azure/msal-node';
import { DEFAULT_CLIENT_ID, defaultSeedIds as S } from '../../src/emulator/index.js';
import { call, confidentialApp, startTestEmulator, type TestEmulator } from './helpers.js';
import { expectMode } from '../helpers/modes.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu?.dispose();
});
afterEach(async () => {
  emu.setFaults(undefined);
});

const ccForm = { grant_type: 'client_credentials', client_id: S.CI_SECRET_APP.appId, client_secret: S.CI_SECRET_APP.secret, scope: 'https://management.azure.com/.default' };
const tokenPath = `/${S.CONTOSO}/oauth2/v2.0/token`;

async function statuses(n: number, path: string, init: Parameters<typeof call>[3] = {}): Promise<(number | 'dropped')[]> {
  const out: (number | 'dropped')[] = [];
  for (let i = 0; i < n; i++) out.push(await call(emu, init.form ? 'POST' : 'GET', path, init).then((r) => r.status, () => 'dropped' as const));
  return out;
}

test('a seeded fault mix gives the same sequence every time, at the configured rates', async () => {
  const config = { seed: 7, token: { rate429: 0.25, rate500: 0.15, rate503: 0.1, dropRate: 0.1, retryAfterSeconds: 3 } };
  const set = await call(emu, 'PUT', '/_admin/faults', { admin: true, json: config });
  expect(set.status).toBe(200);
  const first = await statuses(80, tokenPath, { form: ccForm });
  await call(emu, 'PUT', '/_admin/faults', { admin: true, json: config });
  const second = await statuses(80, tokenPath, { form: ccForm });
  expect(second).toEqual(first);
  const count = (v: number | 'dropped') => first.filter((x) => x === v).length;
  for (const [v, rate] of [[429, 0.25], [500, 0.15], [503, 0.1], ['dropped', 0.1], [200, 0.4]] as const) {
    expect(count(v)).toBeGreaterThan(80 * rate * 0.4);
    expect(count(v)).toBeLessThan(80 * rate * 2 + 3);
  }
});

test('429 and 503 carry Retry-After; the bodies are Entra-shaped for identity and ARM-shaped for ARM', async () => {
  emu.setFaults({ token: { rate429: 1, retryAfterSeconds: 7 } });
  const throttled = await call(emu, 'POST', tokenPath, { form: ccForm });
  expect(throttled.status).toBe(429);
  expect(throttled.headers['retry-after']).toBe('7');
  expect(throttled.json).toMatchObject({ error: 'temporarily_unavailable', error_codes: [90055] });
  // Groups are independent: ARM is untouched by a token fault.
  const token = (await (emu.setFaults(undefined), call(emu, 'POST', tokenPath, { form: ccForm }))).json.access_token;
  emu.setFaults({ token: { rate429: 1 }, arm: { rate503: 1, retryAfterSeconds: 2 } });
  const arm = await call(emu, 'GET', '/subscriptions?api-version=2022-12-01', { headers: { authorization: `Bearer ${token}` } });
  expect(arm.status).toBe(503);
  expect(arm.headers['retry-after']).toBe('2');
  expect(arm.json.error.code).toBe('ServiceUnavailable');
  expect((await call(emu, 'GET', `/${S.CONTOSO}/v2.0/.well-known/openid-configuration`)).status).toBe(200);
});

test('MSAL sees an injected 500 as a server error', async () => {
  emu.setFaults({ token: { rate500: 1 } });
  const err = await confidentialApp(emu, S.CONTOSO, { clientId: S.CI_SECRET_APP.appId, clientSecret: S.CI_SECRET_APP.secret }).acquireTokenByClientCredential({ scopes: ['https://management.azure.com/.default'] }).catch((e) => e);
  expect(err).toBeInstanceOf(ServerError);
  expect(err.errorCode).toBe('server_error');
});

test('latency: fixed plus jitter', async () => {
  emu.setFaults({ seed: 1, all: { latencyMs: 150, jitterMs: 50 } });
  const t0 = performance.now();
  await call(emu, 'GET', '/common/discovery/instance');
  const took = performance.now() - t0;
  expect(took).toBeGreaterThanOrEqual(145);
  expect(took).toBeLessThan(1500);
});

test('invalid fault configurations are refused', async () => {
  const r = await call(emu, 'PUT', '/_admin/faults', { admin: true, json: { token: { rate429: 0.8, rate500: 0.5 } } });
  expect(r.status).toBe(400);
  expect(r.json.error.message).toMatch(/add up to more than 1/);
  expect((await call(emu, 'PUT', '/_admin/faults', { admin: true, json: { nowhere: {} } })).json.error.message).toMatch(/unknown fault group/);
});

test('the admin API needs the per-start key, kept 0600 in the data folder', async () => {
  const keyFile = join(emu.dataDir, 'admin.key');
  expect(readFileSync(keyFile, 'utf8').trim()).toBe(emu.adminKey);
  expectMode(keyFile, 0o600);
  expect((await call(emu, 'GET', '/_admin/status')).status).toBe(401);
  expect((await call(emu, 'GET', '/_admin/status', { headers: { [emu.adminKeyHeader]: 'guess' } })).status).toBe(401);
  const status = await call(emu, 'GET', '/_admin/status', { admin: true });
  expect(status.json).toMatchObject({ url: emu.url, tenants: 3, subscriptions: 7 });
  expect((await call(emu, 'GET', '/.well-known/local-cloud')).json).toMatchObject({ name: 'MyAccount local cloud', url: emu.url, admin: true });
});

test('without admin: true there is no admin API', async () => {
  const plain = await startTestEmulator({ admin: false });
  try {
    expect(plain.adminKey).toBeUndefined();
    expect(existsSync(join(plain.dataDir, 'admin.key'))).toBe(false);
    const r = await call(plain, 'GET', '/_admin/status', { headers: { [plain.adminKeyHeader]: 'anything' } });
    expect(r.status).toBe(404);
  } finally {
    await plain.dispose();
  }
});

test('settings can be changed at run time; reset forgets refresh tokens', async () => {
  const patched = await call(emu, 'PATCH', '/_admin/settings', { admin: true, json: { accessTokenLifetimeSeconds: 240 } });
  expect(patched.json.accessTokenLifetimeSeconds).toBe(240);
  const t = await call(emu, 'POST', tokenPath, { form: { grant_type: 'password', client_id: DEFAULT_CLIENT_ID, username: S.ALICE.username, password: S.ALICE.password, scope: 'https://management.azure.com/.default offline_access' } });
  expect(t.json.expires_in).toBe(240);
  await call(emu, 'PATCH', '/_admin/settings', { admin: true, json: { accessTokenLifetimeSeconds: 3600 } });
  expect((await call(emu, 'PATCH', '/_admin/settings', { admin: true, json: { accessTokenLifetimeSeconds: -1 } })).status).toBe(400);
  expect((await call(emu, 'POST', '/_admin/reset', { admin: true })).json).toEqual({ reset: true });
  const r = await call(emu, 'POST', tokenPath, { form: { grant_type: 'refresh_token', client_id: DEFAULT_CLIENT_ID, refresh_token: t.json.refresh_token } });
  expect(r.json).toMatchObject({ error: 'invalid_grant', suberror: 'bad_token' });
});

test('the request log never holds passwords, secrets, assertions, codes or tokens', async () => {
  const lines: object[] = [];
  const logged = await startTestEmulator({ log: (l) => lines.push(l) });
  try {
    const pw = await call(logged, 'POST', `${tokenPath}?client-request-id=abc-123`, { form: { grant_type: 'password', client_id: DEFAULT_CLIENT_ID, username: S.ALICE.username, password: S.ALICE.password, scope: 'https://management.azure.com/.default offline_access openid' } });
    await call(logged, 'POST', tokenPath, { form: { grant_type: 'refresh_token', client_id: DEFAULT_CLIENT_ID, refresh_token: pw.json.refresh_token } });
    await call(logged, 'POST', tokenPath, { form: ccForm });
    await call(logged, 'GET', `/subscriptions?api-version=2022-12-01&code=secret-in-query`, { headers: { authorization: `Bearer ${pw.json.access_token}` } });
    await call(logged, 'GET', `/${S.CONTOSO}/oauth2/v2.0/authorize?client_id=${DEFAULT_CLIENT_ID}&response_type=code&redirect_uri=http://localhost:1&scope=openid&code_challenge=${'a'.repeat(43)}&code_challenge_method=S256&state=st8`);
    const viaApi = (await call(logged, 'GET', '/_admin/log', { admin: true })).text;
    for (const text of [JSON.stringify(lines), viaApi]) {
      for (const secret of [S.ALICE.password, S.CI_SECRET_APP.secret, pw.json.refresh_token, pw.json.access_token, pw.json.id_token, 'secret-in-query', 'st8', 'a'.repeat(43)]) expect(text).not.toContain(secret);
    }
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines[0]).toMatchObject({ method: 'POST', path: tokenPath, status: 200, grantType: 'password', user: S.ALICE.username, correlationId: 'abc-123' });
  } finally {
    await logged.dispose();
  }
});
