import { defineCommand } from '../../core/command.js';
import { fail } from '../../core/errors.js';
import { requireContext, resolveDefault, toContextView, type ContextView } from '../../profile/contexts.js';
import { openProfile, type ContextRecord } from '../../profile/profile.js';
import { flag, text } from '../schema/common.js';
import { CONTEXT_TYPE, contextOutput, contextList, contextTable } from '../schema/objects.js';
import { runningLocalCloudPort } from '../../local-cloud/index.js';

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
    const port = runningLocalCloudPort(ctx);
    const view = (context: ContextRecord): ContextView => toContextView(profile, context, defaultName, port);
    if (input.ListAvailable) return profile.contexts.map(view);
    if (input.Name !== undefined) return view(requireContext(profile, input.Name));
    return current ? view(current.context) : null;
  },
});
