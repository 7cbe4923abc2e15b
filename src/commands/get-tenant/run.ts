/** get-tenant: the tenants the default context's account can reach, live from Resource Manager. */
import type { CommandContext } from '../../core/context.js';
import { fail } from '../../core/errors.js';
import { openTokenAccount } from '../../credentials/token-account.js';
import { listTenants, populationOptionsFor } from '../../cloud/population.js';
import { tenantInfo, tenantsByName, type TenantInfo } from '../../cloud/views.js';
import { tenantMatches } from '../../profile/profile.js';
import type { GetTenantInput } from './types.js';

export async function runGetTenant(input: GetTenantInput, ctx: CommandContext): Promise<TenantInfo[]> {
  const current = await openTokenAccount(ctx, input.ContextName);
  try {
    const o = populationOptionsFor(current, ctx);
    const home = o.credential.homeTenantId || current.context.tenant?.id || undefined;
    const tenants = (await listTenants(o, home)).map(tenantInfo).sort(tenantsByName);
    if (input.TenantId === undefined) return tenants;
    const value = input.TenantId;
    const matches = tenants.filter((t) => tenantMatches({ id: t.Id, domains: t.Domains, defaultDomain: t.DefaultDomain ?? undefined }, value));
    if (matches.length === 0) {
      throw fail.TenantNotFound(`${current.account.id} has no tenant with the id or domain "${value}". Run myaccount get-tenant to list the tenants it can reach.`, { target: 'TenantId' });
    }
    return matches;
  } finally {
    await current.close();
  }
}
