/**
 * The data folder (CA, leaf, keys: made once, private, reused), seeds (schema, references,
 * generator), and the discovery documents and keys an outside validator relies on.
 */
import { readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { REPO } from '../helpers/cli.js';
import { X509Certificate } from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { DEFAULT_CLIENT_ID, DEFAULT_SEED, generateSeed, generatedSeedInfo, localCloudEnvironment, startEmulator, validateSeed, defaultSeedIds as S, EmulatorError } from '../../src/emulator/index.js';
import { call, startTestEmulator, tempDir, type TestEmulator } from './helpers.js';
import { expectMode } from '../helpers/modes.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu?.dispose();
});

test('the data folder is 0700 with 0600 keys; the CA and leaf are reused across restarts; the leaf names 127.0.0.1 and localhost', async () => {
  const dir = tempDir();
  try {
    const a = await startEmulator({ dataDir: dir, port: 0 });
    await a.stop();
    const b = await startEmulator({ dataDir: dir, port: 0 });
    await b.stop();
    expect(b.caPem).toBe(a.caPem);
    expect(b.leafSpkiSha256).toBe(a.leafSpkiSha256);
    expectMode(dir, 0o700);
    for (const f of ['ca-key.pem', 'leaf-key.pem', 'signing-key.pem']) expectMode(join(dir, f), 0o600);
    const leaf = new X509Certificate(readFileSync(join(dir, 'leaf.pem')));
    expect(leaf.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(leaf.subjectAltName).toContain('DNS:localhost');
    expect(leaf.verify(new X509Certificate(a.caPem).publicKey)).toBe(true);
    expect(new X509Certificate(a.caPem).ca).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('v2 discovery per tenant id, domain and alias; issuers on the same host:port', async () => {
  for (const seg of [S.CONTOSO, 'contoso.example', 'CONTOSO.ONMICROSOFT.EXAMPLE']) {
    const r = await call(emu, 'GET', `/${seg}/v2.0/.well-known/openid-configuration`);
    expect(r.json).toMatchObject({ issuer: `${emu.url}/${S.CONTOSO}/v2.0`, token_endpoint: `${emu.url}/${S.CONTOSO}/oauth2/v2.0/token`, authorization_endpoint: `${emu.url}/${S.CONTOSO}/oauth2/v2.0/authorize`, jwks_uri: `${emu.url}/${S.CONTOSO}/discovery/v2.0/keys` });
  }
  const common = await call(emu, 'GET', '/common/v2.0/.well-known/openid-configuration');
  expect(common.json).toMatchObject({ issuer: `${emu.url}/{tenantid}/v2.0`, token_endpoint: `${emu.url}/common/oauth2/v2.0/token`, device_authorization_endpoint: `${emu.url}/common/oauth2/v2.0/devicecode` });
  expect((await call(emu, 'GET', '/organizations/v2.0/.well-known/openid-configuration')).json.token_endpoint).toBe(`${emu.url}/organizations/oauth2/v2.0/token`);
  expect((await call(emu, 'GET', '/consumers/v2.0/.well-known/openid-configuration')).json.issuer).toBe(`${emu.url}/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0`);
});

test('v1 discovery turns a domain into the tenant id (issuer path segment 3), as the Azure CLI reads it', async () => {
  const r = await call(emu, 'GET', '/fabrikam.example/.well-known/openid-configuration');
  expect(r.json.issuer.split('/')[3]).toBe(S.FABRIKAM);
  expect(r.json.token_endpoint).toBe(`${emu.url}/${S.FABRIKAM}/oauth2/token`);
  const realm = await call(emu, 'GET', '/common/userrealm/alice@contoso.example?api-version=1.0');
  expect(realm.json).toMatchObject({ account_type: 'Managed', domain_name: 'contoso.example' });
});

test('instance discovery names this host as the only alias', async () => {
  const r = await call(emu, 'GET', `/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`${emu.url}/contoso.example/oauth2/v2.0/authorize`)}`);
  expect(r.json.tenant_discovery_endpoint).toBe(`${emu.url}/contoso.example/v2.0/.well-known/openid-configuration`);
  expect(r.json.metadata[0]).toMatchObject({ preferred_network: `127.0.0.1:${emu.port}`, preferred_cache: `127.0.0.1:${emu.port}` });
});

test('tokens verify with the published keys and the discovered issuer (jose, as any validator would)', async () => {
  const keys = await call(emu, 'GET', `/${S.CONTOSO}/discovery/v2.0/keys`);
  expect(keys.json.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', kid: expect.any(String), x5t: keys.json.keys[0].kid, x5c: [expect.any(String)] });
  expect((await call(emu, 'GET', '/common/discovery/keys')).json).toEqual(keys.json);
  const t = await call(emu, 'POST', `/${S.CONTOSO}/oauth2/v2.0/token`, { form: { grant_type: 'password', client_id: DEFAULT_CLIENT_ID, username: S.ALICE.username, password: S.ALICE.password, scope: 'https://management.core.windows.net//.default openid profile' } });
  const v1 = await call(emu, 'GET', `/${S.CONTOSO}/.well-known/openid-configuration`);
  const jwks = createLocalJWKSet(keys.json);
  const at = await jwtVerify(t.json.access_token, jwks, { issuer: v1.json.issuer, audience: 'https://management.core.windows.net/' });
  expect(at.protectedHeader.kid).toBe(keys.json.keys[0].kid);
  const v2 = await call(emu, 'GET', `/${S.CONTOSO}/v2.0/.well-known/openid-configuration`);
  const id = await jwtVerify(t.json.id_token, jwks, { issuer: v2.json.issuer, audience: DEFAULT_CLIENT_ID });
  expect(id.payload).toMatchObject({ preferred_username: S.ALICE.username, tid: S.CONTOSO });
  expect(JSON.parse(Buffer.from(t.json.client_info, 'base64url').toString())).toEqual({ uid: S.ALICE.id, utid: S.CONTOSO });
});

test('the default seed has what the issue asks for', () => {
  const seed = validateSeed(structuredClone(DEFAULT_SEED));
  expect(seed.tenants.length).toBeGreaterThanOrEqual(3);
  expect(seed.users.some((u) => u.mfaRequiredIn?.length)).toBe(true);
  expect(seed.users.some((u) => (u.guestOf?.length ?? 0) >= 2)).toBe(true);
  const withSubs = new Set(seed.subscriptions.flatMap((s) => s.principals));
  expect(seed.users.some((u) => !withSubs.has(u.id))).toBe(true);
  expect(new Set(seed.subscriptions.map((s) => s.state))).toEqual(new Set(['Enabled', 'Warned', 'PastDue', 'Disabled']));
  expect(seed.subscriptions.some((s) => s.managedByTenants?.length)).toBe(true);
  const apps = seed.applications;
  expect(apps.find((a) => a.appId === DEFAULT_CLIENT_ID)?.redirectUris).toEqual(['http://localhost', `ms-appx-web://microsoft.aad.brokerplugin/${DEFAULT_CLIENT_ID}`]);
  expect(apps.some((a) => a.secrets?.length) && apps.some((a) => a.certificates?.length) && apps.some((a) => a.federatedCredentials?.length)).toBe(true);
});

/** The default seed with one mistake in it, and the message its refusal must name. */
const BAD_SEEDS: [(s: any) => void, RegExp][] = [
  [(s) => (s.tenants[0].id = 'not-a-guid'), /\/tenants\/0\/id/],
  [(s) => (s.users[0].extra = 1), /unknown property "extra"/],
  [(s) => (s.subscriptions[0].state = 'Frozen'), /\/subscriptions\/0\/state/],
  [(s) => (s.applications[2].roles = ['Deployer']), /unknown property "roles".*appRoleGrants/],
  [(s) => (s.tenants = 'none'), /\/tenants must be array/],
];

test('the build validates seeds with the validator ajv generated ahead of time, with the same verdicts', () => {
  const seeds = BAD_SEEDS.map(([mutate]) => {
    const s: any = structuredClone(DEFAULT_SEED);
    mutate(s);
    return s;
  });
  const script = `const { validateSeed } = await import(${JSON.stringify(pathToFileURL(join(REPO, 'dist', 'emulator.js')).href)});
    const seeds = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    console.log(JSON.stringify([${JSON.stringify(DEFAULT_SEED)}, ...seeds].map((s) => { try { validateSeed(s); return null; } catch (e) { return e.message; } })));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `import { createRequire } from 'node:module'; const require = createRequire(import.meta.url); ${script}`], { input: JSON.stringify(seeds), encoding: 'utf8' });
  const [good, ...messages] = JSON.parse(out) as (string | null)[];
  expect(good).toBeNull();
  messages.forEach((message, i) => {
    expect(message).toMatch(BAD_SEEDS[i][1]);
    expect(() => validateSeed(structuredClone(seeds[i]))).toThrow(message!);
  });
  // No compiler in the bundle: the generated code stands in for it.
  expect(readFileSync(join(REPO, 'dist', 'emulator.js'), 'utf8')).not.toMatch(/\bcompileSchema\b/);
});

test('bad seeds are refused with the path of the problem', async () => {
  const bad = (mutate: (s: any) => void) => {
    const s: any = structuredClone(DEFAULT_SEED);
    mutate(s);
    return () => validateSeed(s);
  };
  expect(bad((s) => (s.tenants[0].id = 'not-a-guid'))).toThrow(/\/tenants\/0\/id/);
  expect(bad((s) => (s.users[0].extra = 1))).toThrow(/unknown property "extra"/);
  expect(bad((s) => (s.users[0].homeTenantId = '00000000-0000-4000-8000-000000000000'))).toThrow(/names tenant .* which is not in tenants/);
  expect(bad((s) => s.tenants.push({ ...s.tenants[0] }))).toThrow(/appears more than once/);
  expect(bad((s) => (s.subscriptions[0].state = 'Frozen'))).toThrow(/\/subscriptions\/0\/state/);
  // App roles are granted per resource; the old single list says what replaced it.
  expect(bad((s) => (s.applications[2].roles = ['Deployer']))).toThrow(/unknown property "roles".*appRoleGrants/);
  expect(bad((s) => s.applications[2].appRoleGrants.push({ resource: 'https://management.azure.com/', roles: ['Owner'] }))).toThrow(/Resource Manager defines no app roles/);
  expect(bad((s) => s.applications[2].appRoleGrants.push({ resource: s.applications[2].appId, roles: ['Admin'] }))).toThrow(/role "Admin" .* does not define/);
  expect(bad((s) => s.applications[2].appRoleGrants.push({ resource: 'not-a-resource', roles: ['X'] }))).toThrow(/neither an https resource URI nor an appId/);
  const dir = tempDir();
  try {
    const file = join(dir, 'seed.json');
    writeFileSync(file, '{"version": 1, "tenants": []');
    await expect(startEmulator({ dataDir: dir, port: 0, seed: file })).rejects.toMatchObject({ name: 'EmulatorError', code: 'InvalidSeed' });
    writeFileSync(file, JSON.stringify(generateSeed({ tenants: 2, subscriptionsPerTenant: 3, label: 'file' })));
    const fromFile = await startEmulator({ dataDir: dir, port: 0, seed: file });
    expect(fromFile.seed.tenants).toHaveLength(2);
    await fromFile.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('generateSeed: N tenants x M subscriptions, deterministic, valid, and usable', async () => {
  const opts = { tenants: 20, subscriptionsPerTenant: 5 };
  const seed = generateSeed(opts);
  expect(seed).toEqual(generateSeed(opts));
  expect(seed.tenants).toHaveLength(20);
  expect(seed.subscriptions).toHaveLength(100);
  validateSeed(seed);
  const info = generatedSeedInfo(opts);
  const big = await startTestEmulator({ seed, pageSize: 50 });
  try {
    const sp = info.servicePrincipals[3];
    const t = await call(big, 'POST', `/${sp.tenantId}/oauth2/v2.0/token`, { form: { grant_type: 'client_credentials', client_id: sp.appId, client_secret: sp.secret, scope: 'https://management.azure.com/.default' } });
    const subs = await call(big, 'GET', '/subscriptions?api-version=2022-12-01', { headers: { authorization: `Bearer ${t.json.access_token}` } });
    expect(subs.json.value).toHaveLength(5);
    expect(subs.json.value.every((s: any) => s.tenantId === sp.tenantId)).toBe(true);
  } finally {
    await big.dispose();
  }
});

test('a second emulator on a busy port fails clearly; LocalCloud describes the endpoints for a port', async () => {
  await expect(startEmulator({ dataDir: emu.dataDir, port: emu.port })).rejects.toMatchObject({ code: 'PortInUse' });
  expect(EmulatorError).toBeDefined();
  expect(localCloudEnvironment(47443)).toMatchObject({ Name: 'LocalCloud', ActiveDirectoryAuthority: 'https://127.0.0.1:47443/', ResourceManagerUrl: 'https://127.0.0.1:47443/', ActiveDirectoryServiceEndpointResourceId: 'https://management.core.windows.net/' });
  expect(emu.environment.ResourceManagerUrl).toBe(`${emu.url}/`);
});

test('an idle emulator stops itself', async () => {
  const idle = await startTestEmulator({ idleTimeoutMs: 300 });
  try {
    await call(idle, 'GET', '/common/discovery/keys');
    idle.agent.destroy();
    await expect(idle.closed).resolves.toBe('idle');
  } finally {
    await idle.dispose();
  }
});
