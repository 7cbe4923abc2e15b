/**
 * A request's target (path, segments, query) as the server routes it, and its query as the log
 * keeps it. Clients send one URL over and over (an ARM list with its api-version), so the last
 * target whose query hid nothing from the log is kept, parsed, with its log form, and the next
 * request for the same URL gets both without parsing again. A target is shared between requests:
 * handlers only read it. A URL with anything redacted (a possible secret) is never kept.
 */
import { hidesNothing, redactQuery } from './log.js';

export interface Target {
  /** Path with repeated slashes collapsed (clients joining URLs often produce "//"). */
  readonly path: string;
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
}

type Logged = Readonly<Record<string, string>> | undefined;

let last: { url: string; target: Target; logged: Logged } | undefined;

/** The target of a request's URL (as node gives it: path and query), or undefined when it is not one. */
export function parseTarget(url: string): Target | undefined {
  if (last !== undefined && url === last.url) return last.target;
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  if (!rawPath.startsWith('/')) return undefined;
  // The common path (nothing escaped, no empty segment, no trailing slash) is already its own form.
  if (!rawPath.includes('%') && !rawPath.includes('//') && (rawPath.length === 1 || !rawPath.endsWith('/'))) {
    return { path: rawPath, segments: rawPath.length === 1 ? [] : rawPath.slice(1).split('/'), query };
  }
  const segments: string[] = [];
  const escaped = rawPath.includes('%');
  for (const part of rawPath.split('/')) {
    if (!part) continue;
    if (!escaped) {
      segments.push(part);
      continue;
    }
    try {
      segments.push(decodeURIComponent(part));
    } catch {
      return undefined;
    }
  }
  return { path: '/' + segments.join('/'), segments, query };
}

/** The target's query as the log keeps it (see redactQuery); a URL that hid nothing is remembered. */
export function loggedQuery(url: string, target: Target): Logged {
  if (last !== undefined && last.target === target) return last.logged;
  const logged = redactQuery(target.query);
  if (hidesNothing(logged) && url.length <= 2000) last = { url, target, logged };
  return logged;
}
