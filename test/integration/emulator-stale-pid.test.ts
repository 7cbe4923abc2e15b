/**
 * Issue 11.5: a local cloud record whose pid now belongs to another program. `emulator stop` once
 * SIGTERMed that program and `emulator status` said Running. Here a real unrelated process's pid is
 * planted in instance.json, both with nothing on the record's port and with a real local cloud
 * (running under another pid) there; the unrelated process must survive and the record be dropped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempConfigDir } from '../helpers/cli.js';
import { processAlive } from '../../src/core/process-alive.js';

// Running: a local cloud that exited counts as stopped even while init has not reaped it yet.
const alive = processAlive;

describe('emulator stop/status with a stale pid', () => {
  let dir: string;
  let cleanup: () => void;
  let bystander: ChildProcess;
  beforeAll(() => {
    ({ dir, cleanup } = tempConfigDir());
    // An unrelated program that would die of SIGTERM.
    bystander = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  });
  afterAll(async () => {
    bystander.kill('SIGKILL');
    await runCli(dir, ['emulator', 'stop']);
    cleanup();
  });

  const record = (): string => join(dir, 'emulator', 'instance.json');

  test('nothing on the port: status says not running, stop leaves the process alone and drops the record', async () => {
    const emulatorDir = join(dir, 'emulator');
    require('node:fs').mkdirSync(emulatorDir, { recursive: true, mode: 0o700 });
    const port = 1; // nothing listens on 127.0.0.1:1
    writeFileSync(record(), JSON.stringify({ pid: bystander.pid, port, url: `https://127.0.0.1:${port}`, admin: false, caCertPath: join(emulatorDir, 'ca.pem'), caBundlePath: join(emulatorDir, 'ca-bundle.pem'), startedAt: new Date().toISOString() }));
    const status = await runCli(dir, ['emulator', 'status']);
    expect([status.code, status.json.Running, status.json.Pid]).toEqual([0, false, null]);
    expect(status.stderr).toMatch(/stale/);
    expect(existsSync(record())).toBe(false);

    writeFileSync(record(), JSON.stringify({ pid: bystander.pid, port, url: `https://127.0.0.1:${port}`, admin: false, caCertPath: join(emulatorDir, 'ca.pem'), caBundlePath: join(emulatorDir, 'ca-bundle.pem'), startedAt: new Date().toISOString() }));
    const stop = await runCli(dir, ['emulator', 'stop']);
    expect([stop.code, stop.json.Running]).toEqual([0, false]);
    expect(stop.stderr).toContain(`pid ${bystander.pid} was left alone`);
    expect(alive(bystander.pid!)).toBe(true);
    expect(existsSync(record())).toBe(false);
  });

  test('a real local cloud on the port under another pid: the planted pid is not signalled', async () => {
    const started = await runCli(dir, ['emulator', 'start', '--detach', '--port', '0', '--idle-timeout-minutes', '5']);
    expect(started.code).toBe(0);
    const realPid: number = started.json.Pid;
    try {
      const planted = { ...JSON.parse(readFileSync(record(), 'utf8')), pid: bystander.pid };
      writeFileSync(record(), JSON.stringify(planted));
      const status = await runCli(dir, ['emulator', 'status']);
      expect(status.json.Running).toBe(false);
      expect(status.stderr).toContain(`runs as pid ${realPid}, not ${bystander.pid}`);
      writeFileSync(record(), JSON.stringify(planted));
      const stop = await runCli(dir, ['emulator', 'stop']);
      expect(stop.json.Running).toBe(false);
      expect(alive(bystander.pid!)).toBe(true);
      expect(alive(realPid)).toBe(true);
    } finally {
      process.kill(realPid, 'SIGTERM');
    }
  });

  test('the confirmed local cloud is still stopped', async () => {
    const started = await runCli(dir, ['emulator', 'start', '--detach', '--port', '0', '--idle-timeout-minutes', '5']);
    expect(started.code).toBe(0);
    expect((await runCli(dir, ['emulator', 'status'])).json.Running).toBe(true);
    const stop = await runCli(dir, ['emulator', 'stop']);
    expect(stop.json.Running).toBe(false);
    expect(alive(started.json.Pid)).toBe(false);
  });
});
