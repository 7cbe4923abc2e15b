/**
 * Every cmdlet in real PowerShell 7 against the local cloud: sign-in by device code (the code
 * shown on the host even when the output is assigned) and as a service principal, tokens as
 * SecureStrings, contexts, settings, environments, error records, -WhatIf, and Process versus
 * CurrentUser scope.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../../src/commands/index.js';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { runPwsh, spawnPwsh } from '../helpers/pwsh.js';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ settings: { deviceCodeIntervalSeconds: 1 } });
});
afterAll(async () => {
  await cloud?.dispose();
});

/** Every cmdlet parameter the registry gives an argument completer. */
const completions = commands.filter((c) => c.cmdlet).flatMap((c) => Object.entries(c.input.properties).filter(([, p]) => p['x-ps']?.completer && !p['x-ps'].cliOnly).map(([name]) => [c.cmdlet!, name] as const));

const SP_CREDENTIAL = `([pscredential]::new('${S.CI_SECRET_APP.appId}', (ConvertTo-SecureString '${S.CI_SECRET_APP.secret}' -AsPlainText -Force)))`;

/** Runs a script and fails with everything pwsh printed when it did not succeed. */
async function ps(script: string, env: Record<string, string | undefined> = {}): Promise<any> {
  const r = await runPwsh(cloud, script, { env });
  if (r.code !== 0) throw new Error(`pwsh exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r.result;
}

describe('Connect-MyAccount', () => {
  test('-UseDeviceAuthentication: the code reaches the host while the output is assigned, and the result is a typed profile', async () => {
    const run = spawnPwsh(
      cloud,
      `
$result = Connect-MyAccount -UseDeviceAuthentication -Environment LocalCloud -Tenant contoso.example
[ordered]@{
    Type = $result.PSObject.TypeNames[0]
    Flow = $result.Flow
    Account = $result.Context.Account.Id
    Subscription = $result.Context.Subscription.Id
    Table = ($result | Format-Table | Out-String -Width 250).Trim()
} | Out-Result
`,
    );
    const [, code] = await run.waitFor(/enter the code (\S+) to authenticate/);
    cloud.emu.approveDeviceCode(code, S.ALICE.username);
    const r = await run.done;
    expect(r.code).toBe(0);
    expect(r.result).toMatchObject({ Type: 'MyAccount.Profile', Flow: 'DeviceCode', Account: S.ALICE.username, Subscription: S.SUBSCRIPTIONS.production });
    // Az's view of a sign-in: Account, SubscriptionName, TenantId, Environment.
    expect(r.result.Table.split('\n')[0]).toMatch(/^Account\s+SubscriptionName\s+TenantId\s+Environment$/);
    expect(r.result.Table).toContain('Contoso Production');
  });

  test('-ServicePrincipal -Credential -Tenant; then Get-MyAccessToken gives a SecureString, -AsPlainText a string', async () => {
    const result = await ps(`
$connected = Connect-MyAccount -ServicePrincipal -Credential ${SP_CREDENTIAL} -Tenant ${S.CONTOSO} -Environment LocalCloud -ContextName ci -WarningAction SilentlyContinue
$token = Get-MyAccessToken -ContextName ci
$plain = Get-MyAccessToken -ContextName ci -AsPlainText
[ordered]@{
    Account = $connected.Context.Account.Id
    AccountType = $connected.Context.Account.Type
    TokenType = $token.Token.GetType().FullName
    TypeName = $token.PSObject.TypeNames[0]
    Properties = @($token.PSObject.Properties.Name)
    ExpiresOn = $token.ExpiresOn.GetType().FullName
    PlainLength = $plain.Token.Length
    PlainType = $plain.Token.GetType().FullName
    Table = ($token | Format-Table | Out-String -Width 250)
} | Out-Result
`);
    expect(result).toMatchObject({ Account: S.CI_SECRET_APP.appId, AccountType: 'ServicePrincipal', TokenType: 'System.Security.SecureString', TypeName: 'MyAccount.AccessToken', ExpiresOn: 'System.DateTime', PlainType: 'System.String' });
    // Az's shape only: PowerShell cannot hold az's expiresOn beside ExpiresOn.
    expect(result.Properties).toEqual(['Token', 'ExpiresOn', 'TenantId', 'UserId', 'Type']);
    expect(result.PlainLength).toBeGreaterThan(100);
    expect(result.Table).not.toMatch(/eyJ/);
  });

  test('a wrong secret is a terminating error with the sign-in service\'s reason, its category and error id', async () => {
    const result = await ps(`
$bad = [pscredential]::new('${S.CI_SECRET_APP.appId}', (ConvertTo-SecureString 'not-the-secret' -AsPlainText -Force))
try {
    Connect-MyAccount -ServicePrincipal -Credential $bad -Tenant ${S.CONTOSO} -Environment LocalCloud -WarningAction SilentlyContinue
    'no error' | Out-Result
}
catch {
    [ordered]@{ Id = $_.FullyQualifiedErrorId; Category = $_.CategoryInfo.Category.ToString(); Message = $_.Exception.Message; Exception = $_.Exception.GetType().FullName } | Out-Result
}
`);
    expect(result.Id).toMatch(/^[A-Za-z]+,MyAccount\.Commands\.ConnectMyAccountCommand$/);
    expect(result.Category).toBe('AuthenticationError');
    expect(result.Message).toContain('AADSTS7000215');
    expect(result.Message).not.toContain('not-the-secret');
  });
});

describe('contexts, subscriptions and tenants', () => {
  beforeAll(async () => {
    await ps(`Connect-MyAccount -ServicePrincipal -Credential ${SP_CREDENTIAL} -Tenant ${S.CONTOSO} -Environment LocalCloud -WarningAction SilentlyContinue | Out-Null`);
  });

  test('Get-MySubscription and Get-MyTenant read live; Set-MyContext selects by name; Rename-MyContext renames', async () => {
    const result = await ps(`
$subscriptions = Get-MySubscription
$tenant = Get-MyTenant
$set = Set-MyContext -Subscription 'Contoso Development'
Rename-MyContext -SourceName $set.Name -TargetName dev
[ordered]@{
    Subscriptions = @($subscriptions.Id)
    SubscriptionType = $subscriptions[0].PSObject.TypeNames[0]
    Tenant = $tenant.Id
    Selected = $set.Subscription.Name
    Current = (Get-MyContext).Name
    Names = @(Get-MyContext -ListAvailable | ForEach-Object Name)
    Table = (Get-MyContext | Format-Table | Out-String -Width 250).Trim()
    List = (Get-MyContext | Format-List | Out-String -Width 250).Trim()
} | Out-Result
`);
    expect(result.Subscriptions).toEqual([S.SUBSCRIPTIONS.production, S.SUBSCRIPTIONS.development]);
    expect(result.SubscriptionType).toBe('MyAccount.Subscription');
    expect(result.Tenant).toBe(S.CONTOSO);
    expect(result.Selected).toBe('Contoso Development');
    expect(result.Current).toBe('dev');
    expect(result.Names).toContain('dev');
    expect(result.Table.split('\n')[0]).toMatch(/^Name\s+Account\s+SubscriptionName\s+Environment\s+TenantId/);
    // Format-List shows what the nested objects hold, not @{Id=...}.
    expect(result.List).toMatch(new RegExp(`^Account\\s+: ${S.CI_SECRET_APP.appId}$`, 'm'));
    expect(result.List).toMatch(/^SubscriptionName\s+: Contoso Development$/m);
    expect(result.List).not.toContain('@{');
  });

  test('Tab completes environments, contexts, subscriptions and tenants, quoting names with spaces', async () => {
    const result = await ps(`
function Complete([string] $line) { @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText) }
[ordered]@{
    Environment = Complete 'Connect-MyAccount -Environment Lo'
    Subscription = Complete 'Set-MyContext -Subscription Contoso'
    SubscriptionId = Complete 'Set-MyContext -Subscription 2222'
    Tenant = Complete 'Get-MyAccessToken -TenantId aaaa'
    Wildcard = Complete 'Set-MyContext -Subscription *Product'
    HalfPattern = @(Complete 'Set-MyContext -Subscription [Con').Count
    Every = [ordered]@{ ${completions.map(([cmdlet, param]) => `'${cmdlet} -${param}' = @(Complete '${cmdlet} -${param} ').Count`).join('; ')} }
} | Out-Result
`);
    expect(result.Environment).toEqual('LocalCloud');
    expect(result.Subscription).toEqual(expect.arrayContaining(["'Contoso Production'", "'Contoso Development'"]));
    expect(result.SubscriptionId).toEqual(S.SUBSCRIPTIONS.development);
    expect(result.Tenant).toEqual(S.CONTOSO);
    // What was typed is a wildcard pattern, as with -like; a half-typed one offers nothing and fails nothing.
    expect(result.Wildcard).toEqual("'Contoso Production'");
    expect(result.HalfPattern).toBe(0);
    // Every parameter the registry gives a completer completes something here.
    for (const [name, count] of Object.entries(result.Every)) expect({ name, some: (count as number) > 0 }).toEqual({ name, some: true });
  });

  test('a subscription that does not exist: ObjectNotFound, and nothing changes', async () => {
    const result = await ps(`
$before = (Get-MyContext).Name
try { Set-MyContext -Subscription 'No Such Subscription'; 'no error' | Out-Result }
catch { [ordered]@{ Category = $_.CategoryInfo.Category.ToString(); Id = $_.FullyQualifiedErrorId; Message = $_.Exception.Message; Same = ((Get-MyContext).Name -eq $before) } | Out-Result }
`);
    expect(result).toMatchObject({ Category: 'ObjectNotFound', Same: true });
    expect(result.Id).toMatch(/^SubscriptionNameNotFound,MyAccount.Commands.SetMyContextCommand$/);
    expect(result.Message).toContain('No Such Subscription');
  });

  test('without Node.js on PATH, or with MYACCOUNT_NODE pointing nowhere, the error says what to install or set', async () => {
    const result = await ps(`
$errors = foreach ($case in @(@{ PATH = '/nonexistent'; MYACCOUNT_NODE = $null }, @{ PATH = $env:PATH; MYACCOUNT_NODE = '/no/such/node' })) {
    $saved = $env:PATH
    $env:PATH = $case.PATH; $env:MYACCOUNT_NODE = $case.MYACCOUNT_NODE
    try { Get-MyContext; 'no error' } catch { [ordered]@{ Id = $_.FullyQualifiedErrorId; Category = $_.CategoryInfo.Category.ToString(); Message = $_.Exception.Message } }
    finally { $env:PATH = $saved; $env:MYACCOUNT_NODE = $null }
}
$errors | Out-Result
`);
    expect(result[0]).toMatchObject({ Id: 'NodeNotFound,MyAccount.Commands.GetMyContextCommand', Category: 'NotInstalled' });
    expect(result[0].Message).toMatch(/Install Node\.js 20\.19 or newer/);
    expect(result[1]).toMatchObject({ Id: 'NodeNotFound,MyAccount.Commands.GetMyContextCommand', Category: 'NotInstalled' });
    expect(result[1].Message).toContain('/no/such/node');
  });

  test('a CLI that dies without an error document: the error says so and carries what it printed', async () => {
    const result = await ps(`
$broken = Join-Path ([System.IO.Path]::GetTempPath()) "broken-node-$PID"
[System.IO.File]::WriteAllText($broken, "#!/bin/sh\`necho 'FATAL ERROR: out of memory' >&2\`nexit 134\`n")
chmod +x $broken
$env:MYACCOUNT_NODE = $broken
try { Get-MyContext; 'no error' | Out-Result }
catch { [ordered]@{ Id = $_.FullyQualifiedErrorId; Message = $_.Exception.Message } | Out-Result }
finally { Remove-Item -LiteralPath $broken; $env:MYACCOUNT_NODE = $null }
`);
    expect(result.Id).toBe('MyAccountFailed,MyAccount.Commands.GetMyContextCommand');
    expect(result.Message).toMatch(/^Get-MyContext failed: the myaccount CLI .* exited with code 134 without an error document\. It said: FATAL ERROR: out of memory$/);
  });

  test('the CLI is told whether a person is at this console (MYACCOUNT_ATTENDED): only then does it wait for the macOS Keychain', async () => {
    // A stand-in for node that says what it was told, as a CLI failing without an error document.
    const script = `
$fake = Join-Path ([System.IO.Path]::GetTempPath()) "attended-node-$PID"
[System.IO.File]::WriteAllText($fake, '#!/bin/sh' + "\`n" + 'echo "attended=$MYACCOUNT_ATTENDED" >&2' + "\`n" + 'exit 1' + "\`n")
chmod +x $fake
$env:MYACCOUNT_NODE = $fake
try { Get-MyContext; 'no error' | Out-Result }
catch { [ordered]@{ Message = $_.Exception.Message } | Out-Result }
finally { Remove-Item -LiteralPath $fake; $env:MYACCOUNT_NODE = $null }
`;
    const scripted = await runPwsh(cloud, script);
    const atConsole = await runPwsh(cloud, script, { terminal: true });
    expect(scripted.result.Message).toMatch(/It said: attended=0$/);
    // On the terminal the result line follows pwsh's escape sequences, so it is found in the text.
    expect(atConsole.stdout).toMatch(/It said: attended=1"\}/);
  });

  test('input the CLI rejects is an ArgumentException with InvalidArgument', async () => {
    const result = await ps(`
try { Get-MyAccessToken -TenantId 'not a tenant!'; 'no error' | Out-Result }
catch { [ordered]@{ Category = $_.CategoryInfo.Category.ToString(); Exception = $_.Exception.GetType().FullName; Message = $_.Exception.Message } | Out-Result }
`);
    expect(result).toMatchObject({ Category: 'InvalidArgument', Exception: 'System.ArgumentException' });
    expect(result.Message).toContain('not a tenant!');
  });

  test('-WhatIf on Remove-MyContext, Clear-MyContext and Disconnect-MyAccount changes nothing; -Confirm:$false removes', async () => {
    const result = await ps(`
$names = @(Get-MyContext -ListAvailable | ForEach-Object Name)
Remove-MyContext -Name $names[0] -WhatIf
Clear-MyContext -WhatIf
Disconnect-MyAccount -WhatIf
$after = @(Get-MyContext -ListAvailable | ForEach-Object Name)
Remove-MyContext -Name $names[0] -Confirm:$false
[ordered]@{ Before = $names; AfterWhatIf = $after; AfterRemove = @(Get-MyContext -ListAvailable | ForEach-Object Name) } | Out-Result
`);
    expect(result.AfterWhatIf).toEqual(result.Before);
    expect(result.AfterRemove).toEqual(result.Before.slice(1));
  });
});

describe('signing out', () => {
  test('Clear-MyContext -Confirm:$false removes every context, and -PassThru says so', async () => {
    await ps(`Connect-MyAccount -ServicePrincipal -Credential ${SP_CREDENTIAL} -Tenant ${S.CONTOSO} -Environment LocalCloud -WarningAction SilentlyContinue | Out-Null`);
    const result = await ps(`
$before = @(Get-MyContext -ListAvailable).Count
$passThru = Clear-MyContext -Confirm:$false -PassThru
[ordered]@{ Before = $before; PassThru = $passThru; After = @(Get-MyContext -ListAvailable).Count } | Out-Result
`);
    expect(result.Before).toBeGreaterThan(0);
    expect(result).toMatchObject({ PassThru: true, After: 0 });
  });

  // A shell script stands in for node to count its starts; Windows has no sh to run it.
  (process.platform === 'win32' ? test.skip : test)('Disconnect-MyAccount starts node once; the account its -WhatIf and -Confirm show is read only for them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'myaccount-node-count-'));
    try {
      const counter = join(dir, 'node');
      writeFileSync(counter, `#!/bin/sh\necho "$2" >> '${join(dir, 'runs')}'\nexec '${process.execPath}' "$@"\n`, { mode: 0o700 });
      const runs = () => (existsSync(join(dir, 'runs')) ? readFileSync(join(dir, 'runs'), 'utf8').trim().split('\n') : []);
      await ps(`Connect-MyAccount -ServicePrincipal -Credential ${SP_CREDENTIAL} -Tenant ${S.CONTOSO} -Environment LocalCloud -WarningAction SilentlyContinue | Out-Null`);
      const whatIf = await runPwsh(cloud, 'Disconnect-MyAccount -WhatIf', { env: { MYACCOUNT_NODE: counter } });
      // -WhatIf names the account (one quiet get-context) and signs nothing out.
      expect(whatIf.stdout).toContain(`on target "${S.CI_SECRET_APP.appId}`);
      expect(runs()).toEqual(['get-context']);
      await ps('Disconnect-MyAccount | Out-Null', { MYACCOUNT_NODE: counter });
      // Without -WhatIf, -Confirm or -Verbose nobody sees the target: only disconnect runs.
      expect(runs()).toEqual(['get-context', 'disconnect']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('Disconnect-MyAccount -All signs every account out: no contexts, and a token needs a new sign-in', async () => {
    await ps(`Connect-MyAccount -ServicePrincipal -Credential ${SP_CREDENTIAL} -Tenant ${S.CONTOSO} -Environment LocalCloud -WarningAction SilentlyContinue | Out-Null`);
    const result = await ps(`
$before = @(Get-MyContext -ListAvailable).Count
Disconnect-MyAccount -All -Confirm:$false | Out-Null
try { Get-MyAccessToken | Out-Null; $token = 'no error' } catch { $token = [ordered]@{ Id = $_.FullyQualifiedErrorId; Category = $_.CategoryInfo.Category.ToString(); Message = $_.Exception.Message } }
[ordered]@{ Before = $before; After = @(Get-MyContext -ListAvailable).Count; Token = $token } | Out-Result
`);
    expect(result.Before).toBeGreaterThan(0);
    expect(result.After).toBe(0);
    expect(result.Token).toMatchObject({ Category: 'AuthenticationError' });
    expect(result.Token.Message).toContain('Connect-MyAccount');
  });
});

describe('scopes', () => {
  test('Update-MyConfig -Scope Process applies to this session only; CurrentUser persists for a new pwsh', async () => {
    const first = await ps(`
Update-MyConfig -EnableLoginByWam $true -Scope Process | Out-Null
$inSession = Get-MyConfig -EnableLoginByWam
Update-MyConfig -LoginExperienceV2 Off | Out-Null
[ordered]@{ Value = $inSession.Value; Scope = $inSession.Scope; Variable = [bool]$env:MYACCOUNT_PROCESS_CONFIG } | Out-Result
`);
    expect(first).toEqual({ Value: true, Scope: 'Process', Variable: true });
    const second = await ps(`
[ordered]@{ Wam = (Get-MyConfig -EnableLoginByWam).Value; Picker = (Get-MyConfig -LoginExperienceV2) | Select-Object Value, Scope } | Out-Result
`);
    expect(second).toEqual({ Wam: false, Picker: { Value: 'Off', Scope: 'CurrentUser' } });
    await ps('Clear-MyConfig -LoginExperienceV2 -Confirm:$false | Out-Null');
  });

  test('Update-MyConfig -EnableLoginByWam $true persists and shows in Get-MyConfig', async () => {
    const result = await ps(`
Update-MyConfig -EnableLoginByWam $true | Out-Null
Get-MyConfig -EnableLoginByWam | Select-Object Key, Value, Scope | Out-Result
`);
    expect(result).toEqual({ Key: 'EnableLoginByWam', Value: true, Scope: 'CurrentUser' });
    const again = await ps('(Get-MyConfig -EnableLoginByWam).Value | Out-Result');
    expect(again).toBe(true);
    await ps('Clear-MyConfig -EnableLoginByWam -Confirm:$false | Out-Null');
  });

  test('Select-MyContext -Scope Process changes the default for this session only', async () => {
    await ps(`Connect-MyAccount -ServicePrincipal -Credential ${SP_CREDENTIAL} -Tenant ${S.CONTOSO} -Environment LocalCloud -ContextName scoped-a -Subscription ${S.SUBSCRIPTIONS.production} -WarningAction SilentlyContinue | Out-Null`);
    await ps(`Connect-MyAccount -ServicePrincipal -Credential ${SP_CREDENTIAL} -Tenant ${S.CONTOSO} -Environment LocalCloud -ContextName scoped-b -Subscription ${S.SUBSCRIPTIONS.development} -WarningAction SilentlyContinue | Out-Null`);
    const inSession = await ps(`
Select-MyContext -Name scoped-a -Scope Process | Out-Null
(Get-MyContext).Name | Out-Result
`);
    expect(inSession).toBe('scoped-a');
    expect(await ps('(Get-MyContext).Name | Out-Result')).toBe('scoped-b');
  });
});

describe('settings and environments', () => {
  test('Export-MyConfig and Import-MyConfig round-trip; environments are added, changed and removed', async () => {
    const result = await ps(`
$file = Join-Path ([System.IO.Path]::GetTempPath()) "myaccount-config-$PID.json"
try {
    Update-MyConfig -TenantConcurrency 3 | Out-Null
    Export-MyConfig -Path $file | Out-Null
    Clear-MyConfig -TenantConcurrency -Confirm:$false | Out-Null
    $cleared = (Get-MyConfig -TenantConcurrency).Value
    Import-MyConfig -Path $file | Out-Null
    $imported = (Get-MyConfig -TenantConcurrency).Value
    Clear-MyConfig -TenantConcurrency -Confirm:$false | Out-Null
}
finally { Remove-Item -LiteralPath $file -ErrorAction Ignore }
try { Add-MyEnvironment -Name Lab -ActiveDirectoryAuthority https://login.lab.example/ -ResourceManagerUrl https://management.lab.example/; $incomplete = 'no error' }
catch { $incomplete = $_.Exception.Message }
$added = Add-MyEnvironment -Name Lab -ActiveDirectoryAuthority https://login.lab.example/ -ResourceManagerUrl https://management.lab.example/ -ActiveDirectoryServiceEndpointResourceId https://management.lab.example/
$changed = Set-MyEnvironment -Name Lab -ResourceManagerUrl https://arm.lab.example/
$listed = @(Get-MyEnvironment | ForEach-Object Name)
Remove-MyEnvironment -Name Lab -Confirm:$false | Out-Null
[ordered]@{
    Incomplete = $incomplete; Cleared = $cleared; Imported = $imported
    Added = $added.Name; Type = $added.PSObject.TypeNames[0]; Changed = $changed.ResourceManagerUrl
    Listed = $listed; After = @(Get-MyEnvironment | ForEach-Object Name)
} | Out-Result
`);
    expect(result).toMatchObject({ Cleared: 8, Imported: 3, Added: 'Lab', Type: 'MyAccount.Environment', Changed: 'https://arm.lab.example/' });
    expect(result.Listed).toEqual(expect.arrayContaining(['AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment', 'LocalCloud', 'Lab']));
    expect(result.After).not.toContain('Lab');
    // The CLI's words for its flags become the parameters' names in PowerShell.
    expect(result.Incomplete).toMatch(/^Add-MyEnvironment needs .* -ARMEndpoint/);
    expect(result.Incomplete).not.toContain('--arm-endpoint');
  });
});
