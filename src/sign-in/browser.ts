/** The browser: authorization code with PKCE, answered on MSAL's loopback listener on 127.0.0.1. */
import type { AuthenticationResult } from '@azure/msal-node';
import { interactive, type UserSignIn } from './interaction.js';
import { errorPage, successPage } from './pages.js';

export function signInWithBrowser(o: UserSignIn, opener: (url: string) => Promise<void>): Promise<AuthenticationResult> {
  return interactive(o, {
    openBrowser: async (url) => {
      o.ctx.report.information(`Opening your browser to sign in. If it does not open, visit this address on this machine:\n${url}`, { url });
      await opener(url);
    },
    successTemplate: successPage(),
    errorTemplate: errorPage(),
  });
}
