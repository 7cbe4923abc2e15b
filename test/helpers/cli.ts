/**
 * Runs the real, built CLI (bin/myaccount.js → dist/) in a child process, the way bash, CI and
 * the PowerShell module do, against a state folder the test owns.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CI_VARIABLES } from '../../src/core/ci.js';

export const REPO = resolve(__dirname, '..', '..');
export const BIN = join(REPO, 'bin', 'myaccount.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (undefined when it is not one JSON document). */
  json: any;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  stdin?: string | Buffer;
  cwd?: string;
}

/**
 * Variables of the machine the tests run on that change what the CLI does: a CI job (CI sets CI),
 * an SSH session, a display, a browser command, credentials and managed-identity endpoints. The
 * same suite must pass on a laptop and in CI, so none is inherited; a test that needs one sets it.
 */
const AMBIENT = new Set([
  ...CI_VARIABLES,
  // SESSIONNAME is Windows' sign of a desktop, as DISPLAY is X11's (sign-in/browser-opener.ts).
  'SSH_CONNECTION', 'SSH_CLIENT', 'SSH_TTY', 'DISPLAY', 'WAYLAND_DISPLAY', 'SESSIONNAME', 'BROWSER',
  // The shell --output env writes for is guessed from these (core/shell.ts); a suite run from pwsh must not change it.
  'PSModulePath', 'PSExecutionPolicyPreference', 'MSYSTEM',
  'AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH', 'AZURE_CLIENT_CERTIFICATE_PASSWORD', 'AZURE_FEDERATED_TOKEN_FILE',
  'IDENTITY_ENDPOINT', 'IDENTITY_HEADER', 'IDENTITY_SERVER_THUMBPRINT', 'IMDS_ENDPOINT', 'MSI_ENDPOINT', 'MSI_SECRET', 'AZURE_POD_IDENTITY_AUTHORITY_HOST',
]);

/** Environment for a child: nothing from the developer's own MyAccount settings, or the machine's CI and session markers, leaks in. */
export function cleanEnv(configDir: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('MYACCOUNT_') && !AMBIENT.has(k)) env[k] = v;
  env.MYACCOUNT_CONFIG_DIR = configDir;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function runCli(configDir: string, args: string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(configDir, options.env), cwd: options.cwd ?? REPO, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(stdout);
      } catch {
        json = undefined;
      }
      resolvePromise({ code: code ?? -1, stdout, stderr: Buffer.concat(err).toString('utf8'), json });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

/** A fresh state folder, removed by the returned cleanup. */
export function tempConfigDir(): { dir: string; cleanup: () => void } {
  const base = mkdtempSync(join(tmpdir(), 'myaccount-test-'));
  const dir = join(base, 'state');
  return { dir, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}
