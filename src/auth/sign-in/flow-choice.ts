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

const CHOOSE_YOURSELF = 'Add --use-device-authentication to choose this yourself.';

/**
 * One notice at most: a person who turned the broker on and has no display should read one
 * sentence saying both why the broker and why the browser are out, not two that contradict.
 */
export function chooseUserFlow(f: FlowFacts): FlowChoice {
  if (f.deviceCodeRequested) return { flow: 'DeviceCode', notices: [] };
  if (f.wamEnabled && f.brokerAvailable && f.brokerServesAuthority) return { flow: 'Broker', notices: [] };
  const flow: UserFlow = f.browserAvailable ? 'Browser' : 'DeviceCode';
  const noBrowser = `no browser can be opened here (${f.browserUnavailableReason ?? 'no display'})`;
  if (f.wamEnabled) {
    const why = !f.brokerAvailable
      ? `no sign-in broker is available on this machine${f.brokerUnavailableReason ? ` (${f.brokerUnavailableReason})` : ''}`
      : "the broker signs in to Microsoft's public cloud only, not to this environment";
    const then = f.browserAvailable ? 'signing in with the browser instead.' : `${noBrowser}, so sign-in uses a device code. ${CHOOSE_YOURSELF}`;
    return { flow, notices: [`EnableLoginByWam is on, but ${why}; ${then}`] };
  }
  if (f.browserAvailable) return { flow, notices: [] };
  return { flow, notices: [`No browser can be opened here (${f.browserUnavailableReason ?? 'no display'}), so sign-in uses a device code. ${CHOOSE_YOURSELF}`] };
}
