/**
 * set-context's live lookup, for a subscription or tenant the stored account does not know (a
 * connect that named one tenant stored only that one): the account's tenants from Resource
 * Manager, filtered to the one asked for, and their subscriptions, each with a token got
 * silently for that tenant (from the cache when it can, else MSAL). Loaded only then.
 */
import type { CommandContext } from '../../core/context.js';
import { populate, populationOptionsFor, reachableTenants } from '../../cloud/population.js';
import { subscriptionRecord, tenantRecord } from '../../cloud/views.js';
import { openTokenAccount } from '../../credentials/token-account.js';
import { tenantMatches } from '../../profile/profile.js';
import type { Discovered, SetContextInput } from './types.js';

export async function discover(input: SetContextInput, ctx: CommandContext): Promise<Discovered> {
  const current = await openTokenAccount(ctx);
  try {
    const o = populationOptionsFor(current, ctx);
    const home = o.credential.homeTenantId || current.context.tenant?.id || undefined;
    // A person's token lists every tenant they belong to; an application reaches its own.
    let tenants = await reachableTenants(o, home, current.account.type === 'User');
    if (input.Tenant !== undefined) tenants = tenants.filter((t) => tenantMatches(tenantRecord(t), input.Tenant!));
    const reached = (await populate(o, tenants)).filter((x) => x.status === 'Succeeded');
    ctx.report.verbose(`Looked up ${reached.length} of ${tenants.length} tenant${tenants.length === 1 ? '' : 's'} of ${current.account.id} in Resource Manager.`);
    return {
      tenants: reached.map((x) => tenantRecord(x.tenant)),
      subscriptions: reached.flatMap((x) => x.subscriptions.map((s) => subscriptionRecord(s, x.tenant.tenantId))),
    };
  } finally {
    await current.close();
  }
}
