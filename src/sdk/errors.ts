/**
 * The errors MyAccountCredential throws, shaped like @azure/identity's so that Azure SDK code
 * treats them the same: ChainedTokenCredential (and DefaultAzureCredential's chain) moves on to
 * the next credential after a CredentialUnavailableError, and stops at an AuthenticationError.
 * Matched by name, as the SDKs do, since they are not @azure/identity's own classes.
 */

/** This credential cannot be used here: nobody signed in to the folder, the context is gone. */
export class CredentialUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialUnavailableError';
  }
}

/** A token was asked for and refused (Entra refused the refresh, the state folder is unusable). */
export class AuthenticationError extends Error {
  /** MyAccount's error code (its README's error table), e.g. AuthenticationFailed. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'AuthenticationError';
    this.code = code;
  }
}
