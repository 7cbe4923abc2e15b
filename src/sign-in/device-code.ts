/** Device code: the person opens a page on any device and types the code shown on stderr. */
import type { AuthenticationResult, DeviceCodeRequest } from '@azure/msal-node';
import { fromMsalError } from '../credentials/msal-errors.js';
import { bounded, describeTenant, errorContext, type UserSignIn } from './interaction.js';

type DeviceCodeResponse = Parameters<DeviceCodeRequest['deviceCodeCallback']>[0];

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
