/**
 * MSAL's errors in MyAccount's words. MSAL's own messages are codes and links; what a person
 * needs is what happened, in which tenant, and what to run next. Nothing from a request body
 * is echoed except Entra's AADSTS description, which carries no secret.
 */
import { fail, MyAccountError } from '../core/errors.js';

interface MsalLikeError {
  name?: string;
  errorCode?: string;
  errorMessage?: string;
  subError?: string;
  errorNo?: string | number;
  status?: number;
  claims?: string;
  message?: string;
}

const MFA_CODES = ['50076', '50079', '50074', '50158', '53003'];

export function isMfaError(error: unknown): boolean {
  const e = error as MsalLikeError;
  if (!e || typeof e !== 'object') return false;
  const text = `${e.errorMessage ?? ''} ${e.errorNo ?? ''}`;
  return MFA_CODES.some((code) => text.includes(code)) || (!!e.claims && e.errorCode === 'interaction_required');
}

export function isInteractionRequired(error: unknown): boolean {
  const e = error as MsalLikeError;
  return !!e && typeof e === 'object' && (e.name === 'InteractionRequiredAuthError' || e.errorCode === 'no_tokens_found' || e.errorCode === 'interaction_required' || e.errorCode === 'refresh_token_expired');
}

/**
 * Entra's own words for a failure: MSAL wraps them as "Error(s): … - Timestamp: … - Description:
 * AADSTS…: text - Correlation ID: … - Trace ID: …"; people need the description, and support
 * needs the correlation id.
 */
export function entraReason(error: unknown): string {
  const e = error as MsalLikeError;
  const raw = (e?.errorMessage || e?.errorCode || (error instanceof Error ? error.message : String(error))) ?? '';
  const wrapped = /Description:\s*([\s\S]*?)\s*-\s*Correlation ID:\s*([^\s]+)/.exec(raw);
  let text = wrapped ? wrapped[1] : raw;
  text = text.split(/\r?\n/)[0].replace(/\s*Trace ID:.*$/i, '').trim();
  if (text.length > 300) text = `${text.slice(0, 300)}…`;
  const correlation = wrapped && wrapped[2] !== 'N/A' ? wrapped[2] : null;
  return correlation ? `${text} (correlation id ${correlation})` : text;
}

export interface SignInErrorContext {
  /** What was being done, e.g. "Signing in to tenant contoso.example". */
  action: string;
  authority: string;
  tenant?: string;
}

/**
 * The broker's failures (msal-node-extensions wraps the runtime's status into MSAL codes and keeps
 * the original as platformBrokerError): cancelled at the broker's window (status 7) is a choice
 * (exit 4); no network (3, 4) and server unavailable (5) are the broker's words about Entra;
 * interaction required (2, 13) falls through to SignInRequired below.
 */
function brokerError(error: unknown, where: SignInErrorContext): MyAccountError | undefined {
  const e = (error ?? {}) as MsalLikeError & { platformBrokerError?: { errorStatus?: string; errorTag?: number; errorCode?: number } };
  const broker = e.platformBrokerError;
  const details = broker ? [{ brokerStatus: broker.errorStatus, tag: broker.errorTag, errorCode: broker.errorCode }] : undefined;
  switch (e.errorCode) {
    case 'user_canceled':
      return fail.SignInCancelled(`${where.action} was cancelled at the sign-in broker's window.`, { details });
    case 'no_network_connectivity':
      return fail.BrokerNoNetwork(`${where.action} failed: the sign-in broker has no network connection to ${where.authority}. Check the network and try again.`, { details });
    case 'server_unavailable':
      return fail.BrokerServerUnavailable(`${where.action} failed: the sign-in broker reports the sign-in service temporarily unavailable. Try again in a minute.`, { details });
    case 'platform_broker_error':
      return fail.BrokerFailed(`${where.action} failed in the sign-in broker (status ${broker?.errorStatus ?? 'unknown'}). Run with --debug for the broker's log, or turn EnableLoginByWam off to sign in with the browser.`, { details });
  }
  return undefined;
}

export function fromMsalError(error: unknown, where: SignInErrorContext): MyAccountError {
  if (error instanceof MyAccountError) return error;
  const e = (error ?? {}) as MsalLikeError;
  const code = e.errorCode ?? '';
  const reason = entraReason(error);
  const tenantHint = where.tenant ? ` --tenant ${where.tenant}` : '';
  const broker = brokerError(error, where);
  if (broker) return broker;
  switch (code) {
    case 'device_code_polling_cancelled':
      return fail.SignInCancelled(`${where.action} was cancelled.`);
    case 'user_timeout_reached':
    case 'device_code_expired':
      return fail.SignInTimedOut(`${where.action} timed out before the sign-in was completed. Run connect again and complete the sign-in sooner, or raise --timeout.`);
    case 'endpoints_resolution_error':
    case 'network_error':
    case 'untrusted_authority':
      return fail.AuthorityUnreachable(`${where.action} failed: the sign-in endpoint ${where.authority} could not be reached or is not a Microsoft Entra authority. Check --environment and the network, or turn on DisableInstanceDiscovery for a private cloud.`, { target: 'Environment' });
  }
  if (code === 'post_request_failed' && /authorization_declined/.test(reason)) {
    return fail.SignInDeclined(`${where.action}: the sign-in was declined on the device login page.`);
  }
  if (code === 'post_request_failed' && /expired_token/.test(reason)) {
    return fail.SignInTimedOut(`${where.action}: the device code expired before the sign-in was completed. Run connect again.`);
  }
  if (isMfaError(error)) {
    return fail.MfaRequired(`${where.action} needs multi-factor authentication (${reason}). Sign in interactively: myaccount connect${tenantHint} (browser) or myaccount connect${tenantHint} --use-device-authentication.`, { target: 'Tenant' });
  }
  if (isInteractionRequired(error)) {
    return fail.SignInRequired(`${where.action} needs a new sign-in (${reason || code}). Run myaccount connect${tenantHint}.`);
  }
  if (code === 'invalid_client' || code === 'unauthorized_client') {
    return fail.InvalidClientCredential(`${where.action} failed: the application's credential was refused (${reason}). Check the client id, tenant and secret, certificate or federated token.`);
  }
  if (e.status === 429 || code === 'throttled' || /throttl/i.test(code)) {
    return fail.SignInThrottled(`${where.action} was throttled by the sign-in service (${reason}). Wait a minute and try again.`);
  }
  if (code === 'invalid_grant' || code === 'invalid_request' || code === 'invalid_scope' || code === 'unauthorized_client' || /^AADSTS/.test(reason)) {
    return fail.AuthenticationFailed(`${where.action} failed: ${reason}`);
  }
  if (code) return fail.AuthenticationFailed(`${where.action} failed (${code}${reason && reason !== code ? `: ${reason}` : ''}).`);
  return fail.AuthenticationFailed(`${where.action} failed unexpectedly (${(error as Error)?.name ?? typeof error}). Run again with --debug for details.`, { cause: error });
}
