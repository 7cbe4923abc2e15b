import { defineCommand } from '../../core/command.js';
import { fail } from '../../core/errors.js';
import { CONTEXT_VAR, findContext, requireContext, resolveDefault, toContextView, type ContextView } from '../../profile/contexts.js';
import { openProfile, sameName } from '../../profile/profile.js';
import { flag, passThru, text } from '../schema/common.js';
import { CONTEXT_TYPE, contextOutput, contextTable } from '../schema/objects.js';
import { localCloudPortWhenAsked } from '../../local-cloud/index.js';

interface Input {
  SourceName: string;
  TargetName: string;
  Force?: boolean;
  PassThru?: boolean;
}

export default defineCommand<Input, ContextView | null>({
  name: 'rename-context',
  cmdlet: 'Rename-MyContext',
  summary: 'Rename a stored context.',
  description: 'Renames a context. If it is the default (stored, or selected in this shell), it stays the default under its new name.',
  examples: [
    { description: 'Give a context a short name.', cli: 'myaccount rename-context "Contoso (0000…) - … - alice@contoso.com" prod', powershell: "Rename-MyContext -SourceName 'Contoso (0000…) - … - alice@contoso.com' -TargetName prod" },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    required: ['SourceName', 'TargetName'],
    properties: {
      SourceName: text('The current name of the context.', { position: 0, mandatory: true, completer: 'Context' }),
      TargetName: text('The new name.', { position: 1, mandatory: true }),
      Force: flag('Replace a context that already has the new name.'),
      PassThru: passThru,
    },
  },
  output: { anyOf: [contextOutput, { type: 'null' }] },
  outputType: CONTEXT_TYPE,
  table: contextTable,
  confirmImpact: 'Low',
  async handler(input, ctx) {
    return openProfile(ctx.configDir, ctx.clock).update((profile) => {
      const source = requireContext(profile, input.SourceName, 'SourceName');
      const clash = findContext(profile, input.TargetName);
      if (clash && clash !== source && !input.Force) {
        throw fail.ContextExists(`A context named "${clash.name}" already exists. Add --force to replace it, or choose another name.`, { target: 'TargetName' });
      }
      const renamed = { ...source, name: input.TargetName };
      // A default (stored, or chosen in this shell) that named the old context follows it.
      const follows = (name: string | null | undefined): boolean => !!name && (sameName(name, source.name) || (!!clash && sameName(name, clash.name)));
      const next = {
        ...profile,
        contexts: profile.contexts.filter((c) => c !== source && c !== clash).concat(renamed),
        defaultContext: follows(profile.defaultContext) ? renamed.name : profile.defaultContext,
      };
      const processDefault = follows(ctx.env[CONTEXT_VAR]) ? renamed.name : ctx.env[CONTEXT_VAR];
      if (processDefault !== ctx.env[CONTEXT_VAR]) ctx.setProcessVariable(CONTEXT_VAR, processDefault ?? null);
      const current = resolveDefault(next, { ...ctx.env, [CONTEXT_VAR]: processDefault });
      return { next, result: input.PassThru ? toContextView(next, renamed, current?.context.name ?? null, localCloudPortWhenAsked(ctx)) : null };
    });
  },
});
