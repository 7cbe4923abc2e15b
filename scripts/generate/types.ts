/**
 * What the module's objects are as text: the registry's output schemas name PowerShell types for
 * nested objects (x-ps-type: a context's Account, Environment, Subscription and Tenant) and the
 * property each shows as text (x-ps-string). The helper gives nested objects their type names;
 * the types file gives each type a ToString, so "$context.Account" is the account's id and no
 * view or string shows @{Id=...; Type=...}.
 */
import type { CommandDefinition, JsonSchema } from '../../src/core/command.js';
import { psIdentifier, xmlText } from './powershell.js';

/** Every nested object type in a result, by dotted path (arrays are walked through). */
export function nestedTypes(schema: JsonSchema, path: string[] = [], found = new Map<string, string>()): Map<string, string> {
  if (path.length > 0 && schema['x-ps-type']) found.set(path.join('.'), schema['x-ps-type']);
  for (const [name, child] of Object.entries(schema.properties ?? {})) nestedTypes(child, [...path, name], found);
  if (schema.items) nestedTypes(schema.items, path, found);
  for (const alternative of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) nestedTypes(alternative, path, found);
  return found;
}

/**
 * For each result type, its nested objects' types by path (the helper's NestedTypes table). Keyed
 * by type, so every call that asks for a type (the picker's set-context too) tags the same way.
 */
export function nestedTypesByResult(commands: readonly CommandDefinition<any, any>[]): [string, Map<string, string>][] {
  const byType = new Map<string, Map<string, string>>();
  for (const c of commands.filter((x) => x.cmdlet)) {
    const found = nestedTypes(c.output);
    if (found.size > 0 && !byType.has(c.outputType)) byType.set(c.outputType, found);
  }
  return [...byType].sort(([a], [b]) => a.localeCompare(b));
}

/** Each type with the property it shows as text, from every output schema (top level included). */
function textProperties(commands: readonly CommandDefinition<any, any>[]): Map<string, string> {
  const shown = new Map<string, string>();
  const visit = (schema: JsonSchema, type?: string): void => {
    const name = schema['x-ps-type'] ?? type;
    if (name && schema['x-ps-string'] && !shown.has(name)) shown.set(name, schema['x-ps-string']);
    for (const child of Object.values(schema.properties ?? {})) visit(child);
    if (schema.items) visit(schema.items, type);
    for (const alternative of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) visit(alternative, type);
  };
  for (const c of commands.filter((x) => x.cmdlet)) visit(c.output, c.outputType);
  return new Map([...shown].sort(([a], [b]) => a.localeCompare(b)));
}

export function typesFile(commands: readonly CommandDefinition<any, any>[]): string {
  const types = [...textProperties(commands)].map(
    ([type, property]) => `  <Type>
    <Name>${xmlText(type)}</Name>
    <Members>
      <ScriptMethod>
        <Name>ToString</Name>
        <Script>[string]$this.${xmlText(psIdentifier(property))}</Script>
      </ScriptMethod>
    </Members>
  </Type>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- Generated from the command registry by scripts/generate/types.ts. Do not edit. -->
<Types>
${types.join('\n')}
</Types>
`;
}
