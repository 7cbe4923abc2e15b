/**
 * What the CLI says while it runs reaches PowerShell's own streams (warnings, verbose,
 * progress, the device code on the host), and stopping a cmdlet (Ctrl+C, or a host's Stop)
 * stops the CLI process under it. Read in a second runspace, as a host would.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { MODULE_MANIFEST, runPwsh, spawnPwsh } from '../helpers/pwsh.js';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ settings: { deviceCodeIntervalSeconds: 1 } });
});
afterAll(async () => {
  await cloud?.dispose();
});

const SP = `Connect-MyAccount -ServicePrincipal -Credential ([pscredential]::new('${S.CI_SECRET_APP.appId}', (ConvertTo-SecureString '${S.CI_SECRET_APP.secret}' -AsPlainText -Force))) -Tenant ${S.CONTOSO} -Environment LocalCloud`;

test('warnings, verbose messages and progress arrive on their streams; progress is completed', async () => {
  const r = await runPwsh(
    cloud,
    `
$ps = [powershell]::Create()
$null = $ps.AddScript("Import-Module '${MODULE_MANIFEST}'; ${SP} -Verbose")
$output = $ps.Invoke()
[ordered]@{
    Errors = @($ps.Streams.Error | ForEach-Object { "$_" })
    Output = @($output | ForEach-Object { $_.PSObject.TypeNames[0] })
    Warnings = @($ps.Streams.Warning | ForEach-Object Message)
    Verbose = @($ps.Streams.Verbose | ForEach-Object Message)
    Progress = @($ps.Streams.Progress | ForEach-Object { [ordered]@{ Activity = $_.Activity; Type = $_.RecordType.ToString() } })
} | Out-Result
`,
  );
  expect(r.code).toBe(0);
  const { Errors, Output, Warnings, Verbose, Progress } = r.result;
  expect(Errors).toEqual([]);
  expect(Output).toEqual(['MyAccount.Profile']);
  expect(Warnings.join('\n')).toMatch(/plain file readable only by you/);
  expect(Verbose.join('\n')).toContain(`Signed in as ${S.CI_SECRET_APP.appId}`);
  expect(Progress.length).toBeGreaterThan(0);
  // The last record of every activity closes it, so no bar is left on the screen.
  const last = new Map<string, string>();
  for (const p of Progress) last.set(p.Activity, p.Type);
  for (const type of last.values()) expect(type).toBe('Completed');
});

test('stopping Connect-MyAccount while it waits for the device code stops the CLI under it', async () => {
  const r = await runPwsh(
    cloud,
    `
$ps = [powershell]::Create()
$null = $ps.AddScript("Import-Module '${MODULE_MANIFEST}'; Connect-MyAccount -UseDeviceAuthentication -Environment LocalCloud")
$async = $ps.BeginInvoke()
$deadline = [DateTime]::UtcNow.AddSeconds(30)
while (-not ($ps.Streams.Information | Where-Object { "$($_.MessageData)" -match 'enter the code' }) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
$shown = [bool]($ps.Streams.Information | Where-Object { "$($_.MessageData)" -match 'enter the code' })
$children = @(Get-Process -Name node -ErrorAction Ignore | Where-Object { $_.Parent -and $_.Parent.Id -eq $PID })
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$ps.Stop()
$stopMs = $clock.ElapsedMilliseconds
Start-Sleep -Milliseconds 200
[ordered]@{
    Shown = $shown
    Children = $children.Count
    Running = @($children | Where-Object { -not $_.HasExited } | ForEach-Object Id)
    State = $ps.InvocationStateInfo.State.ToString()
    StopMs = $stopMs
} | Out-Result
`,
  );
  expect(r.code).toBe(0);
  expect(r.result).toMatchObject({ Shown: true, Children: 1, Running: [], State: 'Stopped' });
  console.log(`Stop() to a stopped Connect-MyAccount and CLI: ${r.result.StopMs} ms`);
});

test('Ctrl+C at the terminal while Connect-MyAccount waits for the device code ends it and the CLI', async () => {
  const run = spawnPwsh(cloud, `Connect-MyAccount -UseDeviceAuthentication -Environment LocalCloud; 'not stopped' | Out-Result`, { terminal: true });
  await run.waitFor(/enter the code (\S+) to authenticate/);
  const cli = childrenRunning(run.pid, 'myaccount.js');
  expect(cli).toHaveLength(1);
  run.type('\x03');
  const r = await run.done;
  expect(r.result).toBeUndefined();
  expect(isRunning(cli[0])).toBe(false);
});

/** Processes below `root` whose command line mentions `marker` (from /proc). */
function childrenRunning(root: number, marker: string): number[] {
  const found: number[] = [];
  const parentOf = (pid: number): number => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1]);
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    const pid = Number(entry);
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) continue;
      for (let p = parentOf(pid); p > 1; p = parentOf(p)) if (p === root) found.push(pid);
    } catch {
      /* gone meanwhile */
    }
  }
  return found;
}

function isRunning(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').startsWith('Z');
  } catch {
    return false;
  }
}
