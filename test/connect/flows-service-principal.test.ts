/**
 * Service principals through the real CLI: a client secret (flags, a PSCredential-style JSON
 * Credential, and the AZURE_* variables CI sets), a certificate (PEM with its key, and a
 * password-protected PKCS#12 made here), federated tokens (literal, file, AZURE_FEDERATED_TOKEN_FILE),
 * the file read again when a new assertion is needed, and the errors people hit.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { createFederatedToken, defaultSeedIds as S, defaultSeedKeys as K } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { lastRequest, storedProfile } from './fixtures/flows.js';

const SP = ['connect', '--environment', 'LocalCloud', '--events', 'jsonl', '--service-principal'];
const AZURE_VARS = { AZURE_CLIENT_ID: undefined, AZURE_TENANT_ID: undefined, AZURE_CLIENT_SECRET: undefined, AZURE_CLIENT_CERTIFICATE_PATH: undefined, AZURE_FEDERATED_TOKEN_FILE: undefined };

let cloud: LocalCloud;
let dir: string;
beforeAll(async () => {
  cloud = await startLocalCloud({ env: AZURE_VARS });
  dir = mkdtempSync(join(tmpdir(), 'myaccount-sp-'));
});
afterAll(async () => {
  await cloud?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('client secret', () => {
  test('flags: signs in, lists both subscriptions, says which was chosen', async () => {
    const r = await cloud.run([...SP, '--application-id', S.CI_SECRET_APP.appId, '--tenant', S.CONTOSO, '--client-secret', S.CI_SECRET_APP.secret]);
    expect(r.code).toBe(0);
    expect(r.json.Flow).toBe('ClientSecret');
    expect(r.json.Context.Account).toMatchObject({ Id: S.CI_SECRET_APP.appId, Type: 'ServicePrincipal' });
    expect(r.json.Subscriptions.map((s: any) => s.Id).sort()).toEqual([S.SUBSCRIPTIONS.production, S.SUBSCRIPTIONS.development].sort());
    expect(r.stderr).toMatch(/more than one active subscription/);
  });

  test('the tenant as a domain, the pair as JSON Credential on stdin', async () => {
    const input = JSON.stringify({ Environment: 'LocalCloud', ServicePrincipal: true, Tenant: 'contoso.example', Credential: { UserName: S.CI_SECRET_APP.appId, Password: S.CI_SECRET_APP.secret } });
    const r = await cloud.run(['connect', '--input-json', '-'], { stdin: input });
    expect(r.code).toBe(0);
    expect(r.json.Context.Tenant.Id).toBe(S.CONTOSO);
  });

  test('--service-principal alone reads AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_CLIENT_SECRET', async () => {
    const r = await cloud.run(SP, { env: { AZURE_CLIENT_ID: S.CI_SECRET_APP.appId, AZURE_TENANT_ID: S.CONTOSO, AZURE_CLIENT_SECRET: S.CI_SECRET_APP.secret } });
    expect(r.code).toBe(0);
    expect(r.json.Flow).toBe('ClientSecret');
    expect(r.json.Context.Account.Id).toBe(S.CI_SECRET_APP.appId);
  });

  test('an expired secret: a clear error naming the cause, exit 1, nothing stored', async () => {
    const before = storedProfile(cloud);
    const r = await cloud.run([...SP, '--application-id', S.CI_SECRET_APP.appId, '--tenant', S.CONTOSO, '--client-secret', S.CI_SECRET_APP.expiredSecret]);
    expect(r.code).toBe(1);
    expect(r.json.error.category).toBe('AuthenticationError');
    expect(r.json.error.message).toMatch(/expired/i);
    expect(r.json.error.message).toMatch(/AADSTS/);
    expect(storedProfile(cloud)).toBe(before);
  });

  test('an application the tenant does not know: a clear error', async () => {
    const r = await cloud.run([...SP, '--application-id', '0ddba11a-0000-4000-8000-000000000000', '--tenant', S.CONTOSO, '--client-secret', 'not-a-real-secret-123']);
    expect(r.code).toBe(1);
    expect(r.json.error.message).toMatch(/0ddba11a-0000-4000-8000-000000000000/);
    expect(r.json.error.message).toMatch(/AADSTS700016|not found/i);
  });

  test('no tenant anywhere: exit 2 before any request', async () => {
    const before = storedProfile(cloud);
    const seq = lastRequest(cloud);
    const r = await cloud.run([...SP, '--application-id', S.CI_SECRET_APP.appId, '--client-secret', S.CI_SECRET_APP.secret]);
    expect(r.code).toBe(2);
    expect(r.json.error.code).toBe('TenantRequired');
    expect(r.json.error.message).toMatch(/--tenant/);
    expect(r.json.error.message).toMatch(/AZURE_TENANT_ID/);
    expect(lastRequest(cloud)).toBe(seq);
    expect(storedProfile(cloud)).toBe(before);
  });
});

describe('certificate', () => {
  test('a PEM file with the certificate and its key', async () => {
    const path = join(dir, 'sp.pem');
    writeFileSync(path, `${K.CI_CERTIFICATE_PEM}\n${K.CI_CERTIFICATE_KEY_PEM}\n`, { mode: 0o600 });
    const r = await cloud.run([...SP, '--application-id', S.CI_CERTIFICATE_APP.appId, '--tenant', S.CONTOSO, '--certificate-path', path]);
    expect(r.code).toBe(0);
    expect(r.json.Flow).toBe('Certificate');
    expect(r.json.Context.Subscription.Id).toBe(S.SUBSCRIPTIONS.production);
  });

  test('a relative certificate path still works for later commands run from elsewhere', async () => {
    writeFileSync(join(dir, 'relative.pem'), `${K.CI_CERTIFICATE_PEM}\n${K.CI_CERTIFICATE_KEY_PEM}\n`, { mode: 0o600 });
    const r = await cloud.run([...SP, '--application-id', S.CI_CERTIFICATE_APP.appId, '--tenant', S.CONTOSO, '--certificate-path', 'relative.pem'], { cwd: dir });
    expect(r.code).toBe(0);
    // A resource not asked for yet needs a new assertion, signed with the certificate from its stored path.
    const token = await cloud.run(['get-access-token', '--resource-type-name', 'KeyVault']);
    expect(token.code).toBe(0);
    expect(token.json.UserId).toBe(S.CI_CERTIFICATE_APP.appId);
  });

  test('--send-certificate-chain sends the certificate with the assertion', async () => {
    const path = join(dir, 'sp-chain.pem');
    writeFileSync(path, `${K.CI_CERTIFICATE_KEY_PEM}\n${K.CI_CERTIFICATE_PEM}\n`, { mode: 0o600 });
    const r = await cloud.run([...SP, '--application-id', S.CI_CERTIFICATE_APP.appId, '--tenant', S.CONTOSO, '--certificate-path', path, '--send-certificate-chain']);
    expect(r.code).toBe(0);
    expect(r.json.Flow).toBe('Certificate');
  });

  test('a PEM file without its key: exit 2 saying what to put in it', async () => {
    const path = join(dir, 'cert-only.pem');
    writeFileSync(path, K.CI_CERTIFICATE_PEM);
    const r = await cloud.run([...SP, '--application-id', S.CI_CERTIFICATE_APP.appId, '--tenant', S.CONTOSO, '--certificate-path', path]);
    expect(r.code).toBe(2);
    expect(r.json.error.message).toMatch(/no private key/);
  });

  const pfxPassword = 'pfx-Passw0rd!';
  function writePfx(path: string): void {
    const p12 = forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(K.CI_CERTIFICATE_KEY_PEM), [forge.pki.certificateFromPem(K.CI_CERTIFICATE_PEM)], pfxPassword, { algorithm: '3des' });
    writeFileSync(path, Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'), { mode: 0o600 });
  }

  test('a password-protected PKCS#12 (.pfx), also from AZURE_CLIENT_CERTIFICATE_PATH', async () => {
    const path = join(dir, 'sp.pfx');
    writePfx(path);
    const r = await cloud.run([...SP, '--application-id', S.CI_CERTIFICATE_APP.appId, '--tenant', S.CONTOSO, '--certificate-path', path, '--certificate-password', pfxPassword]);
    expect(r.code).toBe(0);
    expect(r.json.Flow).toBe('Certificate');
    expect(r.stdout).not.toContain(pfxPassword);
    expect(r.stderr).not.toContain(pfxPassword);
    const fromEnv = await cloud.run(SP, { env: { AZURE_CLIENT_ID: S.CI_CERTIFICATE_APP.appId, AZURE_TENANT_ID: S.CONTOSO, AZURE_CLIENT_CERTIFICATE_PATH: path, AZURE_CLIENT_CERTIFICATE_PASSWORD: pfxPassword } });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.json.Flow).toBe('Certificate');
  });

  test('a wrong or missing PKCS#12 password: exit 2, a message that names the file and the fix', async () => {
    const path = join(dir, 'wrong.pfx');
    writePfx(path);
    const before = storedProfile(cloud);
    const wrong = await cloud.run([...SP, '--application-id', S.CI_CERTIFICATE_APP.appId, '--tenant', S.CONTOSO, '--certificate-path', path, '--certificate-password', 'not-the-password']);
    expect(wrong.code).toBe(2);
    expect(wrong.json.error.code).toBe('CertificateUnreadable');
    expect(wrong.json.error.message).toContain(path);
    expect(wrong.json.error.message).toMatch(/password is wrong/);
    expect(wrong.stdout + wrong.stderr).not.toContain('not-the-password');
    const missing = await cloud.run([...SP, '--application-id', S.CI_CERTIFICATE_APP.appId, '--tenant', S.CONTOSO, '--certificate-path', path]);
    expect(missing.code).toBe(2);
    expect(missing.json.error.message).toMatch(/--certificate-password/);
    const absent = await cloud.run([...SP, '--application-id', S.CI_CERTIFICATE_APP.appId, '--tenant', S.CONTOSO, '--certificate-path', join(dir, 'nope.pfx')]);
    expect(absent.code).toBe(2);
    expect(absent.json.error.message).toMatch(/does not exist/);
    expect(storedProfile(cloud)).toBe(before);
  });
});

describe('federated token', () => {
  test('literal token', async () => {
    const r = await cloud.run([...SP, '--application-id', S.CI_FEDERATED_APP.appId, '--tenant', S.CONTOSO, '--federated-token', createFederatedToken()]);
    expect(r.code).toBe(0);
    expect(r.json.Flow).toBe('FederatedToken');
  });

  test('token file, by flag and by AZURE_FEDERATED_TOKEN_FILE', async () => {
    const path = join(dir, 'token-a');
    writeFileSync(path, createFederatedToken());
    const r = await cloud.run([...SP, '--application-id', S.CI_FEDERATED_APP.appId, '--tenant', S.CONTOSO, '--federated-token-file', path]);
    expect(r.code).toBe(0);
    expect(r.json.Flow).toBe('FederatedToken');
    const fromEnv = await cloud.run(SP, { env: { AZURE_CLIENT_ID: S.CI_FEDERATED_APP.appId, AZURE_TENANT_ID: S.CONTOSO, AZURE_FEDERATED_TOKEN_FILE: path } });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.json.Flow).toBe('FederatedToken');
  });

  test('an expired federated token: a clear error', async () => {
    const r = await cloud.run([...SP, '--application-id', S.CI_FEDERATED_APP.appId, '--tenant', S.CONTOSO, '--federated-token', createFederatedToken({ now: Date.now() - 3600_000, lifetimeSeconds: 600 })]);
    expect(r.code).toBe(1);
    expect(r.json.error.category).toBe('AuthenticationError');
    expect(r.json.error.message).toMatch(/AADSTS700024: Client assertion is not within its valid time range/);
  });

  test('the token file is read again when a new assertion is needed (CI rotates it)', async () => {
    const path = join(dir, 'token-rotating');
    writeFileSync(path, createFederatedToken());
    // Short-lived access tokens: MSAL treats them as due for renewal, so every token needs a new assertion.
    cloud.emu.updateSettings({ accessTokenLifetimeSeconds: 60 });
    try {
      const r = await cloud.run([...SP, '--application-id', S.CI_FEDERATED_APP.appId, '--tenant', S.CONTOSO, '--federated-token-file', path]);
      expect(r.code).toBe(0);
      // The job's old token expired and the file holds it still: the next token fails, naming why.
      writeFileSync(path, createFederatedToken({ now: Date.now() - 3600_000, lifetimeSeconds: 600 }));
      const stale = await cloud.run(['get-access-token']);
      expect(stale.code).not.toBe(0);
      expect(stale.json.error.message).toMatch(/AADSTS700024/);
      // The CI system writes a fresh one: the same stored account works again, without connect.
      writeFileSync(path, createFederatedToken());
      const fresh = await cloud.run(['get-access-token']);
      expect(fresh.code).toBe(0);
      expect(fresh.json.UserId).toBe(S.CI_FEDERATED_APP.appId);
    } finally {
      cloud.emu.updateSettings({ accessTokenLifetimeSeconds: 3600 });
    }
  });

  test('an empty or missing token file: a clear error naming the file', async () => {
    const empty = join(dir, 'empty-token');
    writeFileSync(empty, '\n');
    const r = await cloud.run([...SP, '--application-id', S.CI_FEDERATED_APP.appId, '--tenant', S.CONTOSO, '--federated-token-file', empty]);
    expect(r.code).not.toBe(0);
    expect(r.json.error.code).toBe('FederatedTokenEmpty');
    expect(r.json.error.message).toContain(empty);
    const missing = await cloud.run([...SP, '--application-id', S.CI_FEDERATED_APP.appId, '--tenant', S.CONTOSO, '--federated-token-file', join(dir, 'absent')]);
    expect(missing.json.error.code).toBe('FederatedTokenUnreadable');
    expect(missing.json.error.message).toMatch(/does not exist/);
  });
});

test('no credential at all: exit 2 naming every way to give one', async () => {
  const r = await cloud.run([...SP, '--application-id', S.CI_SECRET_APP.appId, '--tenant', S.CONTOSO]);
  expect(r.code).toBe(2);
  expect(r.json.error.code).toBe('ServicePrincipalCredentialRequired');
  expect(r.json.error.message).toMatch(/AZURE_CLIENT_SECRET/);
});
