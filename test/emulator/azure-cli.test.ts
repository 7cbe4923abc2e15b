/**
 * The Azure CLI 2.45 (Debian's azure-cli, MSAL Python 1.21 inside, unmodified) against the local
 * cloud, offline, through its AD FS-style authority: az validates every other authority at
 * login.microsoftonline.com, and skips that only for AD FS. Every az run gets its own
 * AZURE_CONFIG_DIR, trusts the local cloud through REQUESTS_CA_BUNDLE (the bundle the emulator
 * writes), and has a proxy on a closed port for every host but 127.0.0.1, so any request that
 * would leave the machine fails the test instead of passing by luck online.
 *
 * The recipe comes from `myaccount emulator az` itself: the first test runs the commands it
 * prints, so the README's instructions cannot drift from what works.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AZURE_CLI_CLIENT_ID, defaultSeedIds as S, defaultSeedKeys as K, type LogEntry } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { expectNoSecretLeaked, recordOutput, reportScan } from '../helpers/secret-scan.js';
import { baseEnv, requireTool, runTool, type ToolResult } from '../helpers/tools.js';
import { decodeJwt } from './helpers.js';

const AZ = requireTool('az', 'azure-cli');
const AUD_ARM = 'https://management.core.windows.net/';

let lc: LocalCloud;
let work: string;
let recipe: { CloudName: string; Authority: string; TenantId: string; CloudConfig: object; Variables: Record<string, string>; Commands: string[] };
let certPath: string;
let n = 0;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'az-local-'));
  // az polls for the device code every `interval` seconds; one second keeps that test short.
  lc = await startLocalCloud({ settings: { deviceCodeIntervalSeconds: 1 } });
  const r = await lc.run(['emulator', 'az']);
  expect(r.code).toBe(0);
  recipe = r.json as typeof recipe;
  // az reads a certificate credential as one PEM holding the private key and the certificate.
  certPath = join(work, 'ci-certificate.pem');
  writeFileSync(certPath, K.CI_CERTIFICATE_KEY_PEM + '\n' + K.CI_CERTIFICATE_PEM + '\n', { mode: 0o600 });
}, 60_000);

afterAll(async () => {
  await lc?.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
  expectNoSecretLeaked();
  reportScan('emulator/azure-cli');
});

/** A fresh az configuration folder with the variables the recipe names. */
function azEnv(): NodeJS.ProcessEnv {
  const dir = join(work, `config-${++n}`);
  return {
    ...baseEnv(work),
    ...recipe.Variables,
    AZURE_CONFIG_DIR: dir,
    // Anything not on 127.0.0.1 goes to a closed port and fails at once.
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
    AZURE_CORE_OUTPUT: 'json',
    AZURE_CORE_NO_COLOR: 'true',
  };
}

async function az(env: NodeJS.ProcessEnv, args: string[], options: { onStderr?: (s: string) => void; handsOutToken?: boolean } = {}): Promise<ToolResult & { json: any }> {
  const r = await runTool(AZ, args, env, { timeoutMs: 90_000, onStderr: options.onStderr });
  // The secret scan sees what az printed; get-access-token's answer is the one place a token belongs.
  recordOutput(options.handsOutToken ? ['get-access-token', 'az', ...args] : ['az', ...args], r.stdout, r.stderr);
  let json: any;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = undefined;
  }
  return { ...r, json };
}

/** Registers and selects the local cloud in a fresh az configuration, as the recipe says. */
async function registeredAz(): Promise<NodeJS.ProcessEnv> {
  const env = azEnv();
  const bash = await runTool('/bin/bash', ['-euc', recipe.Commands.slice(0, 3).join('\n')], env, { timeoutMs: 60_000 });
  recordOutput(['bash', 'recipe'], bash.stdout, bash.stderr);
  expect({ code: bash.code, stderr: bash.stderr }).toMatchObject({ code: 0 });
  return env;
}

function logSince(seq: number): LogEntry[] {
  return lc.emu.requestLog(seq);
}

function lastSeq(): number {
  const all = lc.emu.requestLog();
  return all.length ? all[all.length - 1].seq : 0;
}

/** Only AD FS paths and ARM: nothing of the Entra-style authority (v2.0 discovery, user realm, instance discovery). */
function expectAdfsOnly(entries: LogEntry[]): void {
  const identity = entries.filter((e) => !['tenants', 'subscriptions', '_admin'].includes(e.path.split('/')[1]));
  expect(identity.length).toBeGreaterThan(0);
  for (const e of identity) expect(e.path).toMatch(/^\/adfs\//);
}

const names = (list: any[]) => list.map((s) => s.name).sort();

test('emulator az prints a recipe whose commands register the AD FS-style authority', async () => {
  expect(recipe).toMatchObject({ CloudName: 'LocalCloud', Authority: `${lc.emu.url}/adfs`, TenantId: S.CONTOSO });
  expect(recipe.Variables.REQUESTS_CA_BUNDLE).toBe(lc.emu.caBundlePath);
  const env = await registeredAz();
  const show = await az(env, ['cloud', 'show']);
  expect(show.code).toBe(0);
  expect(show.json).toMatchObject({
    name: 'LocalCloud',
    isActive: true,
    endpoints: { activeDirectory: `${lc.emu.url}/adfs`, resourceManager: `${lc.emu.url}/`, microsoftGraphResourceId: 'https://graph.microsoft.com/' },
  });
});

test('service principal with a secret: login, account list/show, tokens for ARM and Graph', async () => {
  const env = await registeredAz();
  const since = lastSeq();
  const login = await az(env, ['login', '--service-principal', '-u', S.CI_SECRET_APP.appId, '-p', S.CI_SECRET_APP.secret, '--tenant', S.CONTOSO]);
  expect({ code: login.code, stderr: login.stderr }).toMatchObject({ code: 0 });
  expect(names(login.json)).toEqual(['Contoso Development', 'Contoso Production']);
  expect(login.json[0]).toMatchObject({ tenantId: S.CONTOSO, cloudName: 'LocalCloud', user: { name: S.CI_SECRET_APP.appId, type: 'servicePrincipal' } });
  const log = logSince(since);
  expectAdfsOnly(log);
  expect(log.find((e) => e.path === '/adfs/oauth2/token')).toMatchObject({ method: 'POST', status: 200, grantType: 'client_credentials', clientId: S.CI_SECRET_APP.appId });

  const show = await az(env, ['account', 'show']);
  expect(show.json).toMatchObject({ id: S.SUBSCRIPTIONS.production, isDefault: true, user: { type: 'servicePrincipal' } });

  const arm = await az(env, ['account', 'get-access-token'], { handsOutToken: true });
  expect(arm.code).toBe(0);
  expect(arm.json).toMatchObject({ tenant: S.CONTOSO, subscription: S.SUBSCRIPTIONS.production, tokenType: 'Bearer' });
  expect(decodeJwt(arm.json.accessToken)).toMatchObject({ aud: AUD_ARM, tid: S.CONTOSO, appid: S.CI_SECRET_APP.appId, idtyp: 'app', iss: `${lc.emu.url.replace('https:', 'http:')}/adfs/services/trust` });

  const graph = await az(env, ['account', 'get-access-token', '--resource-type', 'ms-graph'], { handsOutToken: true });
  expect(graph.code).toBe(0);
  expect(decodeJwt(graph.json.accessToken)).toMatchObject({ aud: expect.stringMatching(/^https:\/\/graph\.microsoft\.com\/?$/), tid: S.CONTOSO, roles: ['Application.Read.All'] });

  const wrong = await az(env, ['login', '--service-principal', '-u', S.CI_SECRET_APP.appId, '-p', 'not-the-secret', '--tenant', S.CONTOSO]);
  expect(wrong.code).not.toBe(0);
  expect(wrong.stderr).toContain('AADSTS7000215');
});

test('service principal with a certificate (PEM with key and certificate)', async () => {
  const env = await registeredAz();
  const since = lastSeq();
  const login = await az(env, ['login', '--service-principal', '-u', S.CI_CERTIFICATE_APP.appId, '-p', certPath, '--tenant', S.CONTOSO]);
  expect({ code: login.code, stderr: login.stderr }).toMatchObject({ code: 0 });
  expect(names(login.json)).toEqual(['Contoso Production']);
  expectAdfsOnly(logSince(since));
  const arm = await az(env, ['account', 'get-access-token', '--query', 'accessToken', '-o', 'tsv'], { handsOutToken: true });
  // appidacr 2: the client proved itself with a certificate.
  expect(decodeJwt(arm.stdout.trim())).toMatchObject({ appid: S.CI_CERTIFICATE_APP.appId, appidacr: '2', tid: S.CONTOSO });
});

test('username and password: the AD FS tenant\'s subscriptions, account set, tokens for ARM and Graph', async () => {
  const env = await registeredAz();
  const since = lastSeq();
  const login = await az(env, ['login', '-u', S.ALICE.username, '-p', S.ALICE.password]);
  expect({ code: login.code, stderr: login.stderr }).toMatchObject({ code: 0 });
  // AD FS serves one directory: Contoso's subscriptions and Northwind Legacy (which Contoso manages), nothing Alice sees only as a guest elsewhere.
  expect(names(login.json)).toEqual(['Contoso Development', 'Contoso Old', 'Contoso Production', 'Contoso Trial', 'Northwind Legacy']);
  expect(login.json.every((s: any) => s.tenantId === S.CONTOSO && s.user.name === S.ALICE.username && s.user.type === 'user')).toBe(true);
  const log = logSince(since);
  expectAdfsOnly(log);
  expect(log.map((e) => `${e.method} ${e.path}`)).not.toContain('GET /common/userrealm/' + S.ALICE.username);
  expect(log.find((e) => e.grantType === 'password')).toMatchObject({ path: '/adfs/oauth2/token', status: 200 });
  // One tenant in /tenants, so no duplicate subscriptions and no per-tenant warnings.
  expect(log.filter((e) => e.path === '/tenants')).toHaveLength(1);
  expect(login.stderr).not.toMatch(/duplicate|multiple tenants/i);

  const list = await az(env, ['account', 'list', '--all']);
  expect(list.json).toHaveLength(5);
  const set = await az(env, ['account', 'set', '--subscription', 'Contoso Development']);
  expect(set.code).toBe(0);
  const show = await az(env, ['account', 'show']);
  expect(show.json).toMatchObject({ id: S.SUBSCRIPTIONS.development, name: 'Contoso Development', isDefault: true, managedByTenants: [{ tenantId: S.FABRIKAM }] });

  const arm = await az(env, ['account', 'get-access-token'], { handsOutToken: true });
  expect(arm.json).toMatchObject({ subscription: S.SUBSCRIPTIONS.development, tenant: S.CONTOSO });
  expect(decodeJwt(arm.json.accessToken)).toMatchObject({ aud: AUD_ARM, upn: S.ALICE.username, tid: S.CONTOSO, idtyp: 'user' });
  const before = lastSeq();
  const graph = await az(env, ['account', 'get-access-token', '--resource-type', 'ms-graph'], { handsOutToken: true });
  expect(graph.code).toBe(0);
  expect(decodeJwt(graph.json.accessToken)).toMatchObject({ aud: expect.stringMatching(/^https:\/\/graph\.microsoft\.com\/?$/), upn: S.ALICE.username });
  // A new resource is bought with the refresh token, from the same AD FS token endpoint.
  expect(logSince(before).filter((e) => e.path.startsWith('/adfs/')).map((e) => e.grantType)).toEqual(['refresh_token']);

  const wrong = await az(env, ['login', '-u', S.ALICE.username, '-p', 'wrong password']);
  expect(wrong.code).not.toBe(0);
  expect(wrong.stderr).toContain('AADSTS50126');
});

test('device code, approved through the admin API', async () => {
  const env = await registeredAz();
  const since = lastSeq();
  let approved: Promise<unknown> | undefined;
  const login = await az(env, ['login', '--use-device-code'], {
    onStderr: (text) => {
      const m = /enter the code (\S+) to authenticate/.exec(text);
      if (m && !approved) approved = lc.admin('POST', '/_admin/devices/approve', { userCode: m[1], username: S.ALICE.username });
    },
  });
  expect(approved).toBeDefined();
  expect(await approved).toMatchObject({ approved: true, tenantId: S.CONTOSO });
  expect({ code: login.code, stderr: login.stderr }).toMatchObject({ code: 0 });
  expect(login.stderr).toContain(`${lc.emu.url}/adfs/oauth2/deviceauth`);
  expect(names(login.json)).toContain('Contoso Production');
  const log = logSince(since);
  expectAdfsOnly(log);
  expect(log.find((e) => e.path === '/adfs/oauth2/devicecode')).toMatchObject({ method: 'POST', status: 200, clientId: AZURE_CLI_CLIENT_ID });
  expect(log.filter((e) => e.path === '/adfs/oauth2/token' && e.status === 200).map((e) => e.grantType)).toContain('urn:ietf:params:oauth:grant-type:device_code');
  const show = await az(env, ['account', 'show', '--query', 'user']);
  expect(show.json).toEqual({ name: S.ALICE.username, type: 'user' });
});

test("-o tsv: myaccount prints az's lines for the same sign-in (every field, az's order, True/False, None, list lengths)", async () => {
  const env = await registeredAz();
  const signIn = ['login', '--service-principal', '-u', S.CI_SECRET_APP.appId, '-p', S.CI_SECRET_APP.secret, '--tenant', S.CONTOSO];
  expect((await az(env, signIn)).code).toBe(0);
  const ours = await lc.run([...signIn, '--environment', 'LocalCloud']);
  expect({ code: ours.code, stderr: ours.stderr }).toMatchObject({ code: 0 });
  for (const args of [
    ['account', 'show', '-o', 'tsv'],
    ['account', 'list', '-o', 'tsv'],
    ['account', 'list', '--query', '[].[name, isDefault, managedByTenants, user, nothing]', '-o', 'tsv'],
    ['account', 'list', '--query', '[].{n: name, d: isDefault}', '-o', 'tsv'],
    ['account', 'list', '--query', '[].isDefault', '-o', 'tsv'],
    ['account', 'show', '--query', 'nothing', '-o', 'tsv'],
  ]) {
    const theirs = await az(env, args);
    const mine = await lc.run(args);
    expect({ args, code: mine.code, stdout: mine.stdout }).toEqual({ args, code: theirs.code, stdout: theirs.stdout });
  }
});
