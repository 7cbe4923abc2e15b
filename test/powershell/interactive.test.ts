/**
 * The module in a person's interactive pwsh (a real pseudo-terminal, PSReadLine, commands typed
 * at the prompt), which loads fewer assemblies than -Command and -File: the first cmdlet with
 * parameters, a device-code sign-in, a browser sign-in's address and timeout, and an error record,
 * each in a session that ran nothing else, at the default $InformationPreference.
 */
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { MODULE_MANIFEST, startInteractivePwsh, type InteractivePwsh } from '../helpers/pwsh.js';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ settings: { deviceCodeIntervalSeconds: 1 } });
});
afterAll(async () => {
  await cloud?.dispose();
});

let session: InteractivePwsh | undefined;
afterEach(() => {
  session?.kill();
  session = undefined;
});

const IMPORT = `Import-Module '${MODULE_MANIFEST.replace(/'/g, "''")}'`;

test('the first cmdlet with parameters in a fresh session answers (no missing type, no CLI failure)', async () => {
  session = await startInteractivePwsh(cloud);
  expect(await session.enter(IMPORT)).toBe('');
  const shown = await session.enter('Get-MyContext -Name nosuch');
  expect(shown).toContain('Get-MyContext: There is no context named "nosuch"');
  expect(shown).not.toMatch(/Unable to find type|without an error document/);
  // The module needs no other module: its compiled helper does the JSON, not Utility's cmdlets.
  expect(await session.enter("(Get-Module).Name -join ','")).toBe('MyAccount,PSReadLine');
  await session.exit();
});

test('Connect-MyAccount -UseDeviceAuthentication signs in, shows the code, and prints the sign-in', async () => {
  session = await startInteractivePwsh(cloud);
  await session.enter(IMPORT);
  // The default, which hides information records: the code must show all the same (on the host).
  expect(await session.enter('"$InformationPreference"')).toBe('SilentlyContinue');
  const connecting = session.enter('Connect-MyAccount -UseDeviceAuthentication -Environment LocalCloud -Tenant contoso.example');
  const [, code] = await session.waitFor(/enter the code (\S+) to authenticate/);
  cloud.emu.approveDeviceCode(code, S.ALICE.username);
  // A person at a terminal is offered the subscription picker (LoginExperienceV2); Enter keeps the default.
  await session.waitFor(/Select a subscription by its number/);
  session.type('');
  const shown = await connecting;
  expect(shown).toMatch(/Account\s+SubscriptionName\s+TenantId\s+Environment/);
  expect(shown).toContain(S.ALICE.username);
  expect(shown).toContain('Contoso Production');
  expect(shown).not.toMatch(/Unable to find type|without an error document/);
  expect(await session.enter('(Get-MyContext).Account.Id')).toBe(S.ALICE.username);
  await session.exit();
});

test('a browser sign-in shows its address on the host at the default preference; no answer ends in a timeout naming the way out', async () => {
  // `true` as the browser: it launches fine and opens nothing, as a browser on a desktop nobody watches.
  session = await startInteractivePwsh(cloud, { BROWSER: 'true' });
  await session.enter(IMPORT);
  expect(await session.enter('"$InformationPreference"')).toBe('SilentlyContinue');
  const shown = await session.enter('Connect-MyAccount -Environment LocalCloud -Timeout 3');
  expect(shown).toMatch(/Your browser was opened to sign in\. If no browser window opened, visit this address on this machine:\s+https:\/\/127\.0\.0\.1:\d+\/\S*oauth2\/v2\.0\/authorize\?/);
  expect(shown).toMatch(/Connect-MyAccount: Signing in was not completed within 3 s: nothing came back from the browser\./);
  // The way out, in PowerShell's words, as the record's recommended action.
  expect(await session.enter('$Error[0].ErrorDetails.RecommendedAction')).toMatch(/^Run connect again with -UseDeviceAuthentication if no browser window opened here/);
  await session.exit();
});

test('an error record keeps its code, category and target', async () => {
  session = await startInteractivePwsh(cloud);
  await session.enter(IMPORT);
  await session.enter('Select-MyContext -Name nosuch');
  const shown = await session.enter("$e = $Error[0]; $e.FullyQualifiedErrorId; [string]$e.CategoryInfo.Category; $e.Exception.GetType().Name");
  expect(shown.split('\n').map((l) => l.trim())).toEqual(['ContextNotFound,MyAccount.Commands.SelectMyContextCommand', 'ObjectNotFound', 'InvalidOperationException']);
  await session.exit();
});
