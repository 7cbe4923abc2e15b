import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { runCli, tempConfigDir } from '../helpers/cli.js';
import { seedSignedIn } from '../helpers/seed.js';

const ENDPOINTS = ['--active-directory-authority', 'https://login.contoso.test', '--resource-manager-url', 'https://management.contoso.test/', '--active-directory-service-endpoint-resource-id', 'https://management.contoso.test/'];

describe('environments through the real CLI', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempConfigDir()));
  afterEach(() => cleanup());

  test('the built-ins carry their real endpoints', async () => {
    const r = await runCli(dir, ['get-environment']);
    expect(r.json.map((e: any) => [e.Name, e.Type])).toEqual([
      ['AzureCloud', 'Built-in'],
      ['AzureChinaCloud', 'Built-in'],
      ['AzureUSGovernment', 'Built-in'],
      ['LocalCloud', 'Built-in'],
    ]);
    const china = await runCli(dir, ['get-environment', 'azurechinacloud']);
    expect(china.json).toMatchObject({
      Name: 'AzureChinaCloud',
      ActiveDirectoryAuthority: 'https://login.chinacloudapi.cn/',
      ResourceManagerUrl: 'https://management.chinacloudapi.cn/',
      ActiveDirectoryServiceEndpointResourceId: 'https://management.core.chinacloudapi.cn/',
      MicrosoftGraphUrl: 'https://microsoftgraph.chinacloudapi.cn',
      StorageEndpointSuffix: 'core.chinacloudapi.cn',
    });
    const gov = await runCli(dir, ['get-environment', 'AzureUSGovernment']);
    expect(gov.json.GraphUrl).toBe('https://graph.microsoftazure.us/');
  });

  test('add, get, set and remove a user-defined environment; names ignore case', async () => {
    const added = await runCli(dir, ['add-environment', '--name', 'Contoso', ...ENDPOINTS, '--storage-endpoint-suffix', 'core.contoso.test']);
    expect(added.code).toBe(0);
    expect(added.json).toMatchObject({ Name: 'Contoso', Type: 'User-defined', ActiveDirectoryAuthority: 'https://login.contoso.test/', StorageEndpointSuffix: 'core.contoso.test', GraphUrl: null });
    const dup = await runCli(dir, ['add-environment', '--name', 'CONTOSO', ...ENDPOINTS]);
    expect([dup.code, dup.json.error.code, dup.json.error.category]).toEqual([1, 'EnvironmentExists', 'ResourceExists']);
    const set = await runCli(dir, ['set-environment', 'contoso', '--microsoft-graph-url', 'https://graph.contoso.test']);
    expect(set.json).toMatchObject({ Name: 'Contoso', MicrosoftGraphUrl: 'https://graph.contoso.test', StorageEndpointSuffix: 'core.contoso.test' });
    const byAlias = await runCli(dir, ['add-environment', '--input-json', JSON.stringify({ Name: 'Two', ActiveDirectoryAuthority: 'https://login.two.test/', ResourceManagerUrl: 'https://arm.two.test/', ActiveDirectoryServiceEndpointResourceId: 'https://arm.two.test/' })]);
    expect(byAlias.code).toBe(0);
    const list = await runCli(dir, ['get-environment']);
    expect(list.json.map((e: any) => e.Name)).toEqual(['AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment', 'LocalCloud', 'Contoso', 'Two']);
    const removed = await runCli(dir, ['remove-environment', 'CONTOSO', '--pass-thru']);
    expect(removed.json.Name).toBe('Contoso');
    const gone = await runCli(dir, ['get-environment', 'Contoso']);
    expect([gone.code, gone.json.error.code]).toEqual([1, 'EnvironmentNotFound']);
  });

  test('built-ins cannot be added over, changed or removed', async () => {
    for (const args of [
      ['add-environment', '--name', 'azurecloud', ...ENDPOINTS],
      ['set-environment', 'AzureCloud', '--graph-url', 'https://graph.evil.test/'],
      ['remove-environment', 'AzureUSGovernment'],
    ]) {
      const r = await runCli(dir, args);
      expect([r.code, r.json.error.code]).toEqual([2, 'BuiltInEnvironment']);
    }
  });

  test('endpoints must be https (http only on loopback) and suffixes must be DNS names', async () => {
    const http = await runCli(dir, ['add-environment', '--name', 'X', '--active-directory-authority', 'http://login.contoso.test/', '--resource-manager-url', 'https://m.test/', '--active-directory-service-endpoint-resource-id', 'https://m.test/']);
    expect([http.code, http.json.error.code, http.json.error.target]).toEqual([2, 'InsecureEndpointUrl', 'ActiveDirectoryAuthority']);
    const notUrl = await runCli(dir, ['add-environment', '--name', 'X', ...ENDPOINTS, '--graph-url', 'graph']);
    expect(notUrl.json.error.code).toBe('InvalidEndpointUrl');
    const suffix = await runCli(dir, ['add-environment', '--name', 'X', ...ENDPOINTS, '--storage-endpoint-suffix', 'a b']);
    expect(suffix.json.error.code).toBe('InvalidDnsSuffix');
    const missing = await runCli(dir, ['add-environment', '--name', 'X', '--resource-manager-url', 'https://m.test/']);
    expect(missing.json.error).toMatchObject({ code: 'EndpointRequired', target: 'ActiveDirectoryAuthority' });
    const badName = await runCli(dir, ['add-environment', '--name', 'has space', ...ENDPOINTS]);
    expect(badName.json.error.code).toBe('InvalidInput');
  });

  test('an environment that contexts use is kept', async () => {
    await runCli(dir, ['add-environment', '--name', 'Contoso', ...ENDPOINTS]);
    const profile = await seedSignedIn(dir);
    const file = join(dir, 'profile.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(profile.contexts).toHaveLength(1);
    doc.contexts[0].environment = 'Contoso';
    require('node:fs').writeFileSync(file, JSON.stringify(doc));
    const r = await runCli(dir, ['remove-environment', 'Contoso']);
    expect([r.code, r.json.error.code]).toEqual([1, 'EnvironmentInUse']);
  });

  describe('from an ARM /metadata/endpoints document', () => {
    let server: Server;
    let base: string;
    let requests: string[];
    beforeAll(async () => {
      requests = [];
      server = createServer((req, res) => {
        requests.push(req.url ?? '');
        if (req.url?.startsWith('/broken/')) {
          res.writeHead(500).end('{}');
          return;
        }
        const port = (server.address() as AddressInfo).port;
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify([
            {
              name: 'Stack',
              resourceManager: `http://127.0.0.1:${port}/`,
              portal: 'https://portal.stack.test/',
              authentication: { loginEndpoint: 'https://login.stack.test/', audiences: ['https://management.stack.test/'], tenant: 'common', identityProvider: 'AAD' },
              graph: 'https://graph.stack.test/',
              graphAudience: 'https://graph.stack.test/',
              microsoftGraphResourceId: 'https://mg.stack.test/',
              batch: 'https://batch.stack.test/',
              suffixes: { storage: 'core.stack.test', keyVaultDns: 'vault.stack.test', sqlServerHostname: 'database.stack.test', acrLoginServer: 'cr.stack.test' },
            },
          ]),
        );
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    test('add-environment --arm-endpoint reads every endpoint', async () => {
      const r = await runCli(dir, ['add-environment', '--name', 'Stack', '--arm-endpoint', `${base}/`]);
      expect(r.code).toBe(0);
      expect(requests).toContain('/metadata/endpoints?api-version=2022-09-01');
      expect(r.json).toMatchObject({
        Name: 'Stack',
        ResourceManagerUrl: `${base}/`,
        ActiveDirectoryAuthority: 'https://login.stack.test/',
        ActiveDirectoryServiceEndpointResourceId: 'https://management.stack.test/',
        MicrosoftGraphUrl: 'https://mg.stack.test',
        StorageEndpointSuffix: 'core.stack.test',
        SqlDatabaseDnsSuffix: '.database.stack.test',
        AzureKeyVaultServiceEndpointResourceId: 'https://vault.stack.test',
        AdTenant: 'common',
        EnableAdfsAuthentication: false,
      });
    });

    test('set-environment --arm-endpoint reads every endpoint again; mixing it with endpoints is refused', async () => {
      await runCli(dir, ['add-environment', '--name', 'Stack', ...ENDPOINTS]);
      const mixed = await runCli(dir, ['set-environment', 'Stack', '--arm-endpoint', `${base}/`, '--graph-url', 'https://g.test/']);
      expect([mixed.code, mixed.json.error.code]).toEqual([2, 'ParameterSetConflict']);
      const nothing = await runCli(dir, ['set-environment', 'Stack']);
      expect([nothing.code, nothing.json.error.code]).toEqual([2, 'NothingToChange']);
      const refreshed = await runCli(dir, ['set-environment', 'stack', '--arm-endpoint', `${base}/`]);
      expect(refreshed.json).toMatchObject({ Name: 'Stack', ActiveDirectoryAuthority: 'https://login.stack.test/', StorageEndpointSuffix: 'core.stack.test' });
      const missing = await runCli(dir, ['set-environment', 'Nope', '--graph-url', 'https://g.test/']);
      expect([missing.code, missing.json.error.code]).toEqual([1, 'EnvironmentNotFound']);
    });

    test('an unreachable or failing ARM endpoint is a clear error and stores nothing', async () => {
      const failing = await runCli(dir, ['add-environment', '--name', 'Broken', '--arm-endpoint', `${base}/broken/`]);
      expect([failing.code, failing.json.error.code, failing.json.error.category]).toEqual([1, 'ArmMetadataUnavailable', 'ConnectionError']);
      expect(failing.json.error.message).toContain('HTTP 500');
      const closed = await runCli(dir, ['add-environment', '--name', 'Broken', '--arm-endpoint', 'http://127.0.0.1:9/']);
      expect(closed.json.error.code).toBe('ArmMetadataUnavailable');
      const list = await runCli(dir, ['get-environment']);
      expect(list.json).toHaveLength(4);
    });
  });
});
