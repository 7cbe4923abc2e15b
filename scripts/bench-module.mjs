#!/usr/bin/env node
// What the PowerShell module adds to a cmdlet call over the CLI's own time, two ways:
//   cold: `pwsh -NoProfile -c "Import-Module ...; Get-MyContext | Out-String"` (formatted, as a
//         person sees it) minus pwsh's own start and first output (`pwsh -NoProfile -c` formatting
//         a plain object the same way: Out-String loads PowerShell's Utility module and its
//         formatting engine, 100-250 ms that any command whose output a person sees pays, module
//         or not) minus `myaccount get-context` (median of BENCH_RUNS runs each, default 21, each a
//         new process). The figure over a bare `pwsh -c exit` is printed beside it;
//   warm: inside one pwsh session, Get-MyContext beside running the CLI directly (200 calls each),
//         which is what a person at the prompt feels after the first import; and Tab completion of
//         `Set-MyContext -Subscription ` (TabExpansion2, 20 times).
// On a private state folder with one signed-in account. Figures go to .bench/module.json and are
// compared with the previous run. Targets: a one-shot call adds under 150 ms to pwsh start + the
// CLI, a warm call under 35 ms, a Tab completion takes under 150 ms.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { bin, interleavedWallTimes, machine, machineLine, median, requireBuild, saveFigures, signedInStateFolder, versus } from './bench-local-cloud.mjs';
import { findPwsh } from './find-pwsh.mjs';

requireBuild();
// --pwsh <path> measures another PowerShell, e.g. the ReadyToRun copy scripts/pwsh-ready-to-run.mjs
// makes of the .NET tool (which ships IL only, unlike PowerShell's own packages).
const pwshAt = process.argv.indexOf('--pwsh');
const pwsh = pwshAt >= 0 ? process.argv[pwshAt + 1] : findPwsh();
if (!pwsh) {
  console.error('bench-module: pwsh was not found on PATH or in ~/.dotnet/tools. Run `bash scripts/setup.sh --system`.');
  process.exit(1);
}
const runs = Number(process.env.BENCH_RUNS ?? 21);
const manifest = new URL('../module/MyAccount/MyAccount.psd1', import.meta.url).pathname;
const stateDir = signedInStateFolder();
const env = { ...process.env, MYACCOUNT_CONFIG_DIR: stateDir, POWERSHELL_TELEMETRY_OPTOUT: '1', POWERSHELL_UPDATECHECK: 'Off' };

let failed = false;
try {
  // Each case runs in blocks after warm-up runs, as hyperfine does, and the blocks take turns (three
  // rounds), so a machine that slows down or speeds up during the run (a VM's neighbours) weighs on
  // every case alike. Taking turns run by run instead adds about 130 ms to the module case on the VM
  // this was measured on: pwsh's pages go cold while the other commands run.
  const coldCases = [
    { name: 'pwsh -c exit', program: pwsh, args: ['-NoProfile', '-NonInteractive', '-c', 'exit'] },
    { name: 'pwsh, an object | Out-String', program: pwsh, args: ['-NoProfile', '-NonInteractive', '-c', "$null = [pscustomobject]@{ Name = 'prod'; Account = 'alice@contoso.example' } | Out-String"] },
    { name: 'pwsh Import-Module; Get-MyContext', program: pwsh, args: ['-NoProfile', '-NonInteractive', '-c', `Import-Module '${manifest}'; $null = Get-MyContext | Out-String`] },
    { name: 'myaccount get-context', args: [bin, 'get-context'] },
  ];
  const rounds = 3;
  const times = interleavedWallTimes(coldCases, env, runs, rounds);
  const cold = Object.fromEntries([...times].map(([name, t]) => [name, median(t)]));
  const coldAdded = cold['pwsh Import-Module; Get-MyContext'] - cold['pwsh, an object | Out-String'] - cold['myaccount get-context'];
  const coldAddedOverExit = cold['pwsh Import-Module; Get-MyContext'] - cold['pwsh -c exit'] - cold['myaccount get-context'];

  const calls = 200;
  const warmScript = `
Import-Module '${manifest}'
$null = Get-MyContext; $null = & node '${bin}' get-context
$cmdlet = [System.Diagnostics.Stopwatch]::StartNew(); for ($i = 0; $i -lt ${calls}; $i++) { $null = Get-MyContext }; $cmdlet.Stop()
$cli = [System.Diagnostics.Stopwatch]::StartNew(); for ($i = 0; $i -lt ${calls}; $i++) { $null = & node '${bin}' get-context }; $cli.Stop()
$import = Measure-Command { Import-Module '${manifest}' -Force }
$line = 'Set-MyContext -Subscription '
$null = TabExpansion2 -inputScript $line -cursorColumn $line.Length
$tab = Measure-Command { for ($i = 0; $i -lt 20; $i++) { $null = TabExpansion2 -inputScript $line -cursorColumn $line.Length } }
"{0} {1} {2} {3}" -f ($cmdlet.Elapsed.TotalMilliseconds / ${calls}), ($cli.Elapsed.TotalMilliseconds / ${calls}), $import.TotalMilliseconds, ($tab.TotalMilliseconds / 20)`;
  const warmRun = spawnSync(pwsh, ['-NoProfile', '-NonInteractive', '-c', warmScript], { env, encoding: 'utf8' });
  if (warmRun.status !== 0) throw new Error(`the warm run failed: ${warmRun.stderr.slice(0, 800)}`);
  const [cmdletMs, cliMs, importMs, tabMs] = warmRun.stdout.trim().split(/\s+/).map(Number);
  const round = (n) => +n.toFixed(1);
  const figures = {
    date: new Date().toISOString(),
    runs,
    cold: Object.fromEntries(Object.entries(cold).map(([k, v]) => [k, round(v)])),
    coldAddedMs: round(coldAdded),
    coldAddedOverExitMs: round(coldAddedOverExit),
    warm: { cmdletMs: round(cmdletMs), cliMs: round(cliMs), addedMs: round(cmdletMs - cliMs), importMs: round(importMs), tabMs: round(tabMs) },
  };
  // Figures of another PowerShell are kept apart: each is compared with its own previous run.
  const { previous } = saveFigures(pwshAt >= 0 ? 'module-other-pwsh' : 'module', figures);
  console.log(`PowerShell module overhead (pwsh ${spawnSync(pwsh, ['-NoProfile', '-c', '$PSVersionTable.PSVersion.ToString()'], { encoding: 'utf8' }).stdout.trim()} at ${pwsh}, Node ${process.versions.node})`);
  const m = machine();
  console.log(`  ${machineLine(m)}; NODE_EXTRA_CA_CERTS ${m.nodeExtraCaCerts} for every node start`);
  console.log(`  cold, median of ${times.get('pwsh -c exit').length} runs each, in ${rounds} rounds:`);
  for (const [name, ms] of Object.entries(figures.cold)) console.log(`    ${name.padEnd(36)} ${versus(ms, previous?.cold?.[name])}`);
  // Figures saved before the first-output baseline existed measured coldAddedMs over pwsh -c exit.
  const previousOverExit = previous?.coldAddedOverExitMs ?? previous?.coldAddedMs;
  const previousAdded = previous?.coldAddedOverExitMs !== undefined ? previous.coldAddedMs : undefined;
  console.log(`    added by the module (import + call)  ${versus(figures.coldAddedMs, previousAdded)}   (over pwsh's own first output and the CLI)`);
  console.log(`    ... over a bare pwsh -c exit         ${versus(figures.coldAddedOverExitMs, previousOverExit)}   (pwsh's first formatting included)`);
  console.log(`  warm, one session, mean of ${calls} calls each:`);
  console.log(`    Get-MyContext                        ${versus(figures.warm.cmdletMs, previous?.warm?.cmdletMs)}`);
  console.log(`    & node myaccount get-context         ${versus(figures.warm.cliMs, previous?.warm?.cliMs)}`);
  console.log(`    added by the module per call         ${versus(figures.warm.addedMs, previous?.warm?.addedMs)}`);
  console.log(`    Import-Module -Force                 ${versus(figures.warm.importMs, previous?.warm?.importMs)}`);
  console.log(`    Tab: Set-MyContext -Subscription     ${versus(figures.warm.tabMs, previous?.warm?.tabMs)}`);
  const verdict = (ms, target) => `${ms < target ? 'met' : 'NOT met'} (${round(ms)} ms, target < ${target} ms)`;
  console.log(`  one-shot call added: ${verdict(figures.coldAddedMs, 150)}; warm call added: ${verdict(figures.warm.addedMs, 35)}; Tab completion: ${verdict(figures.warm.tabMs, 150)}`);
  // The .NET tool (what setup installs here) ships IL only: its cold figures carry the JIT of
  // PowerShell itself, which the precompiled packages people install do not.
  if (/[\\/]\.dotnet[\\/]tools[\\/]/.test(pwsh)) {
    console.log('  (this pwsh is the .NET tool, which ships IL only; the one-shot target is judged on a ReadyToRun pwsh, as PowerShell\'s own packages are:');
    console.log('   node scripts/pwsh-ready-to-run.mjs, then npm run bench:module -- --pwsh .bench/pwsh-r2r/pwsh)');
  }
} catch (e) {
  failed = true;
  console.error(`bench-module: ${e.message}`);
} finally {
  rmSync(stateDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
