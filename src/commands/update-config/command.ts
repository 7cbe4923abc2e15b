import { defineCommand } from '../../core/command.js';
import { fail } from '../../core/errors.js';
import { SETTINGS, PROCESS_CONFIG_VAR, type SettingValue } from '../../config/settings.js';
import { openSettings, readProcessConfig, resolveSetting, type ConfigView } from '../../config/config-store.js';
import { CONFIG_TYPE, configOutputItem, configTable, settingValueProperties } from '../schema/config.js';
import { scope } from '../schema/common.js';

type Input = Record<string, SettingValue | undefined> & { Scope?: 'Process' | 'CurrentUser'; AppliesTo?: 'Az' | 'MyAccount' };

export default defineCommand<Input, ConfigView[]>({
  name: 'update-config',
  cmdlet: 'Update-MyConfig',
  cmdletAliases: ['Set-MyConfig'],
  summary: 'Change settings, for this shell (Process) or for every new one (CurrentUser).',
  description:
    'Sets one or more settings. CurrentUser (the default) saves them; Process applies them to this shell only through MYACCOUNT_PROCESS_CONFIG, which the PowerShell module sets for you and bash users apply with eval.',
  examples: [
    { description: 'Sign in through the broker from now on.', cli: 'myaccount update-config --enable-login-by-wam true', powershell: 'Update-MyConfig -EnableLoginByWam $true' },
    { description: 'Turn the subscription picker off in this shell.', cli: 'eval "$(myaccount update-config --login-experience-v2 Off --scope Process --output env)"', powershell: 'Update-MyConfig -LoginExperienceV2 Off -Scope Process' },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...settingValueProperties(),
      Scope: scope('Process: this shell only. CurrentUser (default): saved for every new shell.'),
      // Az scopes a setting to all of Az, a module or a cmdlet; MyAccount is one module, so both names mean all of it.
      AppliesTo: {
        type: 'string',
        enum: ['Az', 'MyAccount'],
        description: "What the settings apply to. Accepted for Az's scripts: Az and MyAccount both mean all of MyAccount, the only value there is (Az's module and cmdlet names are not accepted: a setting here cannot be limited to one command).",
        'x-ps': {},
      },
    },
  },
  validate(input) {
    if (!SETTINGS.some((s) => input[s.key] !== undefined)) {
      throw fail.NoSettingGiven(`update-config needs at least one setting, e.g. --enable-login-by-wam true. Settings: ${SETTINGS.map((s) => s.key).join(', ')}.`);
    }
  },
  output: { type: 'array', items: configOutputItem },
  outputType: CONFIG_TYPE,
  // As Az: SupportsShouldProcess, so -WhatIf shows what would change; Low never asks by itself.
  confirmImpact: 'Low',
  table: configTable,
  async handler(input, ctx) {
    const changed = SETTINGS.filter((s) => input[s.key] !== undefined);
    const file = openSettings(ctx.configDir, ctx.clock);
    if (input.Scope === 'Process') {
      const processValues = { ...readProcessConfig(ctx.env) };
      for (const s of changed) processValues[s.key] = input[s.key] as SettingValue;
      ctx.setProcessVariable(PROCESS_CONFIG_VAR, JSON.stringify(processValues));
      const stored = await file.read();
      return changed.map((s) => resolveSetting(s, stored, ctx.env, processValues));
    }
    const stored = await file.update((current) => {
      const settings = { ...current.settings };
      for (const s of changed) settings[s.key] = input[s.key] as SettingValue;
      const next = { ...current, settings };
      return { next, result: next };
    });
    const processValues = readProcessConfig(ctx.env);
    const views = changed.map((s) => resolveSetting(s, stored, ctx.env, processValues, ctx.report));
    for (const view of views) {
      if (view.Scope !== 'CurrentUser') {
        ctx.report.warning(`${view.Key} was saved, but ${view.Scope === 'Process' ? `${PROCESS_CONFIG_VAR} in this shell` : SETTINGS.find((s) => s.key === view.Key)!.envVar} overrides it here, so the effective value is ${String(view.Value)}.`);
      }
    }
    // Report what was saved, and the scope it was saved in, as Az does.
    return changed.map((s) => ({ ...resolveSetting(s, stored, {}, {}), Scope: 'CurrentUser' as const }));
  },
});
