/**
 * What sign-in needs before any MSAL code loads: the effective settings, the environment asked
 * for (the local cloud only while it runs), and the profile.
 */
import type { CommandContext } from '../core/context.js';
import { MyAccountError } from '../core/errors.js';
import { loadEffectiveConfig, openSettings } from './config-store.js';
import { emulatorDir, readInstance } from '../commands/emulator/command.js';
import type { EnvironmentView } from '../profile/environment-types.js';
import { findEnvironment, DEFAULT_ENVIRONMENT } from '../profile/environments.js';
import { openProfile, type Profile } from '../profile/profile.js';
import { LOCAL_CLOUD_NAME } from '../emulator/local-cloud.js';

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

export async function loadProfile(ctx: Pick<CommandContext, 'configDir' | 'clock'>): Promise<Profile> {
  return openProfile(ctx.configDir, ctx.clock).read();
}
