/**
 * MyAccountCredential, the npm package's TokenCredential, as a program uses it: a child Node
 * process imports 'myaccount' (the package's exports, the built dist/credential.js) and gets
 * alice's tokens from the state folder the CLI signed in to: ARM and Graph, a second tenant, a
 * signed-out folder (CredentialUnavailableError, which ChainedTokenCredential skips), and an
 * Azure SDK pipeline calling the local cloud's Resource Manager. Also: importing it loads no
 * MSAL, and its published types are a TokenCredential for @azure/core-auth.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { REPO, cleanEnv } from '../helpers/cli.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { recordOutput } from '../helpers/secret-scan.js';

jest.setTimeout(90_000);

const PROBE = join(__dirname, 'fixtures', 'credential-probe.mjs');
let cloud: LocalCloud;
let probeEnv: Record<string, string | undefined>;

beforeAll(async () => {
  cloud = await startLocalCloud({ settings: { deviceCodeIntervalSeconds: 1 } });
  const bundle = join(dirname(cloud.configDir), 'child-ca.pem');
  const existing = process.env.NODE_EXTRA_CA_CERTS ? readFileSync(process.env.NODE_EXTRA_CA_CERTS, 'utf8') : '';
  writeFileSync(bundle, `${existing}\n${cloud.emu.caPem}\n`);
  probeEnv = { ...cloud.env, NODE_EXTRA_CA_CERTS: bundle, PROBE_ARM_URL: cloud.emu.url, PROBE_SECOND_TENANT: S.FABRIKAM, PROBE_SECOND_DOMAIN: 'fabrikam.example' };
  expect((await cloud.connectByDeviceCode(S.ALICE.username)).code).toBe(0);
});
afterAll(async () => {
  await cloud?.dispose();
});

function probe(...args: string[]): Promise<any> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [PROBE, ...args], { env: cleanEnv(cloud.configDir, probeEnv), cwd: REPO, timeout: 60_000 }, (error, stdout, stderr) => {
      recordOutput(['credential-probe', ...args], stdout, stderr);
      if (error) return reject(new Error(`probe ${args.join(' ')} failed: ${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1)!));
    });
  });
}
const trim = (s: string) => s.replace(/\/+$/, '');

test('getToken: ARM and Graph for the default context, a second tenant per call and per credential', async () => {
  const p = await probe('tokens');
  expect(trim(p.arm.aud)).toBe('https://management.core.windows.net');
  expect(p.arm).toMatchObject({ tid: S.CONTOSO, upn: S.ALICE.username, tokenType: 'Bearer' });
  expect(p.arm.expiresInSeconds).toBeGreaterThan(30 * 60);
  expect(p.sameArm).toBe(true);
  expect(trim(p.graph.aud)).toBe('https://graph.microsoft.com');
  expect(p.graph.tid).toBe(S.CONTOSO);
  expect(p.fabrikam.tid).toBe(S.FABRIKAM);
  expect(p.byDomain.tid).toBe(S.FABRIKAM);
  expect(trim(p.byDomain.aud)).toBe('https://graph.microsoft.com');
  expect(p.twoScopes.name).toBe('CredentialUnavailableError');
  expect(p.narrow.name).toBe('CredentialUnavailableError');
});

test('a signed-out folder and a missing context: CredentialUnavailableError naming the sign-in', async () => {
  const empty = mkdtempSync(join(dirname(cloud.configDir), 'signed-out-'));
  const p = await probe('signed-out', join(empty, 'state'));
  expect(p.error.name).toBe('CredentialUnavailableError');
  expect(p.error.message).toMatch(/^MyAccountCredential: /);
  expect(p.error.message).toContain('Connect-MyAccount');
  expect(p.error.message).toContain('myaccount connect');
  expect(p.context.name).toBe('CredentialUnavailableError');
  expect(p.context.message).toContain('no-such-context');
});

test('ChainedTokenCredential moves past a signed-out MyAccountCredential to the next', async () => {
  const empty = mkdtempSync(join(dirname(cloud.configDir), 'chain-'));
  const p = await probe('chain', join(empty, 'state'));
  expect(p.token.tid).toBe(S.CONTOSO);
});

test('an Azure SDK pipeline (bearer token policy) lists the local cloud\'s subscriptions with it', async () => {
  const p = await probe('pipeline');
  expect(p.status).toBe(200);
  expect(p.subscriptionIds).toContain(S.SUBSCRIPTIONS.production);
});

/** The chunks dist/credential.js loads when imported: its static imports, transitively. */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s*"(\.\/[^"]+)"|^import\s*"(\.\/[^"]+)"/gm)) staticGraph(join(dirname(file), m[1] ?? m[2]), seen);
  return seen;
}

test('importing the package loads no MSAL: MSAL is only behind getToken\'s dynamic import', () => {
  const entry = join(REPO, 'dist', 'credential.js');
  const loaded = [...staticGraph(entry)];
  expect(loaded.length).toBeGreaterThan(1);
  const msal = /PublicClientApplication|ManagedIdentityApplication|@azure\/msal-node/;
  for (const file of loaded) expect([file, msal.test(readFileSync(file, 'utf8'))]).toEqual([file, false]);
  // The test can fail: the dynamic side does reach MSAL.
  const all = readFileSync(entry, 'utf8');
  expect(all).toMatch(/import\("\.\/token-source-[^"]+\.js"\)|import\("\.\/chunk-[^"]+\.js"\)/);
});

test('the published types make MyAccountCredential a TokenCredential of @azure/core-auth', () => {
  const dir = mkdtempSync(join(REPO, '.build', 'types-check-'));
  try {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'check.mts');
    writeFileSync(
      file,
      [
        "import type { TokenCredential } from '@azure/core-auth';",
        "import { MyAccountCredential, CredentialUnavailableError, type MyAccountCredentialOptions } from 'myaccount';",
        "const options: MyAccountCredentialOptions = { contextName: 'ci', tenantId: 'contoso.example', configDir: '/tmp/x' };",
        'const credential: TokenCredential = new MyAccountCredential(options);',
        'const error: Error = new CredentialUnavailableError("x");',
        'export { credential, error };',
      ].join('\n'),
    );
    const program = ts.createProgram([file], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true, types: [], skipLibCheck: false, target: ts.ScriptTarget.ES2022 });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
    // And the check can fail: a number is not a TokenCredential.
    writeFileSync(file, "import type { TokenCredential } from '@azure/core-auth';\nexport const c: TokenCredential = 1 as unknown as { getToken(): number };\n");
    const bad = ts.createProgram([file], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true, types: [] });
    expect(ts.getPreEmitDiagnostics(bad).length).toBeGreaterThan(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
