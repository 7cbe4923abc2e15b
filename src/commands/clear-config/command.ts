import { defineCommand } from '../../core/command.js';
import { SETTINGS, PROCESS_CONFIG_VAR } from '../../config/settings.js';
import { openSettings, readProcessConfig, resolveSetting, type ConfigView } from '../../config/config-store.js';
import { CONFIG_TYPE, configOutputItem, configTable, selectedKeys, settingSwitchProperties } from '../schema/config.js';
import { flag, scope } from '../schema/common.js';

type Input = Record<string, boolean | string | undefined> & { Scope?: 'Process' | 'CurrentUser'; Force?: boolean; PassThru?: boolean };

/** Settings whose clearing changes more than a preference: said aloud when they go with "every setting". */
const CONSEQUENTIAL: Record<string, string> = {
  AllowPlaintextTokenCache:
    'AllowPlaintextTokenCache was cleared with the rest: where no keyring works, tokens are no longer kept in a plain file and sign-ins there will fail to be kept. To keep it: myaccount update-config --allow-plaintext-token-cache true.',
};

export default defineCommand<Input, ConfigView[] | null>({
  name: 'clear-config',
  cmdlet: 'Clear-MyConfig',
  summary: 'Return settings to their defaults, in this shell (Process) or saved (CurrentUser).',
  description:
    'Clears the named settings, or every setting when none is named, from one scope. With -PassThru, returns each cleared setting with the value that is now in effect (as Az, nothing without it). ' +
    'Clearing every setting says so when that turns AllowPlaintextTokenCache off.',
  examples: [
    { description: 'Forget every saved setting, without being asked.', cli: 'myaccount clear-config --force', powershell: 'Clear-MyConfig -Force' },
    { description: 'Forget the setting and show what is in effect now.', cli: 'myaccount clear-config --tenant-concurrency --pass-thru', powershell: 'Clear-MyConfig -TenantConcurrency -PassThru' },
    { description: 'Forget one saved setting.', cli: 'myaccount clear-config --default-subscription-for-login', powershell: 'Clear-MyConfig -DefaultSubscriptionForLogin' },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...settingSwitchProperties('Clear'),
      Scope: scope('Process: settings made in this shell. CurrentUser (default): saved settings.'),
      Force: flag('Do not ask for confirmation (the CLI never asks; in PowerShell, as -Confirm:$false). -WhatIf still only says what would happen.'),
      PassThru: flag('Return each cleared setting with the value now in effect.'),
    },
  },
  output: { type: ['array', 'null'], items: configOutputItem },
  outputType: CONFIG_TYPE,
  table: configTable,
  confirmImpact: 'Medium',
  async handler(input, ctx) {
    const chosen = selectedKeys(input);
    const targets = chosen.length > 0 ? chosen : SETTINGS;
    const file = openSettings(ctx.configDir, ctx.clock);
    let processValues = readProcessConfig(ctx.env);
    let stored;
    // Settings that were on (true) in the scope cleared.
    let wasOn: string[];
    if (input.Scope === 'Process') {
      wasOn = targets.filter((s) => processValues[s.key] === true).map((s) => s.key);
      processValues = { ...processValues };
      for (const s of targets) delete processValues[s.key];
      ctx.setProcessVariable(PROCESS_CONFIG_VAR, Object.keys(processValues).length > 0 ? JSON.stringify(processValues) : null);
      stored = await file.read();
    } else {
      ({ stored, wasOn } = await file.update((current) => {
        const settings = { ...current.settings };
        const on = targets.filter((s) => settings[s.key] === true).map((s) => s.key);
        for (const s of targets) delete settings[s.key];
        const next = { ...current, settings };
        return { next, result: { stored: next, wasOn: on } };
      }));
    }
    // Named explicitly, a setting is what the person asked for; swept up with "every setting", say so.
    if (chosen.length === 0) {
      for (const s of SETTINGS.filter((x) => CONSEQUENTIAL[x.key] && wasOn.includes(x.key))) {
        if (resolveSetting(s, stored, ctx.env, processValues).Value !== true) ctx.report.warning(CONSEQUENTIAL[s.key]);
      }
    }
    return input.PassThru ? targets.map((s) => resolveSetting(s, stored, ctx.env, processValues, ctx.report)) : null;
  },
});
