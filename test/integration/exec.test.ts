/**
 * myaccount exec against the local cloud: the real CLI runs a Node program that uses the real
 * @azure/identity (DefaultAzureCredential, ManagedIdentityCredential), which must find exec's
 * identity endpoint by itself, get alice's tokens and call the local cloud's Resource Manager.
 * Also: the endpoint's refusals in the protocol's shape, the exit code and signals passed
 * through, the endpoint gone after exit, and the secret scan over everything exec printed.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { spawn } from 'node:child_process';
import { BIN, cleanEnv } from '../helpers/cli.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { recordOutput } from '../helpers/secret-scan.js';

jest.setTimeout(90_000);

const PROBE = join(__dirname, 'fixtures', 'exec-probe.mjs');
let cloud: LocalCloud;
let childEnv: Record<string, string>;

/** The last JSON line the probe printed. */
const lastJson = (stdout: string): any => JSON.parse(stdout.trim().split('\n').at(-1)!);

beforeAll(async () => {
  cloud = await startLocalCloud({ settings: { deviceCodeIntervalSeconds: 1 } });
  // The child calls the local cloud's Resource Manager, so it must trust its CA: added to the
  // CAs this machine already adds (NODE_EXTRA_CA_CERTS), never instead of them.
  const bundle = join(dirname(cloud.configDir), 'child-ca.pem');
  const existing = process.env.NODE_EXTRA_CA_CERTS ? readFileSync(process.env.NODE_EXTRA_CA_CERTS, 'utf8') : '';
  writeFileSync(bundle, `${existing}\n${cloud.emu.caPem}\n`);
  childEnv = { NODE_EXTRA_CA_CERTS: bundle, PROBE_ARM_URL: cloud.emu.url };
  const r = await cloud.connectByDeviceCode(S.ALICE.username);
  expect(r.code).toBe(0);
});
afterAll(async () => {
  await cloud?.dispose();
});

const exec = (args: string[], env: Record<string, string | undefined> = {}) => cloud.run(['exec', ...args], { env: { ...childEnv, ...env } });

test('DefaultAzureCredential in the command gets an ARM token for alice and lists subscriptions (200)', async () => {
  const r = await exec(['--', process.execPath, PROBE, 'arm'], { AZURE_CLIENT_SECRET: 'must-not-reach-the-child', AZURE_CLIENT_ID: 'f00d0000-0000-4000-8000-000000000000' });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const p = lastJson(r.stdout);
  expect(p.status).toBe(200);
  expect(p.subscriptionIds).toContain(S.SUBSCRIPTIONS.production);
  expect(p.aud.replace(/\/+$/, '')).toBe('https://management.core.windows.net');
  expect(p.tid).toBe(S.CONTOSO);
  expect(p.upn).toBe(S.ALICE.username);
  expect(p.expiresInSeconds).toBeGreaterThan(30 * 60);
  expect(p.sameIdentity).toBe(true);
  expect(p).toMatchObject({ tenant: S.CONTOSO, subscription: S.SUBSCRIPTIONS.production, hasIdentityHeader: true, headerInArgv: false, clientSecretSet: false, clientIdSet: false });
  expect(p.headerLength).toBeGreaterThanOrEqual(40);
  expect(p.identityEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/msi\/token$/);
});

test('any audience: a Microsoft Graph token, and another tenant of the account with --tenant', async () => {
  const graph = await exec(['--', process.execPath, PROBE, 'graph']);
  expect(graph.code).toBe(0);
  expect(lastJson(graph.stdout).aud.replace(/\/+$/, '')).toBe('https://graph.microsoft.com');
  expect(lastJson(graph.stdout).tid).toBe(S.CONTOSO);

  const other = await exec(['--tenant', 'fabrikam.example', '--', process.execPath, PROBE, 'graph']);
  expect(other.code).toBe(0);
  expect(lastJson(other.stdout).tid).toBe(S.FABRIKAM);
});

test('a wrong or missing header is refused with 401 in App Service\'s shape, and the SDK reports it', async () => {
  const r = await exec(['--', process.execPath, PROBE, 'wrong-header']);
  expect(r.code).toBe(0);
  const p = lastJson(r.stdout);
  expect(p.status).toBe(401);
  expect(p.missingStatus).toBe(401);
  expect(p.body).toEqual({ statusCode: 401, message: expect.stringContaining('X-IDENTITY-HEADER'), correlationId: expect.any(String) });
  expect(p.sdk.name).toBe('CredentialUnavailableError');
  expect(p.sdk.message).toContain('ManagedIdentityCredential');
  expect(p.sdk.message).toContain('X-IDENTITY-HEADER');
});

test('a user-assigned identity (client_id, mi_res_id) is refused with a clear 400', async () => {
  const r = await exec(['--', process.execPath, PROBE, 'client-id']);
  expect(r.code).toBe(0);
  const p = lastJson(r.stdout);
  expect(p.status).toBe(400);
  expect(p.body.message).toContain('mi_res_id is not accepted');
  expect(p.sdk.message).toContain('client_id is not accepted');
});

test('a token that cannot be had reaches the SDK naming Connect-MyAccount and myaccount connect', async () => {
  // MFA-demanding tenant: only an interactive connect can get its tokens.
  const mfa = await exec(['--tenant', S.NORTHWIND, '--', process.execPath, PROBE, 'signed-out']);
  expect(mfa.code).toBe(0);
  expect(lastJson(mfa.stdout).sdk.message).toMatch(/Connect-MyAccount.*myaccount connect/);
  expect(mfa.stderr).toMatch(/^WARNING: MyAccount could not get a token/);

  // The sign-in gone from the token cache while the profile still names it.
  const cache = join(cloud.configDir, 'msal.cache.plaintext.json');
  renameSync(cache, `${cache}.aside`);
  try {
    const gone = await exec(['--', process.execPath, PROBE, 'signed-out']);
    expect(gone.code).toBe(0);
    const message = lastJson(gone.stdout).sdk.message;
    expect(message).toContain('no longer in the token cache');
    expect(message).toMatch(/Connect-MyAccount.*myaccount connect/);
  } finally {
    renameSync(`${cache}.aside`, cache);
  }
});

test('everything after -- reaches the command untouched; stdout is the command\'s own', async () => {
  const words = ['--output', 'table', '--', '--verbose', 'a b', '', '--input-json', '{"x":1}', 'ü'];
  const r = await exec(['--', process.execPath, PROBE, 'argv', ...words]);
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(JSON.stringify({ argv: words }) + '\n');
});

test('the exit code passes through; a missing program or context is exec\'s own error document', async () => {
  for (const n of [0, 3, 7, 255]) expect((await exec(['--', process.execPath, PROBE, 'exit', String(n)])).code).toBe(n);

  const missing = await exec(['--', 'no-such-program-myaccount-test']);
  expect(missing.code).toBe(1);
  expect(missing.json.error.code).toBe('ExecCommandNotFound');

  const context = await exec(['--context-name', 'nope', '--', process.execPath, PROBE, 'exit', '0']);
  expect(context.code).toBe(1);
  expect(context.json.error.code).toBe('ContextNotFound');

  const none = await exec([]);
  expect(none.code).toBe(2);
  expect(none.json.error.message).toContain('after "--"');
});

/** Whether anything still listens at the endpoint's address. */
function listening(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { timeout: 2000 }, (res) => (res.resume(), resolve(true)));
    req.on('error', () => resolve(false));
    req.end();
  });
}

/** exec run directly, its stdout read as it comes (the probe's ready line), recorded for the secret scan. */
function spawnExec(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'exec', ...args], { env: cleanEnv(cloud.configDir, { ...cloud.env, ...childEnv }), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const ready = new Promise<any>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
      if (stdout.includes('\n')) resolve(JSON.parse(stdout.split('\n')[0]));
    });
    child.once('close', () => reject(new Error(`exec ended before the probe was ready: ${stderr}`)));
  });
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string }>((resolve) =>
    child.once('close', (code, signal) => {
      recordOutput(['exec', ...args], stdout, stderr);
      resolve({ code, signal, stdout });
    }),
  );
  return { child, ready, done };
}

test.each([
  ['exits by the signal (130)', [], 130, null],
  ['handles it and exits 42', ['trap'], 42, { got: 'SIGINT' }],
])('SIGINT to exec reaches the command, which %s; the endpoint is gone after', async (_what, extra, code, said) => {
  const run = spawnExec(['--', process.execPath, PROBE, 'wait', ...(extra as string[])]);
  const ready = await run.ready;
  expect(await listening(ready.identityEndpoint)).toBe(true);
  // Only exec is signalled: the command gets SIGINT only if exec passes it on.
  run.child.kill('SIGINT');
  const r = await run.done;
  expect(r.code).toBe(code);
  if (said) expect(r.stdout).toContain(JSON.stringify(said));
  expect(await listening(ready.identityEndpoint)).toBe(false);
});

test('SIGTERM is passed on as well (143)', async () => {
  const run = spawnExec(['--', process.execPath, PROBE, 'wait']);
  await run.ready;
  run.child.kill('SIGTERM');
  expect((await run.done).code).toBe(143);
});
