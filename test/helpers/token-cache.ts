/**
 * What the token-cache unit tests share: a reporter that collects what it would show, and an
 * MSAL cache text with one access token plus the warm path's query that finds it.
 */
import { createReporter, type Reporter } from '../../src/core/reporter.js';
import type { EnvironmentView } from '../../src/profile/environment-types.js';
import type { CachedTokenQuery } from '../../src/token-cache/cached-token.js';

/** A reporter whose lines (warnings and the rest, as they would be shown) land in `messages`. */
export function collectingReporter(): { report: Reporter; messages: string[] } {
  const messages: string[] = [];
  return { messages, report: createReporter({ format: 'jsonl', verbose: false, debug: false, write: (l) => void messages.push(JSON.parse(l).message) }) };
}

export const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';
export const HOME_ACCOUNT = `a11ce000-0000-4000-8000-000000000001.${TENANT}`;
export const CLIENT = '1950a258-227b-4e31-a9cf-717495945fc2';

/** A serialized MSAL cache holding one Resource Manager token for the query's account. */
export function cacheWithToken(secret: string, expiresOnSeconds: number): string {
  const entry = {
    home_account_id: HOME_ACCOUNT,
    environment: 'login.example',
    credential_type: 'AccessToken',
    client_id: CLIENT,
    realm: TENANT,
    target: 'https://management.core.windows.net/.default',
    secret,
    expires_on: String(expiresOnSeconds),
    token_type: 'Bearer',
  };
  return JSON.stringify({ AccessToken: { [`k-${secret}`]: entry } });
}

/** The warm path's query for that token in `configDir` (plain file, Linux, unless overridden). */
export function tokenQuery(configDir: string, now: Date, overrides: Partial<CachedTokenQuery> = {}): CachedTokenQuery {
  return {
    configDir,
    env: {},
    allowPlaintext: true,
    account: { id: 'alice@contoso.example', type: 'User', environment: 'X', tenants: [], subscriptions: [], homeAccountId: HOME_ACCOUNT },
    clientId: CLIENT,
    environment: { Name: 'X', ActiveDirectoryAuthority: 'https://login.example/' } as EnvironmentView,
    tenantId: TENANT,
    resource: 'https://management.core.windows.net/',
    now,
    platform: 'linux',
    ...overrides,
  };
}
