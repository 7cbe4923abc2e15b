/**
 * MyAccountCredential's work, loaded on its first getToken: a CommandContext for a library
 * (nobody to ask, nothing written to the terminal), the context's ContextTokens, and MyAccount's
 * errors turned into the ones Azure SDKs expect.
 */
import type { CommandContext } from '../core/context.js';
import { createReporter } from '../core/reporter.js';
import { ExitCode, MyAccountError } from '../core/errors.js';
import { ContextTokens } from '../credentials/context-tokens.js';
import { configDirFrom } from '../profile/state-folder.js';
import { AuthenticationError, CredentialUnavailableError } from './errors.js';

export interface TokenSourceOptions {
  contextName?: string;
  tenantId?: string;
  configDir?: string;
}

const SIGN_IN = 'Sign in with Connect-MyAccount (PowerShell) or myaccount connect.';

function libraryContext(options: TokenSourceOptions): CommandContext {
  const env = process.env;
  const nobody = (): Promise<never> => Promise.reject(new CredentialUnavailableError(`MyAccountCredential cannot ask anyone to sign in. ${SIGN_IN}`));
  return {
    configDir: options.configDir ?? configDirFrom(env),
    env,
    clock: { now: () => new Date() },
    // A library writes nothing to the host program's terminal.
    report: createReporter({ format: 'text', verbose: false, debug: false, write: () => undefined }),
    fetch: (url, init) => fetch(url, init),
    interactive: false,
    // Says nothing on the host's terminal, so nobody would know to answer a Keychain dialog: fail at once, saying what to do.
    attended: false,
    setProcessVariable: () => undefined,
    signal: new AbortController().signal,
    openBrowser: nobody,
    browser: { available: false, reason: 'MyAccountCredential never opens a browser' },
    prompt: nobody,
    promptSecret: nobody,
    loadBroker: async () => ({ plugin: null, reason: 'MyAccountCredential uses the token cache only' }),
  };
}

export function openTokenSource(options: TokenSourceOptions): Promise<ContextTokens> {
  return ContextTokens.open(libraryContext(options), { contextName: options.contextName, tenantId: options.tenantId });
}

/** MyAccount's error as the SDK's; anything else without its message, which is not known to be secret-free. */
export function toSdkError(error: unknown): Error {
  if (error instanceof CredentialUnavailableError) return error;
  if (error instanceof MyAccountError) {
    const message = `MyAccountCredential: ${error.message}`;
    // What only a sign-in (or another context) can fix makes the credential unavailable.
    if (error.exitCode === ExitCode.SignInRequired || error.category === 'ObjectNotFound') return new CredentialUnavailableError(`${message} ${SIGN_IN}`);
    return new AuthenticationError(error.code, message);
  }
  return new AuthenticationError('InternalError', 'MyAccountCredential: an unexpected error while getting a token.');
}
