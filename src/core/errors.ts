/**
 * Errors that reach the user. Every failure a command can meet is one of these, so the CLI
 * prints one JSON error document with a stable code, a PowerShell ErrorCategory and an exit
 * code from a short, documented list. Anything else is a bug and is reported as `InternalError`.
 */

export { ExitCode, type ErrorCategory, type ExitCodeValue, type ErrorCode } from './error-catalogue.js';
import { errorCatalogue, ExitCode, type ErrorCategory, type ErrorCode, type ExitCodeValue } from './error-catalogue.js';

export interface ErrorDocument {
  error: {
    code: string;
    category: ErrorCategory;
    message: string;
    target: string | null;
    details: unknown[];
  };
}

export interface ErrorOptions {
  /** The value (or parameter) the error is about; the PowerShell module makes it the ErrorRecord's target. */
  target?: string | null;
  details?: unknown[];
  cause?: unknown;
  /** A narrower category where the cause decides (permission denied rather than a write error). */
  category?: ErrorCategory;
}

export class MyAccountError extends Error {
  override readonly name = 'MyAccountError';
  readonly code: ErrorCode;
  readonly category: ErrorCategory;
  readonly exitCode: ExitCodeValue;
  readonly target: string | null;
  readonly details: unknown[];

  /** Use the factories in `fail`: the code decides the category and exit code (error-catalogue.ts). */
  constructor(code: ErrorCode, message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const spec = errorCatalogue()[code];
    this.code = code;
    this.category = options.category ?? spec.category;
    this.exitCode = ExitCode[spec.exit];
    this.target = options.target ?? null;
    this.details = options.details ?? [];
  }

  toDocument(): ErrorDocument {
    return {
      error: { code: this.code, category: this.category, message: this.message, target: this.target, details: this.details },
    };
  }
}

type Factory = (message: string, options?: ErrorOptions) => MyAccountError;

/**
 * One factory per error code: `throw fail.ContextNotFound(message, { target })`. Made when asked
 * for, not one closure per code at load: every start loads this module, few raise anything. A
 * name that is no code reads as undefined, as it would from an object of factories.
 */
export const fail = new Proxy({} as { readonly [K in ErrorCode]: Factory }, {
  get: (_target, code): Factory | undefined =>
    typeof code === 'string' && Object.hasOwn(errorCatalogue(), code) ? (message, options) => new MyAccountError(code as ErrorCode, message, options) : undefined,
});

/** Wraps an unexpected exception without leaking its stack or any secret-bearing text. */
export function internalError(cause: unknown): MyAccountError {
  const kind = cause instanceof Error ? cause.name : typeof cause;
  return fail.InternalError(`MyAccount failed unexpectedly (${kind}). Run the command again with --debug for details, and report it if it persists.`, { cause });
}
