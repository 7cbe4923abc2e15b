/**
 * rest: builds the URL, decides the token's audience, sends the request through the ARM client
 * (its retries on 429/5xx with Retry-After), and, when asked, follows a long-running operation
 * or nextLink pages. The one rule above all: the token goes only to the origin it was chosen
 * for. Every URL the server hands back (nextLink, Location, Azure-AsyncOperation) is checked
 * against that origin before the token travels with it.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ArmClient, type ArmResponse } from '../../cloud/arm-client.js';
import type { CommandContext } from '../../core/context.js';
import { fail, MyAccountError } from '../../core/errors.js';
import { openTokenAccount } from '../../credentials/token-account.js';
import { armResource, resourceManagerUrl } from '../../profile/endpoints.js';
import type { RestInput, RestResult } from './types.js';

const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;
const MAX_PAGES = 1000;
/** A long-running operation gets this long in all; ctrl+C stops it sooner. */
const MAX_OPERATION_MS = 30 * 60_000;
const DEFAULT_POLL_MS = 2000;
const MAX_POLL_MS = 60_000;

export async function runRest(input: RestInput, ctx: CommandContext): Promise<RestResult> {
  const method = (input.Method ?? 'GET').toUpperCase();
  const body = input.Payload === undefined ? undefined : await payloadText(input.Payload);
  const current = await openTokenAccount(ctx, input.ContextName);
  try {
    const { credential, context } = current;
    const env = current.environment;
    const armBase = new URL(resourceManagerUrl(env));
    const target = input.Path !== undefined ? pathUrl(input.Path, armBase) : absoluteUrl(input.Uri!);
    if (input.ApiVersion !== undefined && !target.searchParams.has('api-version')) target.searchParams.set('api-version', input.ApiVersion);
    const resource = audienceFor(target, input.ResourceId, armBase, armResource(env));
    const tenant = context.tenant?.id ?? credential.homeTenantId;
    ctx.report.verbose(`${method} ${target.origin}${target.pathname} with a token for ${resource} in tenant ${tenant}.`);
    const client = new ArmClient({
      resourceManagerUrl: target.origin,
      token: async () => (await credential.getToken(resource, tenant)).token,
      fetch: current.fetch,
      report: ctx.report,
      signal: ctx.signal,
    });
    const origin = target.origin;
    const headers: Record<string, string> = body !== undefined ? { 'content-type': 'application/json' } : {};
    const first = await client.request(method, target.href, { body, headers });
    if (input.Paginate) return await paginate(client, origin, first, target.href, input);
    if (input.WaitForCompletion) return await waitForCompletion(client, origin, method, target.href, first, ctx);
    return result(first, method, target.href);
  } finally {
    await current.close();
  }
}

function result(response: ArmResponse, method: string, url: string): RestResult {
  return { StatusCode: response.status, Headers: response.headers, Content: response.text, Method: method, RequestUri: url };
}

/** "@file" reads the body from a file (as az does); anything else is the body itself. */
async function payloadText(payload: string): Promise<string> {
  if (!payload.startsWith('@')) return payload;
  const path = resolve(payload.slice(1));
  try {
    const info = await stat(path);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    if (info.size > MAX_PAYLOAD_BYTES) throw fail.PayloadUnreadable(`The payload file ${path} is ${info.size} bytes; the limit is ${MAX_PAYLOAD_BYTES}.`, { target: 'Payload' });
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof MyAccountError) throw error;
    throw fail.PayloadUnreadable(`The payload file ${path} cannot be read (${(error as NodeJS.ErrnoException).code}). Give @<file> with a readable file, or the body itself.`, { target: 'Payload' });
  }
}

/** A path below Resource Manager's endpoint; anything that would leave its origin is refused. */
function pathUrl(path: string, armBase: URL): URL {
  if (!path.startsWith('/') || path.startsWith('//') || path.includes('\\')) {
    throw fail.InvalidRequestUri(`The path "${path.slice(0, 200)}" must start with a single "/" (it is relative to ${armBase.origin}). For an absolute URL use --uri.`, { target: 'Path' });
  }
  const base = armBase.pathname.replace(/\/+$/, '');
  const url = new URL(`${armBase.origin}${base}${path}`);
  if (url.origin !== armBase.origin) throw fail.InvalidRequestUri(`The path "${path.slice(0, 200)}" leads away from ${armBase.origin}.`, { target: 'Path' });
  return url;
}

function absoluteUrl(uri: string): URL {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw fail.InvalidRequestUri(`"${uri.slice(0, 200)}" is not an absolute URL. Give https://<host>/<path>, or a --path relative to Resource Manager.`, { target: 'Uri' });
  }
  if (url.protocol !== 'https:') throw fail.InvalidRequestUri(`The URL ${url.origin} is not https; a token is only sent over https.`, { target: 'Uri' });
  if (url.username || url.password) throw fail.InvalidRequestUri('The URL carries a user name or password; remove them.', { target: 'Uri' });
  return url;
}

/**
 * The token's audience, only where the host of the request belongs to it: Resource Manager's
 * audience for its own origin, else the given resource when the URL's host is the resource's
 * host or below it (myvault.vault.azure.net for https://vault.azure.net).
 */
function audienceFor(url: URL, resourceId: string | undefined, armBase: URL, armAudience: string): string {
  if (resourceId === undefined) {
    if (url.origin === armBase.origin) return armAudience;
    throw fail.InvalidRequestUri(`${url.origin} is not the Resource Manager endpoint of this environment (${armBase.origin}), so no token is known to be for it. Give --resource-id with the audience of ${url.host}, e.g. https://${url.host}.`, { target: 'ResourceId' });
  }
  const sameAsArm = trimSlash(resourceId).toLowerCase() === trimSlash(armAudience).toLowerCase();
  if (sameAsArm) {
    if (url.origin === armBase.origin) return armAudience;
    throw fail.InvalidRequestUri(`A Resource Manager token is only sent to ${armBase.origin}, not ${url.origin}.`, { target: 'ResourceId' });
  }
  let audience: URL;
  try {
    audience = new URL(resourceId);
  } catch {
    throw fail.InvalidRequestUri(`The resource "${resourceId.slice(0, 200)}" is not an https URL, so MyAccount cannot tell which host its token is for. Give the resource as https://<host>.`, { target: 'ResourceId' });
  }
  const host = audience.hostname.toLowerCase();
  const requestHost = url.hostname.toLowerCase();
  if (audience.protocol !== 'https:' || !(requestHost === host || requestHost.endsWith(`.${host}`))) {
    throw fail.InvalidRequestUri(`A token for ${resourceId} is only sent to ${host} or hosts below it, not ${url.host}.`, { target: 'ResourceId' });
  }
  return resourceId;
}

const trimSlash = (s: string) => s.replace(/\/+$/, '');

/** A URL the server handed back, only if it stays on the origin the token is for. */
function sameOrigin(link: string, origin: string, base: string, what: string): string {
  let url: URL;
  try {
    url = new URL(link, base);
  } catch {
    throw fail.ArmProtocolError(`The ${what} URL "${link.slice(0, 200)}" is not a URL.`);
  }
  if (url.origin !== origin) {
    throw fail.ForeignOriginRefused(`The ${what} URL points to ${url.origin}, not ${origin} where the request went; the token was not sent there. Request it yourself with --uri and a --resource-id for that host if you trust it.`, {
      target: what,
      details: [{ origin: url.origin, expected: origin }],
    });
  }
  return url.href;
}

async function paginate(client: ArmClient, origin: string, first: ArmResponse, firstUrl: string, input: RestInput): Promise<RestResult> {
  const itemName = input.PageableItemName ?? 'value';
  const linkName = input.NextLinkName ?? 'nextLink';
  const items: unknown[] = [];
  const seen = new Set<string>([firstUrl]);
  let response = first;
  let url = firstUrl;
  for (let pages = 1; ; pages++) {
    // A failed page is the answer, as a single request's would be.
    if (response.status !== 200) return result(response, 'GET', url);
    let doc: Record<string, unknown>;
    try {
      doc = JSON.parse(response.text) as Record<string, unknown>;
    } catch {
      throw fail.ArmProtocolError(`Page ${pages} of ${firstUrl.split('?')[0]} is not JSON, so it cannot be paged.`);
    }
    const pageItems = doc?.[itemName];
    if (!Array.isArray(pageItems)) throw fail.ArmProtocolError(`Page ${pages} of ${firstUrl.split('?')[0]} has no "${itemName}" list; give --pageable-item-name with the property that holds the items.`);
    items.push(...pageItems);
    const next = doc[linkName];
    if (next === undefined || next === null || next === '') break;
    if (typeof next !== 'string') throw fail.ArmProtocolError(`The "${linkName}" of page ${pages} is not a URL.`);
    url = sameOrigin(next, origin, url, 'nextLink');
    if (seen.has(url)) throw fail.ArmProtocolError(`The list at ${firstUrl.split('?')[0]} repeats a page.`);
    if (pages >= MAX_PAGES) throw fail.ArmProtocolError(`The list at ${firstUrl.split('?')[0]} has more than ${MAX_PAGES} pages.`);
    seen.add(url);
    response = await client.request('GET', url);
  }
  return { StatusCode: response.status, Headers: response.headers, Content: JSON.stringify({ [itemName]: items }), Method: 'GET', RequestUri: firstUrl };
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolvePromise, reject) => {
    if (signal.aborted) return reject(fail.Cancelled('Stopped while waiting for the operation.'));
    const timer = setTimeout(resolvePromise, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(fail.Cancelled('Stopped while waiting for the operation.'))), { once: true });
  });

function pollDelay(response: ArmResponse): number {
  const seconds = Number(response.header('retry-after'));
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, MAX_POLL_MS) : DEFAULT_POLL_MS;
}

/**
 * ARM's two long-running patterns: Azure-AsyncOperation (poll it for a status document until
 * Succeeded/Failed/Canceled, then read the resource) and Location (poll it while it answers 202;
 * its last answer is the result).
 */
async function waitForCompletion(client: ArmClient, origin: string, method: string, url: string, first: ArmResponse, ctx: CommandContext): Promise<RestResult> {
  const asyncHeader = first.header('azure-asyncoperation');
  const locationHeader = first.header('location');
  const started = Date.now();
  const running = first.status === 201 || first.status === 202 || (first.status === 200 && asyncHeader !== null);
  if (!running || (asyncHeader === null && locationHeader === null)) return result(first, method, url);
  // Both are checked before any poll: the token never leaves for another origin, even once.
  const asyncUrl = asyncHeader === null ? null : sameOrigin(asyncHeader, origin, url, 'Azure-AsyncOperation');
  const locationUrl = locationHeader === null ? null : sameOrigin(locationHeader, origin, url, 'Location');
  const deadline = () => {
    if (Date.now() - started > MAX_OPERATION_MS) throw fail.OperationTimedOut(`The operation of ${method} ${new URL(url).pathname} did not finish in ${MAX_OPERATION_MS / 60000} minutes.`, { target: asyncUrl ?? locationUrl ?? url });
  };
  let last = first;
  if (asyncUrl) {
    for (;;) {
      await sleep(pollDelay(last), ctx.signal);
      deadline();
      last = await client.request('GET', asyncUrl);
      if (last.status !== 200) return result(last, 'GET', asyncUrl);
      let status: string | undefined;
      let error: unknown;
      try {
        const doc = JSON.parse(last.text) as { status?: string; error?: unknown };
        status = doc.status;
        error = doc.error;
      } catch {
        throw fail.ArmProtocolError(`The operation status at ${asyncUrl.split('?')[0]} is not JSON.`);
      }
      ctx.report.verbose(`Operation ${new URL(asyncUrl).pathname}: ${status ?? '(no status)'}.`);
      const s = (status ?? '').toLowerCase();
      if (s === 'failed' || s === 'canceled' || s === 'cancelled') {
        const e = (error ?? {}) as { code?: string; message?: string };
        throw fail.OperationFailed(`The operation of ${method} ${new URL(url).pathname} ended ${status}${e.code ? ` (${e.code}${e.message ? `: ${String(e.message).slice(0, 300)}` : ''})` : ''}.`, {
          target: url.split('?')[0],
          details: [{ status, error }],
        });
      }
      if (s === 'succeeded') break;
    }
    // The result is the resource for PUT/PATCH; for POST/DELETE whatever Location holds, if any.
    if (method === 'PUT' || method === 'PATCH') return result(await client.request('GET', url), 'GET', url);
    if (locationUrl && method === 'POST') return result(await client.request('GET', locationUrl), 'GET', locationUrl);
    return result(last, 'GET', asyncUrl);
  }
  for (let pollUrl = locationUrl!; ; ) {
    await sleep(pollDelay(last), ctx.signal);
    deadline();
    last = await client.request('GET', pollUrl);
    ctx.report.verbose(`Operation ${new URL(pollUrl).pathname}: HTTP ${last.status}.`);
    if (last.status !== 202) return result(last, 'GET', pollUrl);
    const next = last.header('location');
    if (next) pollUrl = sameOrigin(next, origin, pollUrl, 'Location');
  }
}
