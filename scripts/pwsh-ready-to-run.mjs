#!/usr/bin/env node
// A ReadyToRun copy of the PowerShell that `dotnet tool install --global PowerShell` installed, in
// .bench/pwsh-r2r/, for `npm run bench:module -- --pwsh .bench/pwsh-r2r/pwsh`.
// Why: the .NET tool ships PowerShell's assemblies as IL only, so every engine code path is
// compiled by the JIT on first use (pwsh -c exit takes ~500 ms here); PowerShell's own packages
// (MSI, winget, the Store, tar.gz, deb/rpm), which is what people run, ship them precompiled.
// The module's first-use costs are mostly PowerShell's own parser, binder and formatter, so the
// tool's figures are not what a person sees; the benchmark reports both. Uses crossgen2 from NuGet
// (through a throwaway project's restore, into NuGet's package cache) for this machine's .NET
// runtime; writes nothing else outside .bench/.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const fail = (message) => {
  console.error(`pwsh-ready-to-run: ${message}`);
  process.exit(1);
};
const store = join(homedir(), '.dotnet', 'tools', '.store', 'powershell');
if (!existsSync(store)) fail('no PowerShell .NET tool in ~/.dotnet/tools (run bash scripts/setup.sh --system).');
const version = readdirSync(store).filter((v) => /^\d/.test(v)).sort().pop();
const source = join(store, version, 'powershell', version, 'tools');
const tfm = readdirSync(source).find((d) => d.startsWith('net'));
const unix = join(source, tfm, 'any', 'unix');
const list = spawnSync('dotnet', ['--list-runtimes'], { encoding: 'utf8' });
if (list.status !== 0) fail('dotnet --list-runtimes failed: is the .NET SDK on PATH?');
const runtime = list.stdout.split('\n').filter((l) => l.startsWith('Microsoft.NETCore.App ')).pop();
if (!runtime) fail('no Microsoft.NETCore.App runtime found.');
const [, runtimeVersion, runtimeFolder] = runtime.match(/^Microsoft\.NETCore\.App (\S+) \[(.+)\]$/);
const framework = join(runtimeFolder, runtimeVersion);
const rid = `${process.platform === 'darwin' ? 'osx' : 'linux'}-${process.arch === 'arm64' ? 'arm64' : 'x64'}`;

// crossgen2 for exactly this runtime, fetched by restoring a project that asks for ReadyToRun.
const work = mkdtempSync(join(tmpdir(), 'myaccount-r2r-'));
try {
  const major = runtimeVersion.split('.').slice(0, 2).join('.');
  writeFileSync(
    join(work, 'r2r.csproj'),
    `<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net${major}</TargetFramework><RuntimeIdentifier>${rid}</RuntimeIdentifier><PublishReadyToRun>true</PublishReadyToRun><SelfContained>false</SelfContained><RuntimeFrameworkVersion>${runtimeVersion}</RuntimeFrameworkVersion></PropertyGroup></Project>`,
  );
  const restore = spawnSync('dotnet', ['restore', '-v', 'q'], { cwd: work, encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' } });
  if (restore.status !== 0) fail(`restoring crossgen2 failed (it comes from NuGet):\n${restore.stdout}${restore.stderr}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
const crossgen = join(homedir(), '.nuget', 'packages', `microsoft.netcore.app.crossgen2.${rid}`, runtimeVersion, 'tools', 'crossgen2');
if (!existsSync(crossgen)) fail(`crossgen2 ${runtimeVersion} was not found at ${crossgen}.`);

const target = join(root, '.bench', 'pwsh-r2r');
rmSync(target, { recursive: true, force: true });
mkdirSync(join(root, '.bench'), { recursive: true });
cpSync(unix, target, { recursive: true });
// The assemblies a session starts, parses, binds and formats with.
const assemblies = ['System.Management.Automation', 'Microsoft.PowerShell.ConsoleHost', 'Microsoft.PowerShell.Commands.Utility', 'Microsoft.PowerShell.Commands.Management', 'Microsoft.PowerShell.Security', 'Microsoft.PowerShell.SDK', 'Microsoft.ApplicationInsights', 'Newtonsoft.Json', 'System.Management', 'pwsh'];
const out = mkdtempSync(join(tmpdir(), 'myaccount-r2r-out-'));
try {
  for (const name of assemblies) {
    const r = spawnSync(crossgen, [join(unix, `${name}.dll`), '-o', join(out, `${name}.dll`), '-r', `${framework}/`, '-r', `${unix}/`, `--targetos:${rid.split('-')[0] === 'osx' ? 'osx' : 'linux'}`, `--targetarch:${rid.split('-')[1]}`, '-O'], { encoding: 'utf8' });
    if (r.status !== 0) fail(`crossgen2 ${name} failed:\n${r.stdout}${r.stderr}`);
    cpSync(join(out, `${name}.dll`), join(target, `${name}.dll`));
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
console.log(`ReadyToRun PowerShell ${version} (runtime ${runtimeVersion}): ${join(target, 'pwsh')}`);
