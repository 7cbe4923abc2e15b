/** Parameters and output shared by the environment commands. */
import type { JsonSchema, TableColumn } from '../../core/command.js';
import { fail } from '../../core/errors.js';
import { ENVIRONMENT_FIELDS, type EnvironmentRecord } from '../../profile/environment-types.js';
import { checkEndpointUrl, normaliseEndpoint } from '../../profile/environments.js';
import { SAFE_TEXT, text } from './common.js';

export const ENVIRONMENT_TYPE = 'MyAccount.Environment';
export const environmentTable: TableColumn[] = [
  { header: 'Name', path: 'Name' },
  { header: 'Type', path: 'Type' },
  { header: 'ResourceManagerUrl', path: 'ResourceManagerUrl' },
  { header: 'ActiveDirectoryAuthority', path: 'ActiveDirectoryAuthority' },
];

/** Environment names become context fields and completions: letters, digits, dot, dash, underscore. */
export const environmentName = (description: string, meta = {}): JsonSchema => ({
  type: 'string',
  description,
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
  'x-ps': { completer: 'Environment', ...meta },
});

export function endpointProperties(sets: string[]): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const field of ENVIRONMENT_FIELDS) {
    const meta = { sets, aliases: [...field.aliases] };
    if (field.kind === 'bool') out[field.name] = { type: 'boolean', description: field.help, 'x-ps': meta };
    else if (field.kind === 'url') out[field.name] = { ...text(field.help, meta, 2048), pattern: SAFE_TEXT };
    else out[field.name] = text(field.help, meta, 256);
  }
  return out;
}

export const armEndpointProperty: JsonSchema = {
  ...text('An Azure Resource Manager endpoint; the rest is read from its /metadata/endpoints document.', { sets: ['ARMEndpoint'], mandatory: true, aliases: ['ArmUrl'] }, 2048),
};

/** Checks and normalises the endpoint fields present in the input. */
export function endpointsFromInput(input: Record<string, unknown>): Partial<EnvironmentRecord> {
  const out: Record<string, unknown> = {};
  for (const field of ENVIRONMENT_FIELDS) {
    const value = input[field.name];
    if (value === undefined) continue;
    if (field.kind === 'url') checkEndpointUrl(field.name, value as string);
    if (field.kind === 'suffix' && !/^\.?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(value as string)) {
      throw fail.InvalidDnsSuffix(`${field.name} must be a DNS suffix such as core.windows.net.`, { target: field.name });
    }
    out[field.name] = typeof value === 'string' ? normaliseEndpoint(field.name, value) : value;
  }
  return out as Partial<EnvironmentRecord>;
}

const endpointOutput: Record<string, JsonSchema> = Object.fromEntries(
  ENVIRONMENT_FIELDS.map((f) => [f.name, { type: f.kind === 'bool' ? ['boolean', 'null'] : ['string', 'null'] } as JsonSchema]),
);

export const environmentOutput: JsonSchema = {
  type: 'object',
  properties: { Name: { type: 'string' }, Type: { type: 'string', enum: ['Built-in', 'User-defined'] }, ...endpointOutput },
  required: ['Name', 'Type'],
};

/** The endpoint fields given, after refusing a mix of --arm-endpoint and single endpoints. */
export function givenEndpoints(input: Record<string, unknown>): string[] {
  const endpoints = Object.keys(input).filter((k) => k !== 'Name' && k !== 'ARMEndpoint');
  if (input.ARMEndpoint !== undefined && endpoints.length > 0) {
    throw fail.ParameterSetConflict(`Give either ARMEndpoint (--arm-endpoint) or endpoints such as ${endpoints[0]}, not both.`, { target: 'ARMEndpoint' });
  }
  return endpoints;
}
