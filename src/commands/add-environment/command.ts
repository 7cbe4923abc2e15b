import { defineCommand } from '../../core/command.js';
import { fail } from '../../core/errors.js';
import type { EnvironmentRecord, EnvironmentView } from '../../profile/environment-types.js';
import { findEnvironment, isBuiltIn } from '../../profile/environments.js';
import { openProfile } from '../../profile/profile.js';
import { fetchArmMetadataEnvironment } from '../../cloud/arm-metadata.js';
import { ENVIRONMENT_TYPE, armEndpointProperty, endpointProperties, endpointsFromInput, environmentName, environmentOutput, environmentTable, givenEndpoints } from '../schema/environment.js';

type Input = Record<string, unknown> & { Name: string; ARMEndpoint?: string };

export default defineCommand<Input, EnvironmentView>({
  name: 'add-environment',
  cmdlet: 'Add-MyEnvironment',
  summary: 'Add an Azure environment (a sovereign, private or local cloud).',
  description:
    'Adds a cloud by its endpoints, or by its Azure Resource Manager endpoint alone (-ARMEndpoint), in which case the rest is read from ARM\'s /metadata/endpoints document. Endpoints must use https (http only on 127.0.0.1).',
  examples: [
    { description: 'Add a cloud from its ARM endpoint.', cli: 'myaccount add-environment --name Contoso --arm-endpoint https://management.contoso.example/', powershell: 'Add-MyEnvironment -Name Contoso -ARMEndpoint https://management.contoso.example/' },
    {
      description: 'Add a cloud by its endpoints.',
      cli: 'myaccount add-environment --name Contoso --active-directory-authority https://login.contoso.example/ --resource-manager-url https://management.contoso.example/ --active-directory-service-endpoint-resource-id https://management.contoso.example/',
      powershell: 'Add-MyEnvironment -Name Contoso -ActiveDirectoryAuthority https://login.contoso.example/ -ResourceManagerUrl https://management.contoso.example/ -ActiveDirectoryServiceEndpointResourceId https://management.contoso.example/',
    },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    required: ['Name'],
    properties: {
      Name: { ...environmentName('The name of the new environment.', { position: 0, mandatory: true }), 'x-ps': { position: 0, mandatory: true } },
      ARMEndpoint: armEndpointProperty,
      ...endpointProperties(['Name']),
    },
  },
  defaultParameterSet: 'Name',
  validate(input) {
    givenEndpoints(input);
    if (input.ARMEndpoint === undefined) {
      for (const required of ['ActiveDirectoryAuthority', 'ResourceManagerUrl', 'ActiveDirectoryServiceEndpointResourceId']) {
        if (input[required] === undefined) throw fail.EndpointRequired(`add-environment needs ${required} (or --arm-endpoint, to read every endpoint from ARM).`, { target: required });
      }
    }
  },
  output: environmentOutput,
  outputType: ENVIRONMENT_TYPE,
  // As Az: SupportsShouldProcess, so -WhatIf shows what would change; Low never asks by itself.
  confirmImpact: 'Low',
  table: environmentTable,
  async handler(input, ctx) {
    if (isBuiltIn(input.Name)) throw fail.BuiltInEnvironment(`"${input.Name}" is a built-in environment; built-ins cannot be changed. Choose another name.`, { target: 'Name' });
    // Fetch before taking the lock: the network can be slow and other writers should not wait on it.
    const record: EnvironmentRecord =
      input.ARMEndpoint !== undefined ? await fetchArmMetadataEnvironment(input.Name, input.ARMEndpoint, ctx) : ({ Name: input.Name, ...endpointsFromInput(input) } as EnvironmentRecord);
    return openProfile(ctx.configDir, ctx.clock).update((profile) => {
      const existing = findEnvironment(profile.environments, input.Name);
      if (existing) {
        throw fail.EnvironmentExists(`An environment named "${existing.Name}" already exists. Change it with set-environment, or remove it first.`, { target: 'Name' });
      }
      const next = { ...profile, environments: [...profile.environments, record] };
      return { next, result: findEnvironment(next.environments, record.Name)! };
    });
  },
});
