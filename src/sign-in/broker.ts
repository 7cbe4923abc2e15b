/** The operating system's broker (WAM on Windows), through msal-node-extensions' NativeBrokerPlugin. */
import type { AuthenticationResult } from '@azure/msal-node';
import { interactive, type UserSignIn } from './interaction.js';

export function signInWithBroker(o: UserSignIn): Promise<AuthenticationResult> {
  // The broker shows its own window; MSAL still wants an opener for the fallback path.
  return interactive(o, { openBrowser: async () => undefined });
}
