/**
 * Whether a process with this pid is running (EPERM: it is, as another user's). A zombie (exited,
 * not yet reaped by its parent) is not: a detached local cloud's parent is init, and where init
 * reaps late (some VMs: ~1.3 s) or never (a container whose first process reaps nothing), waiting
 * for the pid to vanish made `emulator stop` wait that long, or 10 s and then fail to SIGKILL it.
 */
import { readFileSync } from 'node:fs';

/** The state letter in /proc/<pid>/stat (after the parenthesised command name, which may hold spaces), or null off Linux. */
function linuxState(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) || null;
  } catch {
    return null;
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return process.platform !== 'linux' || linuxState(pid) !== 'Z';
}
