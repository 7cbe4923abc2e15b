/**
 * The local broker: a private session bus with a keyring, and the broker double served on it.
 * `myaccount emulator start --broker` runs one beside the local cloud; a shell that exports the
 * bus address (`myaccount emulator env`) gets the local cloud signed in through the broker with the
 * real msal-node-runtime.
 */
import type { Seed } from '../seed-types.js';
import { startPrivateBus } from './bus.js';
import { DBusConnection } from './dbus-wire.js';
import { BrokerDouble, serveBrokerDouble } from './double.js';

export { DBusConnection } from './dbus-wire.js';
export { BrokerDouble, BROKER_NAME, BROKER_PATH, BROKER_INTERFACE, CONTROL_INTERFACE, LINUX_BROKER_REDIRECT_URI, Status as BrokerStatus, type InjectedFailure, type BrokerLogEntry } from './double.js';

export interface RunningBroker {
  /** DBUS_SESSION_BUS_ADDRESS for clients of this broker. */
  busAddress: string;
  /** The bus daemon and keyring processes. */
  pids: number[];
  double: BrokerDouble;
  stop(): void;
}

async function waitForName(bus: DBusConnection, name: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await bus.nameHasOwner(name))) {
    if (Date.now() > deadline) throw new Error(`${name} did not appear on the private bus within ${timeoutMs} ms (is gnome-keyring installed?)`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startBrokerDouble(o: { dataDir: string; url: string; caPem: string; seed: Seed }): Promise<RunningBroker> {
  const privateBus = await startPrivateBus(o.dataDir);
  const double = new BrokerDouble({ url: o.url, caPem: o.caPem, seed: o.seed });
  try {
    const served = await serveBrokerDouble(privateBus.address, double);
    // The runtime lists accounts only through a Secret Service on the same bus; wait for it.
    await waitForName(served.bus, 'org.freedesktop.secrets', 10000);
    return {
      busAddress: privateBus.address,
      pids: privateBus.pids,
      double,
      stop() {
        served.close();
        privateBus.stop();
      },
    };
  } catch (error) {
    double.close();
    privateBus.stop();
    throw error;
  }
}
