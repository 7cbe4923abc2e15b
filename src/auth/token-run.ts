/**
 * get-access-token: a token for one resource in one tenant, silently (MSAL's cache, refreshed
 * by MSAL when it is within five minutes of expiry), in one object that reads as both
 * Get-AzAccessToken's and `az account get-access-token`'s output.
 */
import type { CommandContext } from '../core/context.js';
import type { AccessTokenResult, GetAccessTokenInput } from '../commands/get-access-token.js';
import { openCurrentAccount, tenantIdFor } from './current-account.js';
import { resourceOfType } from './endpoints.js';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** az prints Python's local-time "%Y-%m-%d %H:%M:%S.%f". */
export function azExpiresOn(date: Date): string {
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds() * 1000, 6)}`;
  return `${day} ${time}`;
}

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
    // az names the subscription only when the token is for the context's own tenant.
    const subscription = context.subscription && (!tenant || tenant.toLowerCase() === contextTenant.toLowerCase()) ? context.subscription.id : null;
    return {
      Token: result.token,
      ExpiresOn: result.expiresOn.toISOString(),
      TenantId: tenantId,
      UserId: account.id,
      Type: 'Bearer',
      accessToken: result.token,
      expiresOn: azExpiresOn(result.expiresOn),
      expires_on: Math.floor(result.expiresOn.getTime() / 1000),
      subscription,
      tenant: tenantId,
      tokenType: 'Bearer',
    };
  } finally {
    current.session.close();
  }
}
