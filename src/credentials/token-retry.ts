/**
 * Retries of token requests, and why they live here.
 *
 * MSAL retries nothing itself. After a 429 or 5xx from the token endpoint it stores a throttle
 * entry for that exact request (Retry-After seconds, or 60 s without one) and refuses the same
 * request locally, before any network call, until it expires; the entry lives in the
 * application's memory and vanishes whenever the cache is reloaded from disk. So a retry inside
 * MSAL is impossible, a retry below it (in the HTTP client) would hide the 429 from MSAL's
 * throttle bookkeeping and fight it, and ARM's retries (src/cloud/arm-client.ts) never see
 * token failures because a failed token is not an HTTP answer from ARM. The one place that sees
 * the whole picture is around the MSAL call: wait as long as the server asked (the HTTP client
 * remembers the Retry-After MSAL does not pass on), then ask MSAL again; a local refusal
 * because the wait was not yet over is itself just another transient failure. Bounded in
 * count and in total time, cancelled by Ctrl+C, and each retry is one verbose line.
 */
import pRetry, { AbortError } from 'p-retry';
import type { Reporter } from '../core/reporter.js';

export interface TokenRetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** Give up when the next wait would pass this many ms since the first attempt. */
  maxTotalMs: number;
  /** Longest single wait, whatever Retry-After asks for. */
  maxDelayMs: number;
  /** First backoff when the server gave no Retry-After; doubles each time. */
  minDelayMs: number;
}

export const TOKEN_RETRY: TokenRetryPolicy = { retries: 5, maxTotalMs: 45000, maxDelayMs: 15000, minDelayMs: 400 };

/** Entra's numbers for "try again later": throttled, transient, and its generic server error. */
const TRANSIENT_AADSTS = ['90055', '90033', '50000', '50001', '90006'];
const TRANSIENT_CODES = ['temporarily_unavailable', 'server_error', 'service_unavailable', 'network_error'];

interface MsalLike {
  name?: string;
  errorCode?: string;
  errorMessage?: string;
  errorNo?: string | number;
  status?: number;
}

/** A failure worth asking again for: 429/5xx, Entra's transient codes, MSAL's own throttle refusal, a dropped connection. */
export function isTransientTokenError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as MsalLike;
  if (typeof e.status === 'number' && (e.status === 429 || (e.status >= 500 && e.status < 600))) return true;
  const code = (e.errorCode ?? '').toLowerCase();
  if (TRANSIENT_CODES.includes(code)) return true;
  // MSAL's local throttle refusal carries the server's error numbers as its code ("90055").
  const numbers = `${code} ${e.errorNo ?? ''}`.split(/\s+/).filter(Boolean);
  return numbers.some((n) => TRANSIENT_AADSTS.includes(n));
}

export interface TokenRetryOptions {
  /** For the verbose line, e.g. "Getting a token for bob@example in tenant x". */
  what: string;
  report: Reporter;
  signal: AbortSignal;
  /** How long the server asked to wait (Retry-After), if it did. */
  retryAfterMs: () => number | null;
  policy?: TokenRetryPolicy;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const defaultSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

class GaveUp extends Error {
  constructor(readonly last: unknown) {
    super('gave up');
  }
}

/** Runs `attempt`, asking again after transient failures; the last failure is rethrown as it was. */
export async function withTokenRetry<T>(attempt: () => Promise<T>, o: TokenRetryOptions): Promise<T> {
  const policy = o.policy ?? TOKEN_RETRY;
  const sleep = o.sleep ?? defaultSleep;
  const started = Date.now();
  try {
    return await pRetry(
      async () => {
        try {
          return await attempt();
        } catch (error) {
          if (!isTransientTokenError(error) || o.signal.aborted) throw new AbortError(error instanceof Error ? error : new Error(String(error)));
          throw error;
        }
      },
      {
        retries: policy.retries,
        // Backoff when the server gave no Retry-After; with one, onFailedAttempt tops the wait up.
        minTimeout: policy.minDelayMs,
        factor: 2,
        maxTimeout: policy.maxDelayMs,
        randomize: true,
        signal: o.signal,
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          if (retriesLeft === 0) return;
          const asked = Math.min(o.retryAfterMs() ?? 0, policy.maxDelayMs);
          if (Date.now() - started + asked > policy.maxTotalMs) throw new GaveUp(error);
          const reason = describe(error);
          o.report.verbose(`${o.what}: ${reason}; retrying (attempt ${attemptNumber + 1} of ${policy.retries + 1})${asked ? ` after ${Math.round(asked / 100) / 10} s, as the server asked` : ''}.`);
          if (asked > 0) await sleep(asked, o.signal);
        },
      },
    );
  } catch (error) {
    throw error instanceof GaveUp ? error.last : error;
  }
}

/** The failure in a few words, without anything from a request. */
function describe(error: unknown): string {
  const e = (error ?? {}) as MsalLike;
  if (typeof e.status === 'number' && e.status) return `HTTP ${e.status}`;
  const code = e.errorCode ?? '';
  if (/^\d[\d ]*$/.test(code)) return `throttled (AADSTS${code.split(' ')[0]}), still waiting`;
  return code || 'failed';
}
