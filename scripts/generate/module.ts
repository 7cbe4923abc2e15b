/**
 * The PowerShell module, generated from the command registry: one advanced function per
 * command (comment-based help, parameter sets, aliases, ValidateSet, completers,
 * SupportsShouldProcess where destructive), a manifest, and a format file. The output depends
 * only on the registry, so every build writes the same bytes. Each function hands its bound
 * parameters to the compiled helper (scripts/generate/module-helper-cs/, built by
 * compiled-helper.mjs), which runs the CLI.
 */
import type { CommandDefinition, JsonSchema, ParameterMeta, TableColumn } from '../../src/core/command.js';
import { CI_VARIABLES } from '../../src/core/ci.js';
import { flagOf } from '../../src/core/parse.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OBJECT_SETS, type ObjectParameter } from './pipelines.js';
import { psHelpText, psIdentifier, psString, xmlText } from './powershell.js';
import { nestedTypesTable } from './types.js';

export const MODULE_NAME = 'MyAccount';

/**
 * The module's private helper is real PowerShell in scripts/generate/module-helper.ps1 (an
 * editor and PSScriptAnalyzer can read it), embedded whole in the psm1, so the package needs no
 * .ps1 beside it at run time. Line ends are normalized: a Windows checkout (core.autocrlf)
 * must generate the same bytes.
 */
export const HELPER_PATH = 'scripts/generate/module-helper.ps1';

export function readModuleHelper(root: string): string {
  return readFileSync(join(root, HELPER_PATH), 'utf8').replace(/\r\n?/g, '\n');
}
/** Fixed forever: PowerShell identifies the module by it. */
const MODULE_GUID = '6f0c6a2e-5f0b-4d59-9a8e-3c1d2b7e4a91';

interface Param {
  name: string;
  schema: JsonSchema;
  meta: ParameterMeta;
}

function paramsOf(def: CommandDefinition<any, any>): Param[] {
  const byName = OBJECT_SETS[def.name]?.byName;
  return Object.entries(def.input.properties)
    .map(([name, schema]) => {
      const meta = schema['x-ps'] ?? {};
      // What an -InputObject stands in for is given by name in its own set, never beside the object.
      return { name: psIdentifier(name), schema, meta: byName?.parameters.includes(name) && !meta.sets ? { ...meta, sets: [byName.set] } : meta };
    })
    .filter((p) => !p.meta.cliOnly);
}

/**
 * Az's -DefaultProfile: the input that names the context a command acts for (x-ps
 * defaultProfile), if the command has one. The parameter is the module's: the CLI sees only that input.
 */
const DEFAULT_PROFILE = 'DefaultProfile';
const DEFAULT_PROFILE_ALIASES = ['AzContext', 'AzureRmContext', 'AzureCredential'];

export function defaultProfileTarget(def: CommandDefinition<any, any>): string | undefined {
  return paramsOf(def).find((p) => p.meta.defaultProfile)?.name;
}

function objectParams(def: CommandDefinition<any, any>): ObjectParameter[] {
  return OBJECT_SETS[def.name]?.objects ?? [];
}

function psType(p: Param): string {
  if (p.meta.switch) return '[switch]';
  const type = Array.isArray(p.schema.type) ? p.schema.type.find((t) => t !== 'null') : p.schema.type;
  // A secret pair (user name + password) is a PSCredential; a single secret a SecureString.
  if (p.meta.secret) return type === 'object' ? '[pscredential]' : '[securestring]';
  switch (type) {
    case 'boolean':
      return '[bool]';
    case 'integer':
      return '[int]';
    case 'number':
      return '[double]';
    case 'array':
      return '[string[]]';
    case 'object':
      return '[hashtable]';
    default:
      return '[string]';
  }
}

function allSets(def: CommandDefinition<any, any>): string[] {
  const sets = new Set<string>();
  for (const p of paramsOf(def)) for (const s of p.meta.sets ?? []) sets.add(s);
  for (const o of objectParams(def)) sets.add(o.set);
  return [...sets];
}

/** The parameter sets of a cmdlet as PowerShell will see them (the module's object sets included). */
export function parameterSetsOf(def: CommandDefinition<any, any>): string[] {
  return allSets(def);
}

function objectParameterLines(o: ObjectParameter): string[] {
  // [psobject] with a PSTypeName: the binder takes only objects of that type, which is how a
  // context, a subscription and a tenant piped to Set-MyContext each find their own set.
  return [`[Parameter(ParameterSetName = ${psString(o.set)}, Mandatory, ValueFromPipeline)]`, `[PSTypeName(${psString(o.type)})]`, `[psobject] $${psIdentifier(o.name)}`];
}

function parameterAttributes(p: Param): string[] {
  const mandatoryIn = (set: string | null): boolean => p.meta.mandatory === true || (Array.isArray(p.meta.mandatory) && set !== null && p.meta.mandatory.includes(set));
  const attribute = (set: string | null): string => {
    const parts: string[] = [];
    if (set) parts.push(`ParameterSetName = ${psString(set)}`);
    if (mandatoryIn(set)) parts.push('Mandatory');
    if (p.meta.position !== undefined) parts.push(`Position = ${p.meta.position}`);
    if (p.meta.pipeline === 'ByValue') parts.push('ValueFromPipeline');
    if (p.meta.pipeline) parts.push('ValueFromPipelineByPropertyName');
    return `[Parameter(${parts.join(', ')})]`;
  };
  const lines = p.meta.sets?.length ? p.meta.sets.map(attribute) : [attribute(null)];
  if (p.meta.aliases?.length) lines.push(`[Alias(${p.meta.aliases.map(psString).join(', ')})]`);
  if (p.meta.completer) lines.push(`[ArgumentCompleter([${COMPLETERS[p.meta.completer]}])]`);
  if (p.schema.enum) lines.push(`[ValidateSet(${p.schema.enum.map((v) => psString(String(v))).join(', ')})]`);
  else if (psType(p) === '[string]') lines.push('[ValidateNotNullOrEmpty()]');
  // The schema's limits, checked by PowerShell's binder: a bad value fails before node starts.
  const type = psType(p);
  if (type === '[int]' || type === '[double]') {
    const { minimum, maximum } = p.schema;
    if (minimum !== undefined || maximum !== undefined) lines.push(`[ValidateRange(${minimum ?? `${type}::MinValue`}, ${maximum ?? `${type}::MaxValue`})]`);
  }
  if (type === '[string]' && !p.schema.enum) {
    if (p.schema.maxLength !== undefined) lines.push(`[ValidateLength(${p.schema.minLength ?? 0}, ${p.schema.maxLength})]`);
    // JSON Schema patterns are ECMAScript regular expressions; the ones the registry uses (anchors,
    // classes, \u escapes, counts) mean the same in .NET.
    if (p.schema.pattern !== undefined) lines.push(`[ValidatePattern(${psString(p.schema.pattern)})]`);
  }
  lines.push(`${type} $${p.name}${defaultValue(p)}`);
  return lines;
}

/**
 * The schema's default as the parameter's default, which is what Get-Help shows. It never reaches
 * the CLI: an unbound parameter is not in $PSBoundParameters, so the CLI applies its own default.
 */
function defaultValue(p: Param): string {
  const value = p.schema.default;
  if (value === undefined || p.meta.switch || p.meta.secret) return '';
  if (typeof value === 'number' && Number.isFinite(value)) return ` = ${value}`;
  if (typeof value === 'boolean') return ` = $${value}`;
  if (typeof value === 'string') return ` = ${psString(value)}`;
  return '';
}

/** Each CLI flag (and flag alias) of a cmdlet's parameter, mapped to the parameter's name. */
function parameterOfFlag(commands: readonly CommandDefinition<any, any>[]): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const c of commands.filter((x) => x.cmdlet)) {
    for (const p of paramsOf(c)) {
      parameters.set(flagOf(p.name, p.schema), p.name);
      for (const alias of p.meta.flagAliases ?? []) if (!parameters.has(alias)) parameters.set(alias, p.name);
    }
  }
  return new Map([...parameters].sort(([a], [b]) => a.localeCompare(b)));
}

/** Rewrites help text for PowerShell readers: the CLI's flags become their parameter names. */
type Prose = (text: string) => string;

function proseFor(commands: readonly CommandDefinition<any, any>[]): Prose {
  const parameters = parameterOfFlag(commands);
  return (text) =>
    text
      // "--flag true" becomes "-Flag $true": a [bool] parameter does not take the word true.
      .replace(/--([a-z][a-z0-9-]*)(?: (true|false)\b)?/g, (whole, flag: string, value?: string) =>
        parameters.has(flag) ? `-${parameters.get(flag)}${value ? ` $${value}` : ''}` : whole,
      )
      // Cmdlets do not exit; they throw.
      .replace(/\(exit code \d\)/g, '(a terminating error)');
}

/**
 * The same names for what the CLI says while it runs (warnings, errors), which the helper
 * rewrites as they arrive: "run myaccount connect --tenant X" reads "run Connect-MyAccount -Tenant X".
 */
function cliNameTables(commands: readonly CommandDefinition<any, any>[]): string {
  const cmdlets = commands.filter((c) => c.cmdlet).map((c) => `    ${psString(c.name)} = ${psString(c.cmdlet!)}`);
  const flags = [...parameterOfFlag(commands)].map(([flag, name]) => `    ${psString(flag)} = ${psString(name)}`);
  return [
    "# The CLI's command and flag names, and what they are called here.",
    `$script:CmdletOfCommand = @{\n${cmdlets.join('\n')}\n}`,
    `$script:ParameterOfFlag = @{\n${flags.join('\n')}\n}`,
  ].join('\n');
}

const AS_PLAIN_TEXT = 'AsPlainText';
const AS_SECURE_STRING = 'AsSecureString';

/** .INPUTS: what the cmdlet takes from the pipeline, by value and by property name. */
function inputsHelp(def: CommandDefinition<any, any>): string[] {
  const lines: string[] = [];
  for (const o of objectParams(def)) lines.push(`    ${psHelpText(o.type)}`, `        From ${psHelpText(o.from)}, by value (-${o.name}).`);
  const byValue = paramsOf(def).filter((p) => p.meta.pipeline === 'ByValue');
  const byProperty = paramsOf(def).filter((p) => p.meta.pipeline);
  if (byValue.length) lines.push(`    System.String`, `        By value: -${byValue.map((p) => p.name).join(', -')}.`);
  if (byProperty.length) lines.push(`    System.Management.Automation.PSObject`, `        Any object with a property named ${byProperty.map((p) => [p.name, ...(p.meta.aliases ?? [])].join(' or ')).join('; ')} (by property name).`);
  return lines.length ? lines : ['    None'];
}

function helpBlock(def: CommandDefinition<any, any>, prose: Prose): string {
  const text = (t: string): string => psHelpText(prose(t));
  const lines = ['<#', '.SYNOPSIS', `    ${text(def.summary)}`, '', '.DESCRIPTION', `    ${text(def.powershell?.description ?? def.description)}`];
  for (const p of paramsOf(def)) {
    let help = p.schema.description ?? '';
    if (p.meta.secret) help += ' Taken as a SecureString; it is passed to the CLI on stdin, never on a command line.';
    // Comment-based help has no field for these, so they are said in the text, as Az's help does.
    if (p.meta.aliases?.length) help += ` Aliases: ${p.meta.aliases.join(', ')}.`;
    if (defaultValue(p)) help += ` Default: ${String(p.schema.default)}.`;
    lines.push('', `.PARAMETER ${p.name}`, `    ${text(help)}`);
  }
  const profileTarget = defaultProfileTarget(def);
  if (profileTarget) {
    lines.push('', `.PARAMETER ${DEFAULT_PROFILE}`, `    ${text(`The context to use for this call only, as Az's -DefaultProfile: a context object from Get-MyContext, or a context name. It stands for -${profileTarget} and never changes the default context. Aliases: ${DEFAULT_PROFILE_ALIASES.join(', ')}.`)}`);
  }
  for (const o of objectParams(def)) {
    const uses = Object.entries(o.map).map(([input, path]) => `${path} as ${input}`).join(', ');
    lines.push('', `.PARAMETER ${o.name}`, `    ${text(`A ${o.type} object, as ${o.from} writes it, usually from the pipeline. Its ${uses} are used; a parameter given by name wins over the object's value.`)}`);
  }
  if (def.powershell?.secureProperty) {
    lines.push('', `.PARAMETER ${AS_SECURE_STRING}`, `    ${text(`Accepted as in Az.Accounts 14 and later, where it changes nothing: ${def.powershell.secureProperty} is a SecureString unless -${AS_PLAIN_TEXT} is given.`)}`);
    lines.push('', `.PARAMETER ${AS_PLAIN_TEXT}`, `    ${text(`Return ${def.powershell.secureProperty} as plain text instead of a SecureString. Plain text can end up in transcripts and logs; prefer the SecureString where the consumer accepts one.`)}`);
  }
  for (const example of def.examples) lines.push('', '.EXAMPLE', `    ${psHelpText(example.powershell)}`, '', `    ${text(example.description)}`);
  lines.push('', '.INPUTS', ...inputsHelp(def), '', '.OUTPUTS', `    ${psHelpText(def.outputType)}`, '', '.NOTES', `    Runs: myaccount ${psHelpText(def.name)}`, '#>');
  return lines.map((l) => (l ? `    ${l}` : '')).join('\n');
}

/**
 * -WhatIf and -Confirm name the object a destructive cmdlet acts on (the context, the account, the
 * environment, the settings), as Az does, never the CLI command. `bound` holds the input (with
 * what a piped object carried).
 */
function shouldProcessTarget(def: CommandDefinition<any, any>, bound: string): string {
  const params = paramsOf(def).map((p) => p.name);
  switch (def.name) {
    case 'disconnect':
      // The account, which only the context knows unless -Username names it.
      return `$(if (${bound}.ContainsKey('Username')) { ${bound}['Username'] } elseif (${bound}.ContainsKey('All') -and ${bound}['All']) { 'every signed-in account' } else { Get-MyAccountContextAccount -ContextName ${bound}['ContextName'] -Caller $PSCmdlet -ConfirmImpact ${psString(def.confirmImpact!)} })`;
    case 'clear-context':
      return `$(if (${bound}['Scope'] -eq 'Process') { 'the default context of this session' } else { 'every context, account and cached token' })`;
    case 'clear-config':
    case 'update-config': {
      const settings = params.filter((n) => !['Scope', 'Force', 'PassThru', 'AppliesTo'].includes(n));
      return `$(@(@(${settings.map(psString).join(', ')}).Where({ ${bound}.ContainsKey($_) })) -join ', ' | ForEach-Object { if ($_) { $_ } else { 'every setting' } })`;
    }
    case 'connect':
      // As Az's "log in" target: who signs in, and where.
      return `$(if (${bound}.ContainsKey('Environment')) { "an account in environment $(${bound}['Environment'])" } else { 'an account in environment AzureCloud' })`;
    case 'set-context':
      return `$(if (${bound}.ContainsKey('Name')) { ${bound}['Name'] } elseif (${bound}.ContainsKey('Subscription')) { "subscription $(${bound}['Subscription'])" } elseif (${bound}.ContainsKey('Tenant')) { "tenant $(${bound}['Tenant'])" } else { 'the default context' })`;
  }
  const named = ['Name', 'SourceName', 'Username', 'ContextName', 'Path'].find((n) => params.includes(n));
  if (!named) throw new Error(`${def.cmdlet} supports ShouldProcess but the generator does not know what it acts on: add it to shouldProcessTarget.`);
  return `${bound}['${named}']`;
}

function functionFor(def: CommandDefinition<any, any>, prose: Prose): string {
  const cmdlet = psIdentifier(def.cmdlet!);
  const params = paramsOf(def);
  const shape = def.powershell;
  const binding = [
    OBJECT_SETS[def.name]?.defaultSet ? `DefaultParameterSetName = ${psString(OBJECT_SETS[def.name].defaultSet!)}` : null,
    OBJECT_SETS[def.name]?.defaultSet ? null : def.defaultParameterSet ? `DefaultParameterSetName = ${psString(def.defaultParameterSet)}` : allSets(def).length ? `DefaultParameterSetName = ${psString(allSets(def)[0])}` : null,
    'PositionalBinding = $false',
    def.confirmImpact ? 'SupportsShouldProcess' : null,
    def.confirmImpact ? `ConfirmImpact = ${psString(def.confirmImpact)}` : null,
  ].filter(Boolean);
  const blocks = [...params.map((p) => parameterAttributes(p)), ...objectParams(def).map(objectParameterLines)];
  // [psobject]: a context object or a name; the helper tells them apart (and rejects anything else).
  const profileTarget = defaultProfileTarget(def);
  if (profileTarget) blocks.push(['[Parameter()]', `[Alias(${DEFAULT_PROFILE_ALIASES.map(psString).join(', ')})]`, `[psobject] $${DEFAULT_PROFILE}`]);
  // PowerShell's own switches, never sent to the CLI (they are not in $script:Parameters).
  if (shape?.secureProperty) blocks.push(['[Parameter()]', `[switch] $${AS_SECURE_STRING}`], ['[Parameter()]', `[switch] $${AS_PLAIN_TEXT}`]);
  const paramBlock = blocks.map((lines) => lines.map((l) => `        ${l}`).join('\n')).join(',\n\n');
  // The helper's Invoke(caller, command, input, type name[, properties, secure property, as plain text]).
  const shaping = shape?.properties || shape?.secureProperty
    ? [
        shape.properties ? `@(${shape.properties.map(psString).join(', ')})` : '$null',
        shape.secureProperty ? psString(shape.secureProperty) : '$null',
        shape.secureProperty ? `$${AS_PLAIN_TEXT}.IsPresent` : '$false',
      ]
    : [];
  // With object sets the input is the bound parameters plus what the object carries.
  const objects = objectParams(def);
  const bound = objects.length || profileTarget ? '$bound' : '$PSBoundParameters';
  const prepare = objects.length || profileTarget
    ? [
        '        $bound = [hashtable]::new($PSBoundParameters, [System.StringComparer]::OrdinalIgnoreCase)',
        ...(profileTarget ? [`        Resolve-MyAccountDefaultProfile -Bound $bound -Target ${psString(profileTarget)} -Caller $PSCmdlet`] : []),
        ...objects.map(
          (o) =>
            `        if ($PSCmdlet.ParameterSetName -eq ${psString(o.set)}) { Add-MyAccountObjectInput -Bound $bound -Name ${psString(o.name)} -Map ([ordered]@{ ${Object.entries(o.map)
              .map(([k, v]) => `${psIdentifier(k)} = ${psString(v)}`)
              .join('; ')} }) }`,
        ),
      ]
    : [];
  const call = [
    shaping.length
      ? `$script:Cli.Invoke($PSCmdlet, ${psString(def.name)}, ${bound}, ${psString(def.outputType)}, ${shaping.join(', ')})`
      : `$script:Cli.Invoke($PSCmdlet, ${psString(def.name)}, ${bound}, ${psString(def.outputType)})`,
    ...(shape?.postProcess ? [`|\n            ${psIdentifier(shape.postProcess)} -Bound ${bound} -Caller $PSCmdlet`] : []),
  ].join(' ');
  // -Force on a cmdlet that confirms means "do not ask", as Az's ConfirmAction(Force, ...); -WhatIf still wins.
  const force = def.confirmImpact && params.some((p) => p.name === 'Force' && p.meta.switch)
    ? ["        if ($PSBoundParameters.ContainsKey('Force') -and $Force -and -not $PSBoundParameters.ContainsKey('Confirm')) { $ConfirmPreference = 'None' }"]
    : [];
  const body = [
    ...prepare,
    ...force,
    def.confirmImpact
      ? `        if ($PSCmdlet.ShouldProcess(${shouldProcessTarget(def, bound)}, ${psString(def.cmdlet!.split('-')[0])})) {\n            ${call}\n        }`
      : `        ${call}`,
  ].join('\n');
  return [
    `function ${cmdlet} {`,
    helpBlock(def, prose),
    // An [Alias()] on the function, not Set-Alias: no cmdlet runs while the module loads.
    ...(def.cmdletAliases?.length ? [`    [Alias(${def.cmdletAliases.map((a) => psString(psIdentifier(a))).join(', ')})]`] : []),
    `    [CmdletBinding(${binding.join(', ')})]`,
    `    [OutputType(${psString(def.outputType)})]`,
    `    param(${params.length ? `\n${paramBlock}\n    ` : ''})`,
    '',
    '    process {',
    body,
    '    }',
    '}',
  ].join('\n');
}

/**
 * Tab completion of names the CLI knows: the compiled helper's completer class for each kind,
 * named in the parameter's [ArgumentCompleter()]. PowerShell creates one only when that parameter
 * is completed, so loading the module registers nothing.
 */
const COMPLETERS: Record<NonNullable<ParameterMeta['completer']>, string> = {
  Context: 'MyAccount.Helper.ContextNameCompleter',
  Environment: 'MyAccount.Helper.EnvironmentNameCompleter',
  Subscription: 'MyAccount.Helper.SubscriptionCompleter',
  SubscriptionId: 'MyAccount.Helper.SubscriptionIdCompleter',
  Tenant: 'MyAccount.Helper.TenantCompleter',
};

export function moduleScript(commands: readonly CommandDefinition<any, any>[], version: string, helper: string): string {
  const cmdlets = commands.filter((c) => c.cmdlet);
  const prose = proseFor(commands);
  const parameterTable = cmdlets.map((c) => `    ${psString(c.cmdlet!)} = @(${paramsOf(c).map((p) => psString(p.name)).join(', ')})`).join('\n');
  const pathTable = cmdlets
    .map((c) => [c.cmdlet!, paramsOf(c).filter((p) => p.meta.path).map((p) => p.name)] as const)
    .filter(([, names]) => names.length > 0)
    .map(([cmdlet, names]) => `    ${psString(cmdlet)} = @(${names.map(psString).join(', ')})`)
    .join('\n');
  return [
    `# MyAccount ${version}: generated from the command registry by scripts/generate/module.ts. Do not edit.`,
    '#Requires -Version 7.4',
    'Set-StrictMode -Version 3.0',
    '',
    helper,
    cliNameTables(commands),
    '',
    "# Variables whose presence means a CI job, where nobody answers a prompt (src/core/ci.ts).",
    `$script:CiVariables = @(${CI_VARIABLES.map(psString).join(', ')})`,
    '',
    '# The parameters each cmdlet passes to the CLI (common parameters are not among them).',
    `$script:Parameters = @{\n${parameterTable}\n}`,
    '',
    "# File path parameters, resolved against PowerShell's current location before the CLI sees them.",
    `$script:PathParameters = @{\n${pathTable}\n}`,
    '',
    "# Nested objects' type names by result type and path (scripts/generate/types.ts).",
    nestedTypesTable(commands),
    '',
    "# The compiled helper that runs the CLI for every cmdlet (MyAccount.Helper.dll, loaded by the",
    "# manifest). It reads the running cmdlet's preferences through this module's session state. The",
    '# script block is how it writes a line whose stream asks to Inquire: through',
    '# Write-MyAccountContinued, whose own preferences are Continue.',
    '$script:Cli = [MyAccount.Helper.Cli]::new($ExecutionContext.SessionState, $script:MyAccountCli, $script:Parameters, $script:PathParameters, $script:NestedTypes, $script:CmdletOfCommand, $script:ParameterOfFlag, $script:CiVariables, {',
    '        param($Stream, $Message, $Tags)',
    '        Write-MyAccountContinued -Stream $Stream -Message $Message -Tags $Tags -Verbose -Debug -WarningAction Continue -InformationAction Continue',
    '    })',
    '',
    '#region Public',
    '',
    cmdlets.map((c) => functionFor(c, prose)).join('\n\n'),
    '',
    '#endregion',
    '',
  ].join('\n');
}

/**
 * A hash of the registry's declarations: everything but the handlers (JSON drops functions), in
 * declaration order, so the same registry always gives the same hash.
 */
export function registryHash(commands: readonly CommandDefinition<any, any>[]): string {
  return createHash('sha256').update(JSON.stringify(commands)).digest('hex');
}

export function moduleManifest(commands: readonly CommandDefinition<any, any>[], version: string): string {
  const cmdlets = commands.filter((c) => c.cmdlet);
  const functions = cmdlets.map((c) => `        ${psString(c.cmdlet!)}`).join(',\n');
  const aliases = cmdlets.flatMap((c) => c.cmdletAliases ?? []).map((a) => `        ${psString(a)}`).join(',\n');
  return `# Generated from the command registry by scripts/generate/module.ts. Do not edit.
@{
    RootModule = 'MyAccount.psm1'
    ModuleVersion = ${psString(version)}
    GUID = ${psString(MODULE_GUID)}
    Author = 'The MyAccount authors'
    CompanyName = 'MyAccount'
    Copyright = '(c) The MyAccount authors. MIT License.'
    Description = 'Sign people and pipelines into Azure: contexts, settings, environments and tokens, on the myaccount CLI (Node.js and MSAL).'
    PowerShellVersion = '7.4'
    CompatiblePSEditions = @('Core')
    FunctionsToExport = @(
${functions}
    )
    CmdletsToExport = @()
    VariablesToExport = @()
    AliasesToExport = @(${aliases ? `\n${aliases}\n    ` : ''})
    # The compiled helper that runs the CLI (scripts/generate/module-helper-cs/), loaded before
    # the psm1 runs.
    RequiredAssemblies = @('MyAccount.Helper.dll')
    FormatsToProcess = @('MyAccount.format.ps1xml')
    # ToString for the module's objects, nested ones included: "$context.Account" is its id.
    TypesToProcess = @('MyAccount.types.ps1xml')
    PrivateData = @{
        PSData = @{
            Tags = @('Azure', 'Authentication', 'MSAL', 'Accounts')
            LicenseUri = 'https://opensource.org/licenses/MIT'
        }
        # What wrote this module, and from which registry: a module that does not match the CLI
        # beside it (a copied or half-updated install) can be told apart from one that does.
        Generator = @{
            Name = 'scripts/generate/module.ts'
            Version = ${psString(version)}
            RegistrySha256 = ${psString(registryHash(commands))}
            Commands = ${cmdlets.length}
        }
    }
}
`;
}

export function formatFile(commands: readonly CommandDefinition<any, any>[]): string {
  const tables = new Map<string, TableColumn[]>();
  const lists = new Map<string, TableColumn[]>();
  for (const c of commands.filter((x) => x.cmdlet)) {
    if (c.table?.length && !tables.has(c.outputType)) tables.set(c.outputType, c.table);
    if (c.list?.length && !lists.has(c.outputType)) lists.set(c.outputType, c.list);
  }
  // Every cell shows control characters as escapes (\x1b, \u202e), as the CLI's table does
  // (UNSAFE_DOTNET_CLASS): names from ARM/Entra reach the console through these views, and
  // PowerShell writes an ESC or BEL in a property straight to the terminal. The compiled helper's
  // Display.Safe does it; non-strings pass through untouched.
  const expression = (col: TableColumn): string => {
    const value = `$_.${col.path.split('.').map((p) => psIdentifier(p)).join('.')}`;
    return `<ScriptBlock>${xmlText(`[MyAccount.Helper.Display]::Safe(${value})`)}</ScriptBlock>`;
  };
  const table = (type: string, columns: TableColumn[]): string => `    <View>
      <Name>${xmlText(type)}</Name>
      <ViewSelectedBy><TypeName>${xmlText(type)}</TypeName></ViewSelectedBy>
      <TableControl>
        <TableHeaders>
${columns.map((col) => `          <TableColumnHeader><Label>${xmlText(col.header)}</Label>${col.width ? `<Width>${col.width}</Width>` : ''}</TableColumnHeader>`).join('\n')}
        </TableHeaders>
        <TableRowEntries>
          <TableRowEntry>
            <TableColumnItems>
${columns.map((col) => `              <TableColumnItem>${expression(col)}</TableColumnItem>`).join('\n')}
            </TableColumnItems>
          </TableRowEntry>
        </TableRowEntries>
      </TableControl>
    </View>`;
  const list = (type: string, rows: TableColumn[]): string => `    <View>
      <Name>${xmlText(`${type}.List`)}</Name>
      <ViewSelectedBy><TypeName>${xmlText(type)}</TypeName></ViewSelectedBy>
      <ListControl>
        <ListEntries>
          <ListEntry>
            <ListItems>
${rows.map((row) => `              <ListItem><Label>${xmlText(row.header)}</Label>${expression(row)}</ListItem>`).join('\n')}
            </ListItems>
          </ListEntry>
        </ListEntries>
      </ListControl>
    </View>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- Generated from the command registry by scripts/generate/module.ts. Do not edit. -->
<Configuration>
  <ViewDefinitions>
${[...[...tables].map(([type, columns]) => table(type, columns)), ...[...lists].map(([type, rows]) => list(type, rows))].join('\n')}
  </ViewDefinitions>
</Configuration>
`;
}
