import { defineCommand } from '../../core/command.js';
import { fail } from '../../core/errors.js';
import type { EnvironmentRecord, EnvironmentView } from '../../profile/environment-types.js';
import { findEnvironment, isBuiltIn } from '../../profile/environments.js';
import { openProfile, sameName } from '../../profile/profile.js';
import { fetchArmMetadataEnvironment } from '../../cloud/arm-metadata.js';
import { ENVIRONMENT_TYPE, armEndpointProperty, endpointProperties, endpointsFromInput, environmentName, environmentOutput, environmentTable, givenEndpoints } from '../schema/environment.js';

type Input = Record<string, unknown> & { Name: string; ARMEndpoint?: string };

export default defineCommand<Input, EnvironmentView>({
  name: 'set-environment',
  cmdlet: 'Set-MyEnvironment',
  summary: 'Change the endpoints of an environment you added.',
  description: 'Changes the given endpoints of a user-defined environment and keeps the others; with -ARMEndpoint, reads every endpoint again from ARM. Built-in environments cannot be changed.',
  examples: [
    { description: 'Point an environment at a new Microsoft Graph endpoint.', cli: 'myaccount set-environment Contoso --microsoft-graph-url https://graph.contoso.example', powershell: 'Set-MyEnvironment Contoso -MicrosoftGraphUrl https://graph.contoso.example' },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    required: ['Name'],
    properties: {
      Name: environmentName('The environment to change.', { position: 0, mandatory: true }),
      ARMEndpoint: armEndpointProperty,
      ...endpointProperties(['Name']),
    },
  },
  defaultParameterSet: 'Name',
  validate(input) {
    const endpoints = givenEndpoints(input);
    if (input.ARMEndpoint === undefined && endpoints.length === 0) {
      throw fail.NothingToChange('set-environment needs at least one endpoint to change, or --arm-endpoint. Run myaccount set-environment --help for the list.');
    }
  },
  output: environmentOutput,
  outputType: ENVIRONMENT_TYPE,
  // As Az: SupportsShouldProcess, so -WhatIf shows what would change; Low never asks by itself.
  confirmImpact: 'Low',
  table: environmentTable,
  async handler(input, ctx) {
    if (isBuiltIn(input.Name)) throw fail.BuiltInEnvironment(`"${input.Name}" is a built-in environment and cannot be changed. Add your own with add-environment.`, { target: 'Name' });
    const fetched = input.ARMEndpoint !== undefined ? await fetchArmMetadataEnvironment(input.Name, input.ARMEndpoint, ctx) : null;
    const changes = fetched ?? endpointsFromInput(input);
    return openProfile(ctx.configDir, ctx.clock).update((profile) => {
      const existing = profile.environments.find((e) => sameName(e.Name, input.Name));
      if (!existing) throw fail.EnvironmentNotFound(`There is no environment named "${input.Name}". Add it with add-environment.`, { target: 'Name' });
      const updated: EnvironmentRecord = fetched ? { ...fetched, Name: existing.Name } : { ...existing, ...changes, Name: existing.Name };
      const next = { ...profile, environments: profile.environments.map((e) => (e === existing ? updated : e)) };
      return { next, result: findEnvironment(next.environments, existing.Name)! };
    });
  },
});
