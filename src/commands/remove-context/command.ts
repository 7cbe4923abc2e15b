import { defineCommand } from '../../core/command.js';
import { fail } from '../../core/errors.js';
import { CONTEXT_VAR, requireContext, repairDefault, resolveDefault, toContextView, type ContextView } from '../../profile/contexts.js';
import { openProfile, sameName } from '../../profile/profile.js';
import { flag, passThru, text } from '../schema/common.js';
import { CONTEXT_TYPE, contextOutput, contextTable } from '../schema/objects.js';
import { localCloudPortWhenAsked } from '../../local-cloud/index.js';

interface Input {
  Name: string;
  Force?: boolean;
  PassThru?: boolean;
}

export default defineCommand<Input, ContextView | null>({
  name: 'remove-context',
  cmdlet: 'Remove-MyContext',
  summary: 'Remove a stored context.',
  description:
    'Removes one context. Removing the default context needs -Force; the first remaining context then becomes the default. The account stays signed in; use disconnect to sign out.',
  examples: [
    { description: 'Remove a context.', cli: 'myaccount remove-context test', powershell: 'Remove-MyContext test' },
    { description: 'Remove the default context.', cli: 'myaccount remove-context prod --force', powershell: 'Remove-MyContext prod -Force' },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    required: ['Name'],
    properties: {
      Name: text('The name of the context to remove.', { position: 0, mandatory: true, completer: 'Context' }),
      Force: flag('Allow removing the default context.'),
      PassThru: passThru,
    },
  },
  output: { anyOf: [contextOutput, { type: 'null' }] },
  outputType: CONTEXT_TYPE,
  table: contextTable,
  confirmImpact: 'Medium',
  async handler(input, ctx) {
    return openProfile(ctx.configDir, ctx.clock).update((profile) => {
      const context = requireContext(profile, input.Name);
      const processDefault = ctx.env[CONTEXT_VAR];
      const isProcessDefault = !!processDefault && sameName(processDefault, context.name);
      const isStoredDefault = !!profile.defaultContext && sameName(profile.defaultContext, context.name);
      if ((isProcessDefault || isStoredDefault) && !input.Force) {
        throw fail.DefaultContextRemoval(`"${context.name}" is the default context. Add --force to remove it anyway; the first remaining context then becomes the default.`, { target: 'Name' });
      }
      const view = toContextView(profile, context, resolveDefault(profile, ctx.env)?.context.name ?? null, localCloudPortWhenAsked(ctx));
      const next = repairDefault({ ...profile, contexts: profile.contexts.filter((c) => c !== context) });
      if (isProcessDefault) ctx.setProcessVariable(CONTEXT_VAR, null);
      return { next, result: input.PassThru ? view : null };
    });
  },
});
