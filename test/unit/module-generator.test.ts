import { commands } from '../../src/commands/index.js';
import { defineCommand } from '../../src/core/command.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cmdletSource, formatFile, moduleManifest, readModuleHelper, HELPER_PATH } from '../../scripts/generate/module.js';
import { csString, csVerbatim } from '../../scripts/generate/csharp.js';
import { helpFile } from '../../scripts/generate/help.js';
import { psString } from '../../scripts/generate/powershell.js';

const HELPER = readModuleHelper(join(__dirname, '..', '..'));

const hostile = `It's "quoted", $(Remove-Item -Recurse /) and \`backticks\` and #> closes <# comments`;

const nasty = defineCommand<{ Name?: string; Mode?: string }, null>({
  name: 'get-nasty',
  cmdlet: 'Get-MyNasty',
  summary: hostile,
  description: hostile,
  examples: [{ description: hostile, cli: 'myaccount get-nasty', powershell: `Get-MyNasty -Name '#>'` }],
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      Name: { type: 'string', description: hostile, 'x-ps': { aliases: [`Ali'as`] } },
      Mode: { type: 'string', enum: [`it's`, '$(x)', '`n'], description: hostile },
    },
  },
  output: { type: 'null' },
  outputType: `My.'Type`,
  table: [{ header: `Col"<&>`, path: 'Name' }],
  handler: async () => null,
});

describe('the PowerShell module generator', () => {
  test('produces the same bytes every time (no timestamps, stable order)', () => {
    expect(moduleManifest(commands, '1.2.3')).toBe(moduleManifest(commands, '1.2.3'));
    expect(formatFile(commands)).toBe(formatFile(commands));
    expect(cmdletSource(commands, HELPER)).toBe(cmdletSource(commands, HELPER));
    expect(helpFile(commands)).toBe(helpFile(commands));
  });

  test('embeds the helper .ps1 whole in the compiled helper, with the same bytes from a CRLF checkout; the root module is the DLL, with no script', () => {
    // The C# constant is a literal per line; joined back, it is the script.
    const source = cmdletSource(commands, HELPER);
    const start = source.indexOf('public const string HelperScript =');
    const constant = source.slice(start, source.indexOf('";\n', start) + 1);
    // csString escapes as JSON does (\\, \", \uXXXX), so each literal reads back with JSON.parse.
    const lines = [...constant.matchAll(/^ {12}(".*")(?: \+)?$/gm)].map((m) => JSON.parse(m[1]) as string);
    expect(lines.join('')).toBe(HELPER.endsWith('\n') ? HELPER : HELPER + '\n');
    const crlf = mkdtempSync(join(tmpdir(), 'myaccount-helper-'));
    try {
      mkdirSync(join(crlf, 'scripts', 'generate'), { recursive: true });
      writeFileSync(join(crlf, HELPER_PATH), HELPER.replace(/\n/g, '\r\n'));
      expect(cmdletSource(commands, readModuleHelper(crlf))).toBe(source);
    } finally {
      rmSync(crlf, { recursive: true, force: true });
    }
    // No root script: a script module is compiled and set up on every import.
    const manifest = moduleManifest(commands, '1.2.3');
    expect(manifest).toContain("RootModule = 'MyAccount.Helper.dll'");
    expect(manifest).not.toMatch(/\.psm1|NestedModules/);
  });

  test('single-quoted literals double every quote, so nothing inside is expanded', () => {
    expect(psString(`it's`)).toBe(`'it''s'`);
    expect(psString('$(x) `n')).toBe(`'$(x) \`n'`);
    expect(psString('a\u2019b')).toBe(`'a\u2019\u2019b'`);
  });

  test('every hostile string lands inside a C# string literal or escaped XML', () => {
    const source = cmdletSource([nasty], HELPER);
    expect(source).toContain(`[Alias("Ali'as")]`);
    expect(source).toContain(`[ValidateSet("it's", "$(x)", "\`n")]`);
    expect(source).toContain(`Run("get-nasty", bound, "My.'Type");`);
    expect(source).toContain(`[OutputType("My.'Type")]`);
    expect(csString('a"b\\c\n\u2028')).toBe('"a\\"b\\\\c\\u000a\\u2028"');
    expect(csVerbatim('^[^\\u0000-\\u001f"]*$')).toBe('@"^[^\\u0000-\\u001f""]*$"');
    const help = helpFile([nasty]);
    expect(help).toContain(`<maml:para>It's &quot;quoted&quot;, $(Remove-Item -Recurse /)`);
    expect(help).not.toMatch(/<#|<\$/);
    expect(help).toContain(`<dev:code>Get-MyNasty -Name '#&gt;'</dev:code>`);
    expect(formatFile([nasty])).toContain('<Label>Col&quot;&lt;&amp;&gt;</Label>');
  });

  test('refuses names that are not plain identifiers', () => {
    const bad = { ...nasty, input: { ...nasty.input, properties: { 'Na me': { type: 'string', description: 'x' } } } };
    expect(() => cmdletSource([bad as never], HELPER)).toThrow('Not a safe PowerShell name');
  });

  test('destructive commands support -WhatIf/-Confirm; others do not', () => {
    const source = cmdletSource(commands, HELPER);
    const binding = (cmdlet: string): string => {
      const [verb, noun] = cmdlet.split('-');
      const start = source.indexOf(`[Cmdlet("${verb}", "${noun}"`);
      expect(start).toBeGreaterThan(0);
      return source.slice(start, source.indexOf(')]', start));
    };
    for (const cmdlet of ['Remove-MyContext', 'Clear-MyContext', 'Clear-MyConfig', 'Remove-MyEnvironment']) expect(binding(cmdlet)).toContain('SupportsShouldProcess = true');
    // As Az: the cmdlets that change state without destroying it support -WhatIf with ConfirmImpact Low (never asking by themselves).
    for (const cmdlet of ['Connect-MyAccount', 'Set-MyContext', 'Update-MyConfig', 'Import-MyConfig', 'Add-MyEnvironment', 'Set-MyEnvironment']) expect(binding(cmdlet)).toContain('SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low');
    for (const cmdlet of ['Get-MyContext', 'Get-MyConfig', 'Get-MyAccessToken']) expect(binding(cmdlet)).not.toContain('SupportsShouldProcess');
  });

  test('the manifest exports exactly the generated cmdlets and aliases', () => {
    const manifest = moduleManifest(commands, '1.0.0');
    for (const c of commands.filter((c) => c.cmdlet)) expect(manifest).toContain(`'${c.cmdlet}'`);
    expect(manifest).toContain("'Set-MyConfig'");
    expect(manifest).toContain("FormatsToProcess = @('MyAccount.format.ps1xml')");
  });
});
