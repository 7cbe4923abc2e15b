#!/usr/bin/env node
// The main job, shown step by step on a private state folder so it never touches yours.
// (Sign-in against the local cloud joins this demo when the connect command lands.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/myaccount.js', import.meta.url));
const stateDir = mkdtempSync(join(tmpdir(), 'myaccount-demo-'));
const env = { ...process.env, MYACCOUNT_CONFIG_DIR: stateDir };

function step(title, args) {
  process.stdout.write(`\n$ myaccount ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, [bin, ...args], { env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${title} failed with exit code ${result.status}`);
}

try {
  step('list environments', ['get-environment', '--output', 'table']);
  step('change a setting', ['update-config', '--login-experience-v2', 'Off', '--output', 'table']);
  step('show settings', ['get-config', '--output', 'table']);
  step('show the default context', ['get-context']);
  process.stdout.write(`\nState lived in ${stateDir} (removed now). Run "npm test" for the test suite.\n`);
} finally {
  rmSync(stateDir, { recursive: true, force: true });
}
