// Where PowerShell 7 is: on PATH, or where `dotnet tool install --global PowerShell` (run by
// scripts/setup.sh) puts it, which is not on PATH until the user adds ~/.dotnet/tools.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The pwsh executable, or null when there is none. */
export function findPwsh() {
  const windows = process.platform === 'win32';
  const folders = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), join(homedir(), '.dotnet', 'tools')];
  // The MSI and winget install PowerShell 7 here without always putting it on PATH for every shell.
  if (windows) folders.push(join(process.env.ProgramFiles ?? 'C:\\Program Files', 'PowerShell', '7'));
  const name = windows ? 'pwsh.exe' : 'pwsh';
  return folders.map((folder) => join(folder, name)).find((path) => existsSync(path)) ?? null;
}
