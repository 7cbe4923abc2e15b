import { defineCommand } from '../../core/command.js';
import type { CommandContext } from '../../core/context.js';
import { fail, MyAccountError } from '../../core/errors.js';
import type { Discovered, SetContextInput as Input } from './types.js';
import { contextName, findAccount, findContext, findEquivalent, makeDefault, resolveDefault, sameTarget, toContextView, type ContextView } from '../../profile/contexts.js';
import { isGuid, openProfile, sameName, tenantMatches, type AccountRecord, type ContextRecord, type Profile, type SubscriptionRecord, type TenantRecord } from '../../profile/profile.js';
import { flag, scope, text } from '../schema/common.js';
import { CONTEXT_TYPE, contextOutput, contextTable } from '../schema/objects.js';
import { localCloudPortWhenAsked } from '../../local-cloud/index.js';


function resolveTenant(account: AccountRecord, value: string): TenantRecord {
  const tenant = account.tenants.find((t) => tenantMatches(t, value));
  if (!tenant) {
    throw fail.TenantNotFound(`The account ${account.id} has no tenant "${value}". Known tenants: ${account.tenants.map((t) => t.id).join(', ') || '(none)'}. Sign in to that tenant with connect --tenant.`, { target: 'Tenant' });
  }
  return tenant;
}

/** Az's rules: an id is matched exactly; a name case-insensitively, preferring the home tenant. */
function resolveSubscription(account: AccountRecord, value: string, tenant: TenantRecord | null): SubscriptionRecord {
  const inTenant = account.subscriptions.filter((s) => !tenant || s.tenantId === tenant.id);
  const byId = isGuid(value);
  const matches = inTenant.filter((s) => (byId ? sameName(s.id, value) : sameName(s.name, value)));
  const preferred = matches.filter((s) => s.homeTenantId === s.tenantId);
  const candidates = preferred.length > 0 ? preferred : matches;
  const unique = [...new Map(candidates.map((s) => [s.id.toLowerCase(), s])).values()];
  if (unique.length === 0) {
    throw fail[byId ? 'SubscriptionIdNotFound' : 'SubscriptionNameNotFound'](`The account ${account.id} has no subscription ${byId ? 'with id' : 'named'} "${value}"${tenant ? ` in tenant ${tenant.id}` : ''}. ` +
        'Run myaccount get-context --list-available to see what is known, or connect again to refresh the list.', { target: 'Subscription' });
  }
  if (unique.length > 1) {
    throw fail.AmbiguousSubscription(`"${value}" names ${unique.length} subscriptions (${unique.map((s) => s.id).join(', ')}). Give the subscription id, or add --tenant.`, { target: 'Subscription' });
  }
  return candidates.find((s) => sameName(s.id, unique[0].id))!;
}

/** Codes of a target the stored account does not know, which a live lookup may still find. */
const LOOK_UP_LIVE = new Set<string>(['SubscriptionIdNotFound', 'SubscriptionNameNotFound', 'TenantNotFound']);

/** The default context's account, with tenants and subscriptions found live added to what it knew. */
function learn(profile: Profile, ctx: Pick<CommandContext, 'env'>, found: Discovered): Profile {
  const current = resolveDefault(profile, ctx.env);
  const accounts = profile.accounts.map((account) => {
    if (!current || !sameName(account.id, current.context.accountId)) return account;
    const tenants = [...account.tenants, ...found.tenants.filter((t) => !account.tenants.some((k) => k.id === t.id))];
    const known = (s: SubscriptionRecord): boolean => account.subscriptions.some((k) => k.id === s.id && k.tenantId === s.tenantId);
    return { ...account, tenants, subscriptions: [...account.subscriptions, ...found.subscriptions.filter((s) => !known(s))] };
  });
  return { ...profile, accounts };
}

function select(profile: Profile, input: Input, ctx: Pick<CommandContext, 'env' | 'setProcessVariable' | 'report' | 'configDir'>): { next: Profile; result: ContextView } {
  const current = resolveDefault(profile, ctx.env);
  const account = current && findAccount(profile, current.context.accountId);
  if (!current || !account) throw fail.SignInRequired('No account is signed in. Run myaccount connect first.');
  const tenantFilter = input.Tenant !== undefined ? resolveTenant(account, input.Tenant) : null;
  let subscription: SubscriptionRecord | null = null;
  if (input.Subscription !== undefined) subscription = resolveSubscription(account, input.Subscription, tenantFilter);
  else subscription = account.subscriptions.find((s) => s.tenantId === tenantFilter!.id && s.homeTenantId === s.tenantId) ?? account.subscriptions.find((s) => s.tenantId === tenantFilter!.id) ?? null;
  const tenant = tenantFilter ?? account.tenants.find((t) => t.id === subscription!.tenantId) ?? { id: subscription!.tenantId };
  const target = { accountId: account.id, environment: account.environment, tenant, subscription };

  let name: string;
  if (input.Name !== undefined) {
    const existing = findContext(profile, input.Name);
    if (existing && !sameTarget(existing, target) && !input.Force) {
      throw fail.ContextExists(`A context named "${existing.name}" already exists for another subscription or account. Add --force to overwrite it, or choose another name.`, { target: 'Name' });
    }
    name = existing?.name ?? input.Name;
  } else {
    name = findEquivalent(profile, target)?.name ?? contextName(account.id, tenant, subscription);
  }
  const record: ContextRecord = { name, ...target };
  // Same name means the same context: replace it. (Equivalent auto-named ones were reused above.)
  const contexts = profile.contexts.filter((c) => !sameName(c.name, name));
  contexts.push(record);
  const next = makeDefault({ ...profile, contexts }, name, input.Scope, ctx);
  if (subscription && subscription.state !== 'Enabled') ctx.report.warning(`The subscription "${subscription.name}" is ${subscription.state}; requests to it may fail.`);
  return { next, result: toContextView(next, record, name, localCloudPortWhenAsked(ctx)) };
}

export default defineCommand<Input, ContextView>({
  name: 'set-context',
  cmdlet: 'Set-MyContext',
  cmdletAliases: ['Select-MySubscription'],
  summary: 'Create or update a context for a subscription or tenant of the signed-in account, and make it the default.',
  description:
    'Picks a subscription (by id or name) or a tenant (by id or domain) of the account in the current context, creates the context for it (or reuses the one that already exists), and makes it the default. ' +
    'A subscription id is matched exactly; a name ignoring case, preferring a subscription in its home tenant. With only a tenant, its first subscription is used.',
  examples: [
    { description: 'Switch to a subscription by name.', cli: 'myaccount set-context --subscription "Contoso Production"', powershell: "Set-MyContext -Subscription 'Contoso Production'" },
    { description: 'Switch to a tenant, in this shell only.', cli: 'eval "$(myaccount set-context --tenant contoso.onmicrosoft.com --scope Process --output env)"', powershell: 'Set-MyContext -Tenant contoso.onmicrosoft.com -Scope Process' },
    { description: 'Give the context a short name.', cli: 'myaccount set-context --subscription 00000000-0000-0000-0000-000000000001 --name prod', powershell: 'Set-MyContext -Subscription 00000000-0000-0000-0000-000000000001 -Name prod' },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      Subscription: text('The subscription id or name.', { sets: ['Subscription'], mandatory: true, position: 0, aliases: ['SubscriptionId', 'SubscriptionName'], completer: 'Subscription', pipeline: 'ByPropertyName' }),
      Tenant: text('The tenant id or domain. Required when no subscription is given.', { sets: ['Subscription', 'TenantNameOnly'], mandatory: ['TenantNameOnly'], aliases: ['Domain', 'TenantId'], completer: 'Tenant' }),
      Name: text('The name of the context. Without it, the name is made from the subscription, tenant and account.'),
      Scope: scope('Process: the new default applies to this shell only. CurrentUser (default): to every new shell too.'),
      Force: flag('Overwrite a context of the same name that points elsewhere.'),
    },
  },
  validate(input) {
    if (input.Subscription === undefined && input.Tenant === undefined) {
      throw fail.SubscriptionOrTenantRequired('set-context needs Subscription (--subscription) or Tenant (--tenant). Run myaccount set-context --help for details.', { target: 'Subscription' });
    }
  },
  defaultParameterSet: 'Subscription',
  output: contextOutput,
  outputType: CONTEXT_TYPE,
  // As Az: SupportsShouldProcess, so -WhatIf shows what would change; Low never asks by itself.
  confirmImpact: 'Low',
  table: contextTable,
  async handler(input, ctx) {
    const file = openProfile(ctx.configDir, ctx.clock);
    try {
      return await file.update((profile) => select(profile, input, ctx));
    } catch (error) {
      if (!(error instanceof MyAccountError) || !LOOK_UP_LIVE.has(error.code)) throw error;
      // Not among what the last connect stored: ask Resource Manager, as Set-AzContext does (a
      // connect that named one tenant stored only that one), outside the lock since it is network work.
      const { discover } = await import('./run.js');
      let found: Discovered;
      try {
        found = await discover(input, ctx);
      } catch (lookup) {
        // The answer is still "not found"; why the live lookup could not run is the fix's half.
        if (!(lookup instanceof MyAccountError)) throw lookup;
        throw fail[error.code](`${error.message} A live lookup in Resource Manager was not possible either: ${lookup.message}`, { target: error.target });
      }
      if (found.subscriptions.length === 0 && found.tenants.length === 0) throw error;
      return file.update((profile) => select(learn(profile, ctx, found), input, ctx));
    }
  },
});
