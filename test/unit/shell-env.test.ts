/**
 * Issue 18.9: --output env and the Process-scope hint in the caller's shell (bash export, PowerShell
 * $env:, cmd set), guessed from the environment or chosen with --shell; the state folder on Windows
 * without HOME; and the plain-cache wording that must not promise mode 0600 on Windows.
 * In process through run(), with the environment and the platform faked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configDirFrom, type CliDependencies } from '../../src/cli.js';
import { runInProcess } from '../helpers/cli-in-process.js';
import { createReporter } from '../../src/core/reporter.js';
import { defaultShell, envLines } from '../../src/core/shell.js';
import { openTokenCache } from '../../src/token-cache/token-cache.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'myaccount-shell-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (argv: string[], env: Record<string, string> = {}, overrides: Partial<CliDependencies> = {}) => runInProcess(dir, argv, env, overrides);

const SET = ['update-config', '--login-experience-v2', 'Off', '--scope', 'Process', '--output', 'env'];
const CLEAR = ['clear-context', '--scope', 'Process', '--output', 'env'];
const WINDOWS_PS_MODULE_PATH = 'C:\\Program Files\\WindowsPowerShell\\Modules;C:\\WINDOWS\\system32\\WindowsPowerShell\\v1.0\\Modules';
const USER_PS_MODULE_PATH = `C:\\Users\\ana\\Documents\\PowerShell\\Modules;${WINDOWS_PS_MODULE_PATH}`;

test('bash by default: export and unset', async () => {
  expect((await cli(SET)).stdout).toBe(`export MYACCOUNT_PROCESS_CONFIG='{"LoginExperienceV2":"Off"}'\n`);
  expect((await cli(CLEAR, { MYACCOUNT_CONTEXT: 'Dev' })).stdout).toBe('unset MYACCOUNT_CONTEXT\n');
});

test('pwsh (from PSModulePath, or --shell pwsh): $env: and Remove-Item Env:, quotes doubled', async () => {
  const r = await cli(SET, { PSModulePath: '/opt/microsoft/powershell/7/Modules' });
  expect(r.stdout).toBe(`$env:MYACCOUNT_PROCESS_CONFIG = '{"LoginExperienceV2":"Off"}'\n`);
  expect((await cli([...CLEAR, '--shell', 'pwsh'], { MYACCOUNT_CONTEXT: 'Dev' })).stdout).toBe('Remove-Item Env:MYACCOUNT_CONTEXT -ErrorAction SilentlyContinue\n');
  expect((await cli([...SET, '--shell', 'pwsh'])).stdout).toContain('$env:MYACCOUNT_PROCESS_CONFIG = ');
  expect(envLines('pwsh', new Map([['X', "it's $(Get-Secret)"]]))).toEqual([`$env:X = 'it''s $(Get-Secret)'`]);
  expect(() => envLines('cmd', new Map([['X', 'a\nb']]))).toThrow(/line break/);
});

test('cmd on Windows (ComSpec, machine-wide PSModulePath only): set "NAME=value" and set NAME=', async () => {
  const env = { ComSpec: 'C:\\WINDOWS\\system32\\cmd.exe', PSModulePath: WINDOWS_PS_MODULE_PATH };
  const r = await cli(SET, env, { platform: 'win32' });
  expect(r.stdout).toBe(`set "MYACCOUNT_PROCESS_CONFIG={"LoginExperienceV2":"Off"}"\n`);
  expect((await cli(CLEAR, { ...env, MYACCOUNT_CONTEXT: 'Dev' }, { platform: 'win32' })).stdout).toBe('set MYACCOUNT_CONTEXT=\n');
});

test('the Process-scope hint on stderr uses the same form as --output env', async () => {
  const argv = ['update-config', '--login-experience-v2', 'Off', '--scope', 'Process'];
  const pwsh = await cli(argv, { ComSpec: 'C:\\WINDOWS\\system32\\cmd.exe', PSModulePath: USER_PS_MODULE_PATH }, { platform: 'win32' });
  expect(pwsh.stderr).toContain('| Out-String | Invoke-Expression');
  expect(pwsh.stderr).toContain(`$env:MYACCOUNT_PROCESS_CONFIG = '{"LoginExperienceV2":"Off"}'`);
  expect(pwsh.stderr).not.toContain('export ');
  const cmd = await cli(argv, { ComSpec: 'C:\\WINDOWS\\system32\\cmd.exe' }, { platform: 'win32' });
  expect(cmd.stderr).toContain(`for /f "delims=" %L in ('myaccount <same command> --output env --shell cmd') do %L`);
  expect(cmd.stderr).toContain('set "MYACCOUNT_PROCESS_CONFIG=');
  const bash = await cli(argv);
  expect(bash.stderr).toContain(`eval "$(myaccount <same command> --output env)"`);
});

test('the guess: PowerShell, Git Bash on Windows, cmd, bash', () => {
  expect(defaultShell({ PSModulePath: USER_PS_MODULE_PATH, ComSpec: 'cmd.exe' }, 'win32')).toBe('pwsh');
  expect(defaultShell({ PSModulePath: 'C:\\Users\\ana\\OneDrive\\Documents\\WindowsPowerShell\\Modules;x' }, 'win32')).toBe('pwsh');
  expect(defaultShell({ PSExecutionPolicyPreference: 'Bypass', ComSpec: 'cmd.exe' }, 'win32')).toBe('pwsh');
  expect(defaultShell({ PSModulePath: WINDOWS_PS_MODULE_PATH, ComSpec: 'cmd.exe' }, 'win32')).toBe('cmd');
  expect(defaultShell({ PSModulePath: WINDOWS_PS_MODULE_PATH, ComSpec: 'cmd.exe', MSYSTEM: 'MINGW64' }, 'win32')).toBe('bash');
  expect(defaultShell({ PSModulePath: '/usr/local/share/powershell/Modules' }, 'darwin')).toBe('pwsh');
  expect(defaultShell({ SHELL: '/bin/zsh' }, 'darwin')).toBe('bash');
});

test('--shell with an unknown shell is an input error', async () => {
  const r = await cli([...SET, '--shell', 'fish']);
  expect(r.code).toBe(2);
});

test('the state folder on Windows without HOME is %USERPROFILE%\\.myaccount', () => {
  expect(configDirFrom({ USERPROFILE: 'C:\\Users\\ana' }, 'win32')).toBe('C:\\Users\\ana\\.myaccount');
  expect(configDirFrom({ HOME: 'D:\\home\\ana', USERPROFILE: 'C:\\Users\\ana' }, 'win32')).toBe('D:\\home\\ana\\.myaccount');
  expect(configDirFrom({ HOME: '/home/ana' }, 'linux')).toBe('/home/ana/.myaccount');
  expect(configDirFrom({ MYACCOUNT_CONFIG_DIR: 'D:\\state', USERPROFILE: 'C:\\Users\\ana' }, 'win32')).toBe('D:\\state');
});

test('the plain-cache notice on Windows names the folder ACL, not mode 0600', async () => {
  const warnings: string[] = [];
  const report = createReporter({ format: 'jsonl', verbose: false, debug: false, write: (l) => void warnings.push(JSON.parse(l).message) });
  const failing = (): Promise<never> => Promise.reject(new Error('DPAPI unavailable'));
  await openTokenCache({ configDir: dir, allowPlaintext: true, report, platform: 'win32', native: { dpapi: failing } });
  expect(warnings.join('\n')).toContain('access control list');
  expect(warnings.join('\n')).not.toContain('0600');
  const refused = await openTokenCache({ configDir: join(dir, 'other'), allowPlaintext: false, report, platform: 'win32', native: { dpapi: failing } }).catch((e) => e);
  expect(refused.message).not.toContain('0600');
  expect(refused.message).not.toMatch(/only you can read/);
});
