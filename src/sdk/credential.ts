/**
 * The npm package's entry for programs (`import { MyAccountCredential } from 'myaccount'`): a
 * TokenCredential for any Azure SDK client that hands out the tokens of a MyAccount context,
 * in-process, from the same state folder and token cache as the CLI and the PowerShell module.
 *
 * Importing it costs nothing: MSAL, the profile and the cache are loaded by the first getToken
 * (./token-source.ts), and a cached token is then read without MSAL at all. The profile (which
 * context, account and tenant) is read once per credential object; tokens are read from the
 * cache on every call, so a refresh by any other MyAccount process is seen.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { ContextTokens } from '../credentials/context-tokens.js';
import { resourceOfScope } from '../profile/endpoints.js';
import { CredentialUnavailableError } from './errors.js';

export { AuthenticationError, CredentialUnavailableError } from './errors.js';

export interface MyAccountCredentialOptions {
  /** A stored context (Get-MyContext / myaccount get-context); default: the default context. */
  contextName?: string;
  /** The tenant (id or domain) tokens are for when getToken names none; default: the context's. */
  tenantId?: string;
  /** The state folder; default: MYACCOUNT_CONFIG_DIR, else ~/.myaccount. */
  configDir?: string;
}

/** A bare resource is taken as it is ("https://vault.azure.net", an application id); other scopes are not ours to map. */
function resourceFor(scope: string): string {
  const fromScope = resourceOfScope(scope);
  if (fromScope) return fromScope;
  const value = scope.trim();
  const bare = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) || /^https:\/\/[^/\s]+\/?$/i.test(value);
  if (bare) return value;
  throw new CredentialUnavailableError(`MyAccountCredential: the scope "${value.slice(0, 200)}" is not a "<resource>/.default" scope; MyAccount hands out tokens for a whole resource.`);
}

export class MyAccountCredential implements TokenCredential {
  private source: Promise<ContextTokens> | undefined;

  constructor(private readonly options: MyAccountCredentialOptions = {}) {}

  async getToken(scopes: string | string[], options: GetTokenOptions = {}): Promise<AccessToken> {
    const list = Array.isArray(scopes) ? scopes : [scopes];
    if (list.length !== 1) throw new CredentialUnavailableError(`MyAccountCredential: give one scope (got ${list.length}).`);
    const resource = resourceFor(list[0]);
    if (options.abortSignal?.aborted) throw Object.assign(new Error('MyAccountCredential: the request was aborted.'), { name: 'AbortError' });
    const { openTokenSource, toSdkError } = await import('./token-source.js');
    try {
      if (!this.source) {
        this.source = openTokenSource(this.options);
        // Signed out now, signed in later: the next call reads the folder again.
        this.source.catch(() => (this.source = undefined));
      }
      const source = await this.source;
      const token = await source.getToken(resource, options.tenantId ?? undefined);
      return { token: token.token, expiresOnTimestamp: token.expiresOn.getTime(), tokenType: 'Bearer' };
    } catch (error) {
      throw toSdkError(error);
    }
  }
}
