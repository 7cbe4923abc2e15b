import { defineCommand } from '../../core/command.js';
import { SETTINGS } from '../../config/settings.js';
import { openSettings, readProcessConfig, resolveSetting, type ConfigScope, type ConfigView } from '../../config/config-store.js';
import { CONFIG_TYPE, configOutputItem, configTable, selectedKeys, settingSwitchProperties } from '../schema/config.js';

type Input = Record<string, boolean | string | undefined> & { Scope?: ConfigScope };

export default defineCommand<Input, ConfigView[]>({
  name: 'get-config',
  cmdlet: 'Get-MyConfig',
  summary: 'Show settings with their effective values and where each value comes from.',
  description:
    'Lists every setting, or the ones named, with its effective value and scope. Precedence: Process (this shell) > Environment (the setting\'s MYACCOUNT_ variable) > CurrentUser (saved) > Default.',
  examples: [
    { description: 'Show every setting.', cli: 'myaccount get-config --output table', powershell: 'Get-MyConfig' },
    { description: 'Show one setting.', cli: 'myaccount get-config --enable-login-by-wam', powershell: 'Get-MyConfig -EnableLoginByWam' },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...settingSwitchProperties('Show'),
      Scope: { type: 'string', enum: ['Default', 'Environment', 'CurrentUser', 'Process'], description: 'Show only settings whose effective value comes from this scope.', 'x-ps': {} },
    },
  },
  output: { type: 'array', items: configOutputItem },
  outputType: CONFIG_TYPE,
  table: configTable,
  async handler(input, ctx) {
    const stored = await openSettings(ctx.configDir, ctx.clock).read();
    const processValues = readProcessConfig(ctx.env);
    const chosen = selectedKeys(input);
    const views = (chosen.length > 0 ? chosen : SETTINGS).map((s) => resolveSetting(s, stored, ctx.env, processValues, ctx.report));
    return input.Scope ? views.filter((v) => v.Scope === input.Scope) : views;
  },
});
