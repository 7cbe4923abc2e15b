/** User name and password (ROPC): deprecated upstream and unable to do MFA; connect warns. */
import type { AuthenticationResult } from '@azure/msal-node';
import { fromMsalError } from '../credentials/msal-errors.js';
import { bounded, errorContext, type UserSignIn } from './interaction.js';

export async function signInWithPassword(o: UserSignIn, username: string, password: string): Promise<AuthenticationResult> {
  const action = `Signing in ${username}`;
  const authority = o.session.authority(o.tenant);
  try {
    const result = await bounded(o.session.publicApp().acquireTokenByUsernamePassword({ scopes: o.scopes, authority, username, password }), o.ctx, action, o.timeoutSeconds ?? 120, () => undefined);
    if (!result) throw new Error('no result');
    return result;
  } catch (error) {
    throw fromMsalError(error, errorContext(o, action, authority));
  }
}
