import { commands } from '../../src/commands/index.js';
import { defineCommand } from '../../src/core/command.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatFile, moduleManifest, moduleScript, readModuleHelper, HELPER_PATH } from '../../scripts/generate/module.js';
import { psHelpText, psString } from '../../scripts/generate/powershell.js';

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
    expect(moduleScript(commands, '1.2.3', HELPER)).toBe(moduleScript(commands, '1.2.3', HELPER));
    expect(moduleManifest(commands, '1.2.3')).toBe(moduleManifest(commands, '1.2.3'));
    expect(formatFile(commands)).toBe(formatFile(commands));
  });

  test('embeds the helper .ps1 whole, with the same bytes from a CRLF checkout', () => {
    expect(moduleScript(commands, '1.2.3', HELPER)).toContain(HELPER);
    const crlf = mkdtempSync(join(tmpdir(), 'myaccount-helper-'));
    try {
      mkdirSync(join(crlf, 'scripts', 'generate'), { recursive: true });
      writeFileSync(join(crlf, HELPER_PATH), HELPER.replace(/\n/g, '\r\n'));
      expect(moduleScript(commands, '1.2.3', readModuleHelper(crlf))).toBe(moduleScript(commands, '1.2.3', HELPER));
    } finally {
      rmSync(crlf, { recursive: true, force: true });
    }
  });

  test('single-quoted literals double every quote, so nothing inside is expanded', () => {
    expect(psString(`it's`)).toBe(`'it''s'`);
    expect(psString('$(x) `n')).toBe(`'$(x) \`n'`);
    expect(psString('a\u2019b')).toBe(`'a\u2019\u2019b'`);
  });

  test('help text can never close the comment-based help block', () => {
    expect(psHelpText('a #> b')).not.toContain('#>');
    const script = moduleScript([nasty], '0.0.1', HELPER);
    const help = script.slice(script.indexOf('function Get-MyNasty'));
    const block = help.slice(help.indexOf('<#'), help.indexOf('#>') + 2);
    // The block ends only at its own closing line, after .NOTES.
    expect(block).toContain('.NOTES');
    expect(block.match(/#>/g)).toHaveLength(1);
  });

  test('every hostile string lands inside a single-quoted literal or the help block', () => {
    const script = moduleScript([nasty], '0.0.1', HELPER);
    expect(script).toContain(`[Alias('Ali''as')]`);
    expect(script).toContain(`[ValidateSet('it''s', '$(x)', '\`n')]`);
    expect(script).toContain(`$script:Cli.Invoke($PSCmdlet, 'get-nasty', $PSBoundParameters, 'My.''Type')`);
    expect(script).toContain(`[OutputType('My.''Type')]`);
    expect(formatFile([nasty])).toContain('<Label>Col&quot;&lt;&amp;&gt;</Label>');
  });

  test('refuses names that are not plain identifiers', () => {
    const bad = { ...nasty, input: { ...nasty.input, properties: { 'Na me': { type: 'string', description: 'x' } } } };
    expect(() => moduleScript([bad as never], '0.0.1', HELPER)).toThrow('Not a safe PowerShell name');
  });

  test('destructive commands support -WhatIf/-Confirm; others do not', () => {
    const script = moduleScript(commands, '1.0.0', HELPER);
    const binding = (cmdlet: string): string => {
      const start = script.indexOf(`function ${cmdlet} {`);
      return script.slice(script.indexOf('[CmdletBinding(', start), script.indexOf(')]', script.indexOf('[CmdletBinding(', start)));
    };
    for (const cmdlet of ['Remove-MyContext', 'Clear-MyContext', 'Clear-MyConfig', 'Remove-MyEnvironment']) expect(binding(cmdlet)).toContain('SupportsShouldProcess');
    // As Az: the cmdlets that change state without destroying it support -WhatIf with ConfirmImpact Low (never asking by themselves).
    for (const cmdlet of ['Connect-MyAccount', 'Set-MyContext', 'Update-MyConfig', 'Import-MyConfig', 'Add-MyEnvironment', 'Set-MyEnvironment']) expect(binding(cmdlet)).toContain("SupportsShouldProcess, ConfirmImpact = 'Low'");
    for (const cmdlet of ['Get-MyContext', 'Get-MyConfig', 'Get-MyAccessToken']) expect(binding(cmdlet)).not.toContain('SupportsShouldProcess');
  });

  test('the manifest exports exactly the generated functions and aliases', () => {
    const manifest = moduleManifest(commands, '1.0.0');
    for (const c of commands.filter((c) => c.cmdlet)) expect(manifest).toContain(`'${c.cmdlet}'`);
    expect(manifest).toContain("'Set-MyConfig'");
    expect(manifest).toContain("FormatsToProcess = @('MyAccount.format.ps1xml')");
  });
});
