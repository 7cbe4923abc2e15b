// The module's compiled helper, module/MyAccount/MyAccount.Helper.dll, from the C# in
// scripts/generate/module-helper-cs/. The DLL is committed with the module (a package user needs no
// .NET SDK), stamped with the SHA-256 of its sources and the package version: a DLL whose stamp
// matches is current, and is not rebuilt, so another machine's compiler never churns its bytes.
// Built in a temporary copy of the sources, so the repository gets no bin/ or obj/ and the bytes
// do not depend on where the repository is.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const HELPER_SOURCES = 'scripts/generate/module-helper-cs';
export const HELPER_DLL = 'module/MyAccount/MyAccount.Helper.dll';

function sourceFiles(root) {
  return readdirSync(join(root, HELPER_SOURCES))
    .filter((name) => name.endsWith('.cs') || name.endsWith('.csproj'))
    .sort();
}

/** The stamp of the current sources: line ends normalized, so a Windows checkout stamps the same. */
export function helperStamp(root, version) {
  const hash = createHash('sha256').update(`version ${version}\n`);
  for (const name of sourceFiles(root)) {
    hash.update(`${name}\n`);
    hash.update(readFileSync(join(root, HELPER_SOURCES, name), 'utf8').replace(/\r\n?/g, '\n'));
  }
  return hash.digest('hex');
}

/** Whether the committed DLL was built from the current sources. */
export function helperIsCurrent(root, version) {
  const dll = join(root, HELPER_DLL);
  return existsSync(dll) && readFileSync(dll).includes(Buffer.from(helperStamp(root, version), 'ascii'));
}

/** Builds the DLL with the .NET SDK; throws with what went wrong (no SDK, a compile error). */
export function buildHelper(root, version) {
  const stamp = helperStamp(root, version);
  const work = mkdtempSync(join(tmpdir(), 'myaccount-helper-'));
  try {
    for (const name of sourceFiles(root)) copyFileSync(join(root, HELPER_SOURCES, name), join(work, name));
    const out = join(work, 'out');
    const r = spawnSync('dotnet', ['build', '-c', 'Release', '-o', out, '-nologo', '-v', 'q', `-p:SourceSha256=${stamp}`, `-p:MyAccountVersion=${version}`], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
    });
    if (r.error?.code === 'ENOENT') throw new Error(`the module's compiled helper (${HELPER_SOURCES}) changed and must be rebuilt, which needs the .NET SDK 8 or newer (dotnet on PATH). Install it, or undo the change.`);
    if (r.status !== 0) throw new Error(`dotnet build of ${HELPER_SOURCES} failed:\n${(r.stdout + r.stderr).trim()}`);
    copyFileSync(join(out, 'MyAccount.Helper.dll'), join(root, HELPER_DLL));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
