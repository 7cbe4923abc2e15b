/**
 * A service principal whose client secret was not kept (no secure store here): a person at a
 * terminal is asked for it again, without echo, when a new token is needed; scripts and CI
 * (no TTY, --no-prompt) get exit 3 naming what to supply.
 */
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { runOnTerminal } from '../helpers/terminal.js';

const APP = S.CI_SECRET_APP;
const PROMPT = 'type it to continue';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud();
  const r = await cloud.run(['connect', '--environment', 'LocalCloud', '--service-principal', '--application-id', APP.appId, '--tenant', S.CONTOSO, '--client-secret', APP.secret]);
  expect(r.code).toBe(0);
  expect(r.stderr).toContain('was not kept');
});
afterAll(async () => {
  await cloud?.dispose();
});

test('at a terminal, a new token asks for the client secret once, without showing it', async () => {
  // Key Vault was never asked for, so MSAL's cache cannot answer; two tenants' worth of calls would still ask once.
  const run = await runOnTerminal(cloud, ['get-access-token', '--resource-type-name', 'KeyVault', '--output', 'table'], [APP.secret], PROMPT);
  expect(run.code).toBe(0);
  expect(run.screen.split(PROMPT)).toHaveLength(2);
  expect(run.screen).not.toContain(APP.secret);
  expect(run.screen).toContain(APP.appId);
});

test('a wrong secret at the prompt is refused by the sign-in service, exit 1, and nothing is kept', async () => {
  const run = await runOnTerminal(cloud, ['get-access-token', '--resource-type-name', 'Storage'], ['not-the-secret'], PROMPT);
  expect(run.code).toBe(1);
  expect(run.screen).toContain('AADSTS7000215');
  expect(run.screen).not.toContain('not-the-secret');
});

test('without a terminal, or with --no-prompt, nothing is asked: exit 3 naming what to supply', async () => {
  const piped = await cloud.run(['get-access-token', '--resource-type-name', 'Batch']);
  expect(piped.code).toBe(3);
  expect(piped.json.error.code).toBe('CredentialNotStored');
  const noPrompt = await runOnTerminal(cloud, ['get-access-token', '--resource-type-name', 'Batch', '--no-prompt'], [APP.secret], PROMPT);
  expect(noPrompt.code).toBe(3);
  expect(noPrompt.screen).not.toContain(PROMPT);
});

test('connect --service-principal with no secret anywhere asks for it at a terminal, without echo, and signs in', async () => {
  const run = await runOnTerminal(cloud, ['connect', '--environment', 'LocalCloud', '--service-principal', '--application-id', APP.appId, '--tenant', S.CONTOSO, '--output', 'table'], [APP.secret], 'it is not shown');
  expect(run.code).toBe(0);
  expect(run.screen).toContain(`The client secret of application ${APP.appId}`);
  expect(run.screen).not.toContain(APP.secret);
  // Given at the prompt, not as a flag: no warning about the command line.
  expect(run.screen).not.toContain('visible to other users');
});
