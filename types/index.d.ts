/**
 * Types of the npm package's entry (dist/credential.js; the build copies this file beside it).
 * Written by hand so the package needs no type dependency: MyAccountCredential is structurally a
 * TokenCredential of @azure/core-auth, which test/integration/credential.test.ts checks with the
 * real @azure/core-auth types.
 */

/** @azure/core-auth's AccessToken, the fields MyAccountCredential sets. */
export interface AccessToken {
  token: string;
  /** When the token expires, in milliseconds since 1970. */
  expiresOnTimestamp: number;
  tokenType?: 'Bearer' | 'pop';
  refreshAfterTimestamp?: number;
}

/** The parts of @azure/core-auth's GetTokenOptions MyAccountCredential reads (it ignores the others). */
export interface GetTokenOptions {
  /** Another tenant of the context's account (id or domain) for this token. */
  tenantId?: string;
  abortSignal?: { readonly aborted: boolean };
}

export interface MyAccountCredentialOptions {
  /** A stored context (Get-MyContext / myaccount get-context); default: the default context. */
  contextName?: string;
  /** The tenant (id or domain) tokens are for when getToken names none; default: the context's. */
  tenantId?: string;
  /** The state folder; default: MYACCOUNT_CONFIG_DIR, else ~/.myaccount. */
  configDir?: string;
}

/**
 * A TokenCredential with the tokens of a MyAccount context (after Connect-MyAccount or
 * `myaccount connect`), read from the same state folder and token cache, in-process. Importing
 * it loads no MSAL; the first getToken does, and only when the cache cannot answer.
 */
export declare class MyAccountCredential {
  constructor(options?: MyAccountCredentialOptions);
  /** A token for one "<resource>/.default" scope (or a bare resource URI or application id). */
  getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken>;
}

/** Nobody is signed in to the folder, or the context is gone: a chained credential moves on. */
export declare class CredentialUnavailableError extends Error {
  constructor(message: string);
}

/** A token was refused (the refresh failed, the state folder is unusable); `code` is MyAccount's error code. */
export declare class AuthenticationError extends Error {
  readonly code: string;
  constructor(code: string, message: string);
}
