/**
 * Bad requests of every class get the documented error in the service's shape, and nothing a
 * client sends (oversized, malformed, slow, or a handler bug) stops the server serving others.
 */
import net from 'node:net';
import tls from 'node:tls';
import { AZURE_CLI_CLIENT_ID, DEFAULT_CLIENT_ID, DEFAULT_SEED, defaultSeedIds as S } from '../../src/emulator/index.js';
import { browse, call, parseForm, startTestEmulator, type TestEmulator } from './helpers.js';

let emu: TestEmulator;
let clockBroken = false;
beforeAll(async () => {
  emu = await startTestEmulator({
    headersTimeoutMs: 500,
    requestTimeoutMs: 1000,
    now: () => {
      if (clockBroken) throw new Error('the clock broke');
      return Date.now();
    },
  });
});
afterAll(async () => {
  await emu?.dispose();
});

const token = `/${S.CONTOSO}/oauth2/v2.0/token`;

function expectEntra(r: { status: number; json: any }, status: number, error: string, code: number) {
  expect(r.status).toBe(status);
  expect(r.json).toMatchObject({ error, error_codes: [code] });
  expect(r.json.error_description).toMatch(new RegExp(`^AADSTS${code}: .* Trace ID: [0-9a-f-]{36} Correlation ID: [0-9a-f-]+ Timestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`));
  expect(r.json).toHaveProperty('trace_id');
  expect(r.json).toHaveProperty('correlation_id');
  expect(r.json).toHaveProperty('timestamp');
}

test('unknown grant, missing grant, GET on the token endpoint, wrong content type', async () => {
  expectEntra(await call(emu, 'POST', token, { form: { grant_type: 'magic', client_id: DEFAULT_CLIENT_ID } }), 400, 'unsupported_grant_type', 70003);
  expectEntra(await call(emu, 'POST', token, { form: { client_id: DEFAULT_CLIENT_ID } }), 400, 'invalid_request', 900144);
  expectEntra(await call(emu, 'GET', token), 405, 'invalid_request', 900561);
  expectEntra(await call(emu, 'POST', token, { json: { grant_type: 'password' } }), 400, 'invalid_request', 9002313);
  expectEntra(await call(emu, 'POST', token, { body: '%%%&&&===', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 400, 'invalid_request', 900144);
});

test('client_secret_basic works like client_secret_post', async () => {
  const basic = Buffer.from(`${S.CI_SECRET_APP.appId}:${encodeURIComponent(S.CI_SECRET_APP.secret)}`).toString('base64');
  const ok = await call(emu, 'POST', token, { form: { grant_type: 'client_credentials', scope: 'https://management.azure.com/.default' }, headers: { authorization: `Basic ${basic}` } });
  expect(ok.status).toBe(200);
  const bad = Buffer.from(`${S.CI_SECRET_APP.appId}:nope`).toString('base64');
  expectEntra(await call(emu, 'POST', token, { form: { grant_type: 'client_credentials', scope: 'https://management.azure.com/.default' }, headers: { authorization: `Basic ${bad}` } }), 401, 'invalid_client', 7000215);
});

test('unknown and malformed tenants, unknown paths, invalid scopes', async () => {
  expectEntra(await call(emu, 'GET', '/nowhere.example/v2.0/.well-known/openid-configuration'), 400, 'invalid_tenant', 90002);
  expectEntra(await call(emu, 'GET', '/bad_tenant!/v2.0/.well-known/openid-configuration'), 400, 'invalid_tenant', 900023);
  expectEntra(await call(emu, 'GET', `/${S.CONTOSO}/oauth2/v2.0/nothing`), 404, 'invalid_request', 90056);
  const multi = await call(emu, 'POST', token, { form: { grant_type: 'password', client_id: DEFAULT_CLIENT_ID, username: S.ALICE.username, password: S.ALICE.password, scope: 'https://management.azure.com/.default https://graph.microsoft.com/.default' } });
  expectEntra(multi, 400, 'invalid_scope', 28000);
  const unknownResource = await call(emu, 'POST', token, { form: { grant_type: 'password', client_id: DEFAULT_CLIENT_ID, username: S.ALICE.username, password: S.ALICE.password, scope: 'https://unknown.example/.default' } });
  expectEntra(unknownResource, 400, 'invalid_resource', 500011);
});

test('an oversized body is 413 in the right shape; the server keeps serving', async () => {
  const big = 'x'.repeat(1024 * 1024 + 10);
  expectEntra(await call(emu, 'POST', token, { body: `grant_type=password&pad=${big}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 413, 'invalid_request', 9002313);
  const arm = await call(emu, 'POST', '/_admin/faults', { body: big, admin: true, headers: { 'content-type': 'application/json' } });
  expect(arm.status).toBe(413);
  expect(arm.json.error.code).toBe('RequestEntityTooLarge');
  expect((await call(emu, 'GET', '/common/discovery/instance?api-version=1.1')).status).toBe(200);
});

test('the authorize endpoint refuses non-loopback redirect URIs on an error page, and sends later errors to the app', async () => {
  const page = await call(emu, 'GET', `/${S.CONTOSO}/oauth2/v2.0/authorize?client_id=${DEFAULT_CLIENT_ID}&response_type=code&redirect_uri=${encodeURIComponent('https://evil.example/cb')}&scope=openid`);
  expect(page.status).toBe(400);
  expect(page.headers['content-type']).toContain('text/html');
  expect(page.text).toContain('AADSTS50011');
  expect(page.text).not.toContain('<script');
  const viaApp = await call(emu, 'GET', `/${S.CONTOSO}/oauth2/v2.0/authorize?client_id=${DEFAULT_CLIENT_ID}&response_type=token&redirect_uri=${encodeURIComponent('http://localhost:5555')}&scope=openid&state=s1`);
  expect(viaApp.status).toBe(302);
  const location = new URL(viaApp.headers.location!);
  expect(location.origin).toBe('http://localhost:5555');
  expect(location.searchParams.get('error')).toBe('unsupported_response_type');
  expect(location.searchParams.get('state')).toBe('s1');
  const xss = await call(emu, 'GET', `/${S.CONTOSO}/oauth2/v2.0/authorize?client_id=${DEFAULT_CLIENT_ID}&response_type=code&redirect_uri=${encodeURIComponent('http://localhost:5555')}&scope=openid&code_challenge=${'a'.repeat(43)}&code_challenge_method=S256&login_hint=${encodeURIComponent('"><script>alert(1)</script>')}`);
  expect(xss.status).toBe(200);
  expect(xss.text).not.toContain('<script>alert(1)</script>');
  expect(xss.text).toContain('&#34;&#62;&#60;script&#62;');
});

test('a client that never finishes its headers is cut off, and others are served meanwhile', async () => {
  const socket = tls.connect({ host: '127.0.0.1', port: emu.port, ca: emu.caPem, servername: 'localhost' });
  await new Promise<void>((resolve) => socket.once('secureConnect', () => resolve()));
  socket.write('GET /common/discovery/instance HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  const closedIn = new Promise<number>((resolve) => {
    const t0 = Date.now();
    socket.on('close', () => resolve(Date.now() - t0));
    socket.on('error', () => undefined);
    socket.resume();
  });
  const served = await call(emu, 'GET', '/common/discovery/keys');
  expect(served.status).toBe(200);
  expect(await closedIn).toBeLessThan(5000);
});

test('garbage on the wire and TLS without trust do not take the server down', async () => {
  const raw = tls.connect({ host: '127.0.0.1', port: emu.port, ca: emu.caPem, servername: 'localhost' });
  await new Promise<void>((resolve) => raw.once('secureConnect', () => resolve()));
  raw.on('error', () => undefined);
  raw.resume();
  raw.write('\x00\x01\x02 NOT HTTP\r\n\r\n');
  await new Promise((r) => raw.once('close', r));
  const untrusted = tls.connect({ host: '127.0.0.1', port: emu.port, rejectUnauthorized: true });
  await new Promise((r) => untrusted.once('error', r));
  expect((await call(emu, 'GET', '/common/v2.0/.well-known/openid-configuration')).status).toBe(200);
});

test('an exception inside a handler becomes a 500 in the Entra or ARM shape, and the next request works', async () => {
  const form = { grant_type: 'client_credentials', client_id: S.CI_SECRET_APP.appId, client_secret: S.CI_SECRET_APP.secret, scope: 'https://management.azure.com/.default' };
  clockBroken = true;
  let broken;
  try {
    broken = await call(emu, 'POST', token, { form });
  } finally {
    clockBroken = false;
  }
  expectEntra(broken, 500, 'server_error', 50000);
  const ok = await call(emu, 'POST', token, { form });
  expect(ok.status).toBe(200);
  clockBroken = true;
  let armBroken;
  try {
    armBroken = await call(emu, 'GET', '/subscriptions?api-version=2022-12-01', { headers: { authorization: `Bearer ${ok.json.access_token}` } });
  } finally {
    clockBroken = false;
  }
  expect(armBroken.status).toBe(500);
  expect(armBroken.json).toEqual({ error: { code: 'InternalServerError', message: 'Encountered an internal server error.' } });
});

describe('PKCE', () => {
  const authorize = (e: TestEmulator, clientId: string, pkce: string) =>
    call(e, 'GET', `/${S.CONTOSO}/oauth2/v2.0/authorize?client_id=${clientId}&response_type=code&redirect_uri=${encodeURIComponent('http://localhost:5555')}&scope=openid&state=s2${pkce}`);

  test('a public client without code_challenge is refused at its redirect URI with AADSTS9002325', async () => {
    const refused = await authorize(emu, DEFAULT_CLIENT_ID, '');
    expect(refused.status).toBe(302);
    const location = new URL(refused.headers.location!);
    expect(location.origin).toBe('http://localhost:5555');
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/^AADSTS9002325: Proof Key for Code Exchange is required/);
    expect(location.searchParams.get('state')).toBe('s2');
    expect(location.searchParams.get('code')).toBeNull();
    // The same request with PKCE gets the sign-in page.
    const withPkce = await authorize(emu, DEFAULT_CLIENT_ID, `&code_challenge=${'b'.repeat(43)}&code_challenge_method=S256`);
    expect(withPkce.status).toBe(200);
    expect(withPkce.text).toContain('Sign in');
  });

  test('a seed can let one public client go without PKCE (allowNoPkce); the code is redeemed without a verifier', async () => {
    const seed = structuredClone(DEFAULT_SEED);
    seed.applications.find((a) => a.appId === AZURE_CLI_CLIENT_ID)!.allowNoPkce = true;
    const local = await startTestEmulator({ seed });
    try {
      expect((await authorize(local, DEFAULT_CLIENT_ID, '')).status).toBe(302);
      const page = await authorize(local, AZURE_CLI_CLIENT_ID, '');
      expect(page.status).toBe(200);
      const form = parseForm(page.text);
      const signedIn = await browse(local, 'POST', form.action, { ...form.fields, login: S.ALICE.username, passwd: S.ALICE.password, action: 'signin' });
      expect(signedIn.status).toBe(302);
      const code = new URL(signedIn.headers.location!).searchParams.get('code')!;
      const token = await call(local, 'POST', `/${S.CONTOSO}/oauth2/v2.0/token`, { form: { client_id: AZURE_CLI_CLIENT_ID, grant_type: 'authorization_code', code, redirect_uri: 'http://localhost:5555' } });
      expect(token.status).toBe(200);
    } finally {
      await local.dispose();
    }
  });
});

/** Resolves with how long the socket stayed open, or 'open' if it still is after `waitMs`. */
function closedWithin(socket: net.Socket, waitMs: number): Promise<number | 'open'> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('open'), waitMs);
    socket.on('error', () => undefined);
    socket.resume();
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - t0);
    });
  });
}

function tlsSocket(e: TestEmulator): Promise<tls.TLSSocket> {
  const s = tls.connect({ host: '127.0.0.1', port: e.port, ca: e.caPem, servername: 'localhost' });
  return new Promise((resolve, reject) => {
    s.once('secureConnect', () => resolve(s));
    s.once('error', reject);
  });
}

describe('connections', () => {
  test('a connection that sends no request is closed after connectionTimeoutMs, TLS handshake or not', async () => {
    const local = await startTestEmulator({ connectionTimeoutMs: 400 });
    try {
      const silentTls = await tlsSocket(local);
      const silentTcp = net.connect({ host: '127.0.0.1', port: local.port });
      const [tlsOpen, tcpOpen] = await Promise.all([closedWithin(silentTls, 3000), closedWithin(silentTcp, 3000)]);
      expect(tlsOpen).not.toBe('open');
      expect(tlsOpen).toBeGreaterThanOrEqual(300);
      expect(tcpOpen).not.toBe('open');
      // A connection that does send requests is not cut off by this timer.
      expect((await call(local, 'GET', '/common/discovery/keys')).status).toBe(200);
    } finally {
      await local.dispose();
    }
  });

  test('beyond maxConnections a connection is refused; the ones within the cap are served, and others after', async () => {
    const local = await startTestEmulator({ maxConnections: 3, connectionTimeoutMs: 20_000 });
    try {
      const held = await Promise.all([tlsSocket(local), tlsSocket(local)]);
      // The third connection (call's keep-alive agent keeps it open) is within the cap and served.
      const within = await call(local, 'GET', '/common/discovery/keys');
      expect(within.status).toBe(200);
      const extra = tls.connect({ host: '127.0.0.1', port: local.port, ca: local.caPem, servername: 'localhost' });
      const refused = await new Promise<string>((resolve) => {
        extra.once('secureConnect', () => resolve('connected'));
        extra.once('error', () => resolve('refused'));
        extra.once('close', () => resolve('refused'));
      });
      expect(refused).toBe('refused');
      for (const s of held) s.destroy();
      await new Promise((r) => setTimeout(r, 100));
      const after = await Promise.all([1, 2, 3].map(() => call(local, 'GET', '/common/discovery/keys')));
      expect(after.map((r) => r.status)).toEqual([200, 200, 200]);
    } finally {
      await local.dispose();
    }
  });

  test('connection options are checked', async () => {
    const outcome = (o: Parameters<typeof startTestEmulator>[0]) => startTestEmulator(o).then((started) => started.dispose().then(() => 'started'), (e) => e);
    expect(await outcome({ maxConnections: 0 })).toMatchObject({ code: 'InvalidOptions', message: expect.stringContaining('maxConnections') });
    expect(await outcome({ connectionTimeoutMs: -1 })).toMatchObject({ code: 'InvalidOptions', message: expect.stringContaining('connectionTimeoutMs') });
  });
});
