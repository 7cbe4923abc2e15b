/**
 * The account behind a context, for commands that call Azure with its tokens and sign nobody in
 * (get-subscription, get-tenant, rest, set-context's lookup): the context, account and
 * environment from the profile, the transport, and a Credential whose tokens come from
 * ContextTokens: straight from the shared cache when MSAL would hand them out as they are (the
 * warm path get-access-token takes), else through the account's own credential (MSAL), opened on
 * the first miss. With the tokens cached, such a command loads no MSAL (its chunk and client
 * set-up were ~40-60 ms of a cold process here) and takes no lock on the token cache.
 */
import type { CommandContext, FetchLike } from '../core/context.js';
import type { AccountRecord, ContextRecord } from '../profile/profile.js';
import type { EnvironmentView } from '../profile/environment-types.js';
import { createTransport } from '../http/transport.js';
import { ContextTokens } from './context-tokens.js';
import { homeTenantOf } from './default-account.js';
import type { Credential, TokenResult } from './credential.js';

export interface TokenAccount {
  readonly context: ContextRecord;
  readonly account: AccountRecord;
  readonly environment: EnvironmentView;
  readonly credential: Credential;
  /** HTTP for Resource Manager and other Azure APIs (the local cloud's CA for its origin only). */
  readonly fetch: FetchLike;
  /** TenantConcurrency: how many tenants are read at once. */
  readonly concurrency: number;
  /** A tenant id for what a person typed: an id, a domain the account knows, else Entra's answer. */
  tenantId(value: string): Promise<string>;
  close(): Promise<void>;
}

/** The context's account (default: this shell's default context); fails as get-access-token does when there is none. */
export async function openTokenAccount(ctx: CommandContext, contextName?: string): Promise<TokenAccount> {
  const tokens = await ContextTokens.open(ctx, { contextName });
  const http = await createTransport(ctx);
  const { account, context } = tokens;
  const credential: Credential = {
    type: account.type,
    homeTenantId: homeTenantOf(account),
    getToken: async (resource: string, tenantId?: string): Promise<TokenResult> => {
      const { token, expiresOn, tenantId: tenant } = await tokens.getToken(resource, tenantId);
      return { token, expiresOn, tenantId: tenant };
    },
  };
  return {
    context,
    account,
    environment: tokens.environment,
    credential,
    fetch: http.fetch,
    concurrency: tokens.settings.TenantConcurrency,
    tenantId: (value) => tokens.tenantId(value),
    async close() {
      http.close();
      await tokens.close();
    },
  };
}
