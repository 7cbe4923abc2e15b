/**
 * Everything one command needs to get tokens in one environment: the environment's authority,
 * the client id, the HTTP client (with the local cloud's trust), the shared encrypted token
 * cache, and MSAL application objects wired to all of them.
 */
import {
  ConfidentialClientApplication,
  LogLevel,
  ManagedIdentityApplication,
  PublicClientApplication,
  type Configuration,
  type INativeBrokerPlugin,
} from '@azure/msal-node';
import type { CommandContext } from '../core/context.js';
import type { EnvironmentView } from '../profile/environment-types.js';
import { authorityFor, knownAuthorities } from '../profile/endpoints.js';
import type { HttpClient } from '../http/http-client.js';
import { openSecretStore, type SecretStore } from '../token-cache/secret-store.js';
import { openTokenCache, type TokenCache } from '../token-cache/token-cache.js';
import { createTransport } from '../http/transport.js';
import type { Settings } from '../config/settings.js';


type LoggerOptions = NonNullable<NonNullable<Configuration['system']>['loggerOptions']>;

export interface AuthSessionOptions {
  environment: EnvironmentView;
  settings: Settings;
  /** The broker plugin to use for people, when one is available and wanted. */
  broker?: INativeBrokerPlugin | null;
}

export class AuthSession {
  readonly environment: EnvironmentView;
  readonly settings: Settings;
  readonly clientId: string;
  private publicClient: PublicClientApplication | undefined;
  private broker: INativeBrokerPlugin | null;

  private constructor(
    private readonly ctx: CommandContext,
    options: AuthSessionOptions,
    readonly http: HttpClient,
    readonly cache: TokenCache,
    private secretStore: SecretStore | undefined,
  ) {
    this.environment = options.environment;
    this.settings = options.settings;
    this.clientId = options.settings.ClientId;
    this.broker = options.broker ?? null;
  }

  static async open(ctx: CommandContext, options: AuthSessionOptions): Promise<AuthSession> {
    const http = await createTransport(ctx);
    const cache = await openTokenCache({ configDir: ctx.configDir, allowPlaintext: options.settings.AllowPlaintextTokenCache, report: ctx.report, attended: ctx.attended, now: () => ctx.clock.now() });
    return new AuthSession(ctx, options, http, cache, undefined);
  }

  get report() {
    return this.ctx.report;
  }

  /** Aborted on Ctrl+C, so waits between token retries stop promptly. */
  get signal(): AbortSignal {
    return this.ctx.signal;
  }

  authority(tenant: string): string {
    return authorityFor(this.environment, tenant);
  }

  async secrets(): Promise<SecretStore> {
    this.secretStore ??= await openSecretStore(this.ctx.configDir);
    return this.secretStore;
  }

  setBroker(broker: INativeBrokerPlugin | null): void {
    this.broker = broker;
    this.publicClient = undefined;
  }

  private logger(): LoggerOptions {
    const report = this.ctx.report;
    return {
      piiLoggingEnabled: false,
      logLevel: report.debugEnabled ? LogLevel.Verbose : LogLevel.Error,
      // MSAL's own lines are for --debug; PII stays off, so they name no user or token.
      loggerCallback: (_level: LogLevel, message: string) => report.debug(`MSAL: ${message}`),
    };
  }

  private config(tenant: string, auth: Partial<Configuration['auth']> = {}): Configuration {
    return {
      auth: {
        clientId: this.clientId,
        authority: this.authority(tenant),
        knownAuthorities: knownAuthorities(this.environment, this.settings.DisableInstanceDiscovery),
        ...auth,
      },
      cache: { cachePlugin: this.cache.plugin },
      system: { networkClient: this.http.msal, loggerOptions: this.logger() },
    };
  }

  /** The application people sign in with; requests name their own tenant's authority. */
  publicApp(): PublicClientApplication {
    if (!this.publicClient) {
      const config = this.config('organizations');
      if (this.broker) config.broker = { nativeBrokerPlugin: this.broker };
      this.publicClient = new PublicClientApplication(config);
    }
    return this.publicClient;
  }

  confidentialApp(clientId: string, tenant: string, credential: Pick<Configuration['auth'], 'clientSecret' | 'clientCertificate' | 'clientAssertion'>): ConfidentialClientApplication {
    return new ConfidentialClientApplication(this.config(tenant, { clientId, ...credential }));
  }

  managedIdentityApp(id: { userAssignedClientId?: string; userAssignedResourceId?: string; userAssignedObjectId?: string } | undefined): ManagedIdentityApplication {
    return new ManagedIdentityApplication({
      managedIdentityIdParams: id,
      system: { networkClient: this.http.msal, loggerOptions: this.logger() },
    });
  }

  /**
   * Keeps token cache writes in memory until flushCacheWrites (see token-cache/cache-plugin.ts),
   * for a burst of token requests such as connect's discovery. Not with a broker: its tokens are
   * not in MSAL's cache, so the refresh token grant user-credential.ts uses meanwhile has nothing
   * to redeem. Returns whether writes are deferred.
   */
  async deferCacheWrites(): Promise<boolean> {
    if (this.broker) return false;
    await this.cache.plugin.deferWrites();
    return true;
  }

  /** Writes what deferCacheWrites kept in memory, merged with the persisted cache under its lock. */
  flushCacheWrites(): Promise<void> {
    return this.cache.plugin.flush();
  }

  /** Whether token cache writes are deferred now; while they are, acquireTokenSilent must not be used. */
  get cacheWritesDeferred(): boolean {
    return this.cache.plugin.deferring;
  }

  close(): void {
    this.http.close();
  }
}

