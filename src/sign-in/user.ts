/**
 * A person signs in: user name and password when given, else the flow flow-choice.ts decides
 * (broker, browser, device code), with the device code as the fallback when no browser opens.
 */
import type { AuthenticationResult } from '@azure/msal-node';
import { fail } from '../core/errors.js';
import { UserCredential } from '../credentials/user-credential.js';
import { expiryOf } from '../credentials/credential.js';
import { armResource, scopeFor } from '../profile/endpoints.js';
import { signInWithBroker } from './broker.js';
import { signInWithBrowser } from './browser.js';
import { launchFailure } from './browser-opener.js';
import { signInWithDeviceCode } from './device-code.js';
import { decideUserFlow } from './flow-choice.js';
import { LOCAL_CLOUD_NAME, localBrokerServes } from '../local-cloud/index.js';
import type { UserSignIn } from './interaction.js';
import { signInWithPassword } from './password.js';
import type { PlanOf, SignedIn, SignInFlow, SignInRequest } from './types.js';

async function signInPerson(r: SignInRequest, plan: PlanOf<'user' | 'password'>): Promise<{ result: AuthenticationResult; flow: SignInFlow }> {
  const { session, ctx } = r;
  const base: UserSignIn = { session, ctx, tenant: r.tenant ?? 'organizations', scopes: [scopeFor(r.firstResource ?? armResource(session.environment))], loginHint: plan.kind === 'user' ? plan.loginHint : undefined, timeoutSeconds: r.timeoutSeconds };
  if (plan.kind === 'password') {
    ctx.report.warning('Signing in with a user name and password is deprecated by Microsoft and cannot satisfy multi-factor authentication. Prefer the browser, a device code, or a service principal for automation.');
    return { result: await signInWithPassword(base, plan.username, plan.password), flow: 'Password' };
  }
  const localBroker = session.environment.Name === LOCAL_CLOUD_NAME && localBrokerServes(ctx);
  const choice = await decideUserFlow({ deviceCode: plan.deviceCode, wamEnabled: session.settings.EnableLoginByWam, authority: session.authority('organizations'), localBroker, ctx });
  for (const notice of choice.notices) ctx.report.warning(notice);
  if (choice.flow === 'Broker') {
    session.setBroker(choice.broker);
    return { result: await signInWithBroker(base), flow: 'Broker' };
  }
  if (choice.flow === 'Browser') {
    let failure: string | undefined;
    const opener = async (url: string): Promise<void> => {
      try {
        await ctx.openBrowser(url);
      } catch (error) {
        failure = launchFailure(error);
        throw fail.BrowserFailed(`The browser could not be opened: ${failure}.`);
      }
    };
    try {
      return { result: await signInWithBrowser(base, opener), flow: 'Browser' };
    } catch (error) {
      if (failure === undefined) throw error;
      // The promise Az.Accounts makes and does not keep: no browser, so a device code instead.
      ctx.report.warning(`The browser could not be opened (${failure}), so sign-in uses a device code instead. Add --use-device-authentication to choose this yourself.`);
    }
  }
  return { result: await signInWithDeviceCode(base), flow: 'DeviceCode' };
}

export async function signInUser(r: SignInRequest, plan: PlanOf<'user' | 'password'>): Promise<SignedIn> {
  const { session } = r;
  const { result, flow } = await signInPerson(r, plan);
  if (!result.account) throw fail.NoAccount('The sign-in returned no account. Try again; if it keeps happening, run with --debug and report it.');
  const credential = new UserCredential(session, result.account);
  // The sign-in's own token, so connect's tenant list needs no second one: under the resource it
  // was asked for (-AuthScope may have asked for another audience than Resource Manager).
  const resource = r.firstResource ?? armResource(session.environment);
  if (result.accessToken) credential.remember(resource, { token: result.accessToken, expiresOn: expiryOf(result.expiresOn, result.accessToken), tenantId: result.tenantId || result.account.tenantId });
  return {
    credential,
    accountId: result.account.username,
    type: 'User',
    homeAccountId: result.account.homeAccountId,
    // A brokered account's refresh token lives in the broker, never in MSAL's cache: later
    // processes must ask the broker again (account-credential.ts), and disconnect signs out there.
    properties: { homeTenantId: result.account.tenantId, clientId: session.clientId, ...(flow === 'Broker' ? { broker: 'true' } : {}) },
    flow,
    secrets: [],
  };
}
