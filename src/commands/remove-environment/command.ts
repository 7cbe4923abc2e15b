import { defineCommand } from '../../core/command.js';
import { fail } from '../../core/errors.js';
import type { EnvironmentView } from '../../profile/environment-types.js';
import { findEnvironment, isBuiltIn } from '../../profile/environments.js';
import { openProfile, sameName } from '../../profile/profile.js';
import { passThru } from '../schema/common.js';
import { ENVIRONMENT_TYPE, environmentName, environmentOutput, environmentTable } from '../schema/environment.js';

interface Input {
  Name: string;
  PassThru?: boolean;
}

export default defineCommand<Input, EnvironmentView | null>({
  name: 'remove-environment',
  cmdlet: 'Remove-MyEnvironment',
  summary: 'Remove an environment you added.',
  description: 'Removes a user-defined environment. Built-ins cannot be removed, and an environment that contexts still use is kept until those contexts are removed, so no context is left pointing nowhere.',
  examples: [{ description: 'Remove an environment.', cli: 'myaccount remove-environment Contoso', powershell: 'Remove-MyEnvironment Contoso' }],
  input: {
    type: 'object',
    additionalProperties: false,
    required: ['Name'],
    properties: {
      Name: environmentName('The environment to remove.', { position: 0, mandatory: true }),
      PassThru: passThru,
    },
  },
  output: { anyOf: [environmentOutput, { type: 'null' }] },
  outputType: ENVIRONMENT_TYPE,
  table: environmentTable,
  confirmImpact: 'Medium',
  async handler(input, ctx) {
    if (isBuiltIn(input.Name)) throw fail.BuiltInEnvironment(`"${input.Name}" is a built-in environment and cannot be removed.`, { target: 'Name' });
    return openProfile(ctx.configDir, ctx.clock).update((profile) => {
      const existing = profile.environments.find((e) => sameName(e.Name, input.Name));
      if (!existing) throw fail.EnvironmentNotFound(`There is no environment named "${input.Name}". Run myaccount get-environment to see them.`, { target: 'Name' });
      const users = profile.contexts.filter((c) => sameName(c.environment, existing.Name));
      if (users.length > 0) {
        throw fail.EnvironmentInUse(`${users.length} context(s) use "${existing.Name}" (for example "${users[0].name}"). Remove them (remove-context, or disconnect) before removing the environment.`, { target: 'Name' });
      }
      const view = findEnvironment(profile.environments, existing.Name)!;
      return { next: { ...profile, environments: profile.environments.filter((e) => e !== existing) }, result: input.PassThru ? view : null };
    });
  },
});
