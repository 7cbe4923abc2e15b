/**
 * Context rules from Az.Accounts: the automatic name, de-duplication by (account, tenant,
 * subscription), and which context is the default in this process.
 */
import type { CommandContext, Env } from '../core/context.js';
import { fail } from '../core/errors.js';
import { sameName, type AccountRecord, type ContextRecord, type Profile, type SubscriptionRecord, type TenantRecord } from './profile.js';
import type { EnvironmentView } from './environment-types.js';
import { LOCAL_CLOUD_NAME } from '../local-cloud/index.js';
import { findEnvironment } from './environments.js';
import { subscriptionView, tenantView, type SubscriptionView, type TenantInfo } from './views.js';

/** Process scope: the default context of one shell lives in this variable, not on disk. */
export const CONTEXT_VAR = 'MYACCOUNT_CONTEXT';

export type ContextScope = 'Process' | 'CurrentUser';

/** Az's AzureRmProfile.TryGetContextName, in the same order. */
export function contextName(accountId: string | null, tenant: TenantRecord | null, subscription: SubscriptionRecord | null): string {
  if (subscription && accountId && tenant) return `${subscription.name} (${subscription.id}) - ${tenant.id} - ${accountId}`;
  if (subscription && accountId) return `${subscription.name} (${subscription.id}) - ${accountId}`;
  if (tenant && accountId) return `${tenant.id} - ${accountId}`;
  return 'Default';
}

export function findContext(profile: Profile, name: string): ContextRecord | undefined {
  return profile.contexts.find((c) => sameName(c.name, name));
}

/** The named context, or the error every command gives when it does not exist. */
export function requireContext(profile: Profile, name: string, target = 'Name'): ContextRecord {
  const context = findContext(profile, name);
  if (!context) throw fail.ContextNotFound(`There is no context named "${name}". Run myaccount get-context --list-available to see the names.`, { target });
  return context;
}

export function findAccount(profile: Profile, accountId: string): AccountRecord | undefined {
  return profile.accounts.find((a) => sameName(a.id, accountId));
}

/** Az's identity of a context: the same account (ignoring case), tenant and subscription. */
export function sameTarget(a: Omit<ContextRecord, 'name'>, b: Omit<ContextRecord, 'name'>): boolean {
  return sameName(a.accountId, b.accountId) && (a.tenant?.id ?? null) === (b.tenant?.id ?? null) && (a.subscription?.id ?? null) === (b.subscription?.id ?? null);
}

/** The context with the same account, tenant and subscription, which a new one merges into. */
export function findEquivalent(profile: Profile, candidate: Omit<ContextRecord, 'name'>): ContextRecord | undefined {
  return profile.contexts.find((c) => sameTarget(c, candidate));
}

export interface DefaultContext {
  context: ContextRecord;
  scope: ContextScope;
}

/** The default context: MYACCOUNT_CONTEXT in this process if set, else the stored default. */
export function resolveDefault(profile: Profile, env: Env): DefaultContext | null {
  const processName = env[CONTEXT_VAR];
  if (processName) {
    const context = findContext(profile, processName);
    if (!context) {
      throw fail.ProcessContextNotFound(`${CONTEXT_VAR} selects the context "${processName}", which does not exist. Run select-context with an existing name, or unset ${CONTEXT_VAR}.`, { target: CONTEXT_VAR });
    }
    return { context, scope: 'Process' };
  }
  if (!profile.defaultContext) return null;
  const context = findContext(profile, profile.defaultContext) ?? profile.contexts[0];
  return context ? { context, scope: 'CurrentUser' } : null;
}

/** Az's PSAzureContext: the account, environment, subscription and tenant as objects. */
export interface ContextView {
  Name: string;
  Account: { Id: string; Type: string; Tenants: string[] };
  Environment: EnvironmentView | { Name: string };
  Subscription: SubscriptionView | null;
  Tenant: TenantInfo | null;
  IsDefault: boolean;
}

/**
 * `localCloudPort`: where the local cloud runs, if it does, so the LocalCloud environment shows
 * its real endpoints; asked only for a context in the LocalCloud environment. An environment
 * removed since the context was made shows by name only.
 */
export function toContextView(profile: Profile, context: ContextRecord, defaultName: string | null, localCloudPort: () => number | undefined): ContextView {
  const account = findAccount(profile, context.accountId);
  // The profile keeps the tenant's details on the account; a context may hold only its id.
  const tenant = context.tenant && { ...account?.tenants.find((t) => t.id === context.tenant!.id), ...context.tenant };
  return {
    Name: context.name,
    Account: account ? { Id: account.id, Type: account.type, Tenants: account.tenants.map((t) => t.id) } : { Id: context.accountId, Type: 'User', Tenants: [] },
    Environment: findEnvironment(profile.environments, context.environment, sameName(context.environment, LOCAL_CLOUD_NAME) ? localCloudPort() : undefined) ?? { Name: context.environment },
    Subscription: context.subscription ? subscriptionView(context.subscription) : null,
    Tenant: tenant ? tenantView(tenant) : null,
    IsDefault: defaultName !== null && sameName(defaultName, context.name),
  };
}

/**
 * Makes `name` the default context. Process scope: only this shell, through MYACCOUNT_CONTEXT
 * (the profile is returned unchanged). CurrentUser: stored, and a Process choice in this shell
 * is cleared, since it would keep overriding the new default here.
 */
export function makeDefault(profile: Profile, name: string, scope: ContextScope | undefined, ctx: Pick<CommandContext, 'env' | 'setProcessVariable'>): Profile {
  if (scope === 'Process') {
    ctx.setProcessVariable(CONTEXT_VAR, name);
    return profile;
  }
  if (ctx.env[CONTEXT_VAR]) ctx.setProcessVariable(CONTEXT_VAR, null);
  return { ...profile, defaultContext: name };
}

/** After removing contexts, Az points the default at the first one left (or none). */
export function repairDefault(profile: Profile): Profile {
  const stillThere = profile.defaultContext && findContext(profile, profile.defaultContext);
  return stillThere ? profile : { ...profile, defaultContext: profile.contexts[0]?.name ?? null };
}
