/**
 * get-subscription: live from Resource Manager, for the account of the default context. Tenants
 * are read side by side (TenantConcurrency at a time); a tenant that needs MFA or fails costs
 * only itself and is reported once, in one warning.
 */
import pLimit from 'p-limit';
import { openTokenAccount } from '../../credentials/token-account.js';
import { isMfaError } from '../../credentials/msal-errors.js';
import type { CommandContext } from '../../core/context.js';
import { fail, MyAccountError } from '../../core/errors.js';
import { sameName } from '../../profile/profile.js';
import type { GetSubscriptionInput } from './types.js';
import type { ArmSubscription, ArmTenant } from '../../cloud/arm-client.js';
import { subscriptionRecord, subscriptionView, type SubscriptionView } from '../../cloud/views.js';
import { armFor, populate, populationOptionsFor, reachableTenants, summarizeSkipped, type PopulationOptions, type TenantOutcome } from '../../cloud/population.js';

const view = (s: ArmSubscription, listedFrom: string): SubscriptionView => subscriptionView(subscriptionRecord(s, listedFrom));

/** Like population's per-tenant outcome, for a direct GET of one subscription in each tenant. */
async function findInTenants(o: PopulationOptions, tenants: ArmTenant[], id: string): Promise<TenantOutcome[]> {
  const limit = pLimit(Math.max(1, o.concurrency));
  return Promise.all(
    tenants.map((tenant) =>
      limit(async (): Promise<TenantOutcome> => {
        try {
          const found = await armFor(o, tenant.tenantId).getSubscription(id);
          return { tenant, status: 'Succeeded', subscriptions: found ? [found] : [] };
        } catch (error) {
          if (o.signal.aborted) throw error;
          const mfa = (error instanceof MyAccountError && error.code === 'MfaRequired') || isMfaError(error);
          return { tenant, status: mfa ? 'MfaRequired' : 'Failed', subscriptions: [], reason: error instanceof MyAccountError ? error.message : 'unexpected error' };
        }
      }),
    ),
  );
}

function noTenantReadable(accountId: string, outcomes: TenantOutcome[], skipped: string | null): MyAccountError {
  const mfa = outcomes.length > 0 && outcomes.every((x) => x.status === 'MfaRequired');
  return fail[mfa ? 'MfaRequired' : 'NoTenantReachable'](`No tenant of ${accountId} could be read. ${skipped ?? ''}`.trim());
}

export async function runGetSubscription(input: GetSubscriptionInput, ctx: CommandContext): Promise<SubscriptionView[]> {
  const current = await openTokenAccount(ctx, input.ContextName);
  try {
    const o = populationOptionsFor(current, ctx);
    let views: SubscriptionView[];
    let where: string;
    if (input.TenantId !== undefined) {
      // One tenant named: its errors (MFA, no access) are the answer, not a warning.
      const tenantId = await current.tenantId(input.TenantId);
      where = `tenant ${tenantId}`;
      const arm = armFor(o, tenantId);
      if (input.SubscriptionId !== undefined) {
        const found = await arm.getSubscription(input.SubscriptionId);
        views = found ? [view(found, tenantId)] : [];
      } else {
        views = (await arm.listSubscriptions()).map((s) => view(s, tenantId));
      }
    } else {
      const tenants = await reachableTenants(o, o.credential.homeTenantId || current.context.tenant?.id || undefined, current.account.type === 'User');
      where = `the ${tenants.length} tenant${tenants.length === 1 ? '' : 's'} of ${current.account.id}`;
      const outcomes = input.SubscriptionId !== undefined ? await findInTenants(o, tenants, input.SubscriptionId) : await populate(o, tenants);
      const skipped = summarizeSkipped(outcomes);
      if (skipped) ctx.report.warning(skipped);
      if (outcomes.length > 0 && !outcomes.some((x) => x.status === 'Succeeded')) throw noTenantReadable(current.account.id, outcomes, skipped);
      views = outcomes.flatMap((x) => x.subscriptions.map((s) => view(s, x.tenant.tenantId)));
      if (skipped) where += ' that could be read';
    }
    if (input.SubscriptionName !== undefined) views = views.filter((s) => sameName(s.Name, input.SubscriptionName!));
    const wanted = input.SubscriptionId !== undefined ? `with id ${input.SubscriptionId}` : input.SubscriptionName !== undefined ? `named "${input.SubscriptionName}"` : null;
    if (wanted && views.length === 0) {
      throw fail[input.SubscriptionId !== undefined ? 'SubscriptionIdNotFound' : 'SubscriptionNameNotFound'](`There is no subscription ${wanted} in ${where}. Run myaccount get-subscription to list the subscriptions, or connect as an account that has access.`, { target: input.SubscriptionId !== undefined ? 'SubscriptionId' : 'SubscriptionName' });
    }
    return views;
  } finally {
    await current.close();
  }
}

