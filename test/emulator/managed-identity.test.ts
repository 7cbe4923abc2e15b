/**
 * Managed identity: unmodified MSAL Node (ManagedIdentityApplication) in child processes, one
 * per source style, trusting the emulator's CA through NODE_EXTRA_CA_CERTS as any Node app would.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { call, decodeJwt, startTestEmulator, type TestEmulator } from './helpers.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu?.dispose();
});

const MI_VARS = ['IDENTITY_ENDPOINT', 'IDENTITY_HEADER', 'IDENTITY_SERVER_THUMBPRINT', 'IMDS_ENDPOINT', 'MSI_ENDPOINT', 'MSI_SECRET', 'AZURE_POD_IDENTITY_AUTHORITY_HOST'];

function runClient(env: Record<string, string>, args: string[]): Promise<any> {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!MI_VARS.includes(k)) base[k] = v;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(__dirname, 'fixtures', 'managed-identity-client.mjs'), ...args], { env: { ...base, NODE_EXTRA_CA_CERTS: emu.caCertPath, ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${err.message}\n${stderr}`));
      else resolve(JSON.parse(stdout));
    });
  });
}

test('IMDS style (Metadata: true), system-assigned', async () => {
  const r = await runClient({ AZURE_POD_IDENTITY_AUTHORITY_HOST: emu.managedIdentity.podIdentityAuthorityHost }, ['https://management.azure.com']);
  expect(r).toMatchObject({ ok: true, source: 'DefaultToImds', secondFromCache: true });
  expect(decodeJwt(r.accessToken)).toMatchObject({ aud: 'https://management.azure.com', tid: S.CONTOSO, appid: S.SYSTEM_IDENTITY.clientId, oid: S.SYSTEM_IDENTITY.objectId, idtyp: 'app', xms_mirid: expect.stringContaining('virtualMachines/vm-contoso-build') });
  // The token works against ARM.
  const subs = await call(emu, 'GET', '/subscriptions?api-version=2022-12-01', { headers: { authorization: `Bearer ${r.accessToken}` } });
  expect(subs.json.value.map((s: any) => s.subscriptionId)).toEqual([S.SUBSCRIPTIONS.production]);
});

test('App Service style (IDENTITY_ENDPOINT + X-IDENTITY-HEADER), user-assigned by client id', async () => {
  const r = await runClient({ IDENTITY_ENDPOINT: emu.managedIdentity.appServiceEndpoint, IDENTITY_HEADER: emu.managedIdentity.identityHeader }, ['https://management.core.windows.net/', S.USER_IDENTITY.clientId]);
  expect(r).toMatchObject({ ok: true, source: 'AppService' });
  expect(decodeJwt(r.accessToken)).toMatchObject({ appid: S.USER_IDENTITY.clientId, oid: S.USER_IDENTITY.objectId, aud: 'https://management.core.windows.net/' });
});

test('the services’ own errors: missing Metadata header, wrong identity header, unknown identity', async () => {
  const noHeader = await call(emu, 'GET', '/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com');
  expect(noHeader.status).toBe(400);
  expect(noHeader.json).toEqual({ error: 'invalid_request', error_description: 'Required metadata header not specified' });
  const wrongSecret = await call(emu, 'GET', '/msi/token?api-version=2019-08-01&resource=https://management.azure.com', { headers: { 'x-identity-header': 'guess' } });
  expect(wrongSecret.status).toBe(401);
  const unknown = await call(emu, 'GET', `/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com&client_id=0ddba11a-0000-4000-8000-000000000000`, { headers: { metadata: 'true' } });
  expect(unknown.json).toEqual({ error: 'invalid_request', error_description: 'Identity not found' });
  const resource = await call(emu, 'GET', `/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://unknown.example`, { headers: { metadata: 'true' } });
  expect(resource.json.error).toBe('invalid_resource');
});
