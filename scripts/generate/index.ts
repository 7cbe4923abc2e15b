/**
 * Everything generated from the command registry, as file path → content. `npm run generate`
 * writes these files; a test fails when the committed copies differ.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '../../src/commands/index.js';
import { commandTable, errorTable, ERRORS_END, ERRORS_START, replaceTable, schemaFiles } from './docs.js';
import { cmdletSource, formatFile, MODULE_NAME, moduleManifest, readModuleHelper } from './module.js';
import { helpFile } from './help.js';
import { DEFAULT_SEED } from '../../src/emulator/default-seed.js';
import { SEED_END, SEED_START, seedTables } from './seed-docs.js';
import { typesFile } from './types.js';

export function generatedFiles(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const readme = replaceTable(readFileSync(join(root, 'README.md'), 'utf8'), commandTable(commands));
  files['README.md'] = replaceTable(readme, errorTable(), ERRORS_START, ERRORS_END);
  files['docs/local-cloud.md'] = replaceTable(readFileSync(join(root, 'docs', 'local-cloud.md'), 'utf8'), seedTables(DEFAULT_SEED), SEED_START, SEED_END);
  for (const [name, text] of Object.entries(schemaFiles(commands))) files[`schemas/${name}`] = text;
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
  // module/<name>/<name>.psd1: with module/ on PSModulePath, Import-Module MyAccount and
  // command autoloading find it by name (PowerShell looks for a folder named like the module).
  files[`module/${MODULE_NAME}/${MODULE_NAME}.psd1`] = moduleManifest(commands, version);
  files[`module/${MODULE_NAME}/${MODULE_NAME}.format.ps1xml`] = formatFile(commands);
  files[`module/${MODULE_NAME}/${MODULE_NAME}.types.ps1xml`] = typesFile(commands);
  // The cmdlets' source, compiled with the helper's into MyAccount.Helper.dll (whose stamp covers
  // it), and their help, which Get-Help finds beside the DLL by its name.
  files['scripts/generate/module-helper-cs/Cmdlets.g.cs'] = cmdletSource(commands, readModuleHelper(root));
  files[`module/${MODULE_NAME}/MyAccount.Helper.dll-Help.xml`] = helpFile(commands);
  return files;
}
