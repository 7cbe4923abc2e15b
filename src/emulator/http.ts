/**
 * Plumbing shared by every endpoint: the per-request context, body reading with a size cap,
 * form and JSON parsing, and writing answers. Nothing here knows about OAuth or ARM.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type ErrorShape = 'entra' | 'arm' | 'admin' | 'page';

export interface LogFields {
  grantType?: string;
  clientId?: string;
  tenant?: string;
  user?: string;
  fault?: string;
  error?: string;
}

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path with repeated slashes collapsed (clients joining URLs often produce "//"). */
  path: string;
  /** The path's segments and the query: shared with other requests for the same URL (request-target.ts), so only read. */
  segments: readonly string[];
  query: URLSearchParams;
  traceId: string;
  correlationId: string;
  started: number;
  shape: ErrorShape;
  log: LogFields;
  /** Told every secret the request carries or the answer hands out (tests scan output for them). */
  onSecret?: (value: string) => void;
}

/** Form and JSON fields that carry credentials or tokens. */
const SECRET_FIELDS = new Set(['password', 'passwd', 'client_secret', 'client_assertion', 'assertion', 'refresh_token', 'code', 'device_code', 'code_verifier', 'access_token', 'id_token']);

export function noteSecrets(ctx: Ctx, fields: Iterable<[string, unknown]>): void {
  if (!ctx.onSecret) return;
  for (const [name, value] of fields) if (SECRET_FIELDS.has(name.toLowerCase()) && typeof value === 'string' && value.length >= 8) ctx.onSecret(value);
}

export class BodyTooLarge extends Error {
  constructor() {
    super('request body too large');
  }
}

export class BadBody extends Error {}

export function readBody(ctx: Ctx, limit: number): Promise<Buffer> {
  const { req } = ctx;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    ctx.res.shouldKeepAlive = false;
    return Promise.reject(new BodyTooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        // The rest of the body is never read, so this connection cannot carry another request.
        ctx.res.shouldKeepAlive = false;
        req.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) {
        done = true;
        resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
      }
    });
    req.on('error', (e) => {
      if (!done) {
        done = true;
        reject(e);
      }
    });
  });
}

export async function readForm(ctx: Ctx, limit: number): Promise<URLSearchParams> {
  const type = String(ctx.req.headers['content-type'] ?? '').toLowerCase();
  const body = await readBody(ctx, limit);
  if (!type.startsWith('application/x-www-form-urlencoded')) throw new BadBody('content-type');
  const form = new URLSearchParams(body.toString('utf8'));
  noteSecrets(ctx, form);
  return form;
}

export async function readJson(ctx: Ctx, limit: number): Promise<unknown> {
  const body = await readBody(ctx, limit);
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new BadBody('json');
  }
}

/** Where each header every answer carries sits in the list `send` builds (name at i, value at i + 1). */
const BASE_HEADERS = new Map([
  ['Cache-Control', 0],
  ['Pragma', 2],
  ['X-Content-Type-Options', 4],
  ['Content-Type', 6],
  ['Content-Length', 8],
]);

export function send(ctx: Ctx, status: number, body: string | Buffer, contentType: string, headers: Record<string, string> = {}): void {
  const { res } = ctx;
  if (res.headersSent || res.destroyed) return;
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  // A flat list goes to node as it is (an object would be merged and then walked again); a
  // caller's header of the same name replaces the common one in place, as an object spread would.
  const list = ['Cache-Control', 'no-store', 'Pragma', 'no-cache', 'X-Content-Type-Options', 'nosniff', 'Content-Type', contentType, 'Content-Length', String(length)];
  for (const name in headers) {
    const at = BASE_HEADERS.get(name);
    if (at === undefined) list.push(name, headers[name]);
    else list[at + 1] = headers[name];
  }
  res.writeHead(status, list);
  // Headers and body leave in one write and TLS record either way (the response is corked and
  // node's TLS layer joins the chunks); a Buffer body skips encoding the text again on each answer.
  res.end(ctx.method === 'HEAD' ? undefined : body);
}

/** Frozen answers (handed out again unchanged, such as a reused app-only token's) serialized once. */
const serialized = new WeakMap<object, Buffer>();

export function sendJson(ctx: Ctx, status: number, value: unknown, headers: Record<string, string> = {}): void {
  if (value && typeof value === 'object' && !Array.isArray(value)) noteSecrets(ctx, Object.entries(value));
  let body: string | Buffer;
  if (value && typeof value === 'object' && Object.isFrozen(value)) {
    let bytes = serialized.get(value);
    if (!bytes) serialized.set(value, (bytes = Buffer.from(JSON.stringify(value))));
    body = bytes;
  } else body = JSON.stringify(value);
  send(ctx, status, body, 'application/json; charset=utf-8', headers);
}

/** Sends JSON that is already serialized (precomputed documents on hot paths). */
export function sendRawJson(ctx: Ctx, status: number, json: string | Buffer, headers: Record<string, string> = {}): void {
  send(ctx, status, json, 'application/json; charset=utf-8', headers);
}

export function sendHtml(ctx: Ctx, status: number, html: string, headers: Record<string, string> = {}): void {
  send(ctx, status, html, 'text/html; charset=utf-8', headers);
}

export function header(ctx: Ctx, name: string): string | undefined {
  return requestHeader(ctx.req, name);
}

/**
 * A request header by its lower-case name, the first if repeated, read from the raw list: node
 * builds req.headers only when it is first read, and most answers need no other header.
 */
export function requestHeader(req: IncomingMessage, name: string): string | undefined {
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const field = raw[i];
    if (field.length === name.length && (field === name || field.toLowerCase() === name)) return raw[i + 1];
  }
  return undefined;
}
