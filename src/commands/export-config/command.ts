import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defineCommand } from '../../core/command.js';
import { fail } from '../../core/errors.js';
import { SETTINGS_VERSION } from '../../config/settings.js';
import { openSettings } from '../../config/config-store.js';
import { writeUserFileAtomically } from '../../profile/atomic-write.js';
import { flag, text } from '../schema/common.js';

interface Input {
  Path: string;
  Force?: boolean;
}

interface Output {
  Path: string;
  Settings: Record<string, unknown>;
}

export default defineCommand<Input, Output>({
  name: 'export-config',
  cmdlet: 'Export-MyConfig',
  summary: 'Write the saved (CurrentUser) settings to a JSON file.',
  description: 'Exports the saved settings, to copy them to another machine with import-config. Settings from the environment or the Process scope are not exported.',
  examples: [{ description: 'Export settings.', cli: 'myaccount export-config ./myaccount-config.json', powershell: 'Export-MyConfig ./myaccount-config.json' }],
  input: {
    type: 'object',
    additionalProperties: false,
    required: ['Path'],
    properties: {
      Path: text('The file to write.', { position: 0, mandatory: true, path: true }, 4096),
      Force: flag('Overwrite the file if it exists.'),
    },
  },
  output: { type: 'object', properties: { Path: { type: 'string' }, Settings: { type: 'object' } }, required: ['Path', 'Settings'] },
  outputType: 'MyAccount.ConfigExport',
  async handler(input, ctx) {
    const path = resolve(input.Path);
    const exists = await access(path).then(() => true, () => false);
    if (exists && !input.Force) {
      throw fail.FileExists(`${path} already exists. Add --force to overwrite it, or choose another path.`, { target: 'Path' });
    }
    const stored = await openSettings(ctx.configDir, ctx.clock).read();
    const document = { version: SETTINGS_VERSION, settings: stored.settings };
    try {
      await writeUserFileAtomically(path, JSON.stringify(document, null, 2) + '\n');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw fail.ExportFailed(`Could not write ${path} (${code}). Check the folder exists and you can write to it.`, { target: 'Path', cause: error });
    }
    return { Path: path, Settings: stored.settings };
  },
});
