/**
 * Azure Resource Manager: tenants and subscriptions, every page, with retries that honour
 * Retry-After on 429 and 5xx, bounded in count and in time. MSAL throttles token requests
 * itself after a 429 or 5xx, so retries of ARM calls live here and nowhere else.
 */
import pRetry, { AbortError } from 'p-retry';
import type { FetchLike } from '../core/context.js';
import { fail, MyAccountError } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';
import { parseRetryAfter } from '../core/retry-after.js';

export { parseRetryAfter };

export const ARM_API_VERSION = '2022-12-01';

export interface ArmTenant {
  tenantId: string;
  displayName?: string;
  defaultDomain?: string;
  domains?: string[];
  tenantCategory?: string;
  tenantType?: string;
  countryCode?: string;
}

/** Az's PSAzureSubscription carries these as ARM sends them. */
export interface SubscriptionPolicies {
  locationPlacementId?: string;
  quotaId?: string;
  spendingLimit?: string;
}

export interface ArmSubscription {
  subscriptionId: string;
  displayName: string;
  state: string;
  tenantId: string;
  managedByTenants?: { tenantId: string }[];
  tags?: Record<string, string>;
  subscriptionPolicies?: SubscriptionPolicies;
  authorizationSource?: string;
}

/** What request() hands back: every header (lower-case names) and the body as text. */
export interface ArmResponse {
  status: number;
  headers: Record<string, string>;
  header(name: string): string | null;
  text: string;
}

/** Methods a retry after a dropped connection cannot do twice (RFC 9110 idempotent methods). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** Give up when the next wait would pass this many ms since the first attempt. */
  maxTotalMs: number;
  /** Longest single wait, whatever Retry-After asks for. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 6, maxTotalMs: 60000, maxDelayMs: 20000 };

export interface ArmClientOptions {
  /** e.g. https://management.azure.com/ */
  resourceManagerUrl: string;
  /** A fresh bearer token for this client's tenant. */
  token: () => Promise<string>;
  fetch: FetchLike;
  report: Reporter;
  signal: AbortSignal;
  retry?: RetryPolicy;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Counts every HTTP request, for benchmarks. */
  onRequest?: () => void;
}

class TransientError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | null,
  ) {
    super(`HTTP ${status}`);
  }
}

const defaultSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

export class ArmClient {
  private readonly base: string;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;

  constructor(private readonly options: ArmClientOptions) {
    this.base = options.resourceManagerUrl.replace(/\/+$/, '');
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.sleep = options.sleep ?? defaultSleep;
  }

  listTenants(): Promise<ArmTenant[]> {
    return this.listAll<ArmTenant>(`${this.base}/tenants?api-version=${ARM_API_VERSION}`);
  }

  listSubscriptions(): Promise<ArmSubscription[]> {
    return this.listAll<ArmSubscription>(`${this.base}/subscriptions?api-version=${ARM_API_VERSION}`);
  }

  /** One subscription, or null when this tenant cannot see it. */
  async getSubscription(id: string): Promise<ArmSubscription | null> {
    const result = await this.get(`${this.base}/subscriptions/${encodeURIComponent(id)}?api-version=${ARM_API_VERSION}`, true);
    return result as ArmSubscription | null;
  }

  private async listAll<T>(first: string): Promise<T[]> {
    const items: T[] = [];
    const seen = new Set<string>();
    for (let url: string | undefined = first; url; ) {
      // A server that hands back a page it already gave would otherwise loop forever.
      if (seen.has(url)) throw this.protocolError(`the list at ${first} repeats a page`);
      seen.add(url);
      const page = (await this.get(url, false)) as { value?: T[]; nextLink?: string | null };
      if (!page || !Array.isArray(page.value)) throw this.protocolError(`${url} did not return a list`);
      items.push(...page.value);
      url = page.nextLink ?? undefined;
      if (url && new URL(url).origin !== new URL(this.base).origin) throw this.protocolError('a nextLink points to another host');
    }
    return items;
  }

  private async get(url: string, allowNotFound: boolean): Promise<unknown> {
    const response = await this.request('GET', url);
    if (response.status === 404 && allowNotFound) return null;
    if (response.status !== 200) throw this.httpError(url, response.status, response.text);
    try {
      return JSON.parse(response.text);
    } catch {
      throw this.protocolError(`${url} did not return JSON`);
    }
  }

  /**
   * One request with this client's token, retried on 429/5xx (waiting as Retry-After asks) and,
   * for methods safe to repeat, on dropped connections. Any other status is the caller's to read.
   * Redirects are never followed: a redirect could carry the token to another host.
   */
  async request(method: string, url: string, options: { body?: string; headers?: Record<string, string> } = {}): Promise<ArmResponse> {
    const started = Date.now();
    const repeatable = IDEMPOTENT.has(method.toUpperCase());
    return pRetry(
      async () => {
        this.options.onRequest?.();
        const headers: Record<string, string> = { accept: 'application/json', ...options.headers, authorization: `Bearer ${await this.options.token()}` };
        const response = await this.options
          .fetch(url, { method, headers, body: options.body, signal: this.options.signal, redirect: 'manual' })
          .catch((error: unknown) => {
            if (this.options.signal.aborted) throw new AbortError(error as Error);
            // A dropped connection may have delivered the request: only safe methods go again.
            if (!repeatable) throw new AbortError(fail.ArmUnavailable(`The connection to ${new URL(url).host} failed during ${method} ${new URL(url).pathname}; it was not retried because ${method} may not be safe to repeat.`, { target: url.split('?')[0] }));
            throw new TransientError(0, null);
          });
        if (response.status === 429 || response.status >= 500) {
          throw new TransientError(response.status, parseRetryAfter(response.headers.get('retry-after'), Date.now()));
        }
        const all: Record<string, string> = {};
        if (response.headers.forEach) response.headers.forEach((value, name) => void (all[name.toLowerCase()] = value));
        return { status: response.status, headers: all, header: (name: string) => response.headers.get(name), text: await response.text() };
      },
      {
        retries: this.retry.retries,
        // Backoff between attempts without Retry-After; with it, onFailedAttempt has already waited.
        minTimeout: 200,
        factor: 2,
        maxTimeout: this.retry.maxDelayMs,
        randomize: true,
        signal: this.options.signal,
        shouldRetry: ({ error }) => error instanceof TransientError,
        onFailedAttempt: async ({ error, retriesLeft }) => {
          if (!(error instanceof TransientError) || retriesLeft === 0) return;
          const wait = Math.min(error.retryAfterMs ?? 0, this.retry.maxDelayMs);
          if (Date.now() - started + wait > this.retry.maxTotalMs) throw this.gaveUp(url, error);
          this.options.report.verbose(`${method} ${new URL(url).pathname}: ${error.status ? `HTTP ${error.status}` : 'connection failed'}; retrying${wait ? ` after ${Math.round(wait / 100) / 10} s` : ''}.`);
          if (wait > 0) await this.sleep(wait, this.options.signal);
        },
      },
    ).catch((error: unknown) => {
      if (error instanceof TransientError) throw this.gaveUp(url, error);
      throw error;
    });
  }

  private gaveUp(url: string, error: TransientError): MyAccountError {
    return fail.ArmUnavailable(`Azure Resource Manager kept failing (${error.status ? `HTTP ${error.status}` : 'connection failed'}) for ${new URL(url).pathname} after ${this.retry.retries} retries. Try again later.`, { target: url.split('?')[0] });
  }

  private httpError(url: string, status: number, body: string): MyAccountError {
    let code = `HTTP${status}`;
    let message = '';
    try {
      const parsed = JSON.parse(body) as { error?: { code?: string; message?: string } };
      code = parsed.error?.code ?? code;
      message = parsed.error?.message ?? '';
    } catch {
      /* not JSON */
    }
    const auth = status === 401 || status === 403;
    // ARM's own code (AuthorizationFailed, SubscriptionNotFound, ...) goes in details and the message.
    return fail[auth ? 'ArmAccessDenied' : 'ArmRequestFailed'](`Azure Resource Manager refused ${new URL(url).pathname} (HTTP ${status} ${code}${message ? `: ${message.slice(0, 300)}` : ''}).`, {
      target: url.split('?')[0],
      details: [{ armCode: code, status }],
    });
  }

  private protocolError(what: string): MyAccountError {
    return fail.ArmProtocolError(`Azure Resource Manager answered unexpectedly: ${what}.`);
  }
}
