/**
 * Opening the person's browser for sign-in. `BROWSER` (as git, gh and Python honour it) names a
 * command to run with the URL; otherwise the `open` package picks the system's opener. Whether a
 * browser can open at all decides between the browser and device code; a launch that fails
 * rejects, so the caller can fall back to device code.
 */
import type { ChildProcess } from 'node:child_process';
import { isCi } from '../core/ci.js';
import type { Env } from '../core/context.js';

export interface BrowserAvailability {
  available: boolean;
  /** Why not, in words for the notice. */
  reason?: string;
}

/**
 * Whether a browser can show on this session's desktop, from the environment alone (no process
 * is started: every command computes this). BROWSER is the person's own instruction and wins.
 * Windows has no DISPLAY to look for; what marks a session with a desktop there is SESSIONNAME,
 * which Windows sets at logon for the console ("Console") and Remote Desktop ("RDP-Tcp#N") and
 * which services, scheduled tasks and WinRM shells do not have. The machine account (USERNAME
 * ending in "$": SYSTEM, a service) never has a person's desktop. A PowerShell remoting session
 * cannot be seen from its environment, so the module says so (MYACCOUNT_PS_REMOTING, from
 * $PSSenderInfo); a browser started there would open, if at all, where nobody sees it.
 */
export function browserAvailability(env: Env, platform: NodeJS.Platform = process.platform): BrowserAvailability {
  if (env.BROWSER) return { available: true };
  if (env.MYACCOUNT_PS_REMOTING === '1') return { available: false, reason: 'this is a PowerShell remoting session, which has no desktop to show a browser on' };
  if (env.SSH_CONNECTION || env.SSH_TTY || env.SSH_CLIENT) return { available: false, reason: 'this is an SSH session' };
  if (isCi(env)) return { available: false, reason: 'this is a CI job' };
  if (platform === 'win32') return windowsDesktop(env);
  if (platform === 'darwin') return { available: true };
  if (env.WSL_DISTRO_NAME) return { available: true };
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return { available: true };
  return { available: false, reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are not set)' };
}

function windowsDesktop(env: Env): BrowserAvailability {
  if (env.USERNAME?.endsWith('$')) return { available: false, reason: `this runs as the machine account ${env.USERNAME} (SYSTEM or a service), which has no desktop` };
  if (!env.SESSIONNAME) {
    return {
      available: false,
      reason: 'this Windows session has no interactive desktop: SESSIONNAME is not set, as in a service, a scheduled task or a remote shell; if a desktop is there, set BROWSER to your browser',
    };
  }
  return { available: true };
}

/**
 * How long a launcher has to fail before the launch counts as started. Openers exit within
 * milliseconds (xdg-open, macOS open) or a second or two (Windows PowerShell's Start-Process,
 * which `open` runs on Windows); a browser run as BROWSER may keep running for the whole sign-in.
 */
export const LAUNCH_WINDOW_MS = 3000;

/** Splits a BROWSER value into a command and its arguments; quotes group words. */
function words(value: string): string[] {
  const out: string[] = [];
  for (const m of value.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/**
 * Settles once the launcher has shown how it went: rejects when it could not start or exited
 * with a non-zero code within the window; resolves when it exited cleanly or is still running
 * at the end of the window (a browser in the foreground: nothing says it failed). `started` may
 * resolve only after the launcher exited (what `open` does on Windows, where it waits for
 * PowerShell to close) or hang; either way the window bounds the wait.
 */
export function watchLaunch(started: Promise<ChildProcess>, what: string, windowMs: number = LAUNCH_WINDOW_MS): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => settle(), windowMs);
    const exited = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (code === 0) settle();
      else settle(new Error(signal ? `${what} was ended by ${signal}` : `${what} exited with code ${code}`));
    };
    started.then(
      (child) => {
        child.once('error', (error) => settle(new Error(`${what} failed (${error.message})`)));
        if (child.exitCode !== null || child.signalCode !== null) exited(child.exitCode, child.signalCode);
        else child.once('exit', exited);
      },
      (error: unknown) => settle(new Error(`${what} could not start (${launchFailure(error)})`)),
    );
  });
}

/**
 * What went wrong, in words: an error's message (spawn's name the command and the code, never the
 * arguments, so the address stays out). Read by shape: errors from Node's child_process may come
 * from another realm than this module's Error.
 */
export function launchFailure(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message ? message : String(error);
}

async function spawnBrowserCommand(command: string, args: string[], env: Env): Promise<ChildProcess> {
  // child_process (with net, dgram and streams behind it) only when a browser opens: the CLI
  // entry imports this module for browserAvailability, and every command would pay for it.
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', env: env as NodeJS.ProcessEnv });
    child.once('error', reject);
    child.once('spawn', () => {
      child.off('error', reject);
      // The CLI may exit before the browser does; the browser stays.
      child.unref();
      resolve(child);
    });
  });
}

/** What `open` is: the package's default export (a dependency so tests can stand in for it). */
export type SystemOpener = (target: string, options: { wait: false }) => Promise<ChildProcess>;

async function systemOpener(): Promise<SystemOpener> {
  const { default: open } = await import('open');
  return open;
}

/**
 * Opens `url`, rejecting with the reason when the launch failed. The system's opener is `open`:
 * on Windows it runs `powershell.exe -EncodedCommand "Start <url>"` and waits for it to close
 * without looking at its exit code, so a Start-Process that failed (no program for https, no
 * desktop to start one on) went unnoticed; its exit code is checked here, on every platform
 * (xdg-open and macOS open exit non-zero when nothing could open the address too).
 */
export async function openBrowser(url: string, env: Env, deps: { platform?: NodeJS.Platform; open?: SystemOpener; windowMs?: number } = {}): Promise<void> {
  if (env.BROWSER) {
    const [command, ...args] = words(env.BROWSER);
    return watchLaunch(spawnBrowserCommand(command, [...args, url], env), `the browser command ${command} (BROWSER)`, deps.windowMs);
  }
  const open = deps.open ?? (await systemOpener());
  const platform = deps.platform ?? process.platform;
  const what =
    platform === 'win32' ? "Windows' opener (PowerShell's Start-Process)" : platform === 'darwin' ? 'the opener (open)' : env.WSL_DISTRO_NAME ? "Windows' opener (PowerShell's Start-Process, from WSL)" : 'the opener (xdg-open)';
  return watchLaunch(open(url, { wait: false }), what, deps.windowMs);
}
