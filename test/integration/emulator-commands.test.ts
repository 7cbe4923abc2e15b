import { request } from 'node:https';
import { readFileSync, statSync } from 'node:fs';
import { runCli, tempConfigDir } from '../helpers/cli.js';
import { expectMode } from '../helpers/modes.js';
import { processAlive } from '../../src/core/process-alive.js';

function getJson(url: string, ca: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    request(url, { ca }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('myaccount emulator', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => ({ dir, cleanup } = tempConfigDir()));
  afterAll(async () => {
    await runCli(dir, ['emulator', 'stop']);
    cleanup();
  });

  test('env before the first start says how to get a CA', async () => {
    const r = await runCli(dir, ['emulator', 'env']);
    expect([r.code, r.json.error.code]).toEqual([1, 'EmulatorNeverStarted']);
  });

  test('start --detach, status, env, LocalCloud, a real TLS request, stop', async () => {
    const started = await runCli(dir, ['emulator', 'start', '--detach', '--port', '0', '--idle-timeout-minutes', '10']);
    expect(started.code).toBe(0);
    expect(started.json).toMatchObject({ Running: true, Url: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/), Environment: 'LocalCloud' });
    const { Url, Port, Pid, CaCertPath } = started.json;
    // The CA certificate is public; its key is not.
    expectMode(CaCertPath.replace('ca.pem', 'ca-key.pem'), 0o600);

    const status = await runCli(dir, ['emulator', 'status']);
    expect(status.json).toMatchObject({ Running: true, Pid, Port });

    const again = await runCli(dir, ['emulator', 'start', '--detach']);
    expect([again.code, again.json.error.code]).toEqual([1, 'EmulatorAlreadyRunning']);
    const resetWhileRunning = await runCli(dir, ['emulator', 'reset']);
    expect(resetWhileRunning.json.error.code).toBe('EmulatorRunning');

    const env = await runCli(dir, ['emulator', 'env', '--output', 'env']);
    expect(env.stdout).toContain(`export NODE_EXTRA_CA_CERTS='${started.json.CaBundlePath}'`);
    expect(env.stdout).toContain('export REQUESTS_CA_BUNDLE=');

    const local = await runCli(dir, ['get-environment', 'localcloud']);
    expect(local.json).toMatchObject({ Name: 'LocalCloud', Type: 'Built-in', ActiveDirectoryAuthority: `${Url}/`, ResourceManagerUrl: `${Url}/` });

    // The CA it printed is what a client needs: the emulator serves real TLS with it.
    const config = await getJson(`${Url}/organizations/v2.0/.well-known/openid-configuration`, readFileSync(CaCertPath, 'utf8'));
    expect(config.status).toBe(200);
    expect(config.body.token_endpoint).toBe(`${Url}/organizations/oauth2/v2.0/token`);

    const stopped = await runCli(dir, ['emulator', 'stop']);
    expect(stopped.json).toMatchObject({ Running: false });
    // It has exited (its pid may linger as a zombie until init reaps it: not running either).
    expect(processAlive(Pid)).toBe(false);
    const stopAgain = await runCli(dir, ['emulator', 'stop']);
    expect([stopAgain.code, stopAgain.json.Running]).toEqual([0, false]);
    const reset = await runCli(dir, ['emulator', 'reset', '--all']);
    expect(reset.json).toMatchObject({ Running: false, CaCertPath: null });
  });

  test('a port in use is a clear error', async () => {
    const first = await runCli(dir, ['emulator', 'start', '--detach', '--port', '0']);
    const other = tempConfigDir();
    try {
      const clash = await runCli(other.dir, ['emulator', 'start', '--port', String(first.json.Port)]);
      expect(first.code).toBe(0);
      expect(clash.code).toBe(1);
      expect(clash.json.error.code).toBe('EmulatorPortInUse');
    } finally {
      await runCli(dir, ['emulator', 'stop']);
      other.cleanup();
    }
  });

  test('start --adfs-tenant: the /adfs authority serves that tenant, and emulator az says so', async () => {
    const bad = await runCli(dir, ['emulator', 'start', '--port', '0', '--adfs-tenant', 'nowhere.example']);
    expect([bad.code, bad.json.error.code]).toEqual([2, 'EmulatorInvalidOptions']);
    const started = await runCli(dir, ['emulator', 'start', '--detach', '--port', '0', '--adfs-tenant', 'fabrikam.example']);
    try {
      expect(started.code).toBe(0);
      const { Url, CaCertPath, CaBundlePath } = started.json;
      const fabrikam = 'bbbbbbbb-0000-4000-8000-000000000002';
      const az = await runCli(dir, ['emulator', 'az']);
      expect(az.json).toMatchObject({ Authority: `${Url}/adfs`, TenantId: fabrikam, Running: true, Variables: { REQUESTS_CA_BUNDLE: CaBundlePath } });
      expect(az.json.Commands).toContain(`az cloud set -n LocalCloud`);
      expect(az.json.Commands.some((c: string) => c.includes(`--tenant ${fabrikam}`))).toBe(true);
      expect(az.stderr).toContain('az cloud register -n LocalCloud --cloud-config');
      const env = await runCli(dir, ['emulator', 'az', '--output', 'env']);
      expect(env.stdout).toContain(`export REQUESTS_CA_BUNDLE='${CaBundlePath}'`);
      expect(env.stdout).toContain('export AZURE_CONFIG_DIR=');
      const config = await getJson(`${Url}/adfs/.well-known/openid-configuration`, readFileSync(CaCertPath, 'utf8'));
      expect(config.body).toMatchObject({ issuer: `${Url}/adfs`, token_endpoint: `${Url}/adfs/oauth2/token/`, device_authorization_endpoint: `${Url}/adfs/oauth2/devicecode` });
      const info = await getJson(`${Url}/.well-known/local-cloud`, readFileSync(CaCertPath, 'utf8'));
      expect(info.body.adfs).toEqual({ authority: `${Url}/adfs`, tenantId: fabrikam });
    } finally {
      await runCli(dir, ['emulator', 'stop']);
    }
  });
});
