/**
 * EnableLoginByWam end to end with the REAL msal-node-runtime native code: the CLI (a new process
 * each time, as people and pipelines run it) talks through NativeBrokerPlugin to the local
 * broker double that `emulator start --broker` serves on its own private D-Bus session bus, with
 * its own keyring and HOME. Nothing here touches the machine's own buses.
 *
 * Needs scripts/setup.sh --system (webkit2gtk-4.1, soup-3.0, dbus, gnome-keyring); without them the
 * runtime cannot load and the suite fails on its first check, saying so.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROKER_NAME, BROKER_PATH, CONTROL_INTERFACE, DBusConnection, type BrokerLogEntry } from '../../src/emulator/broker/index.js';
import { startPrivateBus } from '../../src/emulator/broker/bus.js';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { REPO, runCli, tempConfigDir, type CliResult } from '../helpers/cli.js';
import { runPwsh } from '../helpers/pwsh.js';
import { processAlive } from '../../src/core/process-alive.js';

const CONTOSO = 'aaaaaaaa-0000-4000-8000-000000000001';
const FABRIKAM = 'bbbbbbbb-0000-4000-8000-000000000002';
const CONTOSO_PRODUCTION = '11111111-1111-4111-8111-111111111111';

let state: { dir: string; cleanup: () => void };
let home: string;
let bus: string;
let control: DBusConnection;
let pids: number[] = [];

/** The CLI's environment: our HOME, our bus, no display (so nothing could open a browser instead). */
const env = (extra: Record<string, string | undefined> = {}): Record<string, string | undefined> => ({ HOME: home, DBUS_SESSION_BUS_ADDRESS: bus, DISPLAY: undefined, WAYLAND_DISPLAY: undefined, ...extra });
const cli = (args: string[], extra: Record<string, string | undefined> = {}): Promise<CliResult> => runCli(state.dir, args, { env: env(extra) });

const claims = (token: string): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
const warnings = (r: CliResult): string[] => r.stderr.split('\n').filter((l) => l.startsWith('WARNING:'));

async function brokerLog(): Promise<BrokerLogEntry[]> {
  const [json] = await control.call(BROKER_NAME, BROKER_PATH, CONTROL_INTERFACE, 'requestLog');
  return JSON.parse(String(json)) as BrokerLogEntry[];
}

async function configureBroker(settings: Record<string, unknown>): Promise<void> {
  await control.call(BROKER_NAME, BROKER_PATH, CONTROL_INTERFACE, 'configure', 's', [JSON.stringify(settings)]);
}

/** Running: an exited process that init has not reaped yet (a zombie) is not. */
const alive = processAlive;

function profileAccounts(): { id: string; homeAccountId?: string; properties?: Record<string, string> }[] {
  return JSON.parse(readFileSync(join(state.dir, 'profile.json'), 'utf8')).accounts;
}

beforeAll(async () => {
  state = tempConfigDir();
  home = mkdtempSync(join(tmpdir(), 'myaccount-broker-home-'));
  const started = await runCli(state.dir, ['emulator', 'start', '--detach', '--broker', '--port', '0'], { env: { HOME: home, DBUS_SESSION_BUS_ADDRESS: undefined } });
  if (started.code !== 0) throw new Error(`emulator start --broker failed: ${started.stdout} ${started.stderr}`);
  bus = started.json.BrokerBusAddress;
  pids = [started.json.Pid, ...JSON.parse(readFileSync(join(state.dir, 'emulator', 'instance.json'), 'utf8')).broker.pids];
  control = await DBusConnection.connect(bus);
  expect((await cli(['update-config', '--enable-login-by-wam', 'true'])).code).toBe(0);
}, 60000);

afterAll(async () => {
  control?.close();
  if (state) await runCli(state.dir, ['emulator', 'stop'], { env: { HOME: home } });
  // The local cloud, its bus daemon and keyring are all stopped by emulator stop (by pid).
  const left = pids.filter(alive);
  for (const pid of left) process.kill(pid, 'SIGKILL');
  state?.cleanup();
  if (home) rmSync(home, { recursive: true, force: true });
  expect(left).toEqual([]);
});

test('emulator env gives a shell the broker bus', async () => {
  const r = await cli(['emulator', 'env']);
  expect(r.code).toBe(0);
  expect(r.json.Variables.DBUS_SESSION_BUS_ADDRESS).toBe(bus);
  expect(bus).toMatch(/^unix:path=/);
});

test('connect signs in through the real runtime and the broker double, with the window handle it was given', async () => {
  const r = await cli(['connect', '--environment', 'LocalCloud'], { MYACCOUNT_PARENT_WINDOW: '0x3a00007' });
  expect(r.stderr).not.toMatch(/EnableLoginByWam is on, but/);
  expect(r.code).toBe(0);
  expect(r.json.Flow).toBe('Broker');
  expect(r.json.Context.Account.Id).toBe(S.ALICE.username);
  const [account] = profileAccounts();
  expect(account.properties?.broker).toBe('true');
  const interactive = (await brokerLog()).filter((e) => e.method === 'acquireTokenInteractively');
  expect(interactive).toHaveLength(1);
  // The 8-byte little-endian buffer reached the broker as the integer (the runtime decodes it).
  expect(interactive[0].parentWindowHandle).toBe(0x3a00007);
  expect(interactive[0].redirectUri).toBe('https://login.microsoftonline.com/common/oauth2/nativeclient');
  // msal-node-runtime 0.20.7 drops the port from the authority it sends.
  expect(interactive[0].authority).toBe('https://127.0.0.1/organizations');
});

test('new processes get tokens from the broker: two tenants, subscriptions, tenants, Graph', async () => {
  await configureBroker({ clearLog: true });
  const home = await cli(['get-access-token']);
  expect(home.code).toBe(0);
  expect(claims(home.json.Token).tid).toBe(CONTOSO);
  const other = await cli(['get-access-token', '--tenant', FABRIKAM]);
  expect(other.code).toBe(0);
  expect(claims(other.json.Token).tid).toBe(FABRIKAM);
  const subscriptions = await cli(['get-subscription']);
  expect(subscriptions.code).toBe(0);
  expect(subscriptions.json.map((s: { Id: string }) => s.Id)).toContain(CONTOSO_PRODUCTION);
  const tenants = await cli(['get-tenant']);
  expect(tenants.code).toBe(0);
  expect(tenants.json.map((t: { Id: string }) => t.Id)).toEqual(expect.arrayContaining([CONTOSO, FABRIKAM]));
  const graph = await cli(['get-access-token', '--resource-type-name', 'MSGraph']);
  expect(graph.code).toBe(0);
  // Tokens connect already fetched come from the runtime's own cache; Graph is new, so the broker was asked, for Alice.
  const silent = (await brokerLog()).filter((e) => e.method === 'acquireTokenSilently');
  expect(silent.some((e) => e.authority === `https://127.0.0.1/${CONTOSO}` && e.username === S.ALICE.username && (e.scopes ?? []).some((x) => /graph/i.test(x)))).toBe(true);
  expect((await brokerLog()).some((e) => e.method === 'acquireTokenInteractively')).toBe(false);
});

test('set-context to another tenant\'s subscription goes through the broker', async () => {
  const r = await cli(['set-context', '--tenant', FABRIKAM]);
  expect(r.code).toBe(0);
  expect(r.json.Tenant.Id).toBe(FABRIKAM);
  expect((await cli(['set-context', '--subscription', CONTOSO_PRODUCTION])).code).toBe(0);
});

test('connect to another tenant asks the broker for that tenant', async () => {
  await configureBroker({ clearLog: true });
  const r = await cli(['connect', '--environment', 'LocalCloud', '--tenant', FABRIKAM]);
  expect(r.code).toBe(0);
  expect(r.json.Flow).toBe('Broker');
  expect(r.json.Context.Tenant.Id).toBe(FABRIKAM);
  const interactive = (await brokerLog()).filter((e) => e.method === 'acquireTokenInteractively');
  expect(interactive.map((e) => e.authority)).toEqual([`https://127.0.0.1/${FABRIKAM}`]);
  expect(profileAccounts()[0].properties?.broker).toBe('true');
});

describe('broker failures map to error codes and exit codes', () => {
  afterEach(() => configureBroker({ fail: null }));

  test.each([
    [7, 'SignInCancelled', 4],
    [3, 'BrokerNoNetwork', 1],
    [4, 'BrokerNoNetwork', 1],
    [5, 'BrokerServerUnavailable', 1],
  ])('status %i at connect: %s, exit %i, the profile untouched', async (status, code, exit) => {
    const before = readFileSync(join(state.dir, 'profile.json'), 'utf8');
    await configureBroker({ fail: { method: 'acquireTokenInteractively', status, subStatus: 0, tag: 0x2a } });
    const r = await cli(['connect', '--environment', 'LocalCloud']);
    expect(r.code).toBe(exit);
    expect(r.json.error.code).toBe(code);
    expect(readFileSync(join(state.dir, 'profile.json'), 'utf8')).toBe(before);
  });

  test('status 2 (interaction required) on a silent token: SignInRequired, exit 3', async () => {
    // A resource not asked for before, so the runtime cannot answer from its own cache.
    await configureBroker({ fail: { method: 'acquireTokenSilently', status: 2, tag: 0x2b } });
    const r = await cli(['get-access-token', '--resource-url', 'https://vault.azure.net']);
    expect(r.code).toBe(3);
    expect(r.json.error.code).toBe('SignInRequired');
  });
});

test('EnableLoginByWam turned off later: the brokered account keeps using the broker, with one notice', async () => {
  expect((await cli(['update-config', '--enable-login-by-wam', 'false'])).code).toBe(0);
  try {
    const r = await cli(['get-access-token', '--tenant', FABRIKAM]);
    expect(r.code).toBe(0);
    expect(warnings(r).filter((w) => /EnableLoginByWam is off/.test(w))).toHaveLength(1);
  } finally {
    await cli(['update-config', '--enable-login-by-wam', 'true']);
  }
});

/** The runtime's own view, from a process of its own: can it still get a token for Alice? */
function runtimeSilent(clientId: string): Promise<{ accounts: number; error?: string; token?: boolean }> {
  const script = `
    const { PublicClientApplication } = await import('@azure/msal-node');
    const { NativeBrokerPlugin } = await import('@azure/msal-node-extensions');
    const [port, clientId] = process.argv.slice(1);
    const app = new PublicClientApplication({ auth: { clientId, authority: 'https://127.0.0.1:' + port + '/organizations', knownAuthorities: ['127.0.0.1:' + port] }, broker: { nativeBrokerPlugin: new NativeBrokerPlugin() } });
    const accounts = await app.getAllAccounts();
    const alice = accounts.find((a) => a.username === '${S.ALICE.username}');
    let out = { accounts: accounts.length };
    if (alice) {
      try { await app.acquireTokenSilent({ account: alice, scopes: ['https://management.core.windows.net//.default'], forceRefresh: true }); out.token = true; }
      catch (e) { out.error = e.message; }
    }
    console.log(JSON.stringify(out));
    process.exit(0); // the runtime's threads would keep the process alive`;
  const instance = JSON.parse(readFileSync(join(state.dir, 'emulator', 'instance.json'), 'utf8'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, String(instance.port), clientId], { cwd: REPO, env: { PATH: process.env.PATH, HOME: home, DBUS_SESSION_BUS_ADDRESS: bus, NODE_EXTRA_CA_CERTS: instance.caBundlePath } });
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? ''));
      } catch {
        reject(new Error(`runtime probe printed: ${out}`));
      }
    });
  });
}

test('disconnect signs out at the broker: the next get-access-token exits 3, and the runtime refuses the account', async () => {
  const clientId = profileAccounts()[0].properties!.clientId;
  expect((await runtimeSilent(clientId)).token).toBe(true);
  const r = await cli(['disconnect']);
  expect(r.code).toBe(0);
  expect(warnings(r)).toEqual([]);
  const after = await cli(['get-access-token']);
  expect(after.code).toBe(3);
  expect(after.json.error.code).toBe('SignInRequired');
  const probe = await runtimeSilent(clientId);
  expect(probe.token).toBeUndefined();
  expect(probe.accounts).toBeGreaterThan(0);
  expect(probe.error).toMatch(/signed out/i);
});

test('connect again after disconnect: the broker picker clears the sign-out, other tenants work', async () => {
  const r = await cli(['connect', '--environment', 'LocalCloud']);
  expect(r.code).toBe(0);
  expect(r.json.Flow).toBe('Broker');
  const other = await cli(['get-access-token', '--tenant', FABRIKAM]);
  expect(other.code).toBe(0);
  expect(claims(other.json.Token).tid).toBe(FABRIKAM);
});

test('a shell on another bus (its own keyring, no local broker): the local cloud is not handed to that bus, exit 3 BrokerUnavailable', async () => {
  const otherDir = mkdtempSync(join(tmpdir(), 'myaccount-other-bus-'));
  const other = await startPrivateBus(otherDir);
  try {
    const r = await cli(['get-access-token'], { DBUS_SESSION_BUS_ADDRESS: other.address });
    expect(r.code).toBe(3);
    expect(r.json.error.code).toBe('BrokerUnavailable');
    expect(r.json.error.message).toMatch(/emulator start --detach --broker/);
  } finally {
    other.stop();
    rmSync(otherDir, { recursive: true, force: true });
  }
});

test('EnableLoginByWam on and no broker on the bus: one notice saying why, then the device code, as before', async () => {
  const otherDir = mkdtempSync(join(tmpdir(), 'myaccount-no-broker-'));
  const other = await startPrivateBus(otherDir);
  try {
    const r = await cli(['connect', '--environment', 'LocalCloud', '--timeout', '2'], { DBUS_SESSION_BUS_ADDRESS: other.address });
    const notices = warnings(r).filter((w) => /EnableLoginByWam is on/.test(w));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/no identity broker answers on the D-Bus session bus/);
    expect(notices[0]).toMatch(/device code/);
    // Nobody approves the code here: the device code flow ran and timed out.
    expect(r.code).toBe(4);
    expect(r.json.error.code).toBe('SignInTimedOut');
  } finally {
    other.stop();
    rmSync(otherDir, { recursive: true, force: true });
  }
});

test('PowerShell: Update-MyConfig -EnableLoginByWam $true; Connect-MyAccount -Environment LocalCloud signs in through the broker', async () => {
  await configureBroker({ clearLog: true });
  const r = await runPwsh(
    { configDir: state.dir, env: env() },
    `
Update-MyConfig -EnableLoginByWam $true | Out-Null
$connected = Connect-MyAccount -Environment LocalCloud
$token = Get-MyAccessToken -TenantId ${FABRIKAM}
[ordered]@{ Flow = $connected.Flow; Account = $connected.Context.Account.Id; TokenTenant = $token.TenantId } | Out-Result
`,
  );
  if (r.code !== 0) throw new Error(`pwsh exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  expect(r.result).toEqual({ Flow: 'Broker', Account: S.ALICE.username, TokenTenant: FABRIKAM });
  expect((await brokerLog()).filter((e) => e.method === 'acquireTokenInteractively')).toHaveLength(1);
});
