import { defineCommand } from '../../core/command.js';
import { requireContext, makeDefault, toContextView, type ContextView } from '../../profile/contexts.js';
import { openProfile, type Profile } from '../../profile/profile.js';
import { scope, text } from '../schema/common.js';
import { CONTEXT_TYPE, contextOutput, contextTable } from '../schema/objects.js';
import { localCloudPortWhenAsked } from '../../local-cloud/index.js';

interface Input {
  Name: string;
  Scope?: 'Process' | 'CurrentUser';
}

export default defineCommand<Input, ContextView>({
  name: 'select-context',
  cmdlet: 'Select-MyContext',
  summary: 'Make an existing context the default.',
  description:
    'Selects a stored context as the default. With -Scope Process only this shell changes (MYACCOUNT_CONTEXT); with CurrentUser (the default) every new shell starts with it. To create a context, use set-context.',
  examples: [
    { description: 'Make "prod" the default everywhere.', cli: 'myaccount select-context prod', powershell: 'Select-MyContext prod' },
    { description: 'Use "test" in this shell only.', cli: 'eval "$(myaccount select-context test --scope Process --output env)"', powershell: 'Select-MyContext test -Scope Process' },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    required: ['Name'],
    properties: {
      Name: text('The name of the context to select.', { position: 0, mandatory: true, completer: 'Context' }),
      Scope: scope('Process: this shell only. CurrentUser (default): every new shell too.'),
    },
  },
  output: contextOutput,
  outputType: CONTEXT_TYPE,
  table: contextTable,
  async handler(input, ctx) {
    const file = openProfile(ctx.configDir, ctx.clock);
    const select = (profile: Profile): { next: Profile; result: ContextView } => {
      const context = requireContext(profile, input.Name);
      const next = makeDefault(profile, context.name, input.Scope, ctx);
      return { next, result: toContextView(next, context, context.name, localCloudPortWhenAsked(ctx)) };
    };
    // Process scope stores nothing, so it needs no lock.
    return input.Scope === 'Process' ? select(await file.read()).result : file.update(select);
  },
});
