/** The account behind the default context (this shell's, else the stored one), or "sign in first". */
import type { CommandContext } from '../core/context.js';
import { fail } from '../core/errors.js';
import { findAccount, requireContext, resolveDefault, type DefaultContext } from '../profile/contexts.js';
import type { AccountRecord, ContextRecord, Profile } from '../profile/profile.js';

export function defaultContextOrSignIn(profile: Profile, ctx: Pick<CommandContext, 'env'>): { current: DefaultContext; account: AccountRecord } {
  const current = resolveDefault(profile, ctx.env);
  const account = current && findAccount(profile, current.context.accountId);
  if (!current || !account) throw fail.SignInRequired('No account is signed in. Run myaccount connect first.');
  return { current, account };
}

/** The context a command acts for (the named one, else the default) and its account, or what to run. */
export function contextAndAccount(profile: Profile, ctx: Pick<CommandContext, 'env'>, contextName?: string): { context: ContextRecord; account: AccountRecord } {
  if (contextName === undefined) {
    const found = defaultContextOrSignIn(profile, ctx);
    return { context: found.current.context, account: found.account };
  }
  const context = requireContext(profile, contextName, 'ContextName');
  const account = findAccount(profile, context.accountId);
  if (!account) throw fail.SignInRequired(`The context "${context.name}" belongs to ${context.accountId}, who is no longer signed in. Run myaccount connect.`, { target: 'ContextName' });
  return { context, account };
}

/**
 * The tenant an account's tokens come from when none is named, as stored at sign-in (its first
 * tenant for records that lack it). A person's MSAL credential reads it from MSAL's account instead.
 */
export function homeTenantOf(account: AccountRecord): string {
  return account.properties?.homeTenantId ?? account.tenants[0]?.id ?? 'organizations';
}
