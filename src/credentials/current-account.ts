/**
 * The account a read command acts for (the default context's, or a named context's) as a live
 * Credential, and a tenant a person named (id or domain) as an id. Loaded only by handlers,
 * since it pulls in MSAL.
 */
import type { CommandContext } from '../core/context.js';
import { isGuid, tenantMatches, type AccountRecord, type ContextRecord, type Profile } from '../profile/profile.js';
import { credentialFor, sessionFor } from './account-credential.js';
import type { Credential } from './credential.js';
import { contextAndAccount } from './default-account.js';
import type { AuthSession } from './session.js';
import { loadProfile } from '../profile/profile.js';
import { resolveTenantId } from './tenant-lookup.js';

export interface CurrentAccount {
  profile: Profile;
  context: ContextRecord;
  account: AccountRecord;
  session: AuthSession;
  credential: Credential;
}

/** Opens a session and credential for the account behind a context; the caller closes the session. */
export async function openCurrentAccount(ctx: CommandContext, contextName?: string): Promise<CurrentAccount> {
  const profile = await loadProfile(ctx);
  const { context, account } = contextAndAccount(profile, ctx, contextName);
  const session = await sessionFor(account, profile, ctx);
  const env = session.environment;
  ctx.report.verbose(
    `Context "${context.name}": ${account.type} ${account.id}, tenant ${context.tenant?.id ?? '(home)'}, environment ${env.Name} ` +
      `(Entra ${env.ActiveDirectoryAuthority ?? '?'}, Resource Manager ${env.ResourceManagerUrl ?? '?'}), token cache ${session.cache.store}.`,
  );
  try {
    const credential = await credentialFor(account, session, ctx);
    return { profile, context, account, session, credential };
  } catch (error) {
    session.close();
    throw error;
  }
}

/** A tenant id for what a person typed: an id, a domain the account already knows, else Entra's answer for the domain. */
export async function tenantIdFor(value: string, current: CurrentAccount, ctx: CommandContext): Promise<string> {
  if (isGuid(value)) return value.toLowerCase();
  const known = current.account.tenants.find((t) => tenantMatches(t, value));
  if (known) return known.id;
  return resolveTenantId(value, current.session.environment, current.session.http, ctx.signal);
}
