import { defineCommand } from '../../core/command.js';
import { fail } from '../../core/errors.js';
import { requireContext, resolveDefault, toContextView, type ContextView } from '../../profile/contexts.js';
import { openProfile } from '../../profile/profile.js';
import { CONTEXT_TYPE, contextOutput, contextList, contextTable, flag, text } from '../schema/common.js';

interface Input {
  Name?: string;
  ListAvailable?: boolean;
}

export default defineCommand<Input, ContextView | ContextView[] | null>({
  name: 'get-context',
  cmdlet: 'Get-MyContext',
  summary: 'Show the default context, a named context, or every stored context.',
  description:
    'A context is an account, a tenant, a subscription and an environment that commands use together. ' +
    'Without parameters this shows the default context (the one MYACCOUNT_CONTEXT selects in this shell, else the stored default), or nothing when there is none.',
  examples: [
    { description: 'Show the default context.', cli: 'myaccount get-context', powershell: 'Get-MyContext' },
    { description: 'List every stored context.', cli: 'myaccount get-context --list-available --output table', powershell: 'Get-MyContext -ListAvailable' },
    { description: 'Show one context by name.', cli: 'myaccount get-context --name prod', powershell: "Get-MyContext -Name 'prod'" },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      Name: text('The name of the context to show.', { sets: ['GetSingleContext'], position: 0, completer: 'Context' }),
      ListAvailable: flag('List every stored context.', { sets: ['ListAllContexts'], mandatory: true }),
    },
  },
  validate(input) {
    if (input.Name !== undefined && input.ListAvailable) {
      throw fail.ParameterSetConflict('Give either Name (--name) or ListAvailable (--list-available), not both.', { target: 'ListAvailable' });
    }
  },
  defaultParameterSet: 'GetSingleContext',
  output: { anyOf: [contextOutput, { type: 'array', items: contextOutput }, { type: 'null' }] },
  outputType: CONTEXT_TYPE,
  table: contextTable,
  list: contextList,
  async handler(input, ctx) {
    const profile = await openProfile(ctx.configDir, ctx.clock).read();
    const current = resolveDefault(profile, ctx.env);
    const defaultName = current?.context.name ?? null;
    if (input.ListAvailable) return profile.contexts.map((c) => toContextView(profile, c, defaultName));
    if (input.Name !== undefined) {
      const context = requireContext(profile, input.Name);
      return toContextView(profile, context, defaultName);
    }
    return current ? toContextView(profile, current.context, defaultName) : null;
  },
});
