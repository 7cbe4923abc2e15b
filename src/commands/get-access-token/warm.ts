/**
 * get-access-token without MSAL when the shared cache can answer: the same account, tenant and
 * resource choice as the full path (token-run.ts), then findCachedToken. Returns null whenever
 * the full path must decide (unknown domain, no cached token, another kind of account).
 */
import type { GetAccessTokenInput, AccessTokenResult } from './types.js';
import type { CommandContext } from '../../core/context.js';
import { findAccount, findContext } from '../../profile/contexts.js';
import { isGuid, tenantMatches } from '../../profile/profile.js';
import { findCachedToken } from '../../token-cache/cached-token.js';
import { keychainWaitOf } from '../../token-cache/keyring-wait.js';
import { defaultContextOrSignIn } from '../../credentials/default-account.js';
import { resourceOfType } from '../../profile/endpoints.js';
import { readSettings } from '../../config/config-store.js';
import { resolveEnvironment } from '../../profile/environments.js';
import { loadProfile } from '../../profile/profile.js';
import { accessTokenResult } from './result.js';

export async function tryCachedAccessToken(input: GetAccessTokenInput, ctx: CommandContext): Promise<AccessTokenResult | null> {
  const profile = await loadProfile(ctx);
  let context;
  let account;
  if (input.ContextName !== undefined) {
    context = findContext(profile, input.ContextName);
    account = context && findAccount(profile, context.accountId);
    if (!context || !account) return null;
  } else {
    ({ account, current: { context } } = defaultContextOrSignIn(profile, ctx));
  }
  const settings = await readSettings(ctx);
  const environment = resolveEnvironment(profile, ctx, account.environment);
  const resource = input.ResourceUrl ?? resourceOfType(environment, input.ResourceTypeName ?? 'Arm');
  const contextTenant = context.tenant?.id ?? account.properties?.homeTenantId;
  if (!contextTenant) return null;
  let tenant = contextTenant;
  if (input.TenantId !== undefined) {
    const value = input.TenantId;
    const known = isGuid(value) ? value.toLowerCase() : account.tenants.find((t) => tenantMatches(t, value))?.id;
    if (!known) return null;
    tenant = known;
  }
  const cached = await findCachedToken({
    configDir: ctx.configDir,
    env: ctx.env,
    allowPlaintext: settings.AllowPlaintextTokenCache,
    account,
    clientId: account.properties?.clientId ?? settings.ClientId,
    environment,
    tenantId: tenant,
    resource,
    now: ctx.clock.now(),
    keyring: { keychain: keychainWaitOf(ctx) },
  });
  if (!cached) return null;
  ctx.report.verbose(`Using the cached token for ${resource} in tenant ${tenant} as ${account.id}.`);
  return accessTokenResult(cached.token, cached.expiresOn, tenant, account, context, contextTenant);
}
