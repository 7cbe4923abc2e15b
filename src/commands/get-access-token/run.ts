/**
 * get-access-token: a token for one resource in one tenant, silently (MSAL's cache, refreshed
 * by MSAL when it is within five minutes of expiry), in one object that reads as both
 * Get-AzAccessToken's and `az account get-access-token`'s output.
 */
import type { CommandContext } from '../../core/context.js';
import type { AccessTokenResult, GetAccessTokenInput } from './types.js';
import { openCurrentAccount, tenantIdFor } from '../../credentials/current-account.js';
import { resourceOfType } from '../../profile/endpoints.js';
import { accessTokenResult } from './result.js';

export { azExpiresOn } from './result.js';

export async function runGetAccessToken(input: GetAccessTokenInput, ctx: CommandContext): Promise<AccessTokenResult> {
  const current = await openCurrentAccount(ctx, input.ContextName);
  try {
    const { session, credential, context, account } = current;
    const resource = input.ResourceUrl ?? resourceOfType(session.environment, input.ResourceTypeName ?? 'Arm');
    const contextTenant = context.tenant?.id ?? credential.homeTenantId;
    const tenant = input.TenantId !== undefined ? await tenantIdFor(input.TenantId, current, ctx) : contextTenant || undefined;
    ctx.report.verbose(`Getting a token for ${resource} in tenant ${tenant ?? '(home)'} as ${account.id}.`);
    const result = await credential.getToken(resource, tenant);
    const tenantId = result.tenantId || tenant || credential.homeTenantId;
    return accessTokenResult(result.token, result.expiresOn, tenantId, account, context, contextTenant || tenantId);
  } finally {
    current.session.close();
  }
}
