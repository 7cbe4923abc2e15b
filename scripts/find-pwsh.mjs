// Where PowerShell 7 is: on PATH, or where `dotnet tool install --global PowerShell` (run by
// scripts/setup.sh) puts it, which is not on PATH until the user adds ~/.dotnet/tools.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The pwsh executable, or null when there is none. */
export function findPwsh() {
  const folders = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), join(homedir(), '.dotnet', 'tools')];
  return folders.map((folder) => join(folder, 'pwsh')).find((path) => existsSync(path)) ?? null;
}
