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
import { MyAccountError } from '../core/errors.js';
import { loadEffectiveConfig, openSettings } from '../config/config-store.js';
import { emulatorDir, readInstance } from '../commands/emulator.js';
import type { EnvironmentView } from '../profile/environment-types.js';
import { findEnvironment, DEFAULT_ENVIRONMENT } from '../profile/environments.js';
import { openProfile, type Profile } from '../profile/profile.js';
import { authorityFor, knownAuthorities } from './endpoints.js';
import type { HttpClient } from './http-client.js';
import { openSecretStore, type SecretStore } from './secret-store.js';
import { openTokenCache, type TokenCache } from './token-cache.js';
import { createTransport } from './transport.js';
import { LOCAL_CLOUD_NAME } from '../emulator/local-cloud.js';

type LoggerOptions = NonNullable<NonNullable<Configuration['system']>['loggerOptions']>;

export interface Settings {
  clientId: string;
  enableLoginByWam: boolean;
  defaultSubscriptionForLogin: string;
  loginExperienceV2: boolean;
  disableInstanceDiscovery: boolean;
  allowPlaintextTokenCache: boolean;
  tenantConcurrency: number;
}

/** Az PowerShell's public client, registered in every tenant; the local cloud registers it too. */
export const DEFAULT_CLIENT_ID = '1950a258-227b-4e31-a9cf-717495945fc2';

export async function readSettings(ctx: Pick<CommandContext, 'configDir' | 'clock' | 'env' | 'report'>): Promise<Settings> {
  const config = await loadEffectiveConfig(openSettings(ctx.configDir, ctx.clock), ctx.env, ctx.report);
  const value = (key: string): unknown => config[key]?.Value;
  const concurrency = Number(value('TenantConcurrency'));
  return {
    clientId: typeof value('ClientId') === 'string' && value('ClientId') ? String(value('ClientId')) : DEFAULT_CLIENT_ID,
    enableLoginByWam: value('EnableLoginByWam') === true,
    defaultSubscriptionForLogin: String(value('DefaultSubscriptionForLogin') ?? ''),
    loginExperienceV2: value('LoginExperienceV2') !== 'Off',
    disableInstanceDiscovery: value('DisableInstanceDiscovery') === true,
    allowPlaintextTokenCache: value('AllowPlaintextTokenCache') === true,
    tenantConcurrency: Number.isInteger(concurrency) && concurrency > 0 ? concurrency : 8,
  };
}

export function resolveEnvironment(profile: Profile, ctx: Pick<CommandContext, 'configDir'>, name: string | undefined): EnvironmentView {
  const port = readInstance(emulatorDir(ctx))?.port;
  const wanted = name ?? DEFAULT_ENVIRONMENT;
  const environment = findEnvironment(profile.environments, wanted, port);
  if (!environment) {
    throw new MyAccountError('EnvironmentNotFound', `There is no environment named "${wanted}". Run myaccount get-environment to see them, or add it with add-environment.`, {
      category: 'ObjectNotFound',
      exitCode: 2,
      target: 'Environment',
    });
  }
  if (environment.Name === LOCAL_CLOUD_NAME && port === undefined) {
    throw new MyAccountError('LocalCloudNotRunning', 'The local cloud is not running. Start it with myaccount emulator start --detach, then try again.', {
      category: 'ResourceUnavailable',
      target: 'Environment',
    });
  }
  return environment;
}

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
    this.clientId = options.settings.clientId;
    this.broker = options.broker ?? null;
  }

  static async open(ctx: CommandContext, options: AuthSessionOptions): Promise<AuthSession> {
    const http = await createTransport(ctx);
    const cache = await openTokenCache({ configDir: ctx.configDir, allowPlaintext: options.settings.allowPlaintextTokenCache, report: ctx.report });
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
        knownAuthorities: knownAuthorities(this.environment, this.settings.disableInstanceDiscovery),
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

  close(): void {
    this.http.close();
  }
}

export async function loadProfile(ctx: Pick<CommandContext, 'configDir' | 'clock'>): Promise<Profile> {
  return openProfile(ctx.configDir, ctx.clock).read();
}
