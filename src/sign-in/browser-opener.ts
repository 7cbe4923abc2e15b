/**
 * Opening the person's browser for sign-in. `BROWSER` (as git, gh and Python honour it) names a
 * command to run with the URL; otherwise the `open` package picks the system's opener. Whether a
 * browser can open at all decides between the browser and device code.
 */
import { isCi } from '../core/ci.js';
import type { Env } from '../core/context.js';

export interface BrowserAvailability {
  available: boolean;
  /** Why not, in words for the notice. */
  reason?: string;
}

export function browserAvailability(env: Env, platform: NodeJS.Platform = process.platform): BrowserAvailability {
  if (env.BROWSER) return { available: true };
  if (env.SSH_CONNECTION || env.SSH_TTY || env.SSH_CLIENT) return { available: false, reason: 'this is an SSH session' };
  if (isCi(env)) return { available: false, reason: 'this is a CI job' };
  if (platform === 'win32' || platform === 'darwin') return { available: true };
  if (env.WSL_DISTRO_NAME) return { available: true };
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return { available: true };
  return { available: false, reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are not set)' };
}

/** Splits a BROWSER value into a command and its arguments; quotes group words. */
function words(value: string): string[] {
  const out: string[] = [];
  for (const m of value.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

async function spawnDetached(command: string, args: string[], env: Env): Promise<void> {
  // child_process (with net, dgram and streams behind it) only when a browser opens: the CLI
  // entry imports this module for browserAvailability, and every command would pay for it.
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', env: env as NodeJS.ProcessEnv });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}

export async function openBrowser(url: string, env: Env): Promise<void> {
  if (env.BROWSER) {
    const [command, ...args] = words(env.BROWSER);
    return spawnDetached(command, [...args, url], env);
  }
  const { default: open } = await import('open');
  const child = await open(url, { wait: false });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    // `open` resolves once spawned; an opener that is missing fails right after.
    setTimeout(resolve, 200);
  });
}
