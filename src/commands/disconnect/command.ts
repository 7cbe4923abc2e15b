/**
 * disconnect: sign an account out. Its tokens leave the shared token cache, its secrets the
 * secure store, and the account and every context built from it leave the profile. The work
 * (MSAL, the secure store) loads only when it runs.
 */
import { defineCommand } from '../../core/command.js';
import { fail } from '../../core/errors.js';
import { CONTEXT_VAR, findAccount, repairDefault, requireContext, resolveDefault } from '../../profile/contexts.js';
import { openProfile, sameName, type AccountRecord, type Profile } from '../../profile/profile.js';
import { flag, text } from '../schema/common.js';

interface Input {
  ContextName?: string;
  Username?: string;
  All?: boolean;
}

export interface AccountView {
  Id: string;
  Type: string;
  Tenants: string[];
}

const accountOutput = {
  type: 'object',
  properties: { Id: { type: 'string' }, Type: { type: 'string' }, Tenants: { type: 'array', items: { type: 'string' } } },
  required: ['Id', 'Type', 'Tenants'],
};

const view = (a: AccountRecord): AccountView => ({ Id: a.id, Type: a.type, Tenants: a.tenants.map((t) => t.id) });

/** Which accounts the input names; throws before anything changes when it names none. */
function accountsToRemove(profile: Profile, input: Input, env: Record<string, string | undefined>): AccountRecord[] {
  if (input.All) return [...profile.accounts];
  if (input.Username !== undefined) {
    const account = findAccount(profile, input.Username);
    if (!account) {
      throw fail.AccountNotFound(`No account "${input.Username}" is signed in. Run myaccount get-context --list-available to see the signed-in accounts.`, { target: 'Username' });
    }
    return [account];
  }
  const context = input.ContextName !== undefined ? requireContext(profile, input.ContextName, 'ContextName') : resolveDefault(profile, env)?.context;
  if (!context) throw fail.SignInRequired('No account is signed in, so there is nothing to disconnect. Name one with --username or --context-name, or sign in with myaccount connect.');
  const account = findAccount(profile, context.accountId);
  // A context whose account record is gone still names the account whose contexts should go.
  return [account ?? { id: context.accountId, type: 'User', environment: context.environment, tenants: context.tenant ? [context.tenant] : [], subscriptions: [] }];
}

export default defineCommand<Input, AccountView | AccountView[]>({
  name: 'disconnect',
  cmdlet: 'Disconnect-MyAccount',
  cmdletAliases: ['Logout-MyAccount', 'Remove-MyAccount'],
  summary: 'Sign an account out: remove its tokens, its kept secrets and all its contexts.',
  description:
    'Without parameters, signs out the account of the default context. --username names the account (a user name, an application id or a managed identity id), ' +
    '--context-name the context whose account to sign out, --all every account. The account\'s tokens leave the shared token cache, the client secret, certificate password ' +
    'or federated token kept for a service principal leaves the secure store, and every context of the account is removed; when the default context was one of them, the first ' +
    'remaining context becomes the default. Other accounts keep their tokens and contexts.',
  examples: [
    { description: 'Sign out the account of the default context.', cli: 'myaccount disconnect', powershell: 'Disconnect-MyAccount' },
    { description: 'Sign out one account by name.', cli: 'myaccount disconnect --username bob@fabrikam.example', powershell: 'Disconnect-MyAccount -Username bob@fabrikam.example' },
    { description: 'Sign out every account.', cli: 'myaccount disconnect --all', powershell: 'Disconnect-MyAccount -All' },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ContextName: text('The context whose account to sign out. Default: the default context.', { sets: ['ContextName'], position: 0, completer: 'Context', defaultProfile: true }),
      Username: text('The account to sign out: a user name, an application id or a managed identity id.', { sets: ['UserId'], mandatory: true, aliases: ['Id', 'UserId'] }),
      All: flag('Sign out every account.', { sets: ['All'], mandatory: true }),
    },
  },
  validate(input) {
    const given = (['ContextName', 'Username', 'All'] as const).filter((k) => input[k] !== undefined && input[k] !== false);
    if (given.length > 1) throw fail.ParameterSetConflict(`Give only one of ContextName (--context-name), Username (--username) and All (--all); got ${given.join(' and ')}.`, { target: given[1] });
  },
  defaultParameterSet: 'ContextName',
  output: { anyOf: [accountOutput, { type: 'array', items: accountOutput }] },
  outputType: 'MyAccount.Account',
  table: [
    { header: 'Id', path: 'Id' },
    { header: 'Type', path: 'Type' },
    { header: 'Tenants', path: 'Tenants' },
  ],
  confirmImpact: 'Medium',
  async handler(input, ctx) {
    const store = openProfile(ctx.configDir, ctx.clock);
    const targets = accountsToRemove(await store.read(), input, ctx.env);
    // Credentials first: if this fails, the account is still listed and disconnect can run again.
    const signOut = await import('../../credentials/sign-out.js');
    await signOut.removeAccountTokens(ctx, targets);
    await signOut.removeAccountSecrets(ctx, targets);
    const removed = await store.update((profile) => {
      const gone = (accountId: string) => targets.some((t) => sameName(t.id, accountId));
      const processContext = ctx.env[CONTEXT_VAR];
      if (processContext && profile.contexts.some((c) => gone(c.accountId) && sameName(c.name, processContext))) ctx.setProcessVariable(CONTEXT_VAR, null);
      const next = repairDefault({ ...profile, accounts: profile.accounts.filter((a) => !gone(a.id)), contexts: profile.contexts.filter((c) => !gone(c.accountId)) });
      return { next, result: targets.map(view) };
    });
    return input.All ? removed : removed[0];
  },
});
