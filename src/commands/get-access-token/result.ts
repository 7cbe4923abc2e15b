/** get-access-token's answer: Get-AzAccessToken's fields and `az account get-access-token`'s, in one object. */
import type { AccessTokenResult } from './types.js';
import type { AccountRecord, ContextRecord } from '../../profile/profile.js';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** az prints Python's local-time "%Y-%m-%d %H:%M:%S.%f". */
export function azExpiresOn(date: Date): string {
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds() * 1000, 6)}`;
  return `${day} ${time}`;
}

export function accessTokenResult(token: string, expiresOn: Date, tenantId: string, account: AccountRecord, context: ContextRecord, contextTenant: string): AccessTokenResult {
  // az names the subscription only when the token is for the context's own tenant.
  const subscription = context.subscription && tenantId.toLowerCase() === contextTenant.toLowerCase() ? context.subscription.id : null;
  return {
    Token: token,
    ExpiresOn: expiresOn.toISOString(),
    TenantId: tenantId,
    UserId: account.id,
    Type: 'Bearer',
    accessToken: token,
    expiresOn: azExpiresOn(expiresOn),
    expires_on: Math.floor(expiresOn.getTime() / 1000),
    subscription,
    tenant: tenantId,
    tokenType: 'Bearer',
  };
}
