/**
 * The window handle for the broker's dialog (what WAM on Windows needs to parent it), checked
 * through the real msal-node PublicClientApplication with a plugin that records what it is given:
 * no Windows here, so this is as far as the handle can be followed on this machine. On Linux,
 * test/broker shows the real runtime decoding the same buffer (0x3a00007 reached the broker).
 */
import { PublicClientApplication, type AuthenticationResult, type INativeBrokerPlugin } from '@azure/msal-node';
import { brokerUnavailableReason, parentWindowHandle, signInWithBroker } from '../../src/sign-in/broker.js';
import type { UserSignIn } from '../../src/sign-in/interaction.js';

class RecordingPlugin implements INativeBrokerPlugin {
  isBrokerAvailable = true;
  interactive: { request: Record<string, unknown>; windowHandle?: Buffer }[] = [];
  setLogger(): void {}
  async getAccountById(): Promise<never> {
    throw new Error('not used');
  }
  async getAllAccounts(): Promise<[]> {
    return [];
  }
  async acquireTokenSilent(): Promise<never> {
    throw new Error('not used');
  }
  async acquireTokenInteractive(request: unknown, windowHandle?: Buffer): Promise<AuthenticationResult> {
    this.interactive.push({ request: request as Record<string, unknown>, windowHandle });
    return { accessToken: 'not-a-token', account: null } as unknown as AuthenticationResult;
  }
  async signOut(): Promise<void> {}
}

function signIn(env: Record<string, string | undefined>): { plugin: RecordingPlugin; done: Promise<AuthenticationResult> } {
  const plugin = new RecordingPlugin();
  const app = new PublicClientApplication({ auth: { clientId: '1950a258-227b-4e31-a9cf-717495945fc2', authority: 'https://login.microsoftonline.com/organizations' }, broker: { nativeBrokerPlugin: plugin } });
  const o = {
    session: { publicApp: () => app, authority: (t: string) => `https://login.microsoftonline.com/${t}` },
    ctx: { env, signal: new AbortController().signal },
    tenant: 'organizations',
    scopes: ['https://management.core.windows.net//.default'],
  } as unknown as UserSignIn;
  return { plugin, done: signInWithBroker(o) };
}

test('the console window handle reaches the plugin as an 8-byte little-endian buffer, with the account picker', async () => {
  const { plugin, done } = signIn({ MYACCOUNT_PARENT_WINDOW: '0x3a00007' });
  await done;
  expect(plugin.interactive).toHaveLength(1);
  expect(plugin.interactive[0].windowHandle).toEqual(Buffer.from([0x07, 0x00, 0xa0, 0x03, 0, 0, 0, 0]));
  expect(plugin.interactive[0].request.prompt).toBe('select_account');
});

test('no handle given: the plugin gets none (msal-node-extensions then sends Buffer [0])', async () => {
  const { plugin, done } = signIn({});
  await done;
  expect(plugin.interactive[0].windowHandle).toBeUndefined();
});

test.each([
  ['196608', Buffer.from([0, 0, 3, 0, 0, 0, 0, 0])],
  ['0xFFFFFFFFFFFFFFFF', Buffer.alloc(8, 0xff)],
  ['0', undefined],
  ['-5', undefined],
  ['0x1ffffffffffffffff', undefined],
  ['12ab', undefined],
  ['', undefined],
])('MYACCOUNT_PARENT_WINDOW=%j', (value, expected) => {
  expect(parentWindowHandle({ MYACCOUNT_PARENT_WINDOW: value })).toEqual(expected);
});

test('why no broker: library not loaded, nobody on the bus, anything else', () => {
  expect(brokerUnavailableReason({ errorStatus: 0 }, 'linux')).toMatch(/libwebkit2gtk-4.1-0.*scripts\/setup.sh --system/);
  expect(brokerUnavailableReason({ errorStatus: 6 }, 'linux')).toMatch(/D-Bus session bus/);
  expect(brokerUnavailableReason({ errorStatus: 9 }, 'win32')).toMatch(/status 9/);
  expect(brokerUnavailableReason(undefined, 'darwin')).toMatch(/cannot start a broker/);
});
