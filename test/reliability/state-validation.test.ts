/**
 * State is checked when read, not only when a command wrote it: an edited profile environment
 * (http to a non-loopback-named host), a planted local cloud record (a foreign host and CA), and a
 * state folder others can write to are refused with an error naming the file and the fix.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempConfigDir } from '../helpers/cli.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempConfigDir());
  mkdirSync(dir, { recursive: true, mode: 0o700 });
});
afterEach(() => cleanup());

test('a stored environment edited to http://127.0.0.2 is refused before any token is sent; set-environment fixes it', async () => {
  const profile = {
    version: 1,
    defaultContext: null,
    accounts: [],
    contexts: [],
    environments: [{ Name: 'Edited', ActiveDirectoryAuthority: 'https://login.example.com/', ResourceManagerUrl: 'http://127.0.0.2:8080/' }],
  };
  writeFileSync(join(dir, 'profile.json'), JSON.stringify(profile), { mode: 0o600 });
  const r = await runCli(dir, ['connect', '--environment', 'Edited', '--service-principal', '--application-id', '00000000-0000-0000-0000-000000000001', '--tenant', 'contoso.onmicrosoft.com', '--client-secret', 'x']);
  expect(r.code).toBe(1);
  expect(r.json.error).toMatchObject({ code: 'StateFileInvalid', target: join(dir, 'profile.json') });
  expect(r.json.error.message).toContain('ResourceManagerUrl must use https');
  expect(r.json.error.message).toContain('set-environment');
  expect(JSON.parse(readFileSync(join(dir, 'profile.json'), 'utf8'))).toEqual(profile);
  const fixed = await runCli(dir, ['set-environment', 'Edited', '--resource-manager-url', 'https://management.example.com/']);
  expect(fixed.code).toBe(0);
});

test('a planted local cloud record (foreign host, CA outside the folder) is not trusted', async () => {
  mkdirSync(join(dir, 'emulator'), { mode: 0o700 });
  const file = join(dir, 'emulator', 'instance.json');
  const planted = { pid: process.pid, port: 443, url: 'https://evil.example.com:443', admin: false, caCertPath: '/tmp/evil-ca.pem', caBundlePath: '/tmp/evil-ca.pem', startedAt: new Date().toISOString() };
  writeFileSync(file, JSON.stringify(planted), { mode: 0o600 });
  const r = await runCli(dir, ['get-environment']);
  expect(r.code).toBe(1);
  expect(r.json.error).toMatchObject({ code: 'StateFileInvalid', target: file });
  // The right host but a CA outside the folder: refused too.
  writeFileSync(file, JSON.stringify({ ...planted, url: 'https://127.0.0.1:443' }), { mode: 0o600 });
  const again = await runCli(dir, ['get-environment']);
  expect(again.json.error.message).toContain('CA files are not inside');
});

test('a state folder others can write to is refused (chmod 700 says how), unless MYACCOUNT_ALLOW_SHARED_STATE_DIR=1', async () => {
  chmodSync(dir, 0o777);
  const r = await runCli(dir, ['get-context']);
  expect(r.code).toBe(1);
  expect(r.json.error).toMatchObject({ code: 'StateDirInsecure', target: dir });
  expect(r.json.error.message).toContain(`chmod 700 ${dir}`);
  const update = await runCli(dir, ['update-config', '--allow-plaintext-token-cache', 'true']);
  expect(update.json.error.code).toBe('StateDirInsecure');
  const allowed = await runCli(dir, ['get-context'], { env: { MYACCOUNT_ALLOW_SHARED_STATE_DIR: '1' } });
  expect(allowed.code).toBe(0);
});
