/**
 * Which way a person signs in when they did not say: the broker when they turned it on and it
 * can serve this cloud, else the browser when one can open, else a device code. Az.Accounts'
 * documentation promises that last fallback; here it is delivered, with a notice saying why.
 */
import type { INativeBrokerPlugin } from '@azure/msal-node';
import type { CommandContext } from '../core/context.js';

export type UserFlow = 'Broker' | 'Browser' | 'DeviceCode';

export interface FlowFacts {
  deviceCodeRequested: boolean;
  wamEnabled: boolean;
  /** The broker plugin loaded and reports itself available. */
  brokerAvailable: boolean;
  brokerUnavailableReason?: string;
  /** Brokers sign in to Microsoft's public cloud, and to the local cloud when its own broker double is this session's broker. */
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
      : "the broker signs in to Microsoft's public cloud only, not to this environment (the local cloud counts when it runs with --broker and this shell uses its bus: see myaccount emulator env)";
    const then = f.browserAvailable ? 'signing in with the browser instead.' : `${noBrowser}, so sign-in uses a device code. ${CHOOSE_YOURSELF}`;
    return { flow, notices: [`EnableLoginByWam is on, but ${why}; ${then}`] };
  }
  if (f.browserAvailable) return { flow, notices: [] };
  return { flow, notices: [`No browser can be opened here (${f.browserUnavailableReason ?? 'no display'}), so sign-in uses a device code. ${CHOOSE_YOURSELF}`] };
}

export interface UserFlowDecision extends FlowChoice {
  /** The plugin to sign in with when the flow is Broker. */
  broker: INativeBrokerPlugin | null;
}

/**
 * Gathers the facts for chooseUserFlow: the broker is loaded only when it was turned on and no
 * device code was asked for (loading msal-node-runtime costs time); only Microsoft's public
 * cloud authority is served by it, and the local cloud when its broker double runs on our bus.
 */
export async function decideUserFlow(o: {
  deviceCode: boolean;
  wamEnabled: boolean;
  authority: string;
  /** The local cloud's own broker double is the broker this process reaches (local-cloud's localBrokerServes). */
  localBroker?: boolean;
  ctx: Pick<CommandContext, 'loadBroker' | 'browser'>;
}): Promise<UserFlowDecision> {
  const broker = o.wamEnabled && !o.deviceCode ? await o.ctx.loadBroker() : { plugin: null, reason: undefined };
  const brokerServesAuthority = new URL(o.authority).host.toLowerCase() === 'login.microsoftonline.com' || o.localBroker === true;
  const choice = chooseUserFlow({
    deviceCodeRequested: o.deviceCode,
    wamEnabled: o.wamEnabled,
    brokerAvailable: !!broker.plugin,
    brokerUnavailableReason: broker.reason,
    brokerServesAuthority,
    browserAvailable: o.ctx.browser.available,
    browserUnavailableReason: o.ctx.browser.reason,
  });
  return { ...choice, broker: choice.flow === 'Broker' ? broker.plugin : null };
}
