/**
 * processAlive: a running process is alive, an exited one is not, and on Linux neither is a zombie
 * (exited, its parent not reaping it), which is what a detached local cloud is between its exit
 * and init's reaping. The zombie is real: a shell's background child whose parent then execs into
 * a program that never waits for children.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { processAlive } from '../../src/core/process-alive.js';

const onLinux = process.platform === 'linux';

test('this process is alive; a pid no process has is not', () => {
  expect(processAlive(process.pid)).toBe(true);
  expect(processAlive(2 ** 30)).toBe(false);
});

(onLinux ? test : test.skip)('a zombie is not alive', async () => {
  const parent = spawn('sh', ['-c', 'sleep 0.05 & echo $!; exec sleep 5'], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const zombie = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (d) => resolve(String(d).trim()))));
    expect(processAlive(zombie)).toBe(true);
    const deadline = Date.now() + 3000;
    while (!/\) Z /.test(readFileSync(`/proc/${zombie}/stat`, 'utf8')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    // It still exists for kill(pid, 0) ...
    expect(() => process.kill(zombie, 0)).not.toThrow();
    // ... but it has exited.
    expect(processAlive(zombie)).toBe(false);
  } finally {
    parent.kill('SIGKILL');
  }
});
