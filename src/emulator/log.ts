/**
 * The request log: what was asked and answered, never with what proves identity. Query values
 * are kept only for keys known to be harmless; everything else is replaced by "[redacted]", so a
 * new parameter that happens to carry a secret is hidden by default rather than leaked.
 */
import type { LogFields } from './http.js';

export interface LogEntry extends LogFields {
  seq: number;
  time: string;
  method: string;
  path: string;
  query?: Record<string, string>;
  status: number;
  ms: number;
  traceId: string;
  correlationId: string;
}

const HARMLESS = new Set([
  'api-version',
  'client_id',
  'scope',
  'resource',
  'response_type',
  'response_mode',
  'redirect_uri',
  'prompt',
  'code_challenge_method',
  'client-request-id',
  'client_info',
  'x-client-sku',
  'x-client-ver',
  'x-client-os',
  'x-client-cpu',
  'authorization_endpoint',
  'object_id',
  'msi_res_id',
  'mi_res_id',
  'since',
  'limit',
]);

export function redactQuery(query: URLSearchParams): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const [k, v] of query) {
    out ??= {};
    out[k] = HARMLESS.has(k.toLowerCase()) ? v.slice(0, 200) : '[redacted]';
  }
  return out;
}

export class RequestLog {
  private entries: LogEntry[] = [];
  private seq = 0;

  constructor(
    private readonly capacity: number,
    private readonly sink?: (line: object) => void,
  ) {}

  /** Keeps `entry` as it is (no copy per request), numbering it: its `seq` is overwritten. */
  add(entry: LogEntry): void {
    const full = entry;
    full.seq = ++this.seq;
    this.entries.push(full);
    // Trim in batches so a busy server does not shift the array on every request.
    if (this.entries.length > this.capacity * 1.25) this.entries = this.entries.slice(-this.capacity);
    if (this.sink) {
      try {
        this.sink(full);
      } catch {
        // A failing sink must not fail the request it describes.
      }
    }
  }

  list(since = 0, limit = 1000): LogEntry[] {
    const fresh = this.entries.filter((e) => e.seq > since);
    return fresh.slice(-Math.max(1, Math.min(limit, this.capacity)));
  }

  clear(): void {
    this.entries = [];
  }

  get count(): number {
    return this.seq;
  }
}
