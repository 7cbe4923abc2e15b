/**
 * rest (Invoke-MyRestMethod) through the real CLI against the local cloud: GET and PUT by path,
 * both long-running patterns (Azure-AsyncOperation and Location), a failed operation, paging,
 * retries under 429/503, the payload from a file and from stdin, and the token never leaving the
 * origin it is for (a foreign nextLink, Location or URI is refused and the request log proves
 * nothing was sent there).
 */
import { createServer, type Server } from 'node:https';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';

jest.setTimeout(90_000);

const APP = S.CI_SECRET_APP;
const SUB = S.SUBSCRIPTIONS.production;
const RG_API = 'api-version=2021-04-01';
let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startLocalCloud({ pageSize: 2 });
  const r = await cloud.run(['connect', '--environment', 'LocalCloud', '--service-principal', '--application-id', APP.appId, '--tenant', S.CONTOSO, '--client-secret', APP.secret, '--subscription', SUB]);
  expect(r.code).toBe(0);
});
afterAll(async () => {
  await cloud?.dispose();
});

const lastSeq = () => cloud.emu.requestLog().at(-1)?.seq ?? 0;

test('GET by path with --api-version: the subscription, as StatusCode/Headers/Content', async () => {
  const r = await cloud.run(['rest', '--path', `/subscriptions/${SUB}`, '--api-version', '2022-12-01']);
  expect(r.code).toBe(0);
  expect(r.json.StatusCode).toBe(200);
  expect(r.json.Method).toBe('GET');
  expect(r.json.RequestUri).toBe(`${cloud.emu.url}/subscriptions/${SUB}?api-version=2022-12-01`);
  expect(r.json.Headers['content-type']).toContain('application/json');
  expect(JSON.parse(r.json.Content).subscriptionId).toBe(SUB);
});

test('with its token cached, rest, get-tenant and get-subscription ask Entra nothing (MSAL stays unloaded: not even its metadata request)', async () => {
  for (const args of [['rest', '--path', `/subscriptions/${SUB}`, '--api-version', '2022-12-01'], ['get-tenant'], ['get-subscription']]) {
    const since = lastSeq();
    const r = await cloud.run(args);
    expect(r.code).toBe(0);
    const paths = cloud.emu.requestLog().filter((e) => e.seq > since).map((e) => e.path);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((p) => !p.startsWith('/subscriptions') && !p.startsWith('/tenants'))).toEqual([]);
  }
});

test('an HTTP error is the result (as Invoke-AzRestMethod), not a failure', async () => {
  const r = await cloud.run(['rest', '--path', `/subscriptions/${SUB}/resourcegroups/nope?${RG_API}`]);
  expect(r.code).toBe(0);
  expect(r.json.StatusCode).toBe(404);
  expect(JSON.parse(r.json.Content).error.code).toBe('ResourceGroupNotFound');
});

test('PUT resource groups (body inline, from @file, from stdin JSON), then --paginate lists them all across pages', async () => {
  const put = (name: string, extra: string[] = [], stdin?: string) => cloud.run(['rest', '--method', 'put', '--path', `/subscriptions/${SUB}/resourcegroups/${name}?${RG_API}`, ...extra], stdin === undefined ? {} : { stdin });
  let r = await put('rg-one', ['--body', '{"location":"westeurope","tags":{"team":"a"}}']);
  expect(r.json.StatusCode).toBe(201);
  expect(JSON.parse(r.json.Content)).toMatchObject({ name: 'rg-one', location: 'westeurope', tags: { team: 'a' } });
  const file = join(cloud.configDir, '..', 'rg.json');
  writeFileSync(file, '{"location":"eastus"}');
  r = await put('rg-two', ['--payload', `@${file}`]);
  expect(r.json.StatusCode).toBe(201);
  r = await cloud.run(['rest', '--input-json', '-'], { stdin: JSON.stringify({ Method: 'PUT', Path: `/subscriptions/${SUB}/resourcegroups/rg-three?${RG_API}`, Payload: '{"location":"uksouth"}' }) });
  expect(r.code).toBe(0);
  expect(r.json.StatusCode).toBe(201);

  // Without --paginate: the first page of two and a nextLink.
  const one = await cloud.run(['rest', '--path', `/subscriptions/${SUB}/resourcegroups?${RG_API}`]);
  const page = JSON.parse(one.json.Content);
  expect(page.value).toHaveLength(2);
  expect(page.nextLink).toContain('skiptoken');
  const all = await cloud.run(['rest', '--path', `/subscriptions/${SUB}/resourcegroups?${RG_API}`, '--paginate']);
  expect(all.code).toBe(0);
  expect(JSON.parse(all.json.Content).value.map((g: any) => g.name).sort()).toEqual(['rg-one', 'rg-three', 'rg-two']);
});

test('a missing payload file: exit 2, nothing sent', async () => {
  const since = lastSeq();
  const r = await cloud.run(['rest', '--method', 'PUT', '--path', `/subscriptions/${SUB}/resourcegroups/x?${RG_API}`, '--body', '@/nonexistent/file.json']);
  expect(r.code).toBe(2);
  expect(r.json.error.code).toBe('PayloadUnreadable');
  expect(cloud.emu.requestLog(since).filter((e) => e.path.includes('resourcegroups'))).toHaveLength(0);
});

test('--wait-for-completion follows Azure-AsyncOperation and returns the provisioned resource', async () => {
  const path = `/subscriptions/${SUB}/resourceGroups/rg-one/providers/Microsoft.LocalCloud/widgets/w1?api-version=2024-01-01`;
  const body = JSON.stringify({ location: 'westeurope', properties: { size: 3, provisioningSeconds: 1 } });
  const started = await cloud.run(['rest', '--method', 'PUT', '--path', path, '--body', body]);
  expect(started.json.StatusCode).toBe(201);
  expect(started.json.Headers['azure-asyncoperation']).toContain('/operationStatuses/');
  expect(JSON.parse(started.json.Content).properties.provisioningState).toBe('Creating');

  const since = lastSeq();
  const r = await cloud.run(['rest', '--method', 'PUT', '--path', path, '--body', body, '--wait-for-completion']);
  expect(r.code).toBe(0);
  expect(r.json.StatusCode).toBe(200);
  expect(JSON.parse(r.json.Content).properties).toMatchObject({ size: 3, provisioningState: 'Succeeded' });
  const polls = cloud.emu.requestLog(since).filter((e) => e.path.includes('/operationStatuses/'));
  expect(polls.length).toBeGreaterThanOrEqual(1);
});

test('an operation that ends Failed is an error (exit 1) with its code', async () => {
  const path = `/subscriptions/${SUB}/resourceGroups/rg-one/providers/Microsoft.LocalCloud/widgets/w2?api-version=2024-01-01`;
  const r = await cloud.run(['rest', '--method', 'PUT', '--path', path, '--body', JSON.stringify({ location: 'eastus', properties: { provisioningSeconds: 0, failProvisioning: true } }), '--wait-for-completion']);
  expect(r.code).toBe(1);
  expect(r.json.error.code).toBe('OperationFailed');
  expect(r.json.error.message).toContain('WidgetProvisioningFailed');
});

test('--wait-for-completion follows Location (resource group delete): 202 until done, then 200', async () => {
  const since = lastSeq();
  const r = await cloud.run(['rest', '--method', 'DELETE', '--path', `/subscriptions/${SUB}/resourcegroups/rg-three?${RG_API}`, '--wait-for-completion']);
  expect(r.code).toBe(0);
  expect(r.json.StatusCode).toBe(200);
  expect(r.json.RequestUri).toContain('/operationresults/');
  expect(cloud.emu.requestLog(since).some((e) => e.path.includes('/operationresults/'))).toBe(true);
  const gone = await cloud.run(['rest', '--path', `/subscriptions/${SUB}/resourcegroups/rg-three?${RG_API}`]);
  expect(gone.json.StatusCode).toBe(404);
});

test('429 and 503 are retried as Retry-After asks', async () => {
  cloud.emu.setFaults({ seed: 3, arm: { rate503: 0.25, rate429: 0.25, retryAfterSeconds: 1 } });
  try {
    for (let i = 0; i < 2; i++) {
      const r = await cloud.run(['rest', '--path', `/subscriptions/${SUB}?api-version=2022-12-01`]);
      expect([r.code, r.stdout]).toEqual([0, expect.any(String)]);
      expect(r.json.StatusCode).toBe(200);
    }
    expect(cloud.emu.requestLog().some((e) => e.status === 429 || e.status === 503)).toBe(true);
  } finally {
    cloud.emu.setFaults({});
  }
});

describe('the token stays on its origin', () => {
  let foreign: Server;
  let foreignHits = 0;
  let foreignUrl = '';
  beforeAll(async () => {
    // Another https origin (any certificate; the client must refuse before it would ever connect).
    foreign = createServer((_req, res) => {
      foreignHits++;
      res.end('{}');
    });
    await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', r));
    foreignUrl = `https://127.0.0.1:${(foreign.address() as any).port}`;
  });
  afterAll(() => new Promise<void>((r) => foreign.close(() => r())));

  test('--uri on another host without --resource-id: exit 2, nothing sent', async () => {
    const r = await cloud.run(['rest', '--uri', `${foreignUrl}/anything`]);
    expect(r.code).toBe(2);
    expect(r.json.error.code).toBe('InvalidRequestUri');
    expect(foreignHits).toBe(0);
  });

  test('--resource-id naming Resource Manager for another host, http URLs and paths that leave the origin: exit 2', async () => {
    for (const args of [
      ['--uri', `${foreignUrl}/x`, '--resource-id', 'https://management.core.windows.net/'],
      ['--uri', `${foreignUrl}/x`, '--resource-id', 'https://vault.azure.net'],
      ['--uri', 'http://127.0.0.1:1/x', '--resource-id', 'https://127.0.0.1'],
      ['--path', '//evil.example/x'],
      ['--path', 'subscriptions'],
    ]) {
      const r = await cloud.run(['rest', ...args]);
      expect([r.code, r.json?.error?.code]).toEqual([2, 'InvalidRequestUri']);
    }
    expect(foreignHits).toBe(0);
  });

  test('--uri on Resource Manager\'s own origin gets its token', async () => {
    const r = await cloud.run(['rest', '--uri', `${cloud.emu.url}/subscriptions?api-version=2022-12-01`]);
    expect(r.code).toBe(0);
    expect(r.json.StatusCode).toBe(200);
  });

  test('a nextLink to another origin is refused (exit 1, SecurityError) and never requested', async () => {
    const rg = `/subscriptions/${SUB}/resourceGroups/rg-one/providers/Microsoft.LocalCloud/widgets`;
    const put = await cloud.run(['rest', '--method', 'PUT', '--path', `${rg}/planted?api-version=2024-01-01`, '--body', JSON.stringify({ location: 'eastus', properties: { provisioningSeconds: 0, testNextLink: `${foreignUrl}/steal?api-version=1` } })]);
    expect(put.json.StatusCode).toBe(201);
    const plain = await cloud.run(['rest', '--path', `${rg}?api-version=2024-01-01`]);
    expect(JSON.parse(plain.json.Content).nextLink).toBe(`${foreignUrl}/steal?api-version=1`);
    const r = await cloud.run(['rest', '--path', `${rg}?api-version=2024-01-01`, '--paginate']);
    expect(r.code).toBe(1);
    expect(r.json.error).toMatchObject({ code: 'ForeignOriginRefused', category: 'SecurityError' });
    expect(r.json.error.message).toContain(foreignUrl);
    expect(foreignHits).toBe(0);
    // Clean up, so later lists are not planted.
    await cloud.run(['rest', '--method', 'DELETE', '--path', `${rg}/planted?api-version=2024-01-01`]);
  });

  test('an Azure-AsyncOperation URL on another origin is refused before any poll', async () => {
    const path = `/subscriptions/${SUB}/resourceGroups/rg-one/providers/Microsoft.LocalCloud/widgets/w4?api-version=2024-01-01`;
    const r = await cloud.run(['rest', '--method', 'PUT', '--path', path, '--body', JSON.stringify({ location: 'eastus', properties: { testAsyncOperationUrl: `${foreignUrl}/op` } }), '--wait-for-completion']);
    expect(r.code).toBe(1);
    expect(r.json.error.code).toBe('ForeignOriginRefused');
    expect(foreignHits).toBe(0);
  });
});
