/**
 * Az.Accounts parameters the module lacked, in real PowerShell: -WhatIf on the cmdlets that
 * change state (nothing changes), -Force instead of a confirmation (a NonInteractive session
 * cannot answer one), Clear-MyConfig -PassThru and its plaintext-cache warning, Update-MyConfig
 * -AppliesTo, the Remove-MyAccount alias and Get-MyContext -RefreshContextFromTokenCache.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { runPwsh } from '../helpers/pwsh.js';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud();
});
afterAll(async () => {
  await cloud?.dispose();
});

const SP_CREDENTIAL = `([pscredential]::new('${S.CI_SECRET_APP.appId}', (ConvertTo-SecureString '${S.CI_SECRET_APP.secret}' -AsPlainText -Force)))`;
const BOB_CREDENTIAL = `([pscredential]::new('${S.BOB.username}', (ConvertTo-SecureString '${S.BOB.password}' -AsPlainText -Force)))`;

async function ps(script: string): Promise<any> {
  const r = await runPwsh(cloud, script);
  if (r.code !== 0) throw new Error(`pwsh exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r.result;
}

const read = (name: string): string => (existsSync(join(cloud.configDir, name)) ? readFileSync(join(cloud.configDir, name), 'utf8') : '');

test('-WhatIf on Connect-, Set-MyContext, Update-/Import-MyConfig, Add-/Set-MyEnvironment changes nothing and says what it would do', async () => {
  await ps(`Connect-MyAccount -ServicePrincipal -Credential ${SP_CREDENTIAL} -Tenant ${S.CONTOSO} -Environment LocalCloud -ContextName base -WarningAction SilentlyContinue | Out-Null`);
  const exported = join(cloud.configDir, '..', 'whatif-settings.json');
  writeFileSync(exported, JSON.stringify({ version: 1, settings: { TenantConcurrency: 3 } }));
  const [profile, settings] = [read('profile.json'), read('settings.json')];
  const r = await ps(`
$said = @(
    Connect-MyAccount -ServicePrincipal -Credential ${SP_CREDENTIAL} -Tenant ${S.CONTOSO} -Environment LocalCloud -ContextName whatif -WhatIf
    Set-MyContext -Tenant ${S.CONTOSO} -Name whatif-set -WhatIf
    Update-MyConfig -TenantConcurrency 2 -WhatIf
    Import-MyConfig -Path '${exported}' -WhatIf
    Add-MyEnvironment -Name WhatIfCloud -ARMEndpoint https://management.whatif.example/ -WhatIf
    Set-MyEnvironment -Name WhatIfCloud -ARMEndpoint https://management.whatif.example/ -WhatIf
) 6>&1 | Out-String
[ordered]@{ Said = $said; Names = @((Get-MyContext -ListAvailable).Name); Current = (Get-MyContext).Name; Environments = @((Get-MyEnvironment).Name) } | Out-Result
`);
  expect(read('profile.json')).toBe(profile);
  expect(read('settings.json')).toBe(settings);
  expect(r.Names).not.toContain('whatif');
  expect(r.Names).not.toContain('whatif-set');
  expect(r.Current).toBe('base');
  expect(r.Environments).not.toContain('WhatIfCloud');
});

test('-WhatIf output names the target: Connect\'s environment, the settings, the file, the environment', async () => {
  const r = await runPwsh(cloud, `
Connect-MyAccount -Identity -Environment LocalCloud -WhatIf
Update-MyConfig -TenantConcurrency 2 -WhatIf
Add-MyEnvironment -Name WhatIfCloud -ARMEndpoint https://management.whatif.example/ -WhatIf
`);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('Performing the operation "Connect" on target "an account in environment LocalCloud"');
  expect(r.stdout).toContain('Performing the operation "Update" on target "TenantConcurrency"');
  expect(r.stdout).toContain('Performing the operation "Add" on target "WhatIfCloud"');
});

test('Clear-MyContext -Force and Clear-MyConfig -Force run without a confirmation in a NonInteractive session; -WhatIf still wins', async () => {
  await ps(`Connect-MyAccount -ServicePrincipal -Credential ${SP_CREDENTIAL} -Tenant ${S.CONTOSO} -Environment LocalCloud -ContextName base -WarningAction SilentlyContinue | Out-Null`);
  // Without -Force, ConfirmImpact High asks, which a NonInteractive session cannot answer.
  const asked = await runPwsh(cloud, 'Clear-MyContext');
  expect(asked.code).not.toBe(0);
  expect(read('profile.json')).toContain('"base"');
  const r = await ps(`
Clear-MyContext -Force -WhatIf
$afterWhatIf = @((Get-MyContext -ListAvailable).Name)
$cleared = Clear-MyContext -Force -PassThru
[ordered]@{ AfterWhatIf = $afterWhatIf; Cleared = $cleared; Left = @(Get-MyContext -ListAvailable).Count } | Out-Result
`);
  expect(r.AfterWhatIf).toContain('base');
  expect(r.Cleared).toBe(true);
  expect(r.Left).toBe(0);
  const clear = `
Update-MyConfig -TenantConcurrency 4 -AllowPlaintextTokenCache $true | Out-Null
$quiet = @(Clear-MyConfig -TenantConcurrency -Force)
$warnings = $null
$all = @(Clear-MyConfig -Force -PassThru -WarningVariable warnings -WarningAction SilentlyContinue)
[ordered]@{ Quiet = $quiet.Count; All = @($all.Key); Warnings = @($warnings | ForEach-Object { "$_" }) } | Out-Result
`;
  // Where only the saved setting allowed the plain cache, clearing everything turns it off: said aloud.
  const saved = await runPwsh(cloud, clear, { env: { MYACCOUNT_ALLOW_PLAINTEXT_TOKEN_CACHE: undefined } });
  expect(saved.code).toBe(0);
  expect(saved.result.Quiet).toBe(0);
  expect(saved.result.All).toContain('AllowPlaintextTokenCache');
  expect(saved.result.Warnings.join('\n')).toContain('AllowPlaintextTokenCache was cleared with the rest');
  // In PowerShell the fix names the cmdlet, not the CLI.
  expect(saved.result.Warnings.join('\n')).toContain('Update-MyConfig -AllowPlaintextTokenCache $true');
  // Where its environment variable still allows it, nothing changed in effect: no warning.
  const overridden = await runPwsh(cloud, clear, { env: { MYACCOUNT_ALLOW_PLAINTEXT_TOKEN_CACHE: 'true' } });
  expect(overridden.result.Warnings).toEqual([]);
});

test('Update-MyConfig -AppliesTo takes Az and MyAccount, refuses a module name; Remove-MyAccount is Disconnect-MyAccount', async () => {
  const r = await ps(`
$az = Update-MyConfig -TenantConcurrency 6 -AppliesTo Az
$mine = Update-MyConfig -TenantConcurrency 7 -AppliesTo MyAccount
try { Update-MyConfig -TenantConcurrency 9 -AppliesTo Az.Storage | Out-Null; $bad = 'accepted' } catch { $bad = $_.FullyQualifiedErrorId }
[ordered]@{ Az = $az.Value; Mine = $mine.Value; Bad = $bad; Now = (Get-MyConfig -TenantConcurrency).Value; Alias = (Get-Alias Remove-MyAccount).ResolvedCommandName } | Out-Result
`);
  expect(r).toMatchObject({ Az: 6, Mine: 7, Now: 7, Alias: 'Disconnect-MyAccount' });
  expect(r.Bad).toMatch(/^ParameterArgumentValidationError,MyAccount.Commands.UpdateMyConfigCommand$/);
});

test('Get-MyContext -ListAvailable -RefreshContextFromTokenCache names a cached account that lost its contexts, and changes nothing', async () => {
  await ps(`Connect-MyAccount -Credential ${BOB_CREDENTIAL} -Tenant ${S.FABRIKAM} -Environment LocalCloud -ContextName bob -WarningAction SilentlyContinue | Out-Null`);
  const fine = await ps(`$i = $null; Get-MyContext -ListAvailable -RefreshContextFromTokenCache -InformationVariable i | Out-Null; "$i" | Out-Result`);
  expect(fine).toContain('already has its contexts');
  // The profile forgets Bob (a hand edit, a restored backup); his sign-in is still in the token cache.
  const profile = JSON.parse(read('profile.json'));
  profile.accounts = profile.accounts.filter((a: any) => a.id !== S.BOB.username);
  profile.contexts = profile.contexts.filter((c: any) => c.accountId !== S.BOB.username);
  profile.defaultContext = profile.contexts[0]?.name ?? null;
  writeFileSync(join(cloud.configDir, 'profile.json'), JSON.stringify(profile, null, 2) + '\n');
  const before = read('profile.json');
  const r = await ps(`
$w = $null
$listed = @(Get-MyContext -ListAvailable -RefreshContextFromTokenCache -WarningVariable w -WarningAction SilentlyContinue)
[ordered]@{ Warning = "$w"; Names = @($listed.Name) } | Out-Result
`);
  expect(r.Warning).toContain(S.BOB.username);
  expect(r.Warning).toContain('Nothing was changed');
  expect(r.Names).not.toContain('bob');
  expect(read('profile.json')).toBe(before);
});

test('Connect-MyAccount -AuthScope: the first token is for that audience, Resource Manager follows; an unknown scope is refused before signing in', async () => {
  const r = await ps(`
$connected = Connect-MyAccount -Credential ${BOB_CREDENTIAL} -Tenant ${S.FABRIKAM} -Environment LocalCloud -AuthScopeTypeName MicrosoftGraphEndpointResourceId -ContextName graph-first -WarningAction SilentlyContinue
try { Connect-MyAccount -Credential ${BOB_CREDENTIAL} -Environment LocalCloud -AuthScope NoSuchService -ContextName never -WarningAction SilentlyContinue | Out-Null; $bad = 'accepted' } catch { $bad = [ordered]@{ Id = $_.FullyQualifiedErrorId; Category = $_.CategoryInfo.Category.ToString(); Message = $_.Exception.Message } }
[ordered]@{ Context = $connected.Context.Name; Graph = (Get-MyEnvironment -Name LocalCloud).MicrosoftGraphEndpointResourceId; Arm = (Get-MyEnvironment -Name LocalCloud).ActiveDirectoryServiceEndpointResourceId; Bad = $bad; Names = @((Get-MyContext -ListAvailable).Name) } | Out-Result
`);
  expect(r.Context).toBe('graph-first');
  // The cache holds what was asked for, in the order MSAL wrote it: Graph's token first, then Resource Manager's.
  const cache = JSON.parse(read('msal.cache.plaintext.json'));
  const targets = Object.values(cache.AccessToken ?? {}).filter((t: any) => t.realm === S.FABRIKAM).map((t: any) => String(t.target).toLowerCase());
  const base = (url: string) => url.toLowerCase().replace(/\/$/, '');
  expect(targets.some((t) => t.startsWith(base(r.Graph)))).toBe(true);
  expect(targets.some((t) => t.startsWith(base(r.Arm)))).toBe(true);
  expect(r.Bad.Id).toBe('UnknownResourceType,MyAccount.Commands.ConnectMyAccountCommand');
  expect(r.Bad.Category).toBe('InvalidArgument');
  expect(r.Bad.Message).toContain('MicrosoftGraphEndpointResourceId');
  expect(r.Names).not.toContain('never');
});
