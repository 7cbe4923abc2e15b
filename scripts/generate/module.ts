/**
 * The PowerShell module, generated from the command registry: one compiled cmdlet per command
 * (C# in Cmdlets.g.cs: parameter sets, aliases, ValidateSet, completers, SupportsShouldProcess
 * where destructive), its help as MAML (help.ts), a manifest whose root module is the compiled
 * DLL, and format and types files. The output depends only on the registry, so every
 * build writes the same bytes. Each cmdlet hands its bound parameters to the compiled helper
 * (scripts/generate/module-helper-cs/, built by compiled-helper.mjs), which runs the CLI.
 */
import type { CommandDefinition, JsonSchema, ParameterMeta, TableColumn } from '../../src/core/command.js';
import { CI_VARIABLES } from '../../src/core/ci.js';
import { flagOf } from '../../src/core/parse.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OBJECT_SETS, type ObjectParameter } from './pipelines.js';
import { csIdentifier, csString, csVerbatim } from './csharp.js';
import { psIdentifier, psString, xmlText } from './powershell.js';
import { nestedTypesByResult } from './types.js';

export const MODULE_NAME = 'MyAccount';

/**
 * The module's private helper is real PowerShell in scripts/generate/module-helper.ps1 (an
 * editor and PSScriptAnalyzer can read it), embedded whole in the compiled helper (ModuleTables.
 * HelperScript), which runs it as a module of its own the first time it needs it, so the package
 * needs no .ps1 beside it and an import runs no script. Line ends are normalized: a Windows
 * checkout (core.autocrlf) must generate the same bytes.
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

/** The C# type of a parameter. */
function csType(p: Param): string {
  if (p.meta.switch) return 'SwitchParameter';
  const type = Array.isArray(p.schema.type) ? p.schema.type.find((t) => t !== 'null') : p.schema.type;
  // A secret pair (user name + password) is a PSCredential; a single secret a SecureString.
  if (p.meta.secret) return type === 'object' ? 'PSCredential' : 'SecureString';
  switch (type) {
    case 'boolean':
      return 'bool';
    case 'integer':
      return 'int';
    case 'number':
      return 'double';
    case 'array':
      return 'string[]';
    case 'object':
      return 'Hashtable';
    default:
      return 'string';
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

function csProperty(type: string, name: string): string {
  return `public ${type} ${csIdentifier(name)} { get; set; }`;
}

/**
 * The module's own parameters, which the registry does not declare and the CLI never sees as they
 * are: Az's pipeline objects, -DefaultProfile, and -AsSecureString/-AsPlainText. One list for the
 * cmdlet class and its help. `text` is the help, before `prose`.
 */
interface ModuleParameter {
  name: string;
  csType: 'PSObject' | 'SwitchParameter';
  aliases: string[];
  /** A pipeline object's own set, where it is mandatory and taken by value. */
  set?: string;
  psTypeName?: string;
  text: string;
}

function moduleParameters(def: CommandDefinition<any, any>): ModuleParameter[] {
  const list: ModuleParameter[] = objectParams(def).map((o) => {
    const uses = Object.entries(o.map).map(([input, path]) => `${path} as ${input}`).join(', ');
    // PSObject with a PSTypeName: the binder takes only objects of that type, which is how a
    // context, a subscription and a tenant piped to Set-MyContext each find their own set.
    return { name: o.name, csType: 'PSObject', aliases: [], set: o.set, psTypeName: o.type, text: `A ${o.type} object, as ${o.from} writes it, usually from the pipeline. Its ${uses} are used; a parameter given by name wins over the object's value.` };
  });
  // PSObject: a context object or a name; ResolveDefaultProfile tells them apart (and rejects anything else).
  const profileTarget = defaultProfileTarget(def);
  if (profileTarget) {
    list.push({ name: DEFAULT_PROFILE, csType: 'PSObject', aliases: DEFAULT_PROFILE_ALIASES, text: `The context to use for this call only, as Az's -DefaultProfile: a context object from Get-MyContext, or a context name. It stands for -${profileTarget} and never changes the default context. Aliases: ${DEFAULT_PROFILE_ALIASES.join(', ')}.` });
  }
  // PowerShell's own switches, never sent to the CLI (they are not in the parameter table).
  const secure = def.powershell?.secureProperty;
  if (secure) {
    list.push({ name: AS_SECURE_STRING, csType: 'SwitchParameter', aliases: [], text: `Accepted as in Az.Accounts 14 and later, where it changes nothing: ${secure} is a SecureString unless -${AS_PLAIN_TEXT} is given.` });
    list.push({ name: AS_PLAIN_TEXT, csType: 'SwitchParameter', aliases: [], text: `Return ${secure} as plain text instead of a SecureString. Plain text can end up in transcripts and logs; prefer the SecureString where the consumer accepts one.` });
  }
  return list;
}

function moduleParameterLines(m: ModuleParameter): string[] {
  return [
    m.set ? `[Parameter(ParameterSetName = ${csString(m.set)}, Mandatory = true, ValueFromPipeline = true)]` : '[Parameter]',
    ...(m.psTypeName ? [`[PSTypeName(${csString(m.psTypeName)})]`] : []),
    ...(m.aliases.length ? [`[Alias(${m.aliases.map(csString).join(', ')})]`] : []),
    csProperty(m.csType, m.name),
  ];
}

function mandatoryIn(p: Param, set: string | null): boolean {
  return p.meta.mandatory === true || (Array.isArray(p.meta.mandatory) && set !== null && p.meta.mandatory.includes(set));
}

function parameterAttributes(p: Param): string[] {
  const attribute = (set: string | null): string => {
    const parts: string[] = [];
    if (set) parts.push(`ParameterSetName = ${csString(set)}`);
    if (mandatoryIn(p, set)) parts.push('Mandatory = true');
    if (p.meta.position !== undefined) parts.push(`Position = ${p.meta.position}`);
    if (p.meta.pipeline === 'ByValue') parts.push('ValueFromPipeline = true');
    if (p.meta.pipeline) parts.push('ValueFromPipelineByPropertyName = true');
    return parts.length ? `[Parameter(${parts.join(', ')})]` : '[Parameter]';
  };
  const lines = p.meta.sets?.length ? p.meta.sets.map(attribute) : [attribute(null)];
  if (p.meta.aliases?.length) lines.push(`[Alias(${p.meta.aliases.map(csString).join(', ')})]`);
  if (p.meta.completer) lines.push(`[ArgumentCompleter(typeof(${COMPLETERS[p.meta.completer]}))]`);
  const type = csType(p);
  if (p.schema.enum) lines.push(`[ValidateSet(${p.schema.enum.map((v) => csString(String(v))).join(', ')})]`);
  else if (type === 'string') lines.push('[ValidateNotNullOrEmpty]');
  // The schema's limits, checked by PowerShell's binder: a bad value fails before node starts.
  if (type === 'int' || type === 'double') {
    const { minimum, maximum } = p.schema;
    const literal = (n: number): string => (type === 'double' ? `${n}d` : String(n));
    if (minimum !== undefined || maximum !== undefined) lines.push(`[ValidateRange(${minimum !== undefined ? literal(minimum) : `${type}.MinValue`}, ${maximum !== undefined ? literal(maximum) : `${type}.MaxValue`})]`);
  }
  if (type === 'string' && !p.schema.enum) {
    if (p.schema.maxLength !== undefined) lines.push(`[ValidateLength(${p.schema.minLength ?? 0}, ${p.schema.maxLength})]`);
    // JSON Schema patterns are ECMAScript regular expressions; the ones the registry uses (anchors,
    // classes, \u escapes, counts) mean the same in .NET.
    if (p.schema.pattern !== undefined) lines.push(`[ValidatePattern(${csVerbatim(p.schema.pattern)})]`);
  }
  lines.push(csProperty(type, p.name));
  return lines;
}

/**
 * The schema's default, for Get-Help. It never reaches the CLI: an unbound parameter is not among
 * the bound parameters, so the CLI applies its own default.
 */
function defaultValue(p: Param): string | undefined {
  const value = p.schema.default;
  if (value === undefined || p.meta.switch || p.meta.secret) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return `$${value}`;
  if (typeof value === 'string') return value;
  return undefined;
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
export type Prose = (text: string) => string;

export function proseFor(commands: readonly CommandDefinition<any, any>[]): Prose {
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
 * The tables the compiled helper reads (ModuleTables in Cmdlets.g.cs): the parameters each cmdlet
 * sends to the CLI, which of them are file paths, nested objects' type names, the variables that
 * mean a CI job, and the CLI's command and flag names with what they are called here, so that what
 * the CLI says while it runs ("run myaccount connect --tenant X") reads "run Connect-MyAccount -Tenant X".
 */
/** The helper script as a C# constant, a literal per line, so the generated source reads like the script. */
function helperLines(helper: string): string {
  const lines = helper.endsWith('\n') ? helper.slice(0, -1).split('\n') : helper.split('\n');
  return lines.map((line) => `            ${csString(line + '\n')}`).join(' +\n');
}

function tablesSource(commands: readonly CommandDefinition<any, any>[], helper: string): string {
  const cmdlets = commands.filter((c) => c.cmdlet);
  const names = (list: readonly string[]): string => `new object[] { ${list.map(csString).join(', ')} }`;
  const table = (rows: string[]): string => `new Hashtable(StringComparer.OrdinalIgnoreCase)\n        {\n${rows.map((r) => `            ${r},`).join('\n')}\n        }`;
  const parameters = cmdlets.map((c) => `[${csString(c.cmdlet!)}] = ${names(paramsOf(c).map((p) => p.name))}`);
  const paths = cmdlets
    .map((c) => [c.cmdlet!, paramsOf(c).filter((p) => p.meta.path).map((p) => p.name)] as const)
    .filter(([, list]) => list.length > 0)
    .map(([cmdlet, list]) => `[${csString(cmdlet)}] = ${names(list)}`);
  const nested = nestedTypesByResult(commands).map(([type, found]) => `[${csString(type)}] = new OrderedDictionary { ${[...found].map(([path, name]) => `{ ${csString(path)}, ${csString(name)} }`).join(', ')} }`);
  const cmdletOfCommand = cmdlets.map((c) => `[${csString(c.name)}] = ${csString(c.cmdlet!)}`);
  const flags = [...parameterOfFlag(commands)].map(([flag, name]) => `[${csString(flag)}] = ${csString(name)}`);
  return [
    '    /// <summary>What the helper knows of the registry, generated with the cmdlets.</summary>',
    '    internal static class ModuleTables',
    '    {',
    '        /// <summary>Cmdlet name → the parameters it passes to the CLI (common parameters are not among them).</summary>',
    `        public static readonly Hashtable Parameters = ${table(parameters)};`,
    '',
    "        /// <summary>Cmdlet name → its file path parameters, resolved against PowerShell's current location before the CLI sees them.</summary>",
    `        public static readonly Hashtable PathParameters = ${table(paths)};`,
    '',
    "        /// <summary>Result type → dotted path → the type name of the nested object there (scripts/generate/types.ts).</summary>",
    `        public static readonly Hashtable NestedTypes = ${table(nested)};`,
    '',
    '        /// <summary>CLI command → cmdlet name.</summary>',
    `        public static readonly Hashtable CmdletOfCommand = ${table(cmdletOfCommand)};`,
    '',
    '        /// <summary>CLI flag (without --) → parameter name.</summary>',
    `        public static readonly Hashtable ParameterOfFlag = ${table(flags)};`,
    '',
    '        /// <summary>Variables whose presence means a CI job, where nobody answers a prompt (src/core/ci.ts).</summary>',
    `        public static readonly string[] CiVariables = { ${CI_VARIABLES.map(csString).join(', ')} };`,
    '',
    "        /// <summary>The module's PowerShell (scripts/generate/module-helper.ps1): the subscription picker and the Inquire writer.</summary>",
    `        public const string HelperScript =\n${helperLines(helper)};`,
    '    }',
  ].join('\n');
}

const AS_PLAIN_TEXT = 'AsPlainText';
const AS_SECURE_STRING = 'AsSecureString';

/** One parameter as Get-Help shows it. */
export interface HelpParameter {
  name: string;
  /** The .NET type's full name. */
  type: string;
  description: string;
  aliases: string[];
  defaultValue?: string;
  switch: boolean;
  byValue: boolean;
  byPropertyName: boolean;
  /** The sets it is in (null: every set), mandatory there or not, at a position or named. */
  sets: { set: string | null; mandatory: boolean; position?: number }[];
}

/** A cmdlet's help, as data: scripts/generate/help.ts writes it as MAML, which Get-Help reads. */
export interface CmdletHelp {
  name: string;
  synopsis: string;
  description: string;
  /** The parameter sets, the default first; empty when the cmdlet has none. */
  sets: string[];
  parameters: HelpParameter[];
  examples: { code: string; remarks: string }[];
  inputs: { type: string; description: string }[];
  output: string;
  notes: string;
}

const NET_TYPES: Record<string, string> = {
  SwitchParameter: 'System.Management.Automation.SwitchParameter',
  PSCredential: 'System.Management.Automation.PSCredential',
  SecureString: 'System.Security.SecureString',
  bool: 'System.Boolean',
  int: 'System.Int32',
  double: 'System.Double',
  'string[]': 'System.String[]',
  Hashtable: 'System.Collections.Hashtable',
  string: 'System.String',
  PSObject: 'System.Management.Automation.PSObject',
};

/** Inputs: what the cmdlet takes from the pipeline, by value and by property name. */
function inputsHelp(def: CommandDefinition<any, any>): CmdletHelp['inputs'] {
  const inputs: CmdletHelp['inputs'] = [];
  for (const o of objectParams(def)) inputs.push({ type: o.type, description: `From ${o.from}, by value (-${o.name}).` });
  const byValue = paramsOf(def).filter((p) => p.meta.pipeline === 'ByValue');
  const byProperty = paramsOf(def).filter((p) => p.meta.pipeline);
  if (byValue.length) inputs.push({ type: 'System.String', description: `By value: -${byValue.map((p) => p.name).join(', -')}.` });
  if (byProperty.length) inputs.push({ type: 'System.Management.Automation.PSObject', description: `Any object with a property named ${byProperty.map((p) => [p.name, ...(p.meta.aliases ?? [])].join(' or ')).join('; ')} (by property name).` });
  return inputs.length ? inputs : [{ type: 'None', description: '' }];
}

export function cmdletHelp(def: CommandDefinition<any, any>, prose: Prose): CmdletHelp {
  const parameters: HelpParameter[] = [];
  for (const p of paramsOf(def)) {
    let help = p.schema.description ?? '';
    if (p.meta.secret) help += ' Taken as a SecureString; it is passed to the CLI on stdin, never on a command line.';
    // The aliases and the default are in Get-Help's own fields too; said in the text as well, as Az's help does.
    if (p.meta.aliases?.length) help += ` Aliases: ${p.meta.aliases.join(', ')}.`;
    const value = defaultValue(p);
    if (value !== undefined) help += ` Default: ${String(p.schema.default)}.`;
    parameters.push({
      name: p.name,
      type: NET_TYPES[csType(p)],
      description: prose(help),
      aliases: p.meta.aliases ?? [],
      defaultValue: value,
      switch: !!p.meta.switch,
      byValue: p.meta.pipeline === 'ByValue',
      byPropertyName: !!p.meta.pipeline,
      sets: p.meta.sets?.length ? p.meta.sets.map((set) => ({ set, mandatory: mandatoryIn(p, set), position: p.meta.position })) : [{ set: null, mandatory: mandatoryIn(p, null), position: p.meta.position }],
    });
  }
  for (const m of moduleParameters(def)) {
    parameters.push({
      name: m.name,
      type: NET_TYPES[m.csType],
      description: prose(m.text),
      aliases: m.aliases,
      switch: m.csType === 'SwitchParameter',
      byValue: m.set !== undefined,
      byPropertyName: false,
      sets: [{ set: m.set ?? null, mandatory: m.set !== undefined }],
    });
  }
  const sets = allSets(def);
  const first = defaultSetOf(def);
  return {
    name: def.cmdlet!,
    synopsis: prose(def.summary),
    description: prose(def.powershell?.description ?? def.description),
    sets: first ? [first, ...sets.filter((s) => s !== first)] : sets,
    parameters,
    examples: def.examples.map((e) => ({ code: e.powershell, remarks: prose(e.description) })),
    inputs: inputsHelp(def),
    output: def.outputType,
    notes: `Runs: myaccount ${def.name}`,
  };
}

function defaultSetOf(def: CommandDefinition<any, any>): string | undefined {
  return OBJECT_SETS[def.name]?.defaultSet ?? def.defaultParameterSet ?? allSets(def)[0];
}

/**
 * -WhatIf and -Confirm name the object a destructive cmdlet acts on (the context, the account, the
 * environment, the settings), as Az does, never the CLI command: a C# expression over `bound`, the
 * input (with what a piped object carried).
 */
function shouldProcessTarget(def: CommandDefinition<any, any>): string {
  const params = paramsOf(def).map((p) => p.name);
  switch (def.name) {
    case 'disconnect':
      // The account, which only the context knows unless -Username names it.
      return `Has(bound, "Username") ? Text(bound, "Username") : IsSet(bound, "All") ? "every signed-in account" : ContextAccount(Text(bound, "ContextName"), ConfirmImpact.${def.confirmImpact})`;
    case 'clear-context':
      return `string.Equals(Text(bound, "Scope"), "Process", StringComparison.OrdinalIgnoreCase) ? "the default context of this session" : "every context, account and cached token"`;
    case 'clear-config':
    case 'update-config': {
      const settings = params.filter((n) => !['Scope', 'Force', 'PassThru', 'AppliesTo'].includes(n));
      return `SettingsNamed(bound, ${settings.map(csString).join(', ')})`;
    }
    case 'connect':
      // As Az's "log in" target: who signs in, and where.
      return `"an account in environment " + (Has(bound, "Environment") ? Text(bound, "Environment") : "AzureCloud")`;
    case 'set-context':
      return `Has(bound, "Name") ? Text(bound, "Name") : Has(bound, "Subscription") ? "subscription " + Text(bound, "Subscription") : Has(bound, "Tenant") ? "tenant " + Text(bound, "Tenant") : "the default context"`;
  }
  const named = ['Name', 'SourceName', 'Username', 'ContextName', 'Path'].find((n) => params.includes(n));
  if (!named) throw new Error(`${def.cmdlet} supports ShouldProcess but the generator does not know what it acts on: add it to shouldProcessTarget.`);
  return `Text(bound, ${csString(named)})`;
}

/** Connect-MyAccount → ConnectMyAccountCommand, as PowerShell's own cmdlet classes are named. */
function className(cmdlet: string): string {
  return csIdentifier(`${cmdlet.replace('-', '')}Command`);
}

function cmdletClassFor(def: CommandDefinition<any, any>): string {
  const cmdlet = psIdentifier(def.cmdlet!);
  const [verb, noun] = cmdlet.split('-');
  const params = paramsOf(def);
  const shape = def.powershell;
  const defaultSet = defaultSetOf(def);
  const binding = [
    csString(verb),
    csString(noun),
    defaultSet ? `DefaultParameterSetName = ${csString(defaultSet)}` : null,
    def.confirmImpact ? 'SupportsShouldProcess = true' : null,
    def.confirmImpact ? `ConfirmImpact = ConfirmImpact.${def.confirmImpact}` : null,
  ].filter(Boolean);
  const blocks = [...params.map((p) => parameterAttributes(p)), ...moduleParameters(def).map(moduleParameterLines)];
  const members = blocks.map((lines) => lines.map((l) => `        ${l}`).join('\n')).join('\n\n');
  if (shape?.postProcess && (shape.properties || shape.secureProperty)) throw new Error(`${cmdlet}: a post-processed result cannot also be reshaped`);
  const call = shape?.postProcess
    ? `Run(${csString(def.name)}, bound, ${csString(def.outputType)}, ${csString(psIdentifier(shape.postProcess))})`
    : shape?.properties || shape?.secureProperty
      ? `Run(${csString(def.name)}, bound, ${csString(def.outputType)}, ${shape.properties ? `new[] { ${shape.properties.map(csString).join(', ')} }` : 'null'}, ${shape.secureProperty ? csString(shape.secureProperty) : 'null'}, ${shape.secureProperty ? `${AS_PLAIN_TEXT}.IsPresent` : 'false'})`
      : `Run(${csString(def.name)}, bound, ${csString(def.outputType)})`;
  const profileTarget = defaultProfileTarget(def);
  const body = [
    'var bound = Bound();',
    ...(profileTarget ? [`ResolveDefaultProfile(bound, ${csString(profileTarget)});`] : []),
    ...objectParams(def).map(
      (o) =>
        `if (ParameterSetName == ${csString(o.set)}) AddObjectInput(bound, ${csString(o.name)}, ${Object.entries(o.map)
          .map(([k, v]) => `${csString(psIdentifier(k))}, ${csString(v)}`)
          .join(', ')});`,
    ),
  ];
  if (def.confirmImpact) {
    // -Force on a cmdlet that confirms means "do not ask", as Az's ConfirmAction(Force, ...); -WhatIf still wins.
    const forced = params.some((p) => p.name === 'Force' && p.meta.switch);
    body.push(`if (${forced ? 'ShouldProcessUnlessForced' : 'ShouldProcess'}(${shouldProcessTarget(def)}, ${csString(verb)}${forced ? ', IsSet(bound, "Force")' : ''})) ${call};`);
  } else {
    body.push(`${call};`);
  }
  return [
    `    /// <summary>${xmlText(cmdlet)}: runs myaccount ${xmlText(def.name)}.</summary>`,
    `    [Cmdlet(${binding.join(', ')})]`,
    ...(def.cmdletAliases?.length ? [`    [Alias(${def.cmdletAliases.map((a) => csString(psIdentifier(a))).join(', ')})]`] : []),
    `    [OutputType(${csString(def.outputType)})]`,
    `    public sealed class ${className(cmdlet)} : MyAccountCmdlet`,
    '    {',
    ...(members ? [members, ''] : []),
    '        protected override void ProcessRecord()',
    '        {',
    ...body.map((l) => `            ${l}`),
    '        }',
    '    }',
  ].join('\n');
}

/** The cmdlets, one class per command of the registry; compiled into MyAccount.Helper.dll. */
export function cmdletSource(commands: readonly CommandDefinition<any, any>[], helper: string): string {
  const cmdlets = commands.filter((c) => c.cmdlet);
  return [
    '// The MyAccount cmdlets: generated from the command registry by scripts/generate/module.ts. Do not edit.',
    '// Each gathers its bound parameters and hands them to the CLI through MyAccountCmdlet.',
    'using System;',
    'using System.Collections;',
    'using System.Collections.Specialized;',
    'using System.Management.Automation;',
    'using System.Security;',
    'using MyAccount.Helper;',
    '',
    '// PowerShell names a compiled cmdlet\'s errors after its class: ContextNotFound,MyAccount.Commands.SelectMyContextCommand.',
    'namespace MyAccount.Commands',
    '{',
    cmdlets.map((c) => cmdletClassFor(c)).join('\n\n'),
    '}',
    '',
    'namespace MyAccount.Helper',
    '{',
    tablesSource(commands, helper),
    '}',
    '',
  ].join('\n');
}

/**
 * Tab completion of names the CLI knows: the compiled helper's completer class for each kind,
 * named in the parameter's [ArgumentCompleter()]. PowerShell creates one only when that parameter
 * is completed, so loading the module registers nothing.
 */
const COMPLETERS: Record<NonNullable<ParameterMeta['completer']>, string> = {
  Context: 'ContextNameCompleter',
  Environment: 'EnvironmentNameCompleter',
  Subscription: 'SubscriptionCompleter',
  SubscriptionId: 'SubscriptionIdCompleter',
  Tenant: 'TenantCompleter',
};

/**
 * A hash of the registry's declarations: everything but the handlers (JSON drops functions), in
 * declaration order, so the same registry always gives the same hash.
 */
export function registryHash(commands: readonly CommandDefinition<any, any>[]): string {
  return createHash('sha256').update(JSON.stringify(commands)).digest('hex');
}

export function moduleManifest(commands: readonly CommandDefinition<any, any>[], version: string): string {
  const cmdlets = commands.filter((c) => c.cmdlet);
  const exported = cmdlets.map((c) => `        ${psString(c.cmdlet!)}`).join(',\n');
  const aliases = cmdlets.flatMap((c) => c.cmdletAliases ?? []).map((a) => `        ${psString(a)}`).join(',\n');
  return `# Generated from the command registry by scripts/generate/module.ts. Do not edit.
@{
    # The root module is the compiled one (MyAccount.Helper.dll, generated from the registry): the
    # cmdlets, and the helper that runs the CLI for them. The module's own PowerShell (the
    # subscription picker, the writer for a stream whose preference is Inquire) is embedded there
    # and runs as a module of its own the first time it is needed. No root script: a script module
    # is compiled and set up on every import, and its first cmdlet call paid ~25-50 ms for it
    # (ReadyToRun pwsh, import + Get-MyContext, in turns), in every one-shot call.
    RootModule = 'MyAccount.Helper.dll'
    ModuleVersion = ${psString(version)}
    GUID = ${psString(MODULE_GUID)}
    Author = 'The MyAccount authors'
    CompanyName = 'MyAccount'
    Copyright = '(c) The MyAccount authors. MIT License.'
    Description = 'Sign people and pipelines into Azure: contexts, settings, environments and tokens, on the myaccount CLI (Node.js and MSAL).'
    PowerShellVersion = '7.4'
    CompatiblePSEditions = @('Core')
    FunctionsToExport = @()
    CmdletsToExport = @(
${exported}
    )
    VariablesToExport = @()
    AliasesToExport = @(${aliases ? `\n${aliases}\n    ` : ''})
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
