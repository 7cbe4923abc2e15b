/**
 * Outside programs some suites drive (the Azure CLI, Debian's Python with python3-msal).
 * scripts/setup.sh --system installs them and CI runs it, so a missing one is a failure that
 * names setup, never a silent skip that would let those suites stop testing anything.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The program's path (a name looked up on PATH, or an absolute path), or an error saying how to install it. */
export function requireTool(name: string, debianPackage: string): string {
  const path = name.startsWith('/') ? (existsSync(name) ? name : undefined) : onPath(name);
  if (!path) throw new Error(`${name} is not installed. Run scripts/setup.sh --system (as root), which installs the Debian package ${debianPackage}.`);
  return path;
}

export interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a program to completion with exactly `env` (nothing inherited unless passed). */
export function runTool(path: string, args: string[], env: NodeJS.ProcessEnv, options: { timeoutMs?: number; stdin?: string; cwd?: string; onStderr?: (text: string) => void; onStdout?: (text: string) => void } = {}): Promise<ToolResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, { env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
      options.onStdout?.(stdout);
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
      options.onStderr?.(stderr);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

/** The variables every child gets: a PATH and HOME, a UTF-8 locale, no proxies or CA overrides from the caller. */
export function baseEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
}
