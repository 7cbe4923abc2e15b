/**
 * Paths given to cmdlets mean what they mean in PowerShell: relative to the session's current
 * location (Set-Location moves it; pwsh's process working folder does not follow), with ~
 * expanded. Before, the CLI resolved them against the folder pwsh started in.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { runPwsh } from '../helpers/pwsh.js';

let cloud: LocalCloud;
let elsewhere: string;
let home: string;
beforeAll(async () => {
  cloud = await startLocalCloud();
  elsewhere = mkdtempSync(join(tmpdir(), 'myaccount-cwd-'));
  home = mkdtempSync(join(tmpdir(), 'myaccount-home-'));
});
afterAll(async () => {
  rmSync(elsewhere, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
  await cloud?.dispose();
});

test('Export-MyConfig ./file after Set-Location writes there; Import-MyConfig reads it back from there; ~ is the home folder', async () => {
  const r = await runPwsh(
    cloud,
    `
Update-MyConfig -TenantConcurrency 5 | Out-Null
Set-Location '${elsewhere}'
$exported = Export-MyConfig ./exported.json
Export-MyConfig ~/from-home.json | Out-Null
Update-MyConfig -TenantConcurrency 9 | Out-Null
Import-MyConfig exported.json | Out-Null
[ordered]@{ Path = $exported.Path; Value = (Get-MyConfig -TenantConcurrency).Value } | Out-Result
`,
    { env: { HOME: home } },
  );
  expect(r.code).toBe(0);
  expect(r.result.Path).toBe(join(elsewhere, 'exported.json'));
  expect(JSON.parse(readFileSync(join(elsewhere, 'exported.json'), 'utf8')).settings.TenantConcurrency).toBe(5);
  expect(existsSync(join(home, 'from-home.json'))).toBe(true);
  expect(r.result.Value).toBe(5);
});
