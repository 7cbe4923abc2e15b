import { defineCommand } from '../core/command.js';
import { notFound } from '../core/errors.js';
import { CONTEXT_VAR, findContext, toContextView, type ContextView } from '../profile/contexts.js';
import { openProfile } from '../profile/profile.js';
import { CONTEXT_TYPE, contextOutput, contextTable, scope, text } from './common.js';

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
    const missing = (): Error => notFound('ContextNotFound', `There is no context named "${input.Name}". Run myaccount get-context --list-available to see the names.`, 'Name');
    if (input.Scope === 'Process') {
      const profile = await file.read();
      const context = findContext(profile, input.Name);
      if (!context) throw missing();
      ctx.setProcessVariable(CONTEXT_VAR, context.name);
      return toContextView(profile, context, context.name);
    }
    return file.update((profile) => {
      const context = findContext(profile, input.Name);
      if (!context) throw missing();
      const next = { ...profile, defaultContext: context.name };
      // A Process-scope choice would keep overriding the new default in this shell.
      if (ctx.env[CONTEXT_VAR]) ctx.setProcessVariable(CONTEXT_VAR, null);
      return { next, result: toContextView(next, context, context.name) };
    });
  },
});
