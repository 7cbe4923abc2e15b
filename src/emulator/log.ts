/**
 * The request log: what was asked and answered, never with what proves identity. Query values
 * are kept only for keys known to be harmless; everything else is replaced by "[redacted]", so a
 * new parameter that happens to carry a secret is hidden by default rather than leaked.
 *
 * It keeps the last requests in a ring of columns rather than as one object per request: numbers
 * in typed arrays, and strings that already live long (paths and queries seen before, tenant and
 * client ids from the directory, ids it makes itself kept as counters). A busy local cloud adds
 * tens of thousands of entries a second; as objects, each one survived two young-generation
 * collections and was copied into the old generation, which was most of the local cloud's own
 * work on an ARM list. Entries are built as objects only when read.
 */
import { randomUUID } from 'node:crypto';
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

/** One request as the server hands it over; `query` is already redacted (see redactQuery). */
export interface LogRecord {
  time: number;
  method: string;
  path: string;
  query?: Record<string, string>;
  status: number;
  ms: number;
  traceId: RequestId;
  correlationId: RequestId;
  fields: LogFields;
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

/** Beyond this many distinct paths or queries, the interning tables start again. */
const INTERN_LIMIT = 2000;

const REDACTED = '[redacted]';
/** Redacted queries by their key (see redactQuery), one frozen object each. */
const sharedQueries = new Map<string, Readonly<Record<string, string>>>();

/** A query value as the log keeps it: harmless keys' values (cut at 200 characters), else REDACTED. */
const logged = (key: string, value: string): string => (HARMLESS.has(key.toLowerCase()) ? value.slice(0, 200) : REDACTED);

/**
 * The query as the log keeps it. Equal queries share one frozen object, so a client repeating
 * `?api-version=...` adds nothing to the heap; the key spells out lengths so no two queries collide.
 */
export function redactQuery(query: URLSearchParams): Readonly<Record<string, string>> | undefined {
  let key = '';
  for (const [k, v] of query) {
    const value = logged(k, v);
    key += `${k.length}:${k}${value.length}:${value}`;
  }
  if (!key) return undefined;
  let out = sharedQueries.get(key);
  if (!out) {
    const fresh: Record<string, string> = {};
    for (const [k, v] of query) fresh[k] = logged(k, v);
    out = Object.freeze(fresh);
    if (sharedQueries.size >= INTERN_LIMIT) sharedQueries.clear();
    sharedQueries.set(key, out);
  }
  return out;
}

/** Whether a redacted query hid nothing (so its text holds no secret and may be remembered). */
export function hidesNothing(redacted: Readonly<Record<string, string>> | undefined): boolean {
  if (!redacted) return true;
  for (const k in redacted) if (redacted[k] === REDACTED) return false;
  return true;
}

/**
 * A request id: either a number from this process's id source (its text is made on demand) or
 * a client's own id, kept as the client sent it.
 */
export type RequestId = number | string;

/**
 * Makes trace and correlation ids: one random GUID prefix for the process and a counter in the
 * last 12 hex digits. They are still well-formed version-4 GUIDs and unique within a run, and the
 * log can keep a number instead of a string for each.
 */
export class RequestIds {
  private readonly prefix = randomUUID().slice(0, 24);
  // Below 2^30 the counter stays a small integer in V8 (no heap number per id) for a billion ids.
  private next = Math.floor(Math.random() * 2 ** 28);

  take(): number {
    return this.next++;
  }

  text(id: RequestId): string {
    return typeof id === 'string' ? id : this.prefix + id.toString(16).padStart(12, '0');
  }
}

export class RequestLog {
  private seq = 0;
  /** How many of the ring's slots hold entries since the last clear. */
  private held = 0;
  private readonly time: Float64Array;
  private readonly ms: Float64Array;
  private readonly status: Uint16Array;
  private readonly method: string[];
  private readonly path: string[];
  private readonly query: (Readonly<Record<string, string>> | undefined)[];
  private readonly trace: RequestId[];
  private readonly correlation: RequestId[];
  private readonly grantType: (string | undefined)[];
  private readonly clientId: (string | undefined)[];
  private readonly tenant: (string | undefined)[];
  private readonly user: (string | undefined)[];
  private readonly fault: (string | undefined)[];
  private readonly error: (string | undefined)[];
  /** The LogFields columns by field name, for building entries. */
  private readonly fieldColumns: readonly (readonly [keyof LogFields, (string | undefined)[]])[];
  private readonly paths = new Map<string, string>();

  constructor(
    private readonly capacity: number,
    private readonly ids: RequestIds,
    private readonly sink?: (line: object) => void,
  ) {
    this.time = new Float64Array(capacity);
    this.ms = new Float64Array(capacity);
    this.status = new Uint16Array(capacity);
    const column = <T>(fill: T): T[] => new Array<T>(capacity).fill(fill);
    this.method = column('');
    this.path = column('');
    this.query = column(undefined);
    this.trace = column(0);
    this.correlation = column(0);
    this.grantType = column(undefined);
    this.clientId = column(undefined);
    this.tenant = column(undefined);
    this.user = column(undefined);
    this.fault = column(undefined);
    this.error = column(undefined);
    this.fieldColumns = [
      ['grantType', this.grantType],
      ['clientId', this.clientId],
      ['tenant', this.tenant],
      ['user', this.user],
      ['fault', this.fault],
      ['error', this.error],
    ];
  }

  add(r: LogRecord): void {
    const seq = ++this.seq;
    const i = seq % this.capacity;
    this.time[i] = r.time;
    this.ms[i] = r.ms;
    this.status[i] = r.status;
    this.method[i] = r.method;
    this.path[i] = this.intern(r.path);
    this.query[i] = r.query;
    this.trace[i] = r.traceId;
    this.correlation[i] = r.correlationId;
    const f = r.fields;
    this.grantType[i] = f.grantType;
    this.clientId[i] = f.clientId;
    this.tenant[i] = f.tenant;
    this.user[i] = f.user;
    this.fault[i] = f.fault;
    this.error[i] = f.error;
    if (this.held < this.capacity) this.held++;
    if (this.sink) {
      try {
        this.sink(this.entry(seq));
      } catch {
        // A failing sink must not fail the request it describes.
      }
    }
  }

  /** The entries after `since`, oldest first, at most the last `limit` of them. */
  list(since = 0, limit = 1000): LogEntry[] {
    const first = Math.max(this.seq - this.held + 1, since + 1, this.seq - Math.max(1, Math.min(limit, this.capacity)) + 1);
    const out: LogEntry[] = [];
    for (let seq = first; seq <= this.seq; seq++) out.push(this.entry(seq));
    return out;
  }

  clear(): void {
    this.held = 0;
    this.paths.clear();
    // Let go of the strings the ring still points at.
    this.query.fill(undefined);
    this.correlation.fill(0);
    for (const [, column] of this.fieldColumns) column.fill(undefined);
  }

  get count(): number {
    return this.seq;
  }

  private entry(seq: number): LogEntry {
    const i = seq % this.capacity;
    const e: LogEntry = {
      seq,
      time: new Date(this.time[i]).toISOString(),
      method: this.method[i],
      path: this.path[i],
      query: this.query[i] && { ...this.query[i] },
      status: this.status[i],
      ms: this.ms[i],
      traceId: this.ids.text(this.trace[i]),
      correlationId: this.ids.text(this.correlation[i]),
    };
    if (e.query === undefined) delete e.query;
    for (const [name, column] of this.fieldColumns) if (column[i] !== undefined) e[name] = column[i];
    return e;
  }

  /** The same path text for every request to one path, so each entry adds no string of its own. */
  private intern(path: string): string {
    const known = this.paths.get(path);
    if (known !== undefined) return known;
    if (this.paths.size >= INTERN_LIMIT) this.paths.clear();
    this.paths.set(path, path);
    return path;
  }
}
