/**
 * The ways a person signs in through MSAL's public client: device code, the browser (auth code +
 * PKCE on a 127.0.0.1 loopback), the OS broker, and username + password. Each returns MSAL's
 * result; long waits end promptly on Ctrl+C or the timeout.
 */
import type { AuthenticationResult, DeviceCodeRequest } from '@azure/msal-node';
import type { CommandContext } from '../core/context.js';
import { fail, MyAccountError } from '../core/errors.js';
import { fromMsalError } from '../credentials/msal-errors.js';
import type { AuthSession } from '../credentials/session.js';
import { errorPage, successPage } from './pages.js';

type DeviceCodeResponse = Parameters<DeviceCodeRequest['deviceCodeCallback']>[0];

export interface UserSignIn {
  session: AuthSession;
  ctx: CommandContext;
  /** A tenant id or domain, or "organizations". */
  tenant: string;
  scopes: string[];
  loginHint?: string;
  timeoutSeconds?: number;
}

function cancelled(action: string): MyAccountError {
  return fail.SignInCancelled(`${action} was cancelled.`);
}

function timedOut(action: string, seconds: number): MyAccountError {
  return fail.SignInTimedOut(`${action} was not completed within ${seconds} s. Run connect again, or give --timeout more seconds.`);
}

/**
 * Settles with `work`, or rejects as soon as the signal aborts or the timeout passes. MSAL only
 * notices cancellation between polls, which can be seconds apart; the person should not wait.
 */
function bounded<T>(work: Promise<T>, ctx: CommandContext, action: string, timeoutSeconds: number | undefined, onStop: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const stop = (error: MyAccountError): void => {
      onStop();
      cleanup();
      reject(error);
    };
    const onAbort = (): void => stop(cancelled(action));
    const cleanup = (): void => {
      if (timer) clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onAbort);
    };
    if (ctx.signal.aborted) return onAbort();
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    if (timeoutSeconds) timer = setTimeout(() => stop(timedOut(action, timeoutSeconds)), timeoutSeconds * 1000);
    work.then(
      (value) => (cleanup(), resolve(value)),
      (error: unknown) => (cleanup(), reject(error)),
    );
  });
}

/**
 * The sign-in page answered "access_denied": the person pressed Cancel, denied the MFA request, or
 * declined consent. That is a choice, like Ctrl+C, not a failure of the credentials.
 */
function declinedInBrowser(error: unknown, action: string): MyAccountError | undefined {
  const e = error as { errorCode?: string } | undefined;
  if (e?.errorCode !== 'access_denied') return undefined;
  return fail.SignInDeclined(`${action}: the sign-in was cancelled or declined in the browser. Run connect again to retry.`);
}

/** Where a failure happened, for the message; "organizations" names no tenant to retry with. */
function errorContext(o: UserSignIn, action: string, authority: string): { action: string; authority: string; tenant?: string } {
  return { action, authority, tenant: o.tenant === 'organizations' ? undefined : o.tenant };
}

function describeTenant(tenant: string): string {
  return tenant === 'organizations' ? 'Signing in' : `Signing in to tenant ${tenant}`;
}

export async function signInWithDeviceCode(o: UserSignIn): Promise<AuthenticationResult> {
  const action = describeTenant(o.tenant);
  const authority = o.session.authority(o.tenant);
  const request = {
    scopes: o.scopes,
    authority,
    timeout: o.timeoutSeconds,
    cancel: false,
    deviceCodeCallback: (r: DeviceCodeResponse) => {
      o.ctx.report.event('deviceCode', { message: r.message, userCode: r.userCode, verificationUri: r.verificationUri, expiresIn: r.expiresIn }, r.message);
    },
  };
  try {
    const result = await bounded(o.session.publicApp().acquireTokenByDeviceCode(request), o.ctx, action, o.timeoutSeconds, () => (request.cancel = true));
    if (!result) throw new Error('no result');
    return result;
  } catch (error) {
    throw fromMsalError(error, errorContext(o, action, authority));
  }
}

type InteractiveRequest = Parameters<ReturnType<AuthSession['publicApp']>['acquireTokenInteractive']>[0];

/** The browser and the broker are one MSAL call; they differ in who shows the sign-in page. */
async function interactive(o: UserSignIn, request: Pick<InteractiveRequest, 'openBrowser' | 'successTemplate' | 'errorTemplate'>): Promise<AuthenticationResult> {
  const action = describeTenant(o.tenant);
  const authority = o.session.authority(o.tenant);
  const work = o.session.publicApp().acquireTokenInteractive({ scopes: o.scopes, authority, loginHint: o.loginHint, ...request });
  try {
    // Without a timeout MSAL's loopback listener waits for the browser forever.
    return await bounded(work, o.ctx, action, o.timeoutSeconds ?? 300, () => undefined);
  } catch (error) {
    throw declinedInBrowser(error, action) ?? fromMsalError(error, errorContext(o, action, authority));
  }
}

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

export function signInWithBroker(o: UserSignIn): Promise<AuthenticationResult> {
  // The broker shows its own window; MSAL still wants an opener for the fallback path.
  return interactive(o, { openBrowser: async () => undefined });
}

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
