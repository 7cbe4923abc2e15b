import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defineCommand } from '../../core/command.js';
import { fail, MyAccountError } from '../../core/errors.js';
import { SETTINGS_VERSION, findSetting, isValidSettingValue, type SettingValue } from '../../config/settings.js';
import { describeType, openSettings, resolveSetting, type ConfigView } from '../../config/config-store.js';
import { CONFIG_TYPE, configOutputItem, configTable } from '../schema/config.js';
import { text } from '../schema/common.js';
import { printable } from '../../core/validate.js';

interface Input {
  Path: string;
}

const MAX_BYTES = 256 * 1024;

/** Checks the whole file before anything is saved, so a bad file changes nothing. */
function parseExport(path: string, body: string): Record<string, SettingValue> {
  let raw: unknown;
  try {
    raw = JSON.parse(body.replace(/^\uFEFF/, ''));
  } catch {
    throw fail.InvalidConfigFile(`${path} is not valid JSON. Export a file with export-config and import that.`, { target: 'Path' });
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw fail.InvalidConfigFile(`${path} must hold a JSON object like {"version":1,"settings":{...}}.`, { target: 'Path' });
  const doc = raw as Record<string, unknown>;
  if (doc.version !== undefined && (typeof doc.version !== 'number' || doc.version > SETTINGS_VERSION || doc.version < 0)) {
    throw fail.InvalidConfigFile(`${path} has version ${printable(String(doc.version))}; this MyAccount reads versions up to ${SETTINGS_VERSION}.`, { target: 'Path' });
  }
  const settings = doc.settings;
  if (!settings || typeof settings !== 'object' || Array.isArray(settings)) throw fail.InvalidConfigFile(`${path} has no "settings" object.`, { target: 'Path' });
  const out: Record<string, SettingValue> = {};
  for (const [key, value] of Object.entries(settings as Record<string, unknown>)) {
    const setting = findSetting(key);
    if (!setting) throw fail.InvalidConfigFile(`${path} has an unknown setting "${printable(key)}". Remove it from the file.`, { target: 'Path' });
    if (!isValidSettingValue(setting, value)) throw fail.InvalidConfigFile(`${path} has a wrong value for ${setting.key}: it must be ${describeType(setting)}.`, { target: 'Path' });
    out[setting.key] = value;
  }
  return out;
}

export default defineCommand<Input, ConfigView[]>({
  name: 'import-config',
  cmdlet: 'Import-MyConfig',
  summary: 'Save the settings from a file written by export-config.',
  description: 'Reads a file written by export-config and saves its settings for the current user, replacing the values of the settings it names. The whole file is checked first; a bad file changes nothing.',
  examples: [{ description: 'Import settings.', cli: 'myaccount import-config ./myaccount-config.json', powershell: 'Import-MyConfig ./myaccount-config.json' }],
  input: {
    type: 'object',
    additionalProperties: false,
    required: ['Path'],
    properties: { Path: text('The file to read.', { position: 0, mandatory: true, path: true }, 4096) },
  },
  output: { type: 'array', items: configOutputItem },
  outputType: CONFIG_TYPE,
  // As Az: SupportsShouldProcess, so -WhatIf shows what would change; Low never asks by itself.
  confirmImpact: 'Low',
  table: configTable,
  async handler(input, ctx) {
    const path = resolve(input.Path);
    let body: string;
    try {
      if ((await stat(path)).size > MAX_BYTES) throw fail.InvalidConfigFile(`${path} is larger than ${MAX_BYTES} bytes; it is not a settings export.`, { target: 'Path' });
      body = await readFile(path, 'utf8');
    } catch (error) {
      if (error instanceof MyAccountError) throw error;
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw fail.ImportFileUnreadable(`Could not read ${path} (${code}). Check the path.`, { target: 'Path', cause: error, category: code === 'ENOENT' ? 'ObjectNotFound' : undefined });
    }
    const imported = parseExport(path, body);
    const stored = await openSettings(ctx.configDir, ctx.clock).update((current) => {
      const next = { ...current, settings: { ...current.settings, ...imported } };
      return { next, result: next };
    });
    return Object.keys(imported).map((key) => ({ ...resolveSetting(findSetting(key)!, stored, {}, {}), Scope: 'CurrentUser' as const }));
  },
});
