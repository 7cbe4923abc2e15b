/**
 * Which shell the caller types into, and the lines that apply Process-scope variables in it
 * (`--output env`, and the hint after a Process-scope change). bash/zsh take `export`, PowerShell
 * `$env:NAME = '...'`, cmd.exe `set "NAME=..."`. A child process cannot change its parent's
 * environment, so the parent has to run these lines itself.
 */
import type { Env } from './context.js';
import { fail } from './errors.js';
import { SHELL_NAMES } from './globals.js';

export const SHELLS = SHELL_NAMES;
export type Shell = (typeof SHELLS)[number];

/**
 * The caller's shell where the environment tells: PowerShell (Windows PowerShell and pwsh) gives
 * its children PSModulePath with the user's own module folder in it, and PSExecutionPolicyPreference
 * when started with -ExecutionPolicy. On Windows PSModulePath is also a machine variable every
 * process sees, so there only the user's folder (…\Documents\[Windows]PowerShell\Modules) counts.
 * Git Bash, MSYS2 and Cygwin set MSYSTEM or SHELL. Otherwise cmd.exe on Windows (ComSpec), bash
 * elsewhere. --shell overrides the guess.
 */
export function defaultShell(env: Env, platform: NodeJS.Platform): Shell {
  if (env.PSExecutionPolicyPreference) return 'pwsh';
  const modulePath = env.PSModulePath;
  if (modulePath) {
    if (platform !== 'win32') return 'pwsh';
    if (/[\\/]Documents[\\/](Windows)?PowerShell[\\/]Modules/i.test(modulePath)) return 'pwsh';
  }
  if (platform === 'win32') {
    if (env.MSYSTEM || env.SHELL) return 'bash';
    if (env.ComSpec || env.COMSPEC) return 'cmd';
  }
  return 'bash';
}

const bashQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;
// PowerShell single-quoted strings: only the quote itself (and its typographic forms) need doubling.
const pwshQuote = (value: string): string => `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;

/**
 * `set "NAME=value"`: cmd takes everything up to the last quote, so quotes inside (JSON values)
 * survive. The lines are made for the `for /f ... do %L` form of applyHint, where cmd substitutes
 * the line after its %-expansion and special-character phases, so %, & and | in a value stay
 * literal. A line break cannot be carried at all, so such a value is refused.
 */
function cmdSet(name: string, value: string): string {
  if (/[\r\n]/.test(value)) {
    throw fail.InvalidArguments(`The value of ${name} holds a line break, which a cmd.exe set command cannot carry. Use --shell pwsh or --shell bash.`, { target: 'shell' });
  }
  return `set "${name}=${value}"`;
}

/** One line per variable, in the shell's own form; `null` removes the variable. */
export function envLines(shell: Shell, variables: ReadonlyMap<string, string | null>): string[] {
  return [...variables].map(([name, value]) => {
    switch (shell) {
      case 'pwsh':
        return value === null ? `Remove-Item Env:${name} -ErrorAction SilentlyContinue` : `$env:${name} = ${pwshQuote(value)}`;
      case 'cmd':
        return value === null ? `set ${name}=` : cmdSet(name, value);
      default:
        return value === null ? `unset ${name}` : `export ${name}=${bashQuote(value)}`;
    }
  });
}

/** How to run the same command so its lines apply to this shell. */
export function applyHint(shell: Shell): string {
  switch (shell) {
    case 'pwsh':
      return 'myaccount <same command> --output env --shell pwsh | Out-String | Invoke-Expression';
    case 'cmd':
      return `for /f "delims=" %L in ('myaccount <same command> --output env --shell cmd') do %L`;
    default:
      return 'eval "$(myaccount <same command> --output env)"';
  }
}
