import { defineCommand } from '../../core/command.js';
import { fail } from '../../core/errors.js';
import type { EnvironmentView } from '../../profile/environment-types.js';
import { allEnvironments, findEnvironment } from '../../profile/environments.js';
import { openProfile } from '../../profile/profile.js';
import { runningLocalCloudPort } from '../../local-cloud/index.js';
import { ENVIRONMENT_TYPE, environmentName, environmentOutput, environmentTable } from '../schema/environment.js';

interface Input {
  Name?: string;
}

export default defineCommand<Input, EnvironmentView | EnvironmentView[]>({
  name: 'get-environment',
  cmdlet: 'Get-MyEnvironment',
  summary: 'List the Azure environments (clouds), or show one.',
  description: 'Shows the built-in clouds (AzureCloud, AzureChinaCloud, AzureUSGovernment) and the ones you added, with their endpoints. Names are matched ignoring case.',
  examples: [
    { description: 'List every environment.', cli: 'myaccount get-environment --output table', powershell: 'Get-MyEnvironment' },
    { description: 'Show one environment.', cli: 'myaccount get-environment AzureChinaCloud', powershell: 'Get-MyEnvironment AzureChinaCloud' },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    properties: { Name: environmentName('The environment to show.', { position: 0 }) },
  },
  output: { anyOf: [environmentOutput, { type: 'array', items: environmentOutput }] },
  outputType: ENVIRONMENT_TYPE,
  table: environmentTable,
  async handler(input, ctx) {
    const profile = await openProfile(ctx.configDir, ctx.clock).read();
    // LocalCloud points at the port the local cloud of this state folder runs on.
    const port = runningLocalCloudPort(ctx);
    if (input.Name === undefined) return allEnvironments(profile.environments, port);
    const found = findEnvironment(profile.environments, input.Name, port);
    if (!found) throw fail.EnvironmentNotFound(`There is no environment named "${input.Name}". Run myaccount get-environment to see them, or add it with add-environment.`, { target: 'Name' });
    return found;
  },
});
