/**
 * What the ways a person signs in share: the request (tenant, scopes, login hint, timeout), waits
 * that end promptly on Ctrl+C or the timeout (with a message saying what was waited for and what
 * to do), and the interactive MSAL call the browser and the broker both make.
 */
import type { AuthenticationResult } from '@azure/msal-node';
import type { CommandContext } from '../core/context.js';
import { fail, MyAccountError } from '../core/errors.js';
import { fromMsalError } from '../credentials/msal-errors.js';
import type { AuthSession } from '../credentials/session.js';

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

/** What a timeout message says after its first sentence: what was waited for, and what to do. */
export interface TimeoutAdvice {
  /** Whether the limit was the default one (no --timeout given), which the message then says. */
  defaultLimit?: boolean;
  /** What did not come back, as a clause: "the browser sent nothing back to this machine". */
  waitedFor?: string;
  /** Sentences saying what to do, replacing the general advice. */
  advice?: string;
}

function timedOut(action: string, seconds: number, t: TimeoutAdvice = {}): MyAccountError {
  const limit = `${seconds} s${t.defaultLimit ? ' (the default limit)' : ''}`;
  const why = t.waitedFor ? `: ${t.waitedFor}` : '';
  return fail.SignInTimedOut(`${action} was not completed within ${limit}${why}. ${t.advice ?? 'Run connect again, or give --timeout more seconds.'}`);
}

/**
 * Settles with `work`, or rejects as soon as the signal aborts or the timeout passes. MSAL only
 * notices cancellation between polls, which can be seconds apart; the person should not wait.
 */
export function bounded<T>(work: Promise<T>, ctx: CommandContext, action: string, timeoutSeconds: number | undefined, onStop: () => void, advice?: TimeoutAdvice): Promise<T> {
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
    if (timeoutSeconds) timer = setTimeout(() => stop(timedOut(action, timeoutSeconds, advice)), timeoutSeconds * 1000);
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
export function declinedInBrowser(error: unknown, action: string): MyAccountError | undefined {
  const e = error as { errorCode?: string } | undefined;
  if (e?.errorCode !== 'access_denied') return undefined;
  return fail.SignInDeclined(`${action}: the sign-in was cancelled or declined in the browser. Run connect again to retry.`);
}

/** Where a failure happened, for the message; "organizations" names no tenant to retry with. */
export function errorContext(o: UserSignIn, action: string, authority: string): { action: string; authority: string; tenant?: string } {
  return { action, authority, tenant: o.tenant === 'organizations' ? undefined : o.tenant };
}

export function describeTenant(tenant: string): string {
  return tenant === 'organizations' ? 'Signing in' : `Signing in to tenant ${tenant}`;
}

type InteractiveRequest = Parameters<ReturnType<AuthSession['publicApp']>['acquireTokenInteractive']>[0];

/** How long the browser or the broker may take when --timeout does not say: a person's sign-in, MFA included. */
export const INTERACTIVE_TIMEOUT_SECONDS = 300;

/**
 * The browser and the broker are one MSAL call; they differ in who shows the sign-in page, and
 * in what a timeout tells the person (`advice`).
 */
export async function interactive(
  o: UserSignIn,
  request: Pick<InteractiveRequest, 'openBrowser' | 'successTemplate' | 'errorTemplate' | 'prompt' | 'windowHandle'>,
  advice: Omit<TimeoutAdvice, 'defaultLimit'> = {},
): Promise<AuthenticationResult> {
  const action = describeTenant(o.tenant);
  const authority = o.session.authority(o.tenant);
  const work = o.session.publicApp().acquireTokenInteractive({ scopes: o.scopes, authority, loginHint: o.loginHint, ...request });
  try {
    // MSAL's acquireTokenInteractive has no timeout: its loopback listener waits for the browser forever.
    const seconds = o.timeoutSeconds ?? INTERACTIVE_TIMEOUT_SECONDS;
    return await bounded(work, o.ctx, action, seconds, () => undefined, { ...advice, defaultLimit: o.timeoutSeconds === undefined });
  } catch (error) {
    throw declinedInBrowser(error, action) ?? fromMsalError(error, errorContext(o, action, authority));
  }
}
