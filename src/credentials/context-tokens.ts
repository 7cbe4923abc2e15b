/**
 * Tokens of one context for as long as a caller keeps asking: the identity endpoint of
 * `myaccount exec` and the SDK's MyAccountCredential. The context, account, environment and
 * settings are read once. Each token then comes the way get-access-token gets one: first straight
 * from the shared cache without MSAL (findCachedToken, the warm path), else through the account's
 * Credential (MSAL: silent refresh), which is opened on the first miss and kept for later ones,
 * since a long-running SDK client asks again and again.
 */
import type { CommandContext } from '../core/context.js';
import { readSettings } from '../config/config-store.js';
import type { Settings } from '../config/settings.js';
import { resourceOfType } from '../profile/endpoints.js';
import type { EnvironmentView } from '../profile/environment-types.js';
import { resolveEnvironment } from '../profile/environments.js';
import { isGuid, loadProfile, tenantMatches, type AccountRecord, type ContextRecord } from '../profile/profile.js';
import { cachedTokenReader } from '../token-cache/cached-token.js';
import { keychainWaitOf } from '../token-cache/keyring-wait.js';
import { contextAndAccount } from './default-account.js';
import type { CurrentAccount } from './current-account.js';

export interface ContextTokensOptions {
  /** A stored context; default: this shell's default context, else the stored default. */
  contextName?: string;
  /** The tenant (id or domain) tokens are for when a request names none; default: the context's. */
  tenantId?: string;
}

export interface ContextToken {
  token: string;
  expiresOn: Date;
  tenantId: string;
}

export class ContextTokens {
  private current: Promise<CurrentAccount> | undefined;
  /** Requests for the same token while one is being fetched share it (an SDK often asks in bursts). */
  private readonly inFlight = new Map<string, Promise<ContextToken>>();
  private readonly tenants = new Map<string, string>();
  /** The cache is read again only after a write replaced it: the endpoint answers in well under a millisecond. */
  private readonly findCachedToken = cachedTokenReader();

  private constructor(
    private readonly ctx: CommandContext,
    private readonly contextName: string | undefined,
    readonly context: ContextRecord,
    readonly account: AccountRecord,
    readonly environment: EnvironmentView,
    /** The client id the account's tokens are cached under. */
    readonly clientId: string,
    readonly settings: Settings,
    private defaultTenant: string | undefined,
  ) {}

  /** Reads the context; fails as get-access-token does (SignInRequired, ContextNotFound) when there is none. */
  static async open(ctx: CommandContext, options: ContextTokensOptions = {}): Promise<ContextTokens> {
    const profile = await loadProfile(ctx);
    const { context, account } = contextAndAccount(profile, ctx, options.contextName);
    const settings = await readSettings(ctx);
    const environment = resolveEnvironment(profile, ctx, account.environment);
    const clientId = account.properties?.clientId ?? settings.ClientId;
    const contextTenant = context.tenant?.id ?? account.properties?.homeTenantId;
    const tokens = new ContextTokens(ctx, options.contextName, context, account, environment, clientId, settings, contextTenant);
    if (options.tenantId !== undefined) {
      try {
        tokens.defaultTenant = await tokens.tenantId(options.tenantId);
      } catch (error) {
        await tokens.close();
        throw error;
      }
    }
    return tokens;
  }

  /** The tenant tokens are for when a request names none (undefined: the account's home, known once MSAL answers). */
  get tenant(): string | undefined {
    return this.defaultTenant;
  }

  /** The audience of a resource type (Arm, MSGraph, ...) in this context's environment. */
  resourceOfType(type: string): string {
    return resourceOfType(this.environment, type);
  }

  /** A tenant id for an id or a domain: known domains from the profile, others asked of Entra (loads MSAL). */
  async tenantId(value: string): Promise<string> {
    if (isGuid(value)) return value.toLowerCase();
    const known = this.account.tenants.find((t) => tenantMatches(t, value))?.id ?? this.tenants.get(value.toLowerCase());
    if (known) return known;
    const { tenantIdFor } = await import('./current-account.js');
    const id = await tenantIdFor(value, await this.open(), this.ctx);
    this.tenants.set(value.toLowerCase(), id);
    return id;
  }

  /** A token for `resource` (an audience: URI or application id) in `tenant` (id or domain; default: the context's). */
  async getToken(resource: string, tenant?: string): Promise<ContextToken> {
    const tenantId = tenant === undefined ? this.defaultTenant : await this.tenantId(tenant);
    const warm = tenantId ? await this.cached(resource, tenantId) : null;
    if (warm) return warm;
    const key = `${tenantId ?? ''}\n${resource}`;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.fetch(resource, tenantId).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  /** The cached token MSAL would hand out as it is, read without MSAL; null when MSAL must decide. */
  private async cached(resource: string, tenantId: string): Promise<ContextToken | null> {
    const hit = await this.findCachedToken({
      configDir: this.ctx.configDir,
      env: this.ctx.env,
      allowPlaintext: this.settings.AllowPlaintextTokenCache,
      account: this.account,
      clientId: this.clientId,
      environment: this.environment,
      tenantId,
      resource,
      now: this.ctx.clock.now(),
      keyring: { keychain: keychainWaitOf(this.ctx) },
    });
    return hit && { token: hit.token, expiresOn: hit.expiresOn, tenantId };
  }

  private async fetch(resource: string, tenantId: string | undefined): Promise<ContextToken> {
    const { credential } = await this.open();
    this.ctx.report.verbose(`Getting a token for ${resource} in tenant ${tenantId ?? '(home)'} as ${this.account.id}.`);
    const result = await credential.getToken(resource, tenantId);
    return { token: result.token, expiresOn: result.expiresOn, tenantId: result.tenantId || tenantId || credential.homeTenantId };
  }

  private open(): Promise<CurrentAccount> {
    if (!this.current) {
      this.current = import('./current-account.js').then(({ openCurrentAccount }) => openCurrentAccount(this.ctx, this.contextName));
      // A failed open (signed out meanwhile) is tried again on the next request.
      this.current.catch(() => (this.current = undefined));
    }
    return this.current;
  }

  /** Closes MSAL's HTTP client, if it was opened. */
  async close(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (!current) return;
    try {
      (await current).session.close();
    } catch {
      /* it never opened */
    }
  }
}
