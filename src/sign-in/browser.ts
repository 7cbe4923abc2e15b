/** The browser: authorization code with PKCE, answered on MSAL's loopback listener on 127.0.0.1. */
import type { AuthenticationResult } from '@azure/msal-node';
import { interactive, type UserSignIn } from './interaction.js';
import { errorPage, successPage } from './pages.js';

/**
 * `opener` rejects when the browser could not be opened; the rejection ends the sign-in (MSAL
 * awaits the opener), and the caller falls back to device code. The address is told only once
 * the launch did not fail: a launch can look fine and show nothing (a desktop nobody watches),
 * and then the address is all the person has. It is marked `prompt`: a line the person must act
 * on, which the PowerShell module writes to the host even where information records are hidden.
 */
export function signInWithBrowser(o: UserSignIn, opener: (url: string) => Promise<void>): Promise<AuthenticationResult> {
  return interactive(
    o,
    {
      openBrowser: async (url) => {
        await opener(url);
        o.ctx.report.information(`Your browser was opened to sign in. If no browser window opened, visit this address on this machine:\n${url}`, { url, prompt: true });
      },
      successTemplate: successPage(),
      errorTemplate: errorPage(),
    },
    {
      waitedFor: 'nothing came back from the browser',
      // The usual cause: the browser opened where nobody sees it (a remote or service session).
      // The advice starts with "Run": the module shows that sentence as the record's RecommendedAction.
      advice: 'Run connect again with --use-device-authentication if no browser window opened here (a remote or service session), or give --timeout more seconds if the sign-in needs more time.',
    },
  );
}
