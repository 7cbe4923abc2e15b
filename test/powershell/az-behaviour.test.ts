/**
 * Errors, streams and help as Az.Accounts writes them, in real pwsh against the local cloud:
 * "not found" is a non-terminating error (-ErrorAction and -ErrorVariable apply), everything
 * else terminates; error records carry the id, category, target value and recommended action;
 * the device code is on the Information stream, tagged; -Debug and -Verbose work under
 * -NonInteractive; -WhatIf names objects; help shows aliases, defaults and inputs; validation
 * happens before node starts.
 */
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { runPwsh, spawnPwsh } from '../helpers/pwsh.js';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ settings: { deviceCodeIntervalSeconds: 1 } });
  await ps(`${SP} -ContextName ci -WarningAction SilentlyContinue | Out-Null`);
});
afterAll(async () => {
  await cloud?.dispose();
});

const SP = `Connect-MyAccount -ServicePrincipal -Credential ([pscredential]::new('${S.CI_SECRET_APP.appId}', (ConvertTo-SecureString '${S.CI_SECRET_APP.secret}' -AsPlainText -Force))) -Tenant ${S.CONTOSO} -Environment LocalCloud`;

async function ps(script: string, env: Record<string, string | undefined> = {}): Promise<any> {
  const r = await runPwsh(cloud, script, { env });
  if (r.code !== 0) throw new Error(`pwsh failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r.result;
}

describe('errors', () => {
  test('not found is non-terminating: -ErrorAction SilentlyContinue goes on, -ErrorVariable collects the record with id, category, target value and fix', async () => {
    const result = await ps(`
$ErrorActionPreference = 'Continue'
$got = Select-MyContext -Name nope -ErrorAction SilentlyContinue -ErrorVariable failures
$after = 'went on'
$record = $failures[0]
$ignored = Get-MyContext -Name nope -ErrorAction Ignore
[ordered]@{
    Got = $got; After = $after; Count = $failures.Count; Ignored = $ignored
    Id = $record.FullyQualifiedErrorId; Category = $record.CategoryInfo.Category.ToString()
    Target = $record.TargetObject; Action = $record.ErrorDetails.RecommendedAction; Message = $record.Exception.Message
} | Out-Result
`);
    expect(result).toMatchObject({ Got: null, After: 'went on', Count: 1, Ignored: null, Category: 'ObjectNotFound', Target: 'nope' });
    expect(result.Id).toMatch(/^[A-Za-z]+,MyAccount\.Commands\.SelectMyContextCommand$/);
    expect(result.Action).toMatch(/^Run Get-MyContext -ListAvailable/);
    expect(result.Message).toContain('"nope"');
  });

  test('not found with -ErrorAction Stop throws; invalid input and sign-in failures stay terminating under SilentlyContinue', async () => {
    const result = await ps(`
$ErrorActionPreference = 'Continue'
try { Select-MyContext -Name nope -ErrorAction Stop; $stop = 'not stopped' } catch { $stop = $_.FullyQualifiedErrorId }
try { Remove-MyContext -Name ci -Confirm:$false -ErrorAction SilentlyContinue; $invalid = 'went on' } catch { $invalid = [ordered]@{ Id = $_.FullyQualifiedErrorId; Category = $_.CategoryInfo.Category.ToString(); Target = $_.TargetObject } }
$bad = [pscredential]::new('${S.CI_SECRET_APP.appId}', (ConvertTo-SecureString 'wrong-secret' -AsPlainText -Force))
try { Connect-MyAccount -ServicePrincipal -Credential $bad -Tenant ${S.CONTOSO} -Environment LocalCloud -ErrorAction SilentlyContinue -WarningAction SilentlyContinue; $signIn = 'went on' } catch { $signIn = $_.CategoryInfo.Category.ToString() }
[ordered]@{ Stop = $stop; Invalid = $invalid; SignIn = $signIn } | Out-Result
`);
    expect(result.Stop).toMatch(/,MyAccount\.Commands\.SelectMyContextCommand$/);
    expect(result.Invalid).toMatchObject({ Id: 'DefaultContextRemoval,MyAccount.Commands.RemoveMyContextCommand', Category: 'InvalidArgument', Target: 'ci' });
    expect(result.SignIn).not.toBe('went on');
  });
});

describe('streams', () => {
  test('-Debug and -Verbose work under pwsh -NonInteractive, with $DebugPreference Inquire too', async () => {
    const result = await ps(`
$ErrorActionPreference = 'Stop'
$debug = ${SP} -Debug -WarningAction SilentlyContinue 5>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }
$verbose = Get-MyAccessToken -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
$DebugPreference = 'Inquire'; $VerbosePreference = 'Inquire'
$inquire = ${SP} -WarningAction SilentlyContinue 5>&1 4>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] -or $_ -is [System.Management.Automation.VerboseRecord] }
[ordered]@{ Debug = @($debug).Count; Verbose = @($verbose).Count; Inquire = @($inquire).Count } | Out-Result
`);
    expect(result.Debug).toBeGreaterThan(0);
    expect(result.Verbose).toBeGreaterThan(0);
    expect(result.Inquire).toBeGreaterThan(0);
  });

  test('a device-code sign-in with -InformationAction Ignore fails at once, before node starts', async () => {
    const result = await ps(`
$clock = [System.Diagnostics.Stopwatch]::StartNew()
try { Connect-MyAccount -UseDeviceAuthentication -Environment LocalCloud -InformationAction Ignore; $r = 'no error' } catch { $r = [ordered]@{ Id = $_.FullyQualifiedErrorId; Category = $_.CategoryInfo.Category.ToString(); Message = $_.Exception.Message } }
$r.Ms = $clock.ElapsedMilliseconds
$r | Out-Result
`);
    expect(result.Id).toBe('DeviceCodeInformationIgnored,MyAccount.Commands.ConnectMyAccountCommand');
    expect(result.Category).toBe('InvalidOperation');
    expect(result.Message).toMatch(/InformationAction/);
    expect(result.Ms).toBeLessThan(2000);
  });
});

describe('-WhatIf', () => {
  test('targets name the object: the context, the account, the environment', async () => {
    // What if: lines go to the host, here pwsh's stdout.
    const r = await runPwsh(
      cloud,
      `
Remove-MyContext -Name ci -WhatIf
Disconnect-MyAccount -WhatIf
Rename-MyContext -SourceName ci -TargetName other -WhatIf
Remove-MyEnvironment -Name Nowhere -WhatIf
`,
    );
    expect(r.code).toBe(0);
    const result = r.stdout.split('\n').filter((l) => l.startsWith('What if:'));
    expect(result).toHaveLength(4);
    expect(result[0]).toMatch(/"Remove" on target "ci"/);
    expect(result[1]).toMatch(new RegExp(`on target "${S.CI_SECRET_APP.appId}`));
    expect(result[2]).toMatch(/target "ci"/);
    expect(result[3]).toMatch(/target "Nowhere"/);
    for (const line of result) expect(line).not.toMatch(/target "[a-z]+-[a-z]+"/);
  });
});

describe('Get-MyAccessToken', () => {
  test('-AsSecureString is accepted and changes nothing: Token stays a SecureString', async () => {
    const result = await ps(`
$token = Get-MyAccessToken -AsSecureString
$plain = Get-MyAccessToken -AsSecureString -AsPlainText
[ordered]@{ Secure = $token.Token -is [securestring]; Plain = $plain.Token -is [string] } | Out-Result
`);
    expect(result).toEqual({ Secure: true, Plain: true });
  });
});

describe('help and validation', () => {
  test('help shows aliases, the schema default, and inputs; bad values fail before node starts', async () => {
    const result = await ps(`
$help = Get-Help Connect-MyAccount -Full
$max = $help.parameters.parameter | Where-Object name -eq MaxContextPopulation
$tenant = ($help.parameters.parameter | Where-Object name -eq Tenant).description | Out-String
$inputs = (Get-Help Set-MyContext -Full).inputTypes.inputType.type.name
$env:MYACCOUNT_NODE = '/nonexistent/node'
try { Connect-MyAccount -MaxContextPopulation -5; $range = 'no error' } catch { $range = $_.FullyQualifiedErrorId }
try { Get-MySubscription -SubscriptionId 'not-a-guid'; $pattern = 'no error' } catch { $pattern = $_.FullyQualifiedErrorId }
[ordered]@{ Default = "$($max.defaultValue)"; Aliases = $tenant; MaxText = ($max.description | Out-String); Inputs = "$inputs"; Range = $range; Pattern = $pattern } | Out-Result
`);
    expect(result.Default).toBe('25');
    expect(result.Aliases).toMatch(/Aliases: Domain, TenantId/);
    expect(result.MaxText).toMatch(/Default: 25/);
    expect(result.Inputs).toMatch(/MyAccount\.Context|String/);
    // A parameter binding error, not "node not found": the value never reached the CLI.
    expect(result.Range).toMatch(/^ParameterArgumentValidationError,MyAccount.Commands.ConnectMyAccountCommand$/);
    expect(result.Pattern).toMatch(/^ParameterArgumentValidationError,MyAccount.Commands.GetMySubscriptionCommand$/);
  });
});

describe('pipelines, as in Az', () => {
  test('contexts, subscriptions and tenants bind to Select/Rename/Remove/Set-MyContext from the pipeline', async () => {
    const result = await ps(`
$null = ${SP} -ContextName one -Subscription ${S.SUBSCRIPTIONS.production} -WarningAction SilentlyContinue
$null = ${SP} -ContextName two -Subscription ${S.SUBSCRIPTIONS.development} -WarningAction SilentlyContinue
$selected = Get-MyContext -ListAvailable | Where-Object Name -eq 'one' | Select-MyContext
$renamed = Get-MyContext -ListAvailable | Where-Object Name -eq 'two' | Rename-MyContext -TargetName 'three' -PassThru -Confirm:$false
$set = Get-MyContext -Name three | Set-MyContext
$subscription = Get-MySubscription -SubscriptionId ${S.SUBSCRIPTIONS.production}
$bySubscription = $subscription | Set-MyContext
$tenant = Get-MyTenant -TenantId ${S.CONTOSO}
$byTenant = $tenant | Set-MyContext
$removed = Get-MyContext -ListAvailable | Where-Object Name -eq 'three' | Remove-MyContext -PassThru -Force -Confirm:$false
[ordered]@{
    Selected = $selected.Name; Default = (Get-MyContext).Name -ne $null
    Renamed = $renamed.Name; Set = $set.Name; SetDefault = $set.IsDefault
    BySubscription = $bySubscription.Subscription.Id; ByTenant = $byTenant.Tenant.Id
    Removed = $removed.Name; Left = @(Get-MyContext -ListAvailable | ForEach-Object Name)
    Sets = @((Get-Command Set-MyContext).ParameterSets.Name)
} | Out-Result
`);
    expect(result).toMatchObject({ Selected: 'one', Renamed: 'three', Set: 'three', SetDefault: true, BySubscription: S.SUBSCRIPTIONS.production, ByTenant: S.CONTOSO, Removed: 'three' });
    expect(result.Left).not.toContain('three');
    expect(result.Sets).toEqual(expect.arrayContaining(['Context', 'SubscriptionObject', 'TenantObject', 'Subscription', 'TenantNameOnly']));
  });

  test('a piped object that is not found is a non-terminating error and the pipeline goes on', async () => {
    const result = await ps(`
$ErrorActionPreference = 'Continue'
$ghost = [pscustomobject]@{ Name = 'ghost' }; $ghost.PSObject.TypeNames.Insert(0, 'MyAccount.Context')
$real = Get-MyContext -Name ci
$out = @($ghost, $real) | Select-MyContext -ErrorVariable failures -ErrorAction SilentlyContinue
[ordered]@{ Out = @($out | ForEach-Object Name); Failed = @($failures | ForEach-Object TargetObject) } | Out-Result
`);
    expect(result).toEqual({ Out: ['ci'], Failed: ['ghost'] });
  });
});

describe('a session without a desktop', () => {
  test('in a PowerShell remoting session ($PSSenderInfo) connect signs in by device code and says why, even with a display', async () => {
    // $PSSenderInfo is what a remoting session defines; a real one needs a remoting endpoint
    // (WinRM, or SSH with a PowerShell subsystem) this machine does not have.
    const run = spawnPwsh(
      cloud,
      `$global:PSSenderInfo = [pscustomobject]@{ ConnectedUser = 'CONTOSO\\alice' }
$result = Connect-MyAccount -Environment LocalCloud -Tenant contoso.example -WarningVariable warned -WarningAction SilentlyContinue
[ordered]@{ Flow = $result.Flow; Warnings = @($warned | ForEach-Object Message | Where-Object { $_ -notmatch 'secure store' }) } | Out-Result`,
      { env: { DISPLAY: ':0' } },
    );
    const shown = await run.waitFor(/\[Login to Azure\] [^\n]*enter the code (\S+) to authenticate/);
    cloud.emu.approveDeviceCode(shown[1], S.ALICE.username);
    const r = await run.done;
    expect(r.code).toBe(0);
    expect(r.result.Flow).toBe('DeviceCode');
    expect(r.result.Warnings).toEqual([expect.stringMatching(/^No browser can be opened here \(this is a PowerShell remoting session, which has no desktop to show a browser on\), so sign-in uses a device code\. Add -UseDeviceAuthentication/)]);
  });
});

describe('device code on the Information stream', () => {
  test('tagged MyAccount/DeviceCode with its prefix, in -InformationVariable, and shown on the host when the output is assigned', async () => {
    const run = spawnPwsh(
      cloud,
      `$result = Connect-MyAccount -UseDeviceAuthentication -Environment LocalCloud -Tenant contoso.example -InformationVariable info -WarningAction SilentlyContinue
$record = $info | Where-Object { $_.Tags -contains 'DeviceCode' } | Select-Object -First 1
[ordered]@{ Tags = @($record.Tags); Message = "$($record.MessageData)"; Result = [bool]$result } | Out-Result`,
    );
    // On pwsh's host (stdout) although $result takes the output.
    const shown = await run.waitFor(/\[Login to Azure\] [^\n]*enter the code (\S+) to authenticate/);
    cloud.emu.approveDeviceCode(shown[1], S.ALICE.username);
    const r = await run.done;
    expect(r.result.Tags).toEqual(expect.arrayContaining(['MyAccount', 'DeviceCode']));
    expect(r.result.Message).toMatch(/^\[Login to Azure\] .*enter the code/);
    expect(r.result.Result).toBe(true);
  });
});
