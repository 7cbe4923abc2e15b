/** Config commands take one parameter per setting; these build them from the settings list. */
import type { JsonSchema } from '../../core/command.js';
import { SETTINGS, type SettingDefinition } from '../../config/settings.js';
import { flag } from './common.js';

export function valueSchema(setting: SettingDefinition): JsonSchema {
  const base = { description: setting.help };
  if (setting.type === 'boolean') return { ...base, type: 'boolean' };
  if (setting.type === 'enum') return { ...base, type: 'string', enum: setting.values };
  if (setting.type === 'integer') return { ...base, type: 'integer', minimum: setting.minimum, maximum: setting.maximum };
  return { ...base, type: 'string', maxLength: setting.maxLength, pattern: setting.pattern };
}

/** update-config: `-EnableLoginByWam $true` style, typed values. */
export function settingValueProperties(): Record<string, JsonSchema> {
  return Object.fromEntries(SETTINGS.map((s) => [s.key, valueSchema(s)]));
}

/** get-config / clear-config: `-EnableLoginByWam` as a switch that picks the setting. */
export function settingSwitchProperties(verb: string): Record<string, JsonSchema> {
  return Object.fromEntries(SETTINGS.map((s) => [s.key, flag(`${verb} ${s.key}.`)]));
}

export const configOutputItem: JsonSchema = {
  type: 'object',
  properties: {
    Key: { type: 'string' },
    Value: { type: ['string', 'boolean', 'integer'] },
    Scope: { type: 'string', enum: ['Default', 'Environment', 'CurrentUser', 'Process'] },
    DefaultValue: { type: ['string', 'boolean', 'integer'] },
    HelpMessage: { type: 'string' },
  },
  required: ['Key', 'Value', 'Scope', 'DefaultValue', 'HelpMessage'],
};

export const CONFIG_TYPE = 'MyAccount.Config';
export const configTable = [
  { header: 'Key', path: 'Key' },
  { header: 'Value', path: 'Value' },
  { header: 'Scope', path: 'Scope' },
  { header: 'HelpMessage', path: 'HelpMessage' },
];

export function selectedKeys(input: Record<string, unknown>): SettingDefinition[] {
  return SETTINGS.filter((s) => input[s.key] === true);
}
