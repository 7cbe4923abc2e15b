/**
 * ClientId: people sign in as the configured public client (default: Azure PowerShell's), and
 * later commands keep using the client their tokens were cached under.
 */
import { AZURE_CLI_CLIENT_ID, DEFAULT_CLIENT_ID, defaultSeedIds as S } from '../../src/emulator/index.js';
import { jwtClaims } from '../../src/credentials/credential.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ settings: { deviceCodeIntervalSeconds: 1 } });
});
afterAll(async () => {
  await cloud?.dispose();
});

test('the default client is Azure PowerShell’s; a bad ClientId is refused and changes nothing', async () => {
  const shown = await cloud.run(['get-config', '--client-id']);
  expect(shown.json[0]).toMatchObject({ Key: 'ClientId', Value: DEFAULT_CLIENT_ID, Scope: 'Default' });
  const bad = await cloud.run(['update-config', '--client-id', 'not-a-guid']);
  expect(bad.code).toBe(2);
  expect((await cloud.run(['get-config', '--client-id'])).json[0].Scope).toBe('Default');
});

test('with ClientId set to the Azure CLI’s client, tokens are issued to it, and keep working after ClientId changes back', async () => {
  expect((await cloud.run(['update-config', '--client-id', AZURE_CLI_CLIENT_ID])).code).toBe(0);
  const signedIn = await cloud.connectByDeviceCode(S.BOB.username);
  expect(signedIn.code).toBe(0);
  const first = await cloud.run(['get-access-token']);
  expect(jwtClaims(first.json.Token).appid).toBe(AZURE_CLI_CLIENT_ID);
  // The account remembers its client: its cached tokens stay usable whatever ClientId says now.
  expect((await cloud.run(['clear-config', '--client-id'])).code).toBe(0);
  const graph = await cloud.run(['get-access-token', '--resource-type-name', 'MSGraph']);
  expect(graph.code).toBe(0);
  expect(jwtClaims(graph.json.Token).appid).toBe(AZURE_CLI_CLIENT_ID);
});

test('MYACCOUNT_CLIENT_ID overrides the saved setting for one process', async () => {
  const r = await cloud.run(['get-config', '--client-id'], { env: { MYACCOUNT_CLIENT_ID: AZURE_CLI_CLIENT_ID } });
  expect(r.json[0]).toMatchObject({ Value: AZURE_CLI_CLIENT_ID, Scope: 'Environment' });
});
