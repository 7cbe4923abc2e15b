import { defineCommand } from '../../core/command.js';
import { CONTEXT_VAR } from '../../profile/contexts.js';
import { openProfile } from '../../profile/profile.js';
import { flag, passThru, scope } from '../schema/common.js';

interface Input {
  Scope?: 'Process' | 'CurrentUser';
  PassThru?: boolean;
  Force?: boolean;
}

export default defineCommand<Input, boolean | null>({
  name: 'clear-context',
  cmdlet: 'Clear-MyContext',
  summary: 'Remove every context and signed-in account.',
  description:
    'CurrentUser scope (the default) removes every stored context and account, every token in the token cache and every secret kept for a service principal, so nothing is signed in afterwards. Process scope only forgets the default context chosen in this shell (MYACCOUNT_CONTEXT).',
  examples: [
    { description: 'Forget every context and account.', cli: 'myaccount clear-context', powershell: 'Clear-MyContext' },
    { description: 'Forget the context chosen in this shell only.', cli: 'eval "$(myaccount clear-context --scope Process --output env)"', powershell: 'Clear-MyContext -Scope Process' },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      Scope: scope('Process: forget the choice made in this shell. CurrentUser (default): remove everything stored.'),
      PassThru: passThru,
      Force: flag('Do not ask for confirmation (the CLI never asks; in PowerShell, as -Confirm:$false). -WhatIf still only says what would happen.'),
    },
  },
  output: { type: ['boolean', 'null'] },
  outputType: 'System.Boolean',
  confirmImpact: 'High',
  async handler(input, ctx) {
    if (ctx.env[CONTEXT_VAR]) ctx.setProcessVariable(CONTEXT_VAR, null);
    if (input.Scope !== 'Process') {
      const store = openProfile(ctx.configDir, ctx.clock);
      // As Az's Clear-AzContext: the token cache and kept secrets go too, before the accounts
      // that name them, so a failure leaves something a second run can still find.
      const signOut = await import('../../credentials/sign-out.js');
      await signOut.signOutOfBroker(ctx, (await store.read()).accounts);
      await signOut.removeAccountSecrets(ctx, (await store.read()).accounts);
      await signOut.clearTokenCache(ctx);
      await store.update((profile) => ({
        next: { ...profile, contexts: [], accounts: [], defaultContext: null },
        result: undefined,
      }));
    }
    return input.PassThru ? true : null;
  },
});
