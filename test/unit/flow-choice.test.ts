/**
 * How a person signs in when they did not say: every branch of chooseUserFlow, and the decision
 * connect makes with an injected broker plugin. The real broker call cannot run on Linux, so this
 * tests the choice (the real "unavailable" path runs end to end in flows-device.test.ts).
 */
import type { INativeBrokerPlugin } from '@azure/msal-node';
import { chooseUserFlow, decideUserFlow, type FlowFacts } from '../../src/sign-in/flow-choice.js';
import type { BrokerLoad } from '../../src/core/context.js';

const base: FlowFacts = { deviceCodeRequested: false, wamEnabled: false, brokerAvailable: false, brokerServesAuthority: true, browserAvailable: true };

describe('chooseUserFlow', () => {
  test('device code asked for wins over everything, silently', () => {
    expect(chooseUserFlow({ ...base, deviceCodeRequested: true, wamEnabled: true, brokerAvailable: true })).toEqual({ flow: 'DeviceCode', notices: [] });
    expect(chooseUserFlow({ ...base, deviceCodeRequested: true, browserAvailable: false })).toEqual({ flow: 'DeviceCode', notices: [] });
  });

  test('broker on, available, public cloud: the broker, no notice', () => {
    expect(chooseUserFlow({ ...base, wamEnabled: true, brokerAvailable: true })).toEqual({ flow: 'Broker', notices: [] });
  });

  test('an available broker is not used when WAM is off', () => {
    expect(chooseUserFlow({ ...base, brokerAvailable: true })).toEqual({ flow: 'Browser', notices: [] });
  });

  test('broker on but unavailable: one notice with the reason, then the browser', () => {
    const c = chooseUserFlow({ ...base, wamEnabled: true, brokerUnavailableReason: 'no runtime' });
    expect(c.flow).toBe('Browser');
    expect(c.notices).toEqual([expect.stringMatching(/EnableLoginByWam is on, but no sign-in broker is available on this machine \(no runtime\); signing in with the browser/)]);
  });

  test('broker on but unavailable and no browser: still one notice, naming both reasons, then device code', () => {
    const c = chooseUserFlow({ ...base, wamEnabled: true, browserAvailable: false, browserUnavailableReason: 'this is an SSH session' });
    expect(c.flow).toBe('DeviceCode');
    expect(c.notices).toHaveLength(1);
    expect(c.notices[0]).toMatch(/no sign-in broker/);
    expect(c.notices[0]).toMatch(/this is an SSH session/);
    expect(c.notices[0]).toMatch(/--use-device-authentication/);
  });

  test('broker available but the environment is not the public cloud: one notice, browser or device code', () => {
    const browser = chooseUserFlow({ ...base, wamEnabled: true, brokerAvailable: true, brokerServesAuthority: false });
    expect(browser.flow).toBe('Browser');
    expect(browser.notices).toEqual([expect.stringMatching(/public cloud only/)]);
    const device = chooseUserFlow({ ...base, wamEnabled: true, brokerAvailable: true, brokerServesAuthority: false, browserAvailable: false });
    expect(device.flow).toBe('DeviceCode');
    expect(device.notices).toHaveLength(1);
  });

  test('no broker wanted: the browser when one can open, else device code with the reason', () => {
    expect(chooseUserFlow(base)).toEqual({ flow: 'Browser', notices: [] });
    const c = chooseUserFlow({ ...base, browserAvailable: false, browserUnavailableReason: 'this is a CI job' });
    expect(c.flow).toBe('DeviceCode');
    expect(c.notices).toEqual([expect.stringMatching(/No browser can be opened here \(this is a CI job\).*--use-device-authentication/)]);
  });

  test('no reason given for a missing browser still reads well', () => {
    expect(chooseUserFlow({ ...base, browserAvailable: false }).notices[0]).toMatch(/\(no display\)/);
  });
});

describe('decideUserFlow with an injected broker plugin', () => {
  // Only the availability flag matters to the decision; MSAL would call the rest at sign-in.
  const fakePlugin = { isBrokerAvailable: true } as unknown as INativeBrokerPlugin;
  const PUBLIC = 'https://login.microsoftonline.com/organizations';
  const LOCAL = 'https://127.0.0.1:8443/organizations';

  function ctxWith(load: BrokerLoad, browser = { available: true }) {
    let loads = 0;
    return {
      ctx: {
        browser,
        loadBroker: async () => {
          loads++;
          return load;
        },
      },
      loads: () => loads,
    };
  }

  test('WAM on, public cloud, plugin available: Broker, with that plugin', async () => {
    const { ctx, loads } = ctxWith({ plugin: fakePlugin });
    const d = await decideUserFlow({ deviceCode: false, wamEnabled: true, authority: PUBLIC, ctx });
    expect(d.flow).toBe('Broker');
    expect(d.broker).toBe(fakePlugin);
    expect(d.notices).toEqual([]);
    expect(loads()).toBe(1);
  });

  test('WAM on, the local cloud with its broker double on our bus: the broker, no notice', async () => {
    const { ctx } = ctxWith({ plugin: fakePlugin }, { available: false, reason: 'no display' } as any);
    const d = await decideUserFlow({ deviceCode: false, wamEnabled: true, authority: LOCAL, localBroker: true, ctx });
    expect(d.flow).toBe('Broker');
    expect(d.broker).toBe(fakePlugin);
    expect(d.notices).toEqual([]);
  });

  test('WAM on, the local cloud: the plugin is not used, one notice', async () => {
    const { ctx } = ctxWith({ plugin: fakePlugin }, { available: false, reason: 'no display' } as any);
    const d = await decideUserFlow({ deviceCode: false, wamEnabled: true, authority: LOCAL, ctx });
    expect(d.flow).toBe('DeviceCode');
    expect(d.broker).toBeNull();
    expect(d.notices).toHaveLength(1);
  });

  test('WAM on, the loader finds no broker: its reason is in the notice', async () => {
    const { ctx } = ctxWith({ plugin: null, reason: 'the MSAL runtime cannot start a broker here' });
    const d = await decideUserFlow({ deviceCode: false, wamEnabled: true, authority: PUBLIC, ctx });
    expect(d.flow).toBe('Browser');
    expect(d.notices[0]).toMatch(/the MSAL runtime cannot start a broker here/);
  });

  test('the broker is not even loaded when WAM is off or a device code was asked for', async () => {
    const off = ctxWith({ plugin: fakePlugin });
    expect((await decideUserFlow({ deviceCode: false, wamEnabled: false, authority: PUBLIC, ctx: off.ctx })).flow).toBe('Browser');
    expect(off.loads()).toBe(0);
    const device = ctxWith({ plugin: fakePlugin });
    expect((await decideUserFlow({ deviceCode: true, wamEnabled: true, authority: PUBLIC, ctx: device.ctx })).flow).toBe('DeviceCode');
    expect(device.loads()).toBe(0);
  });
});
