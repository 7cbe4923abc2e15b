/**
 * The settings MyAccount knows: each with its type, default, help and environment variable.
 * Config commands, their schemas and the PowerShell parameters are generated from this list.
 */
import { GUID_PATTERN } from '../core/names.js';
import { isWholeNumberText } from '../core/validate.js';

/** Az PowerShell's public client, registered in every tenant; the local cloud registers it too. */
export const DEFAULT_CLIENT_ID = '1950a258-227b-4e31-a9cf-717495945fc2';

export type SettingValue = boolean | string | number;

export interface SettingDefinition {
  key: string;
  type: 'boolean' | 'string' | 'enum' | 'integer';
  values?: readonly string[];
  default: SettingValue;
  /** Environment variable that overrides the CurrentUser value for every process that has it. */
  envVar: string;
  help: string;
  maxLength?: number;
  pattern?: string;
  /** Inclusive bounds of an integer setting. */
  minimum?: number;
  maximum?: number;
}

export const SETTINGS = [
  {
    key: 'EnableLoginByWam',
    type: 'boolean',
    default: false,
    envVar: 'MYACCOUNT_ENABLE_LOGIN_BY_WAM',
    help:
      'Sign in through the operating system broker (WAM on Windows) when it is available. Where no broker is available MyAccount says so once and uses the browser or device code. ' +
      'Off by default: unlike Az.Accounts, turning it on is a choice, so Linux and macOS users never see broker notices they did not ask for.',
  },
  {
    key: 'DefaultSubscriptionForLogin',
    type: 'string',
    default: '',
    envVar: 'MYACCOUNT_DEFAULT_SUBSCRIPTION_FOR_LOGIN',
    maxLength: 256,
    pattern: '^[^\\u0000-\\u001f\\u007f]*$',
    help: 'The subscription (name or id) that Connect-MyAccount selects when no -Subscription is given. Setting it skips the subscription picker.',
  },
  {
    key: 'LoginExperienceV2',
    type: 'enum',
    values: ['On', 'Off'],
    default: 'On',
    envVar: 'MYACCOUNT_LOGIN_EXPERIENCE_V2',
    help: 'On: when a person signs in at a terminal and more than one subscription is found, offer a subscription picker. Off: select the first subscription, as scripts expect.',
  },
  {
    key: 'DisableInstanceDiscovery',
    type: 'boolean',
    default: false,
    envVar: 'MYACCOUNT_DISABLE_INSTANCE_DISCOVERY',
    help: 'Do not ask Microsoft Entra ID to validate the authority (instance discovery). Needed for private clouds and Azure Stack; leave it off otherwise.',
  },
  {
    key: 'AllowPlaintextTokenCache',
    type: 'boolean',
    default: false,
    envVar: 'MYACCOUNT_ALLOW_PLAINTEXT_TOKEN_CACHE',
    help:
      'Where no secure store works (no keyring on a headless Linux machine), keep the token cache in a plain, unencrypted file: mode 0600 (only you) on Linux and macOS; on Windows only the state folder\'s access control list protects it (under your user profile: you, SYSTEM and Administrators). ' +
      'Off by default: without a secure store MyAccount refuses to persist tokens rather than writing them in clear text silently.',
  },
  {
    key: 'TenantConcurrency',
    type: 'integer',
    default: 8,
    minimum: 1,
    maximum: 64,
    envVar: 'MYACCOUNT_TENANT_CONCURRENCY',
    help:
      'How many tenants sign-in and get-subscription query at the same time (tokens and subscription lists). ' +
      'Lower it if a proxy or Azure throttles you; raise it for accounts with many tenants.',
  },
  {
    key: 'ClientId',
    type: 'string',
    default: DEFAULT_CLIENT_ID,
    envVar: 'MYACCOUNT_CLIENT_ID',
    maxLength: 36,
    pattern: GUID_PATTERN,
    help:
      'The application (client) id people sign in as. The default is the Azure PowerShell public client, which every Microsoft Entra tenant already trusts (the Azure CLI uses 04b07795-8ddb-461a-bbee-02f9e1bf7b46). ' +
      'Use your own public client registration to meet a tenant policy; for the broker it needs the redirect URI ms-appx-web://microsoft.aad.brokerplugin/<client id>.',
  },
] as const satisfies readonly SettingDefinition[];

type Definition = (typeof SETTINGS)[number];
export type SettingKey = Definition['key'];
type ValueOf<D> = D extends { type: 'boolean' } ? boolean : D extends { type: 'integer' } ? number : D extends { values: readonly (infer V)[] } ? V : string;
/** Every setting's effective value, typed from the table above: the one place keys and defaults live. */
export type Settings = { [D in Definition as D['key']]: ValueOf<D> };

export const SETTINGS_VERSION = 1;

/** Process-scope values travel in one variable, so they are distinct from the per-setting overrides. */
export const PROCESS_CONFIG_VAR = 'MYACCOUNT_PROCESS_CONFIG';

export function findSetting(key: string): SettingDefinition | undefined {
  return (SETTINGS as readonly SettingDefinition[]).find((s) => s.key.toLowerCase() === key.toLowerCase());
}

/** Reads a string from an environment variable as the setting's type; undefined if malformed. */
export function parseSettingText(setting: SettingDefinition, text: string): SettingValue | undefined {
  switch (setting.type) {
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (t === 'true' || t === '1' || t === 'yes' || t === 'on') return true;
      if (t === 'false' || t === '0' || t === 'no' || t === 'off') return false;
      return undefined;
    }
    case 'enum':
      return setting.values?.find((v) => v.toLowerCase() === text.trim().toLowerCase());
    case 'string':
      if (setting.maxLength !== undefined && text.length > setting.maxLength) return undefined;
      if (setting.pattern && !new RegExp(setting.pattern, 'u').test(text)) return undefined;
      return text;
    case 'integer': {
      const t = text.trim();
      if (!isWholeNumberText(t)) return undefined;
      const value = Number(t);
      return isInRange(setting, value) ? value : undefined;
    }
  }
}

function isInRange(setting: SettingDefinition, value: number): boolean {
  return (setting.minimum === undefined || value >= setting.minimum) && (setting.maximum === undefined || value <= setting.maximum);
}

export function isValidSettingValue(setting: SettingDefinition, value: unknown): value is SettingValue {
  switch (setting.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'enum':
      return typeof value === 'string' && !!setting.values?.includes(value);
    case 'string':
      return typeof value === 'string' && parseSettingText(setting, value) !== undefined;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && isInRange(setting, value);
  }
}
