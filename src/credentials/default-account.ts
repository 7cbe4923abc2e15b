/** The account behind the default context (this shell's, else the stored one), or "sign in first". */
import type { CommandContext } from '../core/context.js';
import { fail } from '../core/errors.js';
import { findAccount, resolveDefault, type DefaultContext } from '../profile/contexts.js';
import type { AccountRecord, Profile } from '../profile/profile.js';

export function defaultContextOrSignIn(profile: Profile, ctx: Pick<CommandContext, 'env'>): { current: DefaultContext; account: AccountRecord } {
  const current = resolveDefault(profile, ctx.env);
  const account = current && findAccount(profile, current.context.accountId);
  if (!current || !account) throw fail.SignInRequired('No account is signed in. Run myaccount connect first.');
  return { current, account };
}
