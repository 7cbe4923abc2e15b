/**
 * Connect-MyAccount's subscription picker (LoginExperienceV2) in PowerShell: a person in an
 * interactive pwsh on a real pseudo-terminal picks by number; -NonInteractive and CI never ask.
 */
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { spawnPwsh } from '../helpers/pwsh.js';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ settings: { deviceCodeIntervalSeconds: 1 } });
});
afterAll(async () => {
  await cloud?.dispose();
});

const CONNECT = `
$result = Connect-MyAccount -UseDeviceAuthentication -Environment LocalCloud
[ordered]@{ Selected = $result.Context.Subscription.Name; PickerSkipped = $result.PickerSkipped; Current = (Get-MyContext).Subscription.Name } | Out-Result
`;

async function signIn(run: ReturnType<typeof spawnPwsh>): Promise<void> {
  const [, code] = await run.waitFor(/enter the code (\S+) to authenticate/);
  cloud.emu.approveDeviceCode(code, S.ALICE.username);
}

test('at a terminal, the person picks a subscription by its number and it becomes the default', async () => {
  const run = spawnPwsh(cloud, CONNECT, { terminal: true });
  await signIn(run);
  await run.waitFor(/Select a subscription by its number/);
  const [, number] = await run.waitFor(/ \[(\d+)\]\s+Contoso Development /);
  // Answers that are not in the list are refused, and the person is asked again.
  run.type('99');
  await run.waitFor(/99 is not in the list/);
  run.type(number);
  const r = await run.done;
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('[Tenant and subscription selection]');
  // The first active subscription is marked: Enter would have kept it.
  expect(r.stdout).toMatch(/\*\[\d+\]\s+Contoso Production /);
  expect(r.result).toEqual({ Selected: 'Contoso Development', PickerSkipped: false, Current: 'Contoso Development' });
});

test('with -NonInteractive, or in CI at a terminal, nobody is asked: the first active subscription is selected', async () => {
  const scripted = spawnPwsh(cloud, CONNECT);
  await signIn(scripted);
  const a = await scripted.done;
  expect(a.result).toEqual({ Selected: 'Contoso Production', PickerSkipped: true, Current: 'Contoso Production' });
  expect(a.stdout).not.toContain('Select a subscription');

  const ci = spawnPwsh(cloud, CONNECT, { terminal: true, env: { CI: 'true' } });
  await signIn(ci);
  const b = await ci.done;
  expect(b.result).toEqual({ Selected: 'Contoso Production', PickerSkipped: true, Current: 'Contoso Production' });
  expect(b.stdout).not.toContain('Select a subscription');
});
