/**
 * The browser sign-in's wait has a limit of its own (MSAL's acquireTokenInteractive has none):
 * 300 s by default, and a message naming the limit and the way out. MSAL is stood in for by a
 * public client whose interactive call opens the browser, as MSAL does, and is never answered;
 * the clock is jest's, so the default limit is reached at once.
 */
import { fail } from '../../src/core/errors.js';
import { createReporter } from '../../src/core/reporter.js';
import type { CommandContext } from '../../src/core/context.js';
import type { AuthSession } from '../../src/credentials/session.js';
import { signInWithBroker } from '../../src/sign-in/broker.js';
import { signInWithBrowser } from '../../src/sign-in/browser.js';
import { INTERACTIVE_TIMEOUT_SECONDS, type UserSignIn } from '../../src/sign-in/interaction.js';

const AUTHORIZE = 'https://login.example/organizations/oauth2/v2.0/authorize?client_id=x';

function signIn(timeoutSeconds?: number): { o: UserSignIn; lines: any[] } {
  const lines: any[] = [];
  const report = createReporter({ format: 'jsonl', verbose: false, debug: false, write: (line) => void lines.push(JSON.parse(line)) });
  const session = {
    authority: () => 'https://login.example/organizations',
    publicApp: () => ({
      // As MSAL: the listener is up, the opener is awaited, then the answer is awaited (forever here).
      acquireTokenInteractive: async (request: { openBrowser: (url: string) => Promise<void> }) => {
        await request.openBrowser(AUTHORIZE);
        return new Promise<never>(() => undefined);
      },
    }),
  } as unknown as AuthSession;
  const ctx = { signal: new AbortController().signal, report, env: {} } as unknown as CommandContext;
  return { o: { session, ctx, tenant: 'organizations', scopes: ['https://management.core.windows.net//.default'], timeoutSeconds }, lines };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test('no answer within the default 300 s: SignInTimedOut naming the default limit and --use-device-authentication', async () => {
  expect(INTERACTIVE_TIMEOUT_SECONDS).toBe(300);
  const { o, lines } = signIn();
  const failed = signInWithBrowser(o, async () => undefined).catch((e) => e);
  await jest.advanceTimersByTimeAsync(299_000);
  // The address was told once the launch had not failed, marked as a prompt.
  expect(lines).toEqual([{ type: 'information', prompt: true, url: AUTHORIZE, message: `Your browser was opened to sign in. If no browser window opened, visit this address on this machine:\n${AUTHORIZE}` }]);
  await jest.advanceTimersByTimeAsync(1_000);
  const error = await failed;
  expect(error.code).toBe('SignInTimedOut');
  expect(error.message).toBe(
    'Signing in was not completed within 300 s (the default limit): nothing came back from the browser. Run connect again with --use-device-authentication if no browser window opened here (a remote or service session), or give --timeout more seconds if the sign-in needs more time.',
  );
});

test('a --timeout given is named without "default"', async () => {
  const { o } = signIn(30);
  const failed = signInWithBrowser(o, async () => undefined).catch((e) => e);
  await jest.advanceTimersByTimeAsync(30_000);
  expect((await failed).message).toMatch(/^Signing in was not completed within 30 s: nothing came back from the browser\./);
});

test('an opener that fails ends the sign-in with its error, and no address is offered', async () => {
  const { o, lines } = signIn();
  const error = await signInWithBrowser(o, () => Promise.reject(fail.BrowserFailed('The browser could not be opened: x.'))).catch((e) => e);
  expect([error.code, error.message]).toEqual(['BrowserFailed', 'The browser could not be opened: x.']);
  expect(lines).toEqual([]);
});

test("the broker's timeout keeps the general advice (it shows its own window, not a browser)", async () => {
  const { o } = signIn();
  const failed = signInWithBroker(o).catch((e) => e);
  await jest.advanceTimersByTimeAsync(300_000);
  expect((await failed).message).toBe('Signing in was not completed within 300 s (the default limit). Run connect again, or give --timeout more seconds.');
});
