/**
 * MSAL Python (Debian's python3-msal 1.21, unmodified) against the local cloud: device code,
 * username/password, confidential clients (secret, certificate, federated client assertion),
 * acquire_token_silent after a first token (from the cache, for another resource through the
 * refresh token, forced), and acquire_token_interactive through headless Chromium driven as
 * $BROWSER, with MSAL's loopback listener receiving the code in the query.
 *
 * Tenant authorities run with instance_discovery=False (MSAL Python would otherwise ask
 * login.microsoftonline.com about 127.0.0.1); username/password uses the AD FS-style authority,
 * since for any other authority MSAL Python first asks https://127.0.0.1/common/userrealm on
 * port 443, where the local cloud does not listen. Each run has a proxy on a closed port for
 * every host but 127.0.0.1, so nothing can quietly reach the internet.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AZURE_CLI_CLIENT_ID, createFederatedToken, DEFAULT_CLIENT_ID, defaultSeedIds as S, defaultSeedKeys as K, type LogEntry } from '../../src/emulator/index.js';
import { recordSecret, expectNoSecretLeaked, recordOutput, reportScan } from '../helpers/secret-scan.js';
import { baseEnv, requireTool, runTool } from '../helpers/tools.js';
import { startTestEmulator, type TestEmulator } from './helpers.js';

// Debian's Python, where python3-msal installs (a python3 earlier on PATH, e.g. pyenv's, lacks it).
const PYTHON = requireTool('/usr/bin/python3', 'python3-msal');
const PROBE = join(__dirname, 'fixtures', 'msal_python_probe.py');
const BROWSER = join(__dirname, 'fixtures', 'chromium-browser.mjs');
const ARM = 'https://management.core.windows.net//.default';
const GRAPH = 'https://graph.microsoft.com/.default';

let emu: TestEmulator;
let work: string;

beforeAll(async () => {
  const check = await runTool(PYTHON, ['-c', 'import msal; print(msal.__version__)'], baseEnv(tmpdir()));
  if (check.code !== 0) throw new Error(`MSAL Python is not installed for ${PYTHON}. Run scripts/setup.sh --system (as root), which installs the Debian package python3-msal.\n${check.stderr}`);
  work = mkdtempSync(join(tmpdir(), 'msal-py-'));
  emu = await startTestEmulator({ onSecret: recordSecret, settings: { deviceCodeIntervalSeconds: 1 } });
});

afterAll(async () => {
  await emu?.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
  expectNoSecretLeaked();
  reportScan('emulator/msal-python');
});

interface Probe {
  code: number | null;
  lines: any[];
  result: any;
  stderr: string;
  ms: number;
}

async function probe(flow: string, vars: Record<string, string>, onLine?: (line: any) => void, target: TestEmulator = emu): Promise<Probe> {
  const env = {
    ...baseEnv(work),
    REQUESTS_CA_BUNDLE: target.caBundlePath,
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
    PROBE_SCOPES: ARM,
    PROBE_OTHER_SCOPE: GRAPH,
    ...vars,
  };
  const lines: any[] = [];
  let seen = 0;
  const r = await runTool(PYTHON, [PROBE, flow], env, {
    timeoutMs: 120_000,
    onStdout: (text) => {
      const all = text.split('\n');
      for (const line of all.slice(seen, -1)) {
        const parsed = JSON.parse(line);
        lines.push(parsed);
        onLine?.(parsed);
      }
      seen = all.length - 1;
    },
  });
  recordOutput(['python3', 'msal_python_probe.py', flow], r.stdout, r.stderr);
  const result = lines.find((l) => l.event === 'result');
  if (r.code !== 0 || !result) throw new Error(`the probe failed (${r.code}):\n${r.stderr}\n${r.stdout}`);
  return { code: r.code, lines, result, stderr: r.stderr, ms: r.ms };
}

function lastSeq(target: TestEmulator = emu): number {
  const all = target.requestLog();
  return all.length ? all[all.length - 1].seq : 0;
}

/** Token requests that were answered with a token (device-code polls still pending are left out). */
const tokenGrants = (entries: LogEntry[]) => entries.filter((e) => e.path.endsWith('/token') && e.method === 'POST' && e.status === 200).map((e) => e.grantType);

/** After a user's first token: one from the cache, one for Graph through the refresh token, one forced refresh. */
function expectSilentFlows(result: any, entries: LogEntry[], first: string): void {
  expect(result.silent_cached_same_token).toBe(true);
  expect(result.silent_other_resource.access).toMatchObject({ aud: expect.stringMatching(/^https:\/\/graph\.microsoft\.com\/?$/) });
  expect(result.silent_forced_new_token).toBe(true);
  expect(result.silent_forced.access.aud).toBe(result.first.access.aud);
  // Exactly one network grant for the first token, then two refresh_token grants (Graph, forced); the cached one asked nothing.
  expect(tokenGrants(entries)).toEqual([first, 'refresh_token', 'refresh_token']);
}

test('device code (tenant authority, approved through the admin API), then acquire_token_silent', async () => {
  const since = lastSeq();
  const p = await probe(
    'device',
    { PROBE_AUTHORITY: `${emu.url}/organizations`, PROBE_INSTANCE_DISCOVERY: 'false', PROBE_CLIENT_ID: AZURE_CLI_CLIENT_ID },
    (line) => {
      if (line.event === 'device') emu.approveDeviceCode(line.user_code, S.ALICE.username);
    },
  );
  expect(p.result.msal_version).toBe('1.21.0');
  expect(p.result.first.access).toMatchObject({ aud: 'https://management.core.windows.net/', tid: S.CONTOSO, upn: S.ALICE.username, idtyp: 'user' });
  expect(p.result.first.id).toMatchObject({ aud: AZURE_CLI_CLIENT_ID, tid: S.CONTOSO, preferred_username: S.ALICE.username });
  expect(p.result.first.has_refresh_token).toBe(true);
  expect(p.result.accounts).toEqual([{ username: S.ALICE.username, environment: '127.0.0.1', realm: 'organizations', authority_type: 'MSSTS' }]);
  const entries = emu.requestLog(since);
  expect(entries.some((e) => e.path === '/organizations/oauth2/v2.0/devicecode')).toBe(true);
  expectSilentFlows(p.result, entries, 'urn:ietf:params:oauth:grant-type:device_code');
});

test('username and password (AD FS-style authority), then acquire_token_silent', async () => {
  const since = lastSeq();
  const p = await probe('password', { PROBE_AUTHORITY: `${emu.url}/adfs`, PROBE_CLIENT_ID: DEFAULT_CLIENT_ID, PROBE_USERNAME: S.ALICE.username, PROBE_PASSWORD: S.ALICE.password });
  expect(p.result.first.access).toMatchObject({ tid: S.CONTOSO, upn: S.ALICE.username, iss: `${emu.url.replace('https:', 'http:')}/adfs/services/trust` });
  // AD FS shapes: the ID token names the user by upn, and without client_info MSAL keys the account as AD FS.
  expect(p.result.first.id).toMatchObject({ iss: `${emu.url}/adfs`, upn: S.ALICE.username, tid: S.CONTOSO });
  expect(p.result.first.id.preferred_username).toBeUndefined();
  expect(p.result.accounts).toEqual([{ username: S.ALICE.username, environment: '127.0.0.1', realm: 'adfs', authority_type: 'ADFS' }]);
  const entries = emu.requestLog(since);
  expect(entries.map((e) => e.path)).toContain('/adfs/.well-known/openid-configuration');
  expect(entries.every((e) => e.path.startsWith('/adfs/'))).toBe(true);
  expectSilentFlows(p.result, entries, 'password');

  const wrong = await probe('password', { PROBE_AUTHORITY: `${emu.url}/adfs`, PROBE_CLIENT_ID: DEFAULT_CLIENT_ID, PROBE_USERNAME: S.ALICE.username, PROBE_PASSWORD: 'not her password' });
  expect(wrong.result.first).toMatchObject({ error: 'invalid_grant', error_codes: [50126] });
});

test('the AD FS-style authority serves the tenant chosen at start', async () => {
  const dataDir = mkdtempSync(join(work, 'bad-'));
  await expect(startTestEmulator({ dataDir, adfsTenant: 'nowhere.example' })).rejects.toMatchObject({ code: 'InvalidOptions', message: expect.stringContaining('nowhere.example') });
  const other = await startTestEmulator({ onSecret: recordSecret, adfsTenant: 'fabrikam.example' });
  try {
    expect(other.adfs).toEqual({ authority: `${other.url}/adfs`, tenantId: S.FABRIKAM });
    const bob = await probe('password', { PROBE_AUTHORITY: `${other.url}/adfs`, PROBE_CLIENT_ID: DEFAULT_CLIENT_ID, PROBE_USERNAME: S.BOB.username, PROBE_PASSWORD: S.BOB.password }, undefined, other);
    expect(bob.result.first.access).toMatchObject({ tid: S.FABRIKAM, upn: S.BOB.username });
    // Carol belongs to Northwind only.
    const carol = await probe('password', { PROBE_AUTHORITY: `${other.url}/adfs`, PROBE_CLIENT_ID: DEFAULT_CLIENT_ID, PROBE_USERNAME: S.CAROL.username, PROBE_PASSWORD: S.CAROL.password }, undefined, other);
    expect(carol.result.first.error).toBeDefined();
  } finally {
    await other.dispose();
  }
});

test('confidential client with a secret', async () => {
  const since = lastSeq();
  const p = await probe('secret', { PROBE_AUTHORITY: `${emu.url}/${S.CONTOSO}`, PROBE_INSTANCE_DISCOVERY: 'false', PROBE_CLIENT_ID: S.CI_SECRET_APP.appId, PROBE_SECRET: S.CI_SECRET_APP.secret });
  expect(p.result.first.access).toMatchObject({ aud: 'https://management.core.windows.net/', tid: S.CONTOSO, appid: S.CI_SECRET_APP.appId, appidacr: '1', idtyp: 'app' });
  expect(p.result.silent_cached_same_token).toBe(true);
  expect(tokenGrants(emu.requestLog(since))).toEqual(['client_credentials']);
});

test('confidential client with a certificate', async () => {
  const keyPath = join(work, 'ci-certificate.key');
  writeFileSync(keyPath, K.CI_CERTIFICATE_KEY_PEM, { mode: 0o600 });
  const thumbprint = new X509Certificate(K.CI_CERTIFICATE_PEM).fingerprint.replace(/:/g, '');
  const p = await probe('certificate', { PROBE_AUTHORITY: `${emu.url}/${S.CONTOSO}`, PROBE_INSTANCE_DISCOVERY: 'false', PROBE_CLIENT_ID: S.CI_CERTIFICATE_APP.appId, PROBE_CERT_KEY_PATH: keyPath, PROBE_CERT_THUMBPRINT: thumbprint });
  expect(p.result.first.access).toMatchObject({ appid: S.CI_CERTIFICATE_APP.appId, appidacr: '2', tid: S.CONTOSO });
  expect(p.result.silent_cached_same_token).toBe(true);
});

test('confidential client with a federated client assertion', async () => {
  const assertion = createFederatedToken();
  recordSecret(assertion);
  const p = await probe('assertion', { PROBE_AUTHORITY: `${emu.url}/${S.CONTOSO}`, PROBE_INSTANCE_DISCOVERY: 'false', PROBE_CLIENT_ID: S.CI_FEDERATED_APP.appId, PROBE_ASSERTION: assertion });
  expect(p.result.first.access).toMatchObject({ appid: S.CI_FEDERATED_APP.appId, appidacr: '2', tid: S.CONTOSO });
  // An assertion from an issuer the app does not trust is refused.
  const foreign = createFederatedToken({ issuer: 'https://token.elsewhere.example' });
  recordSecret(foreign);
  const bad = await probe('assertion', { PROBE_AUTHORITY: `${emu.url}/${S.CONTOSO}`, PROBE_INSTANCE_DISCOVERY: 'false', PROBE_CLIENT_ID: S.CI_FEDERATED_APP.appId, PROBE_ASSERTION: foreign });
  expect(bad.result.first.error).toBe('invalid_client');
});

test('interactive: headless Chromium as $BROWSER, code returned to the loopback listener in the query', async () => {
  const since = lastSeq();
  const browserLog = join(work, 'browser.log');
  const p = await probe('interactive', {
    PROBE_AUTHORITY: `${emu.url}/organizations`,
    PROBE_INSTANCE_DISCOVERY: 'false',
    PROBE_CLIENT_ID: AZURE_CLI_CLIENT_ID,
    BROWSER,
    PROBE_USERNAME: S.BOB.username,
    PROBE_PASSWORD: S.BOB.password,
    PROBE_LEAF_SPKI: emu.leafSpkiSha256,
    PROBE_BROWSER_LOG: browserLog,
  });
  // MSAL Python returns as soon as its loopback listener has the code, which can be before the
  // browser (a detached process) has written that it was redirected: wait for its last line.
  let trail = readFileSync(browserLog, 'utf8');
  for (const until = Date.now() + 30_000; !/^(done|failed|timed out)/m.test(trail) && Date.now() < until; trail = readFileSync(browserLog, 'utf8')) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(trail).toContain('response_mode=(none: query)');
  expect(trail).toMatch(/redirect_uri=http:\/\/localhost:\d+/);
  expect(trail).toMatch(/redirected to loopback with \S*\bcode,\S*\bstate\b/);
  expect(p.result.first.access).toMatchObject({ tid: S.FABRIKAM, upn: S.BOB.username });
  expect(p.result.first.id).toMatchObject({ aud: AZURE_CLI_CLIENT_ID, nonce: expect.any(String) });
  const entries = emu.requestLog(since);
  expect(entries.find((e) => e.path === '/organizations/oauth2/v2.0/authorize')).toBeDefined();
  expectSilentFlows(p.result, entries, 'authorization_code');
}, 120_000);
