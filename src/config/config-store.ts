/**
 * Where settings come from, and which wins: Process (MYACCOUNT_PROCESS_CONFIG, set in the
 * calling shell) > the setting's own environment variable > CurrentUser (settings.json) > default.
 */
import type { Clock, CommandContext, Env } from '../core/context.js';
import { fail } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';
import { printable } from '../core/validate.js';
import { StateFile, type StateFileSpec } from '../profile/state-file.js';
import { PROCESS_CONFIG_VAR, SETTINGS, SETTINGS_VERSION, findSetting, isValidSettingValue, parseSettingText, type SettingDefinition, type Settings, type SettingValue } from './settings.js';

export type ConfigScope = 'Default' | 'Environment' | 'CurrentUser' | 'Process';

export interface SettingsFile {
  version: number;
  settings: Record<string, SettingValue>;
}

/** One setting as commands return it; the shape of Az's PSConfig. */
export interface ConfigView {
  Key: string;
  Value: SettingValue;
  Scope: ConfigScope;
  DefaultValue: SettingValue;
  HelpMessage: string;
}

export const settingsSpec: StateFileSpec<SettingsFile> = {
  fileName: 'settings.json',
  label: 'settings',
  currentVersion: SETTINGS_VERSION,
  empty: () => ({ version: SETTINGS_VERSION, settings: {} }),
  upgrade(raw) {
    const settings = raw.settings ?? {};
    if (!settings || typeof settings !== 'object' || Array.isArray(settings)) return 'its "settings" is not an object';
    // Unknown or mistyped keys (a hand edit, an older release) are dropped on the next write, not fatal.
    const clean: Record<string, SettingValue> = {};
    for (const [key, value] of Object.entries(settings as Record<string, unknown>)) {
      const setting = findSetting(key);
      if (setting && isValidSettingValue(setting, value)) clean[setting.key] = value;
    }
    return { version: SETTINGS_VERSION, settings: clean };
  },
};

export function openSettings(configDir: string, clock: Clock): StateFile<SettingsFile> {
  return new StateFile(configDir, settingsSpec, clock);
}

/** The Process-scope values in the caller's environment. A malformed value is an input error. */
export function readProcessConfig(env: Env): Record<string, SettingValue> {
  const text = env[PROCESS_CONFIG_VAR];
  if (text === undefined || text === '') return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw fail.InvalidProcessConfig(`${PROCESS_CONFIG_VAR} is not valid JSON. Unset it (or run clear-config --scope Process) to fix this.`, { target: PROCESS_CONFIG_VAR });
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw fail.InvalidProcessConfig(`${PROCESS_CONFIG_VAR} must be a JSON object of setting names and values. Unset it to fix this.`, { target: PROCESS_CONFIG_VAR });
  }
  const out: Record<string, SettingValue> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const setting = findSetting(key);
    if (!setting || !isValidSettingValue(setting, value)) {
      // Naming what the value must be lets someone who wrote the JSON by hand fix it in place.
      const problem = setting ? `a wrong value for ${setting.key} (it must be ${describeType(setting)})` : `an unknown setting "${printable(key)}"`;
      throw fail.InvalidProcessConfig(`${PROCESS_CONFIG_VAR} has ${problem}. Unset it, or run clear-config --scope Process.`, { target: PROCESS_CONFIG_VAR });
    }
    out[setting.key] = value;
  }
  return out;
}

function fromEnvironment(setting: SettingDefinition, env: Env, report?: Reporter): SettingValue | undefined {
  const text = env[setting.envVar];
  if (text === undefined || text === '') return undefined;
  const value = parseSettingText(setting, text);
  if (value === undefined) {
    report?.warning(`Ignoring ${setting.envVar}="${text.slice(0, 64)}": it is not a valid value for ${setting.key} (${describeType(setting)}).`);
  }
  return value;
}

export function describeType(setting: SettingDefinition): string {
  if (setting.type === 'boolean') return 'true or false';
  if (setting.type === 'enum') return `one of ${setting.values?.join(', ')}`;
  if (setting.type === 'integer') return describeRange(setting);
  return 'text';
}

function describeRange(setting: SettingDefinition): string {
  const { minimum: min, maximum: max } = setting;
  if (min !== undefined && max !== undefined) return `a whole number from ${min} to ${max}`;
  if (min !== undefined) return `a whole number of at least ${min}`;
  if (max !== undefined) return `a whole number of at most ${max}`;
  return 'a whole number';
}

export function resolveSetting(setting: SettingDefinition, stored: SettingsFile, env: Env, processValues: Record<string, SettingValue>, report?: Reporter): ConfigView {
  const view = (Value: SettingValue, Scope: ConfigScope): ConfigView => ({ Key: setting.key, Value, Scope, DefaultValue: setting.default, HelpMessage: setting.help });
  if (processValues[setting.key] !== undefined) return view(processValues[setting.key], 'Process');
  const fromEnv = fromEnvironment(setting, env, report);
  if (fromEnv !== undefined) return view(fromEnv, 'Environment');
  if (stored.settings[setting.key] !== undefined) return view(stored.settings[setting.key], 'CurrentUser');
  return view(setting.default, 'Default');
}

/** The effective value of every setting, for commands that depend on configuration. */
export async function loadEffectiveConfig(file: StateFile<SettingsFile>, env: Env, report?: Reporter): Promise<Record<string, ConfigView>> {
  const stored = await file.read();
  const processValues = readProcessConfig(env);
  return Object.fromEntries(SETTINGS.map((s) => [s.key, resolveSetting(s, stored, env, processValues, report)]));
}

/** Every setting's effective value, typed, for code that acts on settings (sign-in, listing). */
export async function readSettings(ctx: Pick<CommandContext, 'configDir' | 'clock' | 'env' | 'report'>): Promise<Settings> {
  const config = await loadEffectiveConfig(openSettings(ctx.configDir, ctx.clock), ctx.env, ctx.report);
  return Object.fromEntries(SETTINGS.map((s) => [s.key, config[s.key].Value])) as Settings;
}
