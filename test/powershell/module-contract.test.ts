/**
 * The generated module as PowerShell 7 sees it: it imports cleanly, exports one cmdlet per
 * command, and each cmdlet's parameters, parameter sets, aliases, ValidateSets, help, output
 * type and ShouldProcess support are what the registry declares. Read through Get-Command and
 * Get-Help in real pwsh, not by reading the generated text.
 */
import { commands } from '../../src/commands/index.js';
import { tempConfigDir } from '../helpers/cli.js';
import { spawnSync } from 'node:child_process';
import { OBJECT_SETS } from '../../scripts/generate/pipelines.js';
import { REPO } from '../helpers/cli.js';
import { MODULE_ROOT, runPwsh } from '../helpers/pwsh.js';

const cmdlets = commands.filter((c) => c.cmdlet);
const state = tempConfigDir();
const target = { configDir: state.dir, env: {} };
let described: Record<string, any>;

afterAll(() => state.cleanup());

beforeAll(async () => {
  // One pwsh for every cmdlet's description: starting pwsh is the slow part.
  const r = await runPwsh(
    target,
    `
$all = [ordered]@{}
foreach ($command in Get-Command -Module MyAccount -CommandType Cmdlet) {
    $help = Get-Help $command.Name -Full
    $all[$command.Name] = [ordered]@{
        DefaultSet = $command.DefaultParameterSet
        Sets = @($command.ParameterSets | ForEach-Object {
            [ordered]@{ Name = $_.Name; Parameters = @($_.Parameters | ForEach-Object { [ordered]@{ Name = $_.Name; Mandatory = $_.IsMandatory; Position = $_.Position } }) }
        })
        Parameters = [ordered]@{}
        OutputType = @($command.OutputType | ForEach-Object Name)
        Synopsis = $help.Synopsis
        Description = ($help.description | Out-String).Trim()
        Examples = @($help.examples.example | ForEach-Object { $_.code })
        ParameterHelp = [ordered]@{}
    }
    foreach ($p in $command.Parameters.Values) {
        $set = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
        $all[$command.Name].Parameters[$p.Name] = [ordered]@{
            Type = $p.ParameterType.FullName
            Aliases = @($p.Aliases)
            ValidateSet = if ($set) { @($set.ValidValues) } else { $null }
        }
    }
    foreach ($p in @($help.parameters.parameter)) { if ($p) { $all[$command.Name].ParameterHelp[$p.name] = ($p.description | Out-String).Trim() } }
}
[ordered]@{
    Version = $PSVersionTable.PSVersion.ToString()
    Aliases = @(Get-Command -Module MyAccount -CommandType Alias | ForEach-Object { [ordered]@{ Name = $_.Name; Target = $_.ResolvedCommandName } })
    Commands = $all
} | Out-Result
`,
  );
  if (r.code !== 0) throw new Error(`pwsh failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  described = r.result;
});

test('it is real PowerShell 7 and the module exports exactly one cmdlet per command', () => {
  expect(Number(described.Version.split('.')[0])).toBeGreaterThanOrEqual(7);
  expect(Object.keys(described.Commands).sort()).toEqual(cmdlets.map((c) => c.cmdlet).sort());
  const aliases = Object.fromEntries(described.Aliases.map((a: any) => [a.Name, a.Target]));
  for (const c of cmdlets) for (const alias of c.cmdletAliases ?? []) expect(aliases[alias]).toBe(c.cmdlet);
});

describe.each(cmdlets.map((c) => [c.cmdlet!, c] as const))('%s', (name, def) => {
  const psParams = Object.entries(def.input.properties).filter(([, s]) => !s['x-ps']?.cliOnly);

  test('has the parameters, aliases and ValidateSets the registry declares, with help for each', () => {
    const d = described.Commands[name];
    for (const [param, schema] of psParams) {
      const got = d.Parameters[param];
      expect({ param, present: !!got }).toEqual({ param, present: true });
      for (const alias of schema['x-ps']?.aliases ?? []) expect(got.Aliases).toContain(alias);
      if (schema.enum) expect(got.ValidateSet).toEqual(schema.enum.map(String));
      if (schema['x-ps']?.secret) expect(got.Type).toMatch(/SecureString|PSCredential/);
      expect(d.ParameterHelp[param]?.length ?? 0).toBeGreaterThan(0);
    }
  });

  test('has the parameter sets the registry declares, and mandatory parameters where it says', () => {
    const d = described.Commands[name];
    // The registry's sets, plus the object sets the generator adds for Az's pipelines (scripts/generate/pipelines.ts).
    const declared = new Set([...psParams.flatMap(([, s]) => s['x-ps']?.sets ?? []), ...(OBJECT_SETS[def.name]?.objects.map((o) => o.set) ?? []), ...(OBJECT_SETS[def.name]?.byName ? [OBJECT_SETS[def.name].byName!.set] : [])]);
    const sets = d.Sets.map((s: any) => s.Name);
    if (declared.size) expect(sets.sort()).toEqual([...declared].sort());
    for (const [param, schema] of psParams) {
      const mandatory = schema['x-ps']?.mandatory;
      if (!mandatory) continue;
      for (const set of d.Sets) {
        const entry = set.Parameters.find((p: any) => p.Name === param);
        if (!entry) continue;
        const expected = mandatory === true || mandatory.includes(set.Name);
        expect({ param, set: set.Name, mandatory: entry.Mandatory }).toEqual({ param, set: set.Name, mandatory: expected });
      }
    }
  });

  test('declares its output type and has a synopsis and runnable examples in Get-Help', () => {
    const d = described.Commands[name];
    expect(d.OutputType).toContain(def.outputType);
    expect(d.Synopsis).toBe(def.summary);
    expect(d.Examples.length).toBe(def.examples.length);
    for (const e of def.examples) expect(d.Examples).toContain(e.powershell);
  });

  test('help speaks PowerShell: parameters, not CLI flags; errors, not exit codes', () => {
    const d = described.Commands[name];
    for (const text of [d.Synopsis, d.Description, ...Object.values(d.ParameterHelp)] as string[]) {
      expect(text).not.toMatch(/(^|[\s(])--[a-z]/);
      expect(text).not.toMatch(/exit code \d/);
    }
  });

  test(def.confirmImpact ? 'supports -WhatIf and -Confirm' : 'has no -WhatIf (it changes nothing that needs confirming)', () => {
    const d = described.Commands[name];
    expect('WhatIf' in d.Parameters).toBe(!!def.confirmImpact);
    expect('Confirm' in d.Parameters).toBe(!!def.confirmImpact);
  });
});

test("the helper's JSON reader makes the objects ConvertFrom-Json makes (dates, numbers, arrays, nesting)", async () => {
  const r = await runPwsh(
    target,
    `
$json = '{"utc":"2026-12-01T02:00:00Z","offset":"2026-12-01T02:00:00.1234567+01:00","local":"2026-12-01T02:00:00","dateOnly":"2026-12-01","text":"due 2026-12-01T02:00:00Z","int":42,"big":12345678901234567890123,"neg":-7,"float":1.5,"exp":1e3,"list":[1,"x",null,true],"empty":[],"nested":{"ok":false,"none":null}}'
$reader = [MyAccount.Helper.Cli].Assembly.GetType('MyAccount.Helper.JsonOutput')
$document = [System.Text.Json.JsonDocument]::Parse($json)
$ours = $reader.GetMethod('ToObject').Invoke($null, @($document.RootElement))
$theirs = $json | ConvertFrom-Json
function Describe($value) {
    if ($null -eq $value) { return 'null' }
    if ($value -is [array]) { return '[' + (($value | ForEach-Object { Describe $_ }) -join ',') + ']' }
    if ($value -is [psobject] -and $value.PSObject.BaseObject -is [System.Management.Automation.PSCustomObject]) {
        return '{' + (($value.PSObject.Properties | ForEach-Object { $_.Name + '=' + (Describe $_.Value) }) -join ';') + '}'
    }
    $text = if ($value -is [datetime]) { $value.ToString('o') + '/' + $value.Kind } else { [string]$value }
    $value.GetType().Name + ':' + $text
}
[ordered]@{ Ours = (Describe $ours); Theirs = (Describe $theirs) } | Out-Result
`,
  );
  expect(r.stderr).toBe('');
  expect(r.result.Ours).toContain('utc=DateTime:');
  expect(r.result.Ours).toBe(r.result.Theirs);
});

test('the views show control characters in names as escapes, and leave the objects exact', async () => {
  // A subscription name from ARM holding terminal escapes, in the module's own table and list views.
  const r = await runPwsh(
    target,
    `
$name = "Prod$([char]27)[31mRED$([char]7)$([char]0x202e)"
$context = [pscustomobject]@{ Name = 'ctx'; Account = [pscustomobject]@{ Id = 'alice@contoso.example' }; Subscription = [pscustomobject]@{ Name = $name; Id = 's1' }; Environment = [pscustomobject]@{ Name = 'AzureCloud' }; Tenant = [pscustomobject]@{ Id = 't1' } }
$context.PSObject.TypeNames.Insert(0, 'MyAccount.Context')
[ordered]@{ Table = ($context | Format-Table | Out-String -Width 300); List = ($context | Format-List | Out-String -Width 300); Exact = ($context.Subscription.Name -eq $name) } | Out-Result
`,
  );
  expect(r.stderr).toBe('');
  for (const view of [r.result.Table, r.result.List]) {
    expect(view).toContain('Prod\\x1b[31mRED\\x07\\u202e');
    expect(view).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e]/);
  }
  expect(r.result.Exact).toBe(true);
});

test("the CLI's words in messages become PowerShell's: cmdlets, parameters, $true", async () => {
  const r = await runPwsh(
    target,
    `
$cli = [MyAccount.Helper.Cli]::Current
@(
    $cli.ToCmdletText('Run myaccount connect --tenant contoso.example first.')
    $cli.ToCmdletText('allow it: myaccount update-config --allow-plaintext-token-cache true')
    $cli.ToCmdletText('set-context needs --subscription or --tenant; --no-such-flag stays; myaccount emulator start stays.')
) | Out-Result
`,
  );
  expect(r.result).toEqual([
    'Run Connect-MyAccount -Tenant contoso.example first.',
    'allow it: Update-MyConfig -AllowPlaintextTokenCache $true',
    'Set-MyContext needs -Subscription or -Tenant; --no-such-flag stays; myaccount emulator start stays.',
  ]);
});

describe('found by name', () => {
  test('with module/ on PSModulePath, a new pwsh lists the cmdlets and autoloads the module on Get-MyContext (no Import-Module)', async () => {
    const r = await runPwsh(
      target,
      `
$env:PSModulePath = '${MODULE_ROOT.replace(/'/g, "''")}' + [System.IO.Path]::PathSeparator + $env:PSModulePath
$loadedBefore = [bool](Get-Module MyAccount)
$context = Get-MyContext
$module = Get-Module MyAccount
$listed = @(Get-Command -Module MyAccount -CommandType Cmdlet | ForEach-Object Name)
[ordered]@{ Listed = $listed; LoadedBefore = $loadedBefore; Loaded = [bool]$module; Path = $module.Path; Context = $context; Generator = $module.PrivateData.Generator } | Out-Result
`,
      { importModule: false },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.result.Listed.sort()).toEqual(cmdlets.map((c) => c.cmdlet).sort());
    expect(r.result.LoadedBefore).toBe(false);
    // Autoloaded, from the repository's module/MyAccount, and it found the CLI (no account yet: no context, no error).
    expect(r.result.Loaded).toBe(true);
    expect(r.result.Path).toBe(`${MODULE_ROOT}/MyAccount/MyAccount.Helper.dll`);
    expect(r.result.Context).toBeNull();
    expect(r.result.Generator.Version).toBe(require('../../package.json').version);
    expect(r.result.Generator.RegistrySha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('the npm package carries module/MyAccount/ and the CLI it finds at ../../bin', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const files = (JSON.parse(r.stdout)[0].files as { path: string }[]).map((f) => f.path);
    for (const f of ['module/MyAccount/MyAccount.psd1', 'module/MyAccount/MyAccount.Helper.dll', 'module/MyAccount/MyAccount.Helper.dll-Help.xml', 'module/MyAccount/MyAccount.format.ps1xml', 'bin/myaccount.js']) expect(files).toContain(f);
    // The helper's PowerShell is embedded in the DLL and its C# compiled there; the package needs neither source.
    expect(files.filter((f) => f.startsWith('module/') && !f.startsWith('module/MyAccount/'))).toEqual([]);
  });
});
