import { defineCommand } from '../../core/command.js';
import { SETTINGS, PROCESS_CONFIG_VAR } from '../../config/settings.js';
import { openSettings, readProcessConfig, resolveSetting, type ConfigView } from '../../config/config-store.js';
import { CONFIG_TYPE, configOutputItem, configTable, selectedKeys, settingSwitchProperties } from '../schema/config.js';
import { scope } from '../schema/common.js';

type Input = Record<string, boolean | string | undefined> & { Scope?: 'Process' | 'CurrentUser' };

export default defineCommand<Input, ConfigView[]>({
  name: 'clear-config',
  cmdlet: 'Clear-MyConfig',
  summary: 'Return settings to their defaults, in this shell (Process) or saved (CurrentUser).',
  description: 'Clears the named settings, or every setting when none is named, from one scope. Returns each cleared setting with the value that is now in effect.',
  examples: [
    { description: 'Forget every saved setting.', cli: 'myaccount clear-config', powershell: 'Clear-MyConfig' },
    { description: 'Forget one saved setting.', cli: 'myaccount clear-config --default-subscription-for-login', powershell: 'Clear-MyConfig -DefaultSubscriptionForLogin' },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...settingSwitchProperties('Clear'),
      Scope: scope('Process: settings made in this shell. CurrentUser (default): saved settings.'),
    },
  },
  output: { type: 'array', items: configOutputItem },
  outputType: CONFIG_TYPE,
  table: configTable,
  confirmImpact: 'Medium',
  async handler(input, ctx) {
    const chosen = selectedKeys(input);
    const targets = chosen.length > 0 ? chosen : SETTINGS;
    const file = openSettings(ctx.configDir, ctx.clock);
    let processValues = readProcessConfig(ctx.env);
    let stored;
    if (input.Scope === 'Process') {
      processValues = { ...processValues };
      for (const s of targets) delete processValues[s.key];
      ctx.setProcessVariable(PROCESS_CONFIG_VAR, Object.keys(processValues).length > 0 ? JSON.stringify(processValues) : null);
      stored = await file.read();
    } else {
      stored = await file.update((current) => {
        const settings = { ...current.settings };
        for (const s of targets) delete settings[s.key];
        const next = { ...current, settings };
        return { next, result: next };
      });
    }
    return targets.map((s) => resolveSetting(s, stored, ctx.env, processValues, ctx.report));
  },
});
