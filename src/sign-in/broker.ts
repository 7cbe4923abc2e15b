/**
 * The operating system's broker (WAM on Windows, the identity broker on Linux), through
 * msal-node-extensions' NativeBrokerPlugin and msal-node-runtime.
 */
import type { AuthenticationResult } from '@azure/msal-node';
import { interactive, type UserSignIn } from './interaction.js';

export function signInWithBroker(o: UserSignIn): Promise<AuthenticationResult> {
  return interactive(o, {
    // The broker shows its own window; MSAL still wants an opener for the fallback path.
    openBrowser: async () => undefined,
    // connect is an explicit sign-in, so the broker's account picker (the runtime's
    // SignInInteractively). MSAL's default first tries silently (SignIn), and measured with
    // msal-node-runtime 0.20.7 that path leaves an account signed out earlier (disconnect)
    // unusable for other tenants ("Account has previously been signed out"); the picker clears it.
    prompt: 'select_account',
    windowHandle: parentWindowHandle(o.ctx.env),
  });
}

/**
 * The window the broker's dialog belongs to, as msal-node-runtime reads it: the handle as an
 * 8-byte little-endian integer. WAM on Windows needs the console's window to parent its dialog;
 * the CLI cannot ask Windows for it without native code, so whoever starts it (the PowerShell
 * module, a terminal wrapper) passes it in MYACCOUNT_PARENT_WINDOW (decimal or 0x hex). Without
 * one, msal-node-extensions sends Buffer [0]: on Linux the runtime then tries the X11 root window
 * and falls back to 1.
 */
export function parentWindowHandle(env: Record<string, string | undefined>): Buffer | undefined {
  const raw = env.MYACCOUNT_PARENT_WINDOW?.trim();
  if (!raw || !/^(0x[0-9a-f]{1,16}|[0-9]{1,20})$/i.test(raw)) return undefined;
  const value = BigInt(raw);
  if (value === 0n || value > 0xffffffffffffffffn) return undefined;
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64LE(value);
  return buffer;
}

/** What msal-node-runtime reports when it could not start (its StartupError). */
export interface RuntimeStartupError {
  errorStatus?: number;
  errorContext?: string;
}

/**
 * Why no broker is available, in words a person can act on, from the runtime's StartupError:
 * status 0 is the native library failing to load (on Linux: missing webkit2gtk-4.1,
 * javascriptcoregtk-4.1, soup-3.0), status 6 is no broker answering (on Linux: nobody owns
 * com.microsoft.identity.broker1 on the D-Bus session bus).
 */
export function brokerUnavailableReason(error: RuntimeStartupError | undefined, platform: NodeJS.Platform): string {
  if (!error) return 'the MSAL runtime cannot start a broker here';
  if (error.errorStatus === 0) {
    return platform === 'linux'
      ? "the MSAL runtime's native library could not be loaded; on Debian or Ubuntu install libwebkit2gtk-4.1-0, libjavascriptcoregtk-4.1-0 and libsoup-3.0-0 (scripts/setup.sh --system)"
      : "the MSAL runtime's native library could not be loaded";
  }
  if (error.errorStatus === 6 && platform === 'linux') {
    return 'no identity broker answers on the D-Bus session bus (com.microsoft.identity.broker1); install Microsoft Identity Broker, or for the local cloud run emulator start --broker and use its bus';
  }
  return `the MSAL runtime cannot start a broker here (status ${error.errorStatus ?? 'unknown'})`;
}
