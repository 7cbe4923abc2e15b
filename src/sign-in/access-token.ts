/** An access token someone else obtained (connect --access-token): checked once, never refreshed. */
import { fail } from '../core/errors.js';
import { AccessTokenCredential } from '../credentials/access-token-credential.js';
import { jwtClaims } from '../credentials/credential.js';
import { armResource } from '../profile/endpoints.js';
import type { PlanOf, SignedIn, SignInRequest } from './types.js';

export async function signInWithAccessToken(r: SignInRequest, plan: PlanOf<'accessToken'>): Promise<SignedIn> {
  const { session, ctx } = r;
  const arm = armResource(session.environment);
  const claims = jwtClaims(plan.token);
  const tenant = r.tenant ?? (typeof claims.tid === 'string' ? claims.tid : undefined);
  if (!tenant) throw fail.TenantRequired('The access token names no tenant (no tid claim): give --tenant.', { target: 'Tenant' });
  const accountId = plan.accountId ?? [claims.upn, claims.unique_name, claims.preferred_username, claims.appid].find((v) => typeof v === 'string') as string | undefined;
  if (!accountId) throw fail.AccountIdRequired('The access token does not say whose it is: give --account-id.', { target: 'AccountId' });
  const credential = new AccessTokenCredential(plan.token, tenant, () => ctx.clock.now(), [arm, session.environment.ResourceManagerUrl ?? arm]);
  await credential.getToken(arm, tenant);
  ctx.report.warning(`An access token cannot be refreshed: MyAccount uses it until it expires (${credential.expiresOn.toISOString()}), then you must connect again.`);
  return { credential, accountId, type: 'AccessToken', properties: { homeTenantId: tenant }, flow: 'AccessToken', secrets: [{ kind: 'AccessToken', value: plan.token }] };
}
