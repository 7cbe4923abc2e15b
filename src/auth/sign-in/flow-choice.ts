/**
 * Which way a person signs in when they did not say: the broker when they turned it on and it
 * can serve this cloud, else the browser when one can open, else a device code. Az.Accounts'
 * documentation promises that last fallback; here it is delivered, with a notice saying why.
 */
export type UserFlow = 'Broker' | 'Browser' | 'DeviceCode';

export interface FlowFacts {
  deviceCodeRequested: boolean;
  wamEnabled: boolean;
  /** The broker plugin loaded and reports itself available. */
  brokerAvailable: boolean;
  brokerUnavailableReason?: string;
  /** Brokers sign in to Microsoft's public cloud only. */
  brokerServesAuthority: boolean;
  browserAvailable: boolean;
  browserUnavailableReason?: string;
}

export interface FlowChoice {
  flow: UserFlow;
  notices: string[];
}

export function chooseUserFlow(f: FlowFacts): FlowChoice {
  if (f.deviceCodeRequested) return { flow: 'DeviceCode', notices: [] };
  const notices: string[] = [];
  const fallback = f.browserAvailable ? 'the browser' : 'a device code';
  if (f.wamEnabled) {
    if (f.brokerAvailable && f.brokerServesAuthority) return { flow: 'Broker', notices };
    if (!f.brokerAvailable) notices.push(`EnableLoginByWam is on, but no sign-in broker is available on this machine${f.brokerUnavailableReason ? ` (${f.brokerUnavailableReason})` : ''}; signing in with ${fallback} instead.`);
    else notices.push(`EnableLoginByWam is on, but the broker signs in to Microsoft's public cloud only; signing in to this environment with ${fallback} instead.`);
  }
  if (f.browserAvailable) return { flow: 'Browser', notices };
  notices.push(`No browser can be opened here (${f.browserUnavailableReason ?? 'no display'}), so sign-in uses a device code. Add --use-device-authentication to choose this yourself.`);
  return { flow: 'DeviceCode', notices };
}
