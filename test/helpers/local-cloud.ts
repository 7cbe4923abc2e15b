/**
 * The local cloud for CLI tests: the real emulator (in this test process, on a free port, its
 * data in <state>/emulator exactly where `myaccount emulator start` keeps it, with the
 * instance record the CLI reads), the real CLI run as a child process against it, and a
 * record of every secret the emulator issued or received so tests can prove none leaked.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { BIN, cleanEnv, tempConfigDir, type CliResult } from './cli.js';
import { expectNoSecretLeaked, recordOutput, recordSecret, reportScan } from './secret-scan.js';

export interface LocalCloud {
  emu: RunningEmulator;
  configDir: string;
  /** Variables every CLI run gets (the state folder, plaintext cache opt-in unless a keyring is used). */
  env: Record<string, string | undefined>;
  run(args: string[], options?: RunOptions): Promise<CliResult>;
  /** Starts the CLI; for tests that talk to it while it runs (device codes, SIGINT). */
  spawnCli(args: string[], options?: RunOptions): RunningCli;
  /** connect by device code, approved through the admin API as `username` once the code shows. */
  connectByDeviceCode(username: string, args?: string[], options?: RunOptions & { mfa?: boolean }): Promise<CliResult>;
  admin(method: string, path: string, body?: unknown): Promise<any>;
  dispose(): Promise<void>;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  /** The working folder of the CLI (default: the repository). */
  cwd?: string;
}

export interface RunningCli {
  pid: number;
  /** Resolves with the first stderr JSON event of this type (run with --events jsonl). */
  event(type: string, timeoutMs?: number): Promise<any>;
  signal(name: NodeJS.Signals): void;
  done: Promise<CliResult>;
}

export interface LocalCloudOptions extends Partial<EmulatorOptions> {
  /** Extra variables for every run, e.g. a keyring's DBUS_SESSION_BUS_ADDRESS. */
  env?: Record<string, string | undefined>;
  /** Use the OS secure store only (no plaintext opt-in). */
  secureStoreOnly?: boolean;
}

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const { dir: configDir, cleanup } = tempConfigDir();
  const dataDir = join(configDir, 'emulator');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const { env: extraEnv, secureStoreOnly, ...emulatorOptions } = options;
  const emu = await startEmulator({ port: 0, admin: true, ...emulatorOptions, dataDir, onSecret: recordSecret });
  // The record `myaccount emulator start` writes; the CLI finds the local cloud and its CA by it.
  writeFileSync(
    join(dataDir, 'instance.json'),
    JSON.stringify({ pid: process.pid, port: emu.port, url: emu.url, admin: true, caCertPath: emu.caCertPath, caBundlePath: emu.caBundlePath, startedAt: new Date().toISOString() }),
    { mode: 0o600 },
  );
  const env: Record<string, string | undefined> = {
    MYACCOUNT_ALLOW_PLAINTEXT_TOKEN_CACHE: secureStoreOnly ? undefined : 'true',
    // No display here: connect falls back to device code unless a test sets BROWSER.
    DISPLAY: undefined,
    BROWSER: undefined,
    ...extraEnv,
  };

  const spawnCli = (args: string[], o: RunOptions = {}): RunningCli => {
    const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(configDir, { ...env, ...o.env }), cwd: o.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    const waiters: { type: string; resolve: (e: any) => void }[] = [];
    const seen: any[] = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString('utf8');
      const lines = err.split('\n');
      for (const line of lines.slice(seen.length, -1)) {
        let event: any = null;
        try {
          event = JSON.parse(line);
        } catch {
          /* text mode */
        }
        seen.push(event);
        for (const w of waiters.filter((x) => event?.type === x.type)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(event);
        }
      }
    });
    const done = new Promise<CliResult>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => {
        const stdout = Buffer.concat(out).toString('utf8');
        recordOutput(args, stdout, err);
        let json: unknown;
        try {
          json = JSON.parse(stdout);
        } catch {
          json = undefined;
        }
        resolve({ code: code ?? -1, stdout, stderr: err, json });
      });
    });
    child.stdin.end(o.stdin ?? '');
    return {
      pid: child.pid!,
      signal: (name) => child.kill(name),
      done,
      event(type, timeoutMs = 20000) {
        const already = seen.find((e) => e?.type === type);
        if (already) return Promise.resolve(already);
        return new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no ${type} event within ${timeoutMs} ms; stderr so far:\n${err}`)), timeoutMs);
          waiters.push({ type, resolve: (e) => (clearTimeout(timer), resolve(e)) });
          void done.then((r) => reject(new Error(`the CLI exited (${r.code}) before a ${type} event:\n${r.stderr}\n${r.stdout}`)));
        });
      },
    };
  };

  return {
    emu,
    configDir,
    env,
    spawnCli,
    run: (args, o) => spawnCli(args, o).done,
    async connectByDeviceCode(username, args = [], o = {}) {
      const cli = spawnCli(['connect', '--environment', 'LocalCloud', '--use-device-authentication', '--events', 'jsonl', ...args], o);
      const code = await cli.event('deviceCode');
      emu.approveDeviceCode(code.userCode, username, o.mfa);
      return cli.done;
    },
    async admin(method, path, body) {
      const response = await fetchWithCa(emu, method, path, body);
      return response;
    },
    async dispose() {
      await emu.stop();
      cleanup();
      // Every suite on the local cloud ends with the secret scan, whether or not it asks for it.
      reportScan(expect.getState().testPath ?? 'unknown');
      expectNoSecretLeaked();
    },
  };
}

async function fetchWithCa(emu: RunningEmulator, method: string, path: string, body?: unknown): Promise<any> {
  const https = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = https.request(`${emu.url}${path}`, { method, ca: emu.caPem, headers: { [emu.adminKeyHeader]: emu.adminKey!, 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        try {
          resolve(text ? JSON.parse(text) : undefined);
        } catch {
          resolve(text);
        }
      });
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
