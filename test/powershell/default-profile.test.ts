/**
 * Az's -DefaultProfile (aliases AzContext, AzureRmContext, AzureCredential) in real PowerShell:
 * a context object or a context name runs one call as that context, and the default context
 * stays as it was. Anything else is refused before the CLI runs.
 */
import { commands } from '../../src/commands/index.js';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { defaultProfileTarget } from '../../scripts/generate/module.js';
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

test('Get-MyAccessToken -DefaultProfile (Get-MyContext -Name other) gives that context\'s tenant; the default is unchanged', async () => {
  const r = await runPwsh(
    cloud,
    `
Connect-MyAccount -Credential ${BOB_CREDENTIAL} -Tenant ${S.FABRIKAM} -Environment LocalCloud -ContextName other -WarningAction SilentlyContinue | Out-Null
Connect-MyAccount -ServicePrincipal -Credential ${SP_CREDENTIAL} -Tenant ${S.CONTOSO} -Environment LocalCloud -ContextName ci -WarningAction SilentlyContinue | Out-Null
$other = Get-MyContext -Name other
$byObject = Get-MyAccessToken -DefaultProfile $other
$byName = Get-MyAccessToken -AzContext other
$tenants = @(Get-MyTenant -AzureRmContext $other | ForEach-Object Id)
$subscriptions = @(Get-MySubscription -AzureCredential other | ForEach-Object TenantId | Sort-Object -Unique)
$default = Get-MyAccessToken
try { Get-MyAccessToken -DefaultProfile 42 | Out-Null; $bad = 'accepted' } catch { $bad = [ordered]@{ Id = $_.FullyQualifiedErrorId; Category = $_.CategoryInfo.Category.ToString(); Exception = $_.Exception.GetType().Name; Message = $_.Exception.Message } }
try { Get-MyAccessToken -DefaultProfile other -ContextName ci | Out-Null; $both = 'accepted' } catch { $both = $_.FullyQualifiedErrorId }
[ordered]@{
    ByObject = $byObject.TenantId
    ByObjectUser = $byObject.UserId
    ByName = $byName.TenantId
    Tenants = $tenants
    Subscriptions = $subscriptions
    Default = $default.TenantId
    Current = (Get-MyContext).Name
    Bad = $bad
    Both = $both
} | Out-Result
`,
  );
  if (r.code !== 0) throw new Error(`pwsh exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  expect(r.result.ByObject).toBe(S.FABRIKAM);
  expect(r.result.ByObjectUser).toBe(S.BOB.username);
  expect(r.result.ByName).toBe(S.FABRIKAM);
  expect(r.result.Tenants).toEqual([S.FABRIKAM]);
  expect(r.result.Subscriptions).toEqual([S.FABRIKAM]);
  expect(r.result.Default).toBe(S.CONTOSO);
  expect(r.result.Current).toBe('ci');
  expect(r.result.Bad).toMatchObject({ Id: 'InvalidDefaultProfile,MyAccount.Commands.GetMyAccessTokenCommand', Category: 'InvalidArgument', Exception: 'ArgumentException' });
  expect(r.result.Bad.Message).toContain('-DefaultProfile takes a context from Get-MyContext or a context name');
  expect(r.result.Both).toBe('InvalidDefaultProfile,MyAccount.Commands.GetMyAccessTokenCommand');
});

test('every cmdlet that acts for a context has -DefaultProfile with Az\'s aliases and help', async () => {
  const cmdlets = commands.filter((c) => c.cmdlet && defaultProfileTarget(c)).map((c) => c.cmdlet!);
  expect(cmdlets).toEqual(expect.arrayContaining(['Get-MyAccessToken', 'Get-MySubscription', 'Get-MyTenant', 'Invoke-MyRestMethod', 'Disconnect-MyAccount']));
  const r = await runPwsh(
    cloud,
    `@(${cmdlets.map((c) => `'${c}'`).join(', ')}) | ForEach-Object {
    $p = (Get-Command $_).Parameters['DefaultProfile']
    [ordered]@{ Name = $_; Type = $p.ParameterType.FullName; Aliases = @($p.Aliases); Help = ((Get-Help $_ -Parameter DefaultProfile).description | Out-String).Trim() }
} | Out-Result`,
  );
  expect(r.code).toBe(0);
  for (const row of [r.result].flat()) {
    expect(row).toMatchObject({ Type: 'System.Management.Automation.PSObject', Aliases: ['AzContext', 'AzureRmContext', 'AzureCredential'] });
    expect(row.Help).toContain('never changes the default context');
  }
});
