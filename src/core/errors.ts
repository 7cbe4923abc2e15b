/**
 * Errors that reach the user. Every failure a command can meet is one of these, so the CLI
 * prints one JSON error document with a stable code, a PowerShell ErrorCategory and an exit
 * code from a short, documented list. Anything else is a bug and is reported as `InternalError`.
 */

/** PowerShell `System.Management.Automation.ErrorCategory` names the module maps errors onto. */
export type ErrorCategory =
  | 'NotSpecified'
  | 'InvalidArgument'
  | 'InvalidData'
  | 'InvalidOperation'
  | 'ObjectNotFound'
  | 'ResourceExists'
  | 'ResourceUnavailable'
  | 'ResourceBusy'
  | 'AuthenticationError'
  | 'PermissionDenied'
  | 'SecurityError'
  | 'OperationStopped'
  | 'OperationTimeout'
  | 'ConnectionError'
  | 'ProtocolError'
  | 'ReadError'
  | 'WriteError'
  | 'NotImplemented'
  | 'NotInstalled';

/** Exit codes are part of the public contract; the README lists them. Never renumber. */
export const ExitCode = {
  Ok: 0,
  Failed: 1,
  InvalidInput: 2,
  SignInRequired: 3,
  Cancelled: 4,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface ErrorDocument {
  error: {
    code: string;
    category: ErrorCategory;
    message: string;
    target: string | null;
    details: unknown[];
  };
}

export interface MyAccountErrorOptions {
  category: ErrorCategory;
  exitCode?: ExitCodeValue;
  target?: string | null;
  details?: unknown[];
  cause?: unknown;
}

export class MyAccountError extends Error {
  override readonly name = 'MyAccountError';
  readonly code: string;
  readonly category: ErrorCategory;
  readonly exitCode: ExitCodeValue;
  readonly target: string | null;
  readonly details: unknown[];

  constructor(code: string, message: string, options: MyAccountErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.category = options.category;
    this.exitCode = options.exitCode ?? ExitCode.Failed;
    this.target = options.target ?? null;
    this.details = options.details ?? [];
  }

  toDocument(): ErrorDocument {
    return {
      error: { code: this.code, category: this.category, message: this.message, target: this.target, details: this.details },
    };
  }
}

/** Input that the schema or a rule rejects: exit 2, nothing stored. */
export function invalidInput(code: string, message: string, target: string | null = null, details: unknown[] = []): MyAccountError {
  return new MyAccountError(code, message, { category: 'InvalidArgument', exitCode: ExitCode.InvalidInput, target, details });
}

export function notFound(code: string, message: string, target: string | null = null): MyAccountError {
  return new MyAccountError(code, message, { category: 'ObjectNotFound', target });
}

export function signInRequired(message: string, target: string | null = null): MyAccountError {
  return new MyAccountError('SignInRequired', message, { category: 'AuthenticationError', exitCode: ExitCode.SignInRequired, target });
}

/** Wraps an unexpected exception without leaking its stack or any secret-bearing text. */
export function internalError(cause: unknown): MyAccountError {
  const kind = cause instanceof Error ? cause.name : typeof cause;
  return new MyAccountError(
    'InternalError',
    `MyAccount failed unexpectedly (${kind}). Run the command again with --debug for details, and report it if it persists.`,
    { category: 'NotSpecified', cause },
  );
}
