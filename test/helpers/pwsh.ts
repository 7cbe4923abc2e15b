/**
 * Real PowerShell 7 for the module's tests: a script runs in `pwsh -NoProfile -NonInteractive`
 * with the module imported from the repository (so it calls the real CLI beside it), against a
 * state folder and local cloud the test owns. A script reports what it found as one JSON line
 * (`Out-Result`), which the test reads back.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPwsh } from '../../scripts/find-pwsh.mjs';
import { cleanEnv, REPO } from './cli.js';
import { onPseudoTerminal } from './pty.js';
import { recordOutput } from './secret-scan.js';

function spawnOnTerminal(command: string, options: { env: NodeJS.ProcessEnv; cwd: string }) {
  const { file, args } = onPseudoTerminal(command);
  return spawn(file, args, { ...options, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** The folder to put on PSModulePath: it holds MyAccount/MyAccount.psd1. */
export const MODULE_ROOT = join(REPO, 'module');
export const MODULE_MANIFEST = join(MODULE_ROOT, 'MyAccount', 'MyAccount.psd1');

/** pwsh from PATH or where `dotnet tool install --global PowerShell` puts it; setup installs it. */
export function requirePwsh(): string {
  const found = findPwsh();
  if (!found) throw new Error('PowerShell 7 (pwsh) was not found on PATH or in ~/.dotnet/tools. Run `bash scripts/setup.sh --system` (it runs `dotnet tool install --global PowerShell --version 7.6.9`).');
  return found;
}

export interface PwshResult {
  code: number;
  stdout: string;
  stderr: string;
  /** What the script passed to Out-Result (the last one), parsed. */
  result: any;
}

export interface RunningPwsh {
  pid: number;
  /** Types a line at the terminal (with `terminal`). */
  type(line: string): void;
  /** Resolves with the first match of `pattern` in what the host has written so far. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  done: Promise<PwshResult>;
}

const RESULT_MARK = '##result:';

/**
 * Prepended to every script: errors stop it (and exit 1), plain text output for parsing, the
 * module imported, and Out-Result to report one value as JSON on its own line.
 */
function prologue(importModule: boolean): string {
  return [
    "$ErrorActionPreference = 'Stop'",
    "$PSStyle.OutputRendering = 'PlainText'",
    `function Out-Result { param([Parameter(ValueFromPipeline)] $InputObject) begin { $all = [System.Collections.Generic.List[object]]::new() } process { $all.Add($InputObject) } end { $value = if ($all.Count -eq 1) { $all[0] } else { $all.ToArray() }; [Console]::Out.WriteLine('${RESULT_MARK}' + (ConvertTo-Json -InputObject $value -Depth 8 -Compress)) } }`,
    importModule ? `Import-Module '${MODULE_MANIFEST.replace(/'/g, "''")}'` : '',
    '',
  ].join('\n');
}

export interface PwshOptions {
  env?: Record<string, string | undefined>;
  /** Run on a pseudo-terminal (util-linux `script`), as a person's interactive session. */
  terminal?: boolean;
  /** Import the module by its path first (default); false leaves finding it to the script. */
  importModule?: boolean;
}

export function spawnPwsh(target: { configDir: string; env: Record<string, string | undefined> }, script: string, options: PwshOptions = {}): RunningPwsh {
  const env = cleanEnv(target.configDir, { ...target.env, NO_COLOR: '1', POWERSHELL_TELEMETRY_OPTOUT: '1', POWERSHELL_UPDATECHECK: 'Off', ...options.env });
  // A script file, not -Command -: pwsh runs piped commands line by line, and -File exits 1 on a terminating error.
  const folder = mkdtempSync(join(tmpdir(), 'myaccount-pwsh-'));
  const file = join(folder, 'test.ps1');
  writeFileSync(file, `${prologue(options.importModule !== false)}${script}\n`);
  const child = options.terminal
    ? spawnOnTerminal(`'${requirePwsh()}' -NoProfile -File '${file}'`, { env, cwd: REPO })
    : spawn(requirePwsh(), ['-NoProfile', '-NonInteractive', '-File', file], { env, cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  const check = (): void => {
    for (const w of [...waiters]) {
      const m = (stdout + stderr).match(w.pattern);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  child.stdout.on('data', (d: Buffer) => {
    const text = d.toString('utf8');
    // pwsh asks the terminal where its cursor is (ESC[6n) and waits for the answer a terminal gives.
    if (options.terminal) for (const _ of text.matchAll(/\x1b\[6n/g)) child.stdin!.write('\x1b[1;1R');
    stdout += text.replace(/\r/g, '');
    check();
  });
  child.stderr.on('data', (d: Buffer) => ((stderr += d.toString('utf8')), check()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 90000);
  const done = new Promise<PwshResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      rmSync(folder, { recursive: true, force: true });
      recordOutput(['pwsh', script.slice(0, 80)], stdout, stderr);
      const line = stdout.split('\n').reverse().find((l) => l.startsWith(RESULT_MARK));
      let result: any;
      if (line) result = JSON.parse(line.slice(RESULT_MARK.length));
      resolve({ code: code ?? -1, stdout, stderr, result });
    });
  });
  return {
    pid: child.pid!,
    done,
    type: (line) => child.stdin!.write(`${line}\n`),
    waitFor(pattern, timeoutMs = 30000) {
      const m = (stdout + stderr).match(pattern);
      if (m) return Promise.resolve(m);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`pwsh did not write ${pattern} within ${timeoutMs} ms:\n${stdout}\n${stderr}`)), timeoutMs);
        waiters.push({ pattern, resolve: (x) => (clearTimeout(timer), resolve(x)) });
        void done.then((r) => reject(new Error(`pwsh exited (${r.code}) before writing ${pattern}:\n${r.stdout}\n${r.stderr}`)));
      });
    },
  };
}

export function runPwsh(target: { configDir: string; env: Record<string, string | undefined> }, script: string, options: PwshOptions = {}): Promise<PwshResult> {
  return spawnPwsh(target, script, options).done;
}

export interface InteractivePwsh {
  /** Types a line at the prompt and resolves with what the session showed until the next prompt. */
  enter(line: string, timeoutMs?: number): Promise<string>;
  /** Resolves with the first match of `pattern` in what the session has shown so far. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Types a line as the answer to a question a cmdlet asked (Read-Host, a confirmation). */
  type(line: string): void;
  /** Types `exit` and resolves with everything the session showed. */
  exit(): Promise<string>;
  /** Ends the session at once (a failed test's cleanup). */
  kill(): void;
}

const PROMPT = /PS [^\n>]*> $/;
// Colour, cursor and title sequences PSReadLine writes around what it echoes.
const stripTerminal = (s: string): string => s.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[=>]/g, '').replace(/\r/g, '');

/**
 * A person's session: `pwsh -NoProfile` on a real pseudo-terminal, with PSReadLine, commands
 * typed at the prompt one by one. Such a session loads fewer assemblies than `-Command` or
 * `-File` (which is how the module once failed on its first cmdlet there and nowhere else), so
 * nothing is run for it beforehand: not even the module import.
 */
export async function startInteractivePwsh(target: { configDir: string; env: Record<string, string | undefined> }, env: Record<string, string | undefined> = {}): Promise<InteractivePwsh> {
  const vars = cleanEnv(target.configDir, { ...target.env, NO_COLOR: '1', POWERSHELL_TELEMETRY_OPTOUT: '1', POWERSHELL_UPDATECHECK: 'Off', TERM: 'xterm', ...env });
  const child = spawnOnTerminal(`stty cols 250 rows 60; exec '${requirePwsh()}' -NoProfile -NoLogo`, { env: vars, cwd: REPO });
  let screen = '';
  let raw = '';
  let waiters: (() => void)[] = [];
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 120000);
  const onData = (d: Buffer): void => {
    const text = d.toString('utf8');
    raw += text;
    for (const _ of text.matchAll(/\x1b\[6n/g)) child.stdin.write('\x1b[1;1R');
    screen = stripTerminal(raw);
    for (const w of waiters) w();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const waitFor = (pattern: RegExp, timeoutMs = 30000, from = 0): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const m = screen.slice(from).match(pattern);
        if (m) {
          waiters = waiters.filter((w) => w !== listener);
          clearTimeout(timer);
          resolve(m);
        }
        return !!m;
      };
      const listener = (): void => void check();
      const timer = setTimeout(() => {
        waiters = waiters.filter((w) => w !== listener);
        reject(new Error(`the interactive pwsh did not show ${pattern} within ${timeoutMs} ms:\n${screen.slice(from)}`));
      }, timeoutMs);
      if (!check()) waiters.push(listener);
    });
  await waitFor(PROMPT);
  return {
    waitFor,
    type: (line) => child.stdin.write(`${line}\r`),
    async enter(line, timeoutMs = 45000) {
      const from = screen.length;
      child.stdin.write(`${line}\r`);
      // The echo of the line, then whatever it printed, then the next prompt.
      await waitFor(new RegExp(`[\\s\\S]*\\n${PROMPT.source}`), timeoutMs, from);
      const shown = screen.slice(from);
      return shown.slice(shown.indexOf('\n') + 1).replace(PROMPT, '').trimEnd();
    },
    async exit() {
      child.stdin.write('exit\r');
      await closed;
      clearTimeout(killer);
      recordOutput(['pwsh (interactive)'], screen, '');
      return screen;
    },
    kill() {
      clearTimeout(killer);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
