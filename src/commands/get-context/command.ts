import { defineCommand } from '../../core/command.js';
import { fail } from '../../core/errors.js';
import { requireContext, resolveDefault, toContextView, type ContextView } from '../../profile/contexts.js';
import { openProfile, sameName, type ContextRecord, type Profile } from '../../profile/profile.js';
import type { CommandContext } from '../../core/context.js';
import { readSettings } from '../../config/config-store.js';
import { flag, text } from '../schema/common.js';
import { CONTEXT_TYPE, contextOutput, contextList, contextTable } from '../schema/objects.js';
import { localCloudPortWhenAsked } from '../../local-cloud/index.js';

interface Input {
  Name?: string;
  ListAvailable?: boolean;
  RefreshContextFromTokenCache?: boolean;
}

/**
 * Az's -RefreshContextFromTokenCache rebuilds contexts from the accounts in the shared token
 * cache. Rebuilding one is a sign-in's work (tenants, then subscriptions per tenant, the default
 * choice), which connect does with the same cached tokens; doing it here, behind a read command,
 * would write contexts nobody asked to choose between. So this names the cached accounts that have
 * no context, and how to get them back, and changes nothing.
 */
async function reportCachedAccountsWithoutContexts(profile: Profile, ctx: CommandContext): Promise<void> {
  const settings = await readSettings(ctx);
  const { openTokenCache } = await import('../../token-cache/token-cache.js');
  const { PublicClientApplication } = await import('@azure/msal-node');
  const cache = await openTokenCache({ configDir: ctx.configDir, allowPlaintext: settings.AllowPlaintextTokenCache, report: ctx.report, attended: ctx.attended, now: () => ctx.clock.now() });
  const app = new PublicClientApplication({ auth: { clientId: settings.ClientId }, cache: { cachePlugin: cache.plugin } });
  const cached = await app.getTokenCache().getAllAccounts();
  const known = (homeAccountId: string, username: string): boolean =>
    profile.accounts.some((a) => (a.homeAccountId && a.homeAccountId === homeAccountId) || sameName(a.id, username));
  const orphans = [...new Set(cached.filter((a) => !known(a.homeAccountId, a.username)).map((a) => a.username || a.homeAccountId))].sort();
  if (orphans.length === 0) {
    ctx.report.information(`Every account in the token cache (${cached.length}) already has its contexts; nothing to refresh.`);
    return;
  }
  ctx.report.warning(
    `The token cache holds sign-ins for ${orphans.join(', ')} without contexts. MyAccount does not rebuild contexts from the cache by itself (it would have to choose tenants and subscriptions for you); ` +
      `run myaccount connect --account-id <account> to make them, which uses the cached sign-in where it still works. Nothing was changed.`,
  );
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
      RefreshContextFromTokenCache: flag(
        "Az's switch to rebuild contexts from the token cache. Here it checks the token cache for signed-in accounts that have no context and says which (and how to get them back), changing nothing; then lists every context.",
        { sets: ['ListAllContexts'] },
      ),
    },
  },
  validate(input) {
    if (input.RefreshContextFromTokenCache && input.Name !== undefined) {
      throw fail.ParameterSetConflict('RefreshContextFromTokenCache (--refresh-context-from-token-cache) goes with ListAvailable (--list-available), not Name (--name).', { target: 'RefreshContextFromTokenCache' });
    }
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
    const port = localCloudPortWhenAsked(ctx);
    const view = (context: ContextRecord): ContextView => toContextView(profile, context, defaultName, port);
    if (input.RefreshContextFromTokenCache) await reportCachedAccountsWithoutContexts(profile, ctx);
    if (input.ListAvailable || input.RefreshContextFromTokenCache) return profile.contexts.map(view);
    if (input.Name !== undefined) return view(requireContext(profile, input.Name));
    return current ? view(current.context) : null;
  },
});
