#!/usr/bin/env node
// The main job, step by step, on a private state folder so it never touches yours: start the
// local cloud, sign in by device code as a person would, show the resulting context and when an
// access token expires, then stop the local cloud and remove the folder (also on failure or
// Ctrl+C). At a terminal you may approve the code yourself on the device login page; otherwise
// (CI) it is approved through the local cloud's admin API.
import { spawn, spawnSync } from 'node:child_process';
import https from 'node:https';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { findPwsh } from './find-pwsh.mjs';

const bin = fileURLToPath(new URL('../bin/myaccount.js', import.meta.url));
const manifest = fileURLToPath(new URL('../module/MyAccount/MyAccount.psd1', import.meta.url));
const stateDir = mkdtempSync(join(tmpdir(), 'myaccount-demo-'));
// Only this demo's private folder gets the plaintext opt-in: a fresh machine or CI has no keyring.
const env = { ...process.env, MYACCOUNT_CONFIG_DIR: stateDir, MYACCOUNT_ALLOW_PLAINTEXT_TOKEN_CACHE: 'true' };
for (const name of Object.keys(env)) if (name.startsWith('MYACCOUNT_') && !['MYACCOUNT_CONFIG_DIR', 'MYACCOUNT_ALLOW_PLAINTEXT_TOKEN_CACHE'].includes(name)) delete env[name];
delete env.BROWSER;
const USER = { name: 'alice@contoso.example', password: 'Alice#LocalCloud1' };
const attended = process.stdin.isTTY && process.stdout.isTTY;
const say = (text) => process.stdout.write(`${text}\n`);
let connect = null;
let cleaned = false;

function myaccount(args, { show = true } = {}) {
  if (show) say(`\n$ myaccount ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  // Ctrl+C at a terminal reaches the child too; a signal that arrives during spawnSync never
  // reaches our handler, so the child's fate is how we learn of it.
  if (r.signal) throw new Error(`myaccount ${args[0]} was stopped by ${r.signal}`);
  if (r.status !== 0) throw new Error(`myaccount ${args[0]} failed (exit ${r.status}): ${(r.stdout || r.stderr).trim().slice(0, 800)}`);
  return r.stdout;
}

function cleanUp() {
  if (cleaned) return;
  cleaned = true;
  if (connect && connect.exitCode === null) connect.kill('SIGTERM');
  // emulator stop ends the local cloud by the PID in its instance record.
  spawnSync(process.execPath, [bin, 'emulator', 'stop'], { env, stdio: 'ignore' });
  rmSync(stateDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    say(`\nStopped (${signal}); the local cloud is stopped and ${stateDir} removed.`);
    cleanUp();
    process.exit(130);
  });
}

/** The local cloud's admin API: its key is in the emulator folder while it runs. */
function admin(instance, method, path, payload) {
  const key = readFileSync(join(stateDir, 'emulator', 'admin.key'), 'utf8').trim();
  return new Promise((resolve, reject) => {
    const req = https.request(`${instance.Url}/_admin${path}`, { method, ca: readFileSync(instance.CaCertPath), headers: { 'x-local-cloud-admin-key': key, 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`the admin API answered ${res.statusCode}: ${text.slice(0, 300)}`))));
    });
    req.on('error', reject);
    req.end(JSON.stringify(payload));
  });
}

const approveByAdminApi = (instance, userCode) => admin(instance, 'POST', '/devices/approve', { userCode, username: USER.name });

/** Runs connect by device code; `onCode` decides how the code gets approved. */
function signIn(onCode) {
  const args = ['connect', '--environment', 'LocalCloud', '--use-device-authentication', '--events', 'jsonl'];
  say(`\n$ myaccount ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    connect = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let approval = Promise.resolve();
    connect.stdout.on('data', (d) => (stdout += d));
    createInterface({ input: connect.stderr }).on('line', (line) => {
      let event;
      try {
        event = JSON.parse(line);
      } catch {
        return say(line);
      }
      if (event.type === 'deviceCode') {
        say(`  ${event.message}`);
        approval = onCode(event);
        approval.catch((e) => {
          connect.kill('SIGTERM');
          reject(e);
        });
      } else if (event.type === 'warning' && !/plain file/.test(event.message)) say(`  WARNING: ${event.message}`);
      else if (event.type === 'information') say(`  ${event.message}`);
    });
    connect.on('close', async (code) => {
      try {
        await approval;
      } catch {
        return;
      }
      if (code !== 0) return reject(new Error(`connect failed (exit ${code}): ${stdout.trim().slice(0, 800)}`));
      resolve(JSON.parse(stdout));
    });
  });
}

/** At a terminal: the person approves on the device login page, or presses Enter to let the demo do it. */
function approveAttended(instance) {
  return async (event) => {
    say(`\n  Open ${event.verificationUri} in a browser, enter ${event.userCode}, and sign in as ${USER.name} / ${USER.password}`);
    say('  (your browser will not know the local cloud\'s CA: accept the warning, or trust ' + instance.CaCertPath + ').');
    say('  Or press Enter and this demo approves the code for you through the admin API.');
    const rl = createInterface({ input: process.stdin });
    const pressed = new Promise((resolve) => rl.once('line', () => resolve(true)));
    const signedIn = new Promise((resolve) => connect.once('close', () => resolve(false)));
    const byDemo = await Promise.race([pressed, signedIn]);
    rl.close();
    if (byDemo) {
      await approveByAdminApi(instance, event.userCode);
      say(`  Approved through the admin API as ${USER.name}.`);
    }
  };
}

/** The same state through the PowerShell module, where PowerShell 7 is installed (setup installs it where dotnet is). */
function showPowerShell() {
  const pwsh = findPwsh();
  if (!pwsh) return say('\n(PowerShell 7 is not installed here, so the module is not shown; see the README\'s "PowerShell".)');
  const script = `Import-Module '${manifest.replace(/'/g, "''")}'; Get-MyContext | Format-Table | Out-String -Width 140; Get-MyAccessToken | Format-Table | Out-String -Width 140`;
  say('\nPS> Import-Module ./module/MyAccount; Get-MyContext; Get-MyAccessToken   (the same state, through the PowerShell module; the token is a SecureString and its table view has no Token column)');
  const r = spawnSync(pwsh, ['-NoProfile', '-NonInteractive', '-Command', script], { env: { ...env, NO_COLOR: '1' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the PowerShell module failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().slice(0, 800)}`);
  process.stdout.write(r.stdout.replace(/\n{3,}/g, '\n\n'));
}

try {
  say(`MyAccount demo on a private state folder: ${stateDir}`);
  say('It allows a plaintext token cache (MYACCOUNT_ALLOW_PLAINTEXT_TOKEN_CACHE=true) for that folder only, so no keyring is needed; the folder is removed at the end.');

  say('\n$ myaccount emulator start --detach --admin --port 0');
  const instance = JSON.parse(myaccount(['emulator', 'start', '--detach', '--admin', '--port', '0'], { show: false }));
  say(`  The local cloud is listening at ${instance.Url} (pid ${instance.Pid}; port 0 picked a free port, so a local cloud you already run is left alone).`);

  // Entra asks clients to poll every 5 s; a 1 s interval keeps the demo short once the code is approved.
  await admin(instance, 'PATCH', '/settings', { deviceCodeIntervalSeconds: 1 });

  process.stdout.write(myaccount(['get-environment', 'LocalCloud', '--output', 'table']));

  const result = await signIn(
    attended
      ? approveAttended(instance)
      : async (event) => {
          say(`  No terminal here: approving code ${event.userCode} as ${USER.name} through the admin API, as a person would on ${event.verificationUri}.`);
          await approveByAdminApi(instance, event.userCode);
        },
  );
  const reached = result.Tenants.filter((t) => t.Status === 'Succeeded').length;
  say(`  Signed in as ${result.Context.Account.Id} (${result.Flow}); subscriptions listed from ${reached} of ${result.Tenants.length} tenants; token cache: ${result.TokenCache}.`);

  process.stdout.write(myaccount(['get-context', '--output', 'table']));

  say('\n$ myaccount get-access-token   (only its expiry is shown here; the token itself is never printed by this demo)');
  const token = JSON.parse(myaccount(['get-access-token'], { show: false }));
  say(`  ExpiresOn ${token.ExpiresOn}   expiresOn (local time) ${token.expiresOn}   TenantId ${token.TenantId}`);

  process.stdout.write(myaccount(['get-config', '--output', 'table']));

  showPowerShell();

  say('\n$ myaccount emulator stop');
  myaccount(['emulator', 'stop'], { show: false });
  say('  Stopped.');
  say(`\nState lived in ${stateDir} (removed now). Next: "myaccount connect --help", the README's "Signing in", or "npm test".`);
} catch (error) {
  process.exitCode = 1;
  console.error(`\nThe demo failed: ${error instanceof Error ? error.message : error}`);
} finally {
  cleanUp();
}
