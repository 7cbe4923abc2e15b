/**
 * Save-MyContext / Import-MyContext in real PowerShell 7: save in one state folder, import into a
 * new one with -Scope Process (this session's default only), and a truncated file as a
 * terminating error.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { runPwsh } from '../helpers/pwsh.js';

jest.setTimeout(120_000);

const APP = S.CI_SECRET_APP;
let cloud: LocalCloud;
let other: string;
beforeAll(async () => {
  cloud = await startLocalCloud();
  const r = await cloud.run(['connect', '--environment', 'LocalCloud', '--service-principal', '--application-id', APP.appId, '--tenant', S.CONTOSO, '--client-secret', APP.secret, '--subscription', S.SUBSCRIPTIONS.production, '--context-name', 'ci']);
  expect(r.code).toBe(0);
  other = join(cloud.configDir, '..', 'other');
  mkdirSync(join(other, 'emulator'), { recursive: true, mode: 0o700 });
  const record = JSON.parse(readFileSync(join(cloud.configDir, 'emulator', 'instance.json'), 'utf8'));
  for (const key of ['caCertPath', 'caBundlePath']) {
    const copy = join(other, 'emulator', basename(record[key]));
    writeFileSync(copy, readFileSync(record[key]), { mode: 0o600 });
    record[key] = copy;
  }
  writeFileSync(join(other, 'emulator', 'instance.json'), JSON.stringify(record), { mode: 0o600 });
});
afterAll(async () => {
  await cloud?.dispose();
});

test('Save-MyContext, then Import-MyContext -Scope Process into another state folder', async () => {
  const file = join(cloud.configDir, '..', 'ctx.json');
  const otherQuoted = other.replace(/'/g, "''");
  const r = await runPwsh(
    cloud,
    `
$saved = Save-MyContext -Path '${file}'
$env:MYACCOUNT_CONFIG_DIR = '${otherQuoted}'
$before = Get-MyContext
$imported = Import-MyContext '${file}' -Scope Process
$after = Get-MyContext
Set-Content -Path '${file}.bad' -Value '{"kind":"MyAccount.Contexts","version":1,"acc'
$bad = try { Import-MyContext '${file}.bad'; 'imported' } catch { $_.FullyQualifiedErrorId }
[ordered]@{
    SavedType = $saved.PSObject.TypeNames[0]
    Saved = @($saved.Contexts)
    Before = $null -eq $before
    Imported = $imported.DefaultContext
    After = $after.Name
    Process = $env:MYACCOUNT_CONTEXT
    Bad = $bad
} | Out-Result
`,
  );
  if (r.code !== 0) throw new Error(`pwsh exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  expect(r.result).toMatchObject({ SavedType: 'MyAccount.ContextFile', Saved: ['ci'], Before: true, Imported: 'ci', After: 'ci', Process: 'ci' });
  expect(r.result.Bad).toMatch(/^ContextFileInvalid/);
  // CurrentUser default of the other folder untouched by -Scope Process.
  const stored = JSON.parse(readFileSync(join(other, 'profile.json'), 'utf8'));
  expect(stored.defaultContext).toBeNull();
});
