/**
 * Context autosave in real PowerShell against the local cloud: with autosave off (Process or
 * CurrentUser), sign-ins and context changes stay in the session that made them, no file of the
 * state folder changes, a new session does not see them, and the session copy is removed when
 * its shell ends. Get-MyContextAutosaveSetting has Az's shape.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { runPwsh } from '../helpers/pwsh.js';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud();
});
afterAll(async () => {
  await cloud?.dispose();
});

const SP_CREDENTIAL = `([pscredential]::new('${S.CI_SECRET_APP.appId}', (ConvertTo-SecureString '${S.CI_SECRET_APP.secret}' -AsPlainText -Force)))`;
const CONNECT = `Connect-MyAccount -ServicePrincipal -Credential ${SP_CREDENTIAL} -Tenant ${S.CONTOSO} -Environment LocalCloud -WarningAction SilentlyContinue`;

async function ps(script: string): Promise<any> {
  const r = await runPwsh(cloud, script);
  if (r.code !== 0) throw new Error(`pwsh exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r.result;
}

/** Every file of the state folder (not the local cloud's own folder) with its content hash, mode and mtime. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string, prefix: string): void => {
    for (const name of readdirSync(folder).sort()) {
      if (prefix === '' && name === 'emulator') continue;
      const path = join(folder, name);
      const info = statSync(path);
      if (info.isDirectory()) walk(path, `${prefix}${name}/`);
      else out[`${prefix}${name}`] = `${createHash('sha256').update(readFileSync(path)).digest('hex')} ${info.mode.toString(8)} ${info.mtimeMs}`;
    }
  };
  walk(dir, '');
  return out;
}

async function gone(dir: string, timeoutMs = 10000): Promise<boolean> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) if (!existsSync(dir)) return true;
  return false;
}

const AZ_SHAPE = ['Mode', 'ContextDirectory', 'ContextFile', 'CacheDirectory', 'CacheFile', 'Settings'];

test('Disable-MyContextAutosave -Scope Process: sign-in and Set-MyContext stay in the session; the state folder is untouched; a new session does not see them', async () => {
  await ps(`${CONNECT} -ContextName base | Out-Null`);
  const before = fingerprint(cloud.configDir);
  const session = await ps(`
$off = Disable-MyContextAutosave -Scope Process
${CONNECT} -ContextName session-sign-in | Out-Null
Set-MyContext -Tenant ${S.CONTOSO} -Name session-set -Force | Out-Null
$child = pwsh -NoProfile -NonInteractive -Command "Import-Module '$(Join-Path (Get-Module MyAccount).ModuleBase MyAccount.psd1)'; (Get-MyContext).Name"
[ordered]@{
    Off = $off | Select-Object Mode, SessionDirectory, ContextDirectory
    Setting = Get-MyContextAutosaveSetting
    Names = @((Get-MyContext -ListAvailable).Name)
    Current = (Get-MyContext).Name
    Child = "$child".Trim()
    Token = (Get-MyAccessToken -AsPlainText).Token.Length -gt 0
    TypeName = (Get-MyContextAutosaveSetting).PSObject.TypeNames[0]
    Properties = @((Get-MyContextAutosaveSetting).PSObject.Properties.Name)
} | Out-Result
`);
  expect(session.Off.Mode).toBe('Process');
  expect(session.Off.ContextDirectory).toBe(cloud.configDir);
  expect(session.Off.SessionDirectory).toMatch(/myaccount-session-/);
  expect(session.Setting.Mode).toBe('Process');
  expect(session.Names).toEqual(expect.arrayContaining(['base', 'session-sign-in', 'session-set']));
  expect(session.Current).toBe('session-set');
  // A child process of the session works in the same copy.
  expect(session.Child).toBe('session-set');
  expect(session.Token).toBe(true);
  expect(session.TypeName).toBe('MyAccount.ContextAutosaveSettings');
  expect(session.Properties).toEqual(expect.arrayContaining(AZ_SHAPE));
  // Nothing in the state folder changed, not even a modification time.
  expect(fingerprint(cloud.configDir)).toEqual(before);
  // The session copy goes when its shell ends.
  expect(await gone(session.Off.SessionDirectory)).toBe(true);
  const fresh = await ps(`[ordered]@{ Names = @((Get-MyContext -ListAvailable).Name); Current = (Get-MyContext).Name; Setting = Get-MyContextAutosaveSetting } | Out-Result`);
  expect(fresh.Names).toContain('base');
  expect(fresh.Names).not.toContain('session-sign-in');
  expect(fresh.Names).not.toContain('session-set');
  expect(fresh.Current).toBe('base');
  expect(fresh.Setting).toMatchObject({ Mode: 'CurrentUser', ContextDirectory: cloud.configDir, ContextFile: 'profile.json', CacheFile: 'msal.cache', SessionDirectory: null });
});

test('Enable-MyContextAutosave -Scope Process ends the session at once and commands use the state folder again', async () => {
  const r = await ps(`
$off = Disable-MyContextAutosave -Scope Process
Set-MyContext -Tenant ${S.CONTOSO} -Name discarded -Force | Out-Null
$on = Enable-MyContextAutosave -Scope Process
[ordered]@{ Dir = $off.SessionDirectory; Exists = (Test-Path $off.SessionDirectory); Env = "$env:MYACCOUNT_CONFIG_DIR"; Autosave = "$env:MYACCOUNT_AUTOSAVE"; Mode = $on.Mode; Names = @((Get-MyContext -ListAvailable).Name) } | Out-Result
`);
  expect(r.Exists).toBe(false);
  expect(r.Env).toBe(cloud.configDir);
  expect(r.Autosave).toBe('');
  expect(r.Mode).toBe('CurrentUser');
  expect(r.Names).not.toContain('discarded');
});

test('CurrentUser off: each new session works in its own copy; the setting is the only change to the state folder; Enable-MyContextAutosave turns it back on', async () => {
  await ps(`${CONNECT} -ContextName base | Out-Null; Disable-MyContextAutosave | Out-Null`);
  expect(JSON.parse(readFileSync(join(cloud.configDir, 'autosave.json'), 'utf8')).mode).toBe('Process');
  const before = fingerprint(cloud.configDir);
  const inSession = await ps(`
Select-MyContext base | Out-Null
Set-MyContext -Tenant ${S.CONTOSO} -Name per-session -Force | Out-Null
[ordered]@{ Current = (Get-MyContext).Name; Setting = Get-MyContextAutosaveSetting; Saved = Get-MyContextAutosaveSetting -Scope CurrentUser } | Out-Result
`);
  expect(inSession.Current).toBe('per-session');
  expect(inSession.Setting.Mode).toBe('Process');
  expect(inSession.Setting.SessionDirectory).toMatch(/myaccount-session-/);
  expect(inSession.Saved.Mode).toBe('Process');
  // A bare CLI call works in a copy for that call only.
  const cli = await cloud.run(['select-context', 'base']);
  expect(cli.code).toBe(0);
  expect(fingerprint(cloud.configDir)).toEqual(before);
  expect(await gone(inSession.Setting.SessionDirectory)).toBe(true);
  const after = await ps(`
$names = @((Get-MyContext -ListAvailable).Name)
Enable-MyContextAutosave | Out-Null
[ordered]@{ Names = $names; Saved = (Get-MyContextAutosaveSetting -Scope CurrentUser).Mode } | Out-Result
`);
  expect(after.Names).not.toContain('per-session');
  expect(after.Saved).toBe('CurrentUser');
  const on = await ps(`Set-MyContext -Tenant ${S.CONTOSO} -Name saved-again -Force | Out-Null; (Get-MyContextAutosaveSetting) | Out-Result`);
  expect(on).toMatchObject({ Mode: 'CurrentUser', SessionDirectory: null });
  expect(readFileSync(join(cloud.configDir, 'profile.json'), 'utf8')).toContain('saved-again');
});

test('bad input: a wrong -Scope is rejected (exit 2) and no session is made', async () => {
  const before = readdirSync(tmpdir()).filter((n) => n.startsWith('myaccount-session-'));
  const r = await cloud.run(['disable-context-autosave', '--scope', 'Machine']);
  expect(r.code).toBe(2);
  expect(readdirSync(tmpdir()).filter((n) => n.startsWith('myaccount-session-'))).toEqual(before);
});
