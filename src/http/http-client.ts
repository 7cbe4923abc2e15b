/**
 * HTTP for MSAL and ARM. The local cloud's CA is trusted for the local cloud's own origin and
 * nowhere else: requests to other hosts use Node's normal trust store, so adding the emulator
 * can never make MyAccount accept a forged certificate for a real Azure host.
 */
import { Agent, request } from 'node:https';
import { createSecureContext } from 'node:tls';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { FetchLike } from '../core/context.js';
import { parseRetryAfter } from '../core/retry-after.js';

export interface TrustedOrigin {
  /** e.g. https://127.0.0.1:47443 */
  origin: string;
  caPem: string;
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

const TIMEOUT_MS = 30000;

/** Longest wait before a device-code poll that met a 429/5xx is handed back to MSAL as pending. */
const MAX_POLL_WAIT_MS = 30000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function isDeviceCodePoll(body: string | undefined): boolean {
  if (!body) return false;
  const grant = new URLSearchParams(body).get('grant_type');
  return grant === 'device_code' || grant === 'urn:ietf:params:oauth:grant-type:device_code';
}

/** What Entra answers while a person has not finished: MSAL waits its interval and polls again. */
function stillPending<T>(why: string): NetworkResponse<T> {
  const body = { error: 'authorization_pending', error_description: `AADSTS70016: The poll could not be answered (${why}); polling again.`, error_codes: [70016] };
  return { status: 400, headers: {}, body: body as T };
}

export class HttpClient {
  private readonly agents = new Map<string, Agent>();
  /** The CA each trusted origin's certificate chains to, by origin; its agent is made on first use. */
  private readonly trustedCa = new Map<string, string>();
  /**
   * Until when each origin asked (429/5xx with Retry-After) to be left alone. MSAL reads the
   * header for its own throttling but never hands it to callers, so token retries find it here.
   */
  private readonly backOffUntil = new Map<string, number>();

  constructor(
    trusted: readonly TrustedOrigin[],
    private readonly fallback: FetchLike,
    /** --debug: one line per request (method, origin, path, status, time), never a header, query or body. */
    private readonly debug?: (line: string) => void,
  ) {
    for (const t of trusted) this.trustedCa.set(new URL(t.origin).origin, t.caPem);
  }

  /** fetch-shaped access for ARM and metadata calls. */
  readonly fetch: FetchLike = async (url, init) => {
    const agent = this.agentFor(url);
    if (!agent) return this.logged(init?.method ?? 'GET', url, () => this.fallback(url, init), (r) => r.status);
    const raw = await this.logged(init?.method ?? 'GET', url, () => this.send(agent, init?.method ?? 'GET', url, init?.headers ?? {}, init?.body, init?.signal), (r) => r.status);
    const headers = {
      get: (name: string) => raw.headers[name.toLowerCase()] ?? null,
      forEach: (callback: (value: string, name: string) => void) => Object.entries(raw.headers).forEach(([name, value]) => callback(value, name)),
    };
    return { status: raw.status, headers, text: async () => raw.text };
  };

  /** MSAL's network module: resolves for every status; MSAL reads error bodies itself. */
  readonly msal: INetworkModule = {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions, timeout?: number) => this.msalSend<T>('GET', url, options, timeout),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => this.msalSend<T>('POST', url, options),
  };

  private async msalSend<T>(method: string, url: string, options: NetworkRequestOptions = {}, timeout?: number): Promise<NetworkResponse<T>> {
    const devicePoll = method === 'POST' && isDeviceCodePoll(options.body);
    let raw: RawResponse;
    try {
      raw = await this.logged(method, url, () => this.sendRaw(method, url, options, timeout), (r) => r.status);
    } catch (error) {
      if (devicePoll) return stillPending<T>('the connection failed');
      throw error;
    }
    this.noteRetryAfter(url, raw);
    if (devicePoll && (raw.status === 429 || raw.status >= 500)) {
      // MSAL ends a device-code sign-in on any poll answer but "pending", so one throttled or
      // failed poll would throw away a code the person may be typing right now. A poll is safe
      // to repeat: wait as long as the server asked, then let MSAL poll again on its interval.
      await sleep(Math.min(parseRetryAfter(raw.headers['retry-after'] ?? null, Date.now()) ?? 0, MAX_POLL_WAIT_MS));
      return stillPending<T>(`HTTP ${raw.status}`);
    }
    let body: unknown = {};
    try {
      body = raw.text ? JSON.parse(raw.text) : {};
    } catch {
      body = {};
    }
    return { status: raw.status, headers: raw.headers, body: body as T };
  }

  private async sendRaw(method: string, url: string, options: NetworkRequestOptions, timeout?: number): Promise<RawResponse> {
    const agent = this.agentFor(url);
    let raw: RawResponse;
    if (agent) raw = await this.send(agent, method, url, options.headers ?? {}, options.body, timeout ? AbortSignal.timeout(timeout) : undefined);
    else {
      const response = await this.fallback(url, { method, headers: options.headers, body: method === 'POST' ? options.body : undefined, signal: AbortSignal.timeout(timeout ?? TIMEOUT_MS) });
      const headers: Record<string, string> = {};
      for (const name of ['retry-after', 'content-type', 'x-ms-request-id', 'www-authenticate']) {
        const value = response.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      raw = { status: response.status, headers, text: await response.text() };
    }
    return raw;
  }

  /** Runs one request, and with --debug says what it was and how it ended. */
  private async logged<T>(method: string, url: string, send: () => Promise<T>, statusOf: (result: T) => number): Promise<T> {
    if (!this.debug) return send();
    const started = Date.now();
    const { origin, pathname } = new URL(url);
    // No query string: authorization codes and such never travel in one here, but nothing is assumed.
    const what = `HTTP ${method} ${origin}${pathname}`;
    try {
      const result = await send();
      this.debug(`${what} -> ${statusOf(result)} (${Date.now() - started} ms)`);
      return result;
    } catch (error) {
      this.debug(`${what} -> failed: ${(error as NodeJS.ErrnoException)?.code ?? (error as Error)?.name ?? 'error'} (${Date.now() - started} ms)`);
      throw error;
    }
  }

  private noteRetryAfter(url: string, raw: RawResponse): void {
    if (raw.status !== 429 && raw.status < 500) return;
    const wait = parseRetryAfter(raw.headers['retry-after'], Date.now());
    if (wait !== null) this.backOffUntil.set(new URL(url).origin, Date.now() + wait);
  }

  /** How much longer the origin of `url` asked MSAL's requests to wait; null when it did not. */
  retryAfterMs(url: string): number | null {
    const until = this.backOffUntil.get(new URL(url).origin);
    return until === undefined ? null : Math.max(0, until - Date.now());
  }

  private send(agent: Agent, method: string, url: string, headers: Record<string, string>, body: string | undefined, signal?: AbortSignal): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const req = request(url, { method, agent, headers, signal, timeout: TIMEOUT_MS }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers: out, text: Buffer.concat(chunks).toString('utf8') });
        });
      });
      req.on('timeout', () => req.destroy(new Error('request timed out')));
      req.on('error', reject);
      req.end(body);
    });
  }

  /**
   * The keep-alive agent of a trusted origin, made on its first request, with one TLS context for
   * all its connections: given only `ca`, every new connection built its own, copying Node's root
   * store (and NODE_EXTRA_CA_CERTS, often a whole system bundle) into it, ~0.5-1 ms each as
   * connect opens its eight connections at once. Other origins go through the fallback fetch.
   */
  private agentFor(url: string): Agent | undefined {
    const origin = new URL(url).origin;
    let agent = this.agents.get(origin);
    const ca = agent ? undefined : this.trustedCa.get(origin);
    if (ca !== undefined) this.agents.set(origin, (agent = new Agent({ secureContext: createSecureContext({ ca }), keepAlive: true })));
    return agent;
  }

  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
  }
}
