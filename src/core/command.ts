/**
 * The shape of a command declaration. A command is data (names, schemas, PowerShell metadata,
 * help) plus one handler; the CLI parser, `--help`, the published JSON Schemas, the PowerShell
 * module and the README table are all generated from these declarations.
 */
import type { CommandContext } from './context.js';

/** PowerShell metadata carried by each input property under the `x-ps` keyword. */
export interface ParameterMeta {
  /** Parameter sets this parameter belongs to; absent means every set. */
  sets?: string[];
  /** Mandatory in these sets (true = every set it belongs to). */
  mandatory?: boolean | string[];
  position?: number;
  aliases?: string[];
  /** A PowerShell [switch]: present or absent, never given a value. */
  switch?: boolean;
  /** Taken as SecureString/PSCredential in PowerShell and never echoed anywhere. */
  secret?: boolean;
  /** Argument completer to attach in the module. */
  completer?: 'Environment' | 'Tenant' | 'Subscription' | 'SubscriptionId' | 'Context';
  /**
   * A file path. The module resolves it against PowerShell's current location (which the CLI's
   * own working folder need not be) and expands ~, before the CLI sees it.
   */
  path?: boolean;
  pipeline?: 'ByValue' | 'ByPropertyName';
  /** The CLI flag, when the kebab-case form of the property name is not right. */
  flag?: string;
  /** Extra CLI aliases (without dashes), e.g. "device-code". */
  flagAliases?: string[];
  /** Not exposed as a PowerShell parameter (CLI-only input). */
  cliOnly?: boolean;
  /**
   * This input names the context the command acts for, for one call: the module adds Az's
   * -DefaultProfile (aliases AzContext, AzureRmContext, AzureCredential), which takes a context
   * object from Get-MyContext or a context name and hands its name to this input.
   */
  defaultProfile?: boolean;
}

export interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: readonly (string | number | boolean | null)[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  not?: JsonSchema;
  const?: unknown;
  minProperties?: number;
  maxProperties?: number;
  dependentRequired?: Record<string, string[]>;
  propertyNames?: JsonSchema;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  title?: string;
  'x-ps'?: ParameterMeta;
  /** Output schemas: the PowerShell type name a (nested) object of this shape gets. */
  'x-ps-type'?: string;
  /** Output schemas: the property PowerShell shows for the object as text ("$context.Account" → its Id). */
  'x-ps-string'?: string;
}

export interface InputSchema extends JsonSchema {
  type: 'object';
  properties: Record<string, JsonSchema>;
  additionalProperties: false;
}

export interface TableColumn {
  header: string;
  /** Dotted path into one result object, e.g. "Subscription.Name". */
  path: string;
  /** Characters the PowerShell table view gives the column (longer values end in "…"). */
  width?: number;
}

export interface CommandExample {
  description: string;
  cli: string;
  powershell: string;
}

export type ConfirmImpact = 'Low' | 'Medium' | 'High';

/** How the PowerShell module presents a command's result where it differs from the CLI's JSON. */
export interface PowerShellOutput {
  /**
   * Only these properties, in this order. PowerShell property names ignore case, so a result
   * that also carries az's names (expiresOn beside ExpiresOn) cannot become one object as it is.
   */
  properties?: string[];
  /** This property becomes a SecureString, unless the cmdlet's -AsPlainText switch is given. */
  secureProperty?: string;
  /** The help description, where the CLI's speaks of things PowerShell users do not get. */
  description?: string;
  /**
   * A private function of the module the result is piped through, for what PowerShell does
   * itself: connect's subscription picker asks at the PowerShell host, which the CLI cannot reach.
   */
  postProcess?: 'Invoke-MyAccountSubscriptionPicker';
}

export interface CommandDefinition<I = Record<string, unknown>, O = unknown> {
  /** CLI name, e.g. "get-context"; `emulator start` style groups use a space. */
  name: string;
  /** Cmdlet name with an approved verb, e.g. "Get-MyContext"; absent for CLI-only commands. */
  cmdlet?: string;
  /** Cmdlet aliases, e.g. "Login-MyAccount". */
  cmdletAliases?: string[];
  summary: string;
  description: string;
  examples: CommandExample[];
  input: InputSchema;
  /** Cross-property rules JSON Schema cannot say clearly; throw invalidInput to reject. */
  validate?: (input: I) => void;
  output: JsonSchema;
  /** PowerShell type name of each output object (format view key). */
  outputType: string;
  /** Columns for `--output table|tsv` and the PowerShell table view. */
  table?: TableColumn[];
  /**
   * The result is az's (account …, login): `--output tsv` prints every field of a row in order,
   * as az does, instead of the table's columns, so a script that cuts az's tsv by position reads
   * the same columns here.
   */
  tsvEveryField?: boolean;
  /**
   * Rows of the PowerShell list view (Format-List), for results whose nested objects would
   * otherwise show as @{Id=...; Type=...}.
   */
  list?: TableColumn[];
  defaultParameterSet?: string;
  /** Hands back environment variables for the caller (accepts --output env) without a Scope. */
  processEnvironment?: boolean;
  /**
   * The result is text printed as it is (a completion script to `source`), unless --output
   * other than json or --query is given: shells cannot load a JSON string.
   */
  printsText?: boolean;
  /** Destructive commands get SupportsShouldProcess with this ConfirmImpact. */
  confirmImpact?: ConfirmImpact;
  powershell?: PowerShellOutput;
  /**
   * The input property (an array of strings) that takes every word after `--`, untouched. Such a
   * command runs that command line: its stdout is the child's, not one JSON document, and the
   * handler resolves with `{ exitCode }`, which becomes the CLI's exit code. Only `exec` has one.
   */
  passThrough?: string;
  handler: (input: I, ctx: CommandContext) => Promise<O>;
}

/**
 * The registry as the CLI reads it: every command's name at once, declarations when needed. A
 * cold start loads only the declaration of the command it runs; help, completion and mistakes
 * on the command line load them all.
 */
export interface CommandCatalog {
  /** Every command's name, in the registry's order. */
  names: readonly string[];
  /** The declaration of the command with this name (one of `names`). */
  load(name: string): Promise<CommandDefinition<any, any>>;
  /** Every declaration, in the registry's order. */
  all(): Promise<readonly CommandDefinition<any, any>[]>;
}

/** Declares a command; the identity function exists so each file gets type inference. */
export function defineCommand<I, O>(definition: CommandDefinition<I, O>): CommandDefinition<I, O> {
  return definition;
}
