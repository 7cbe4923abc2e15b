/**
 * Everything generated from the command registry, as file path → content. `npm run generate`
 * writes these files; a test fails when the committed copies differ.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '../../src/commands/index.js';
import { commandTable, errorTable, ERRORS_END, ERRORS_START, replaceTable, schemaFiles } from './docs.js';
import { formatFile, moduleManifest, moduleScript } from './module.js';

export function generatedFiles(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const readme = replaceTable(readFileSync(join(root, 'README.md'), 'utf8'), commandTable(commands));
  files['README.md'] = replaceTable(readme, errorTable(), ERRORS_START, ERRORS_END);
  for (const [name, text] of Object.entries(schemaFiles(commands))) files[`schemas/${name}`] = text;
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
  files['module/MyAccount.psm1'] = moduleScript(commands, version);
  files['module/MyAccount.psd1'] = moduleManifest(commands, version);
  files['module/MyAccount.format.ps1xml'] = formatFile(commands);
  return files;
}
