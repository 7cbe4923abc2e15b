import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempConfigDir } from '../helpers/cli.js';

describe('config through the real CLI', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempConfigDir()));
  afterEach(() => cleanup());

  const byKey = (json: any[]): Record<string, any> => Object.fromEntries(json.map((c) => [c.Key, c]));

  test('get-config lists every setting with default, help and scope, like PSConfig', async () => {
    const r = await runCli(dir, ['get-config']);
    expect(r.code).toBe(0);
    const all = byKey(r.json);
    expect(Object.keys(all)).toEqual(['EnableLoginByWam', 'DefaultSubscriptionForLogin', 'LoginExperienceV2', 'DisableInstanceDiscovery', 'AllowPlaintextTokenCache']);
    expect(all.LoginExperienceV2).toEqual({ Key: 'LoginExperienceV2', Value: 'On', Scope: 'Default', DefaultValue: 'On', HelpMessage: expect.stringContaining('picker') });
    // Reading settings never creates state.
    expect(existsSync(join(dir, 'settings.json'))).toBe(false);
  });

  test('update-config persists for the current user and get-config shows it', async () => {
    const r = await runCli(dir, ['update-config', '--enable-login-by-wam', 'true', '--default-subscription-for-login', 'Production']);
    expect(r.code).toBe(0);
    expect(r.json.map((c: any) => [c.Key, c.Value, c.Scope])).toEqual([
      ['EnableLoginByWam', true, 'CurrentUser'],
      ['DefaultSubscriptionForLogin', 'Production', 'CurrentUser'],
    ]);
    const one = await runCli(dir, ['get-config', '--enable-login-by-wam']);
    expect(one.json).toEqual([expect.objectContaining({ Key: 'EnableLoginByWam', Value: true, Scope: 'CurrentUser' })]);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ version: 1, settings: { EnableLoginByWam: true, DefaultSubscriptionForLogin: 'Production' } });
    expect(statSync(join(dir, 'settings.json')).mode & 0o777).toBe(0o600);
  });

  test('precedence: Process > environment variable > CurrentUser > default', async () => {
    await runCli(dir, ['update-config', '--login-experience-v2', 'Off']);
    const env = { MYACCOUNT_LOGIN_EXPERIENCE_V2: 'on' };
    const fromEnv = await runCli(dir, ['get-config', '--login-experience-v2'], { env });
    expect(fromEnv.json[0]).toMatchObject({ Value: 'On', Scope: 'Environment' });
    const processUpdate = await runCli(dir, ['update-config', '--login-experience-v2', 'Off', '--scope', 'Process', '--output', 'env'], { env });
    const assignment = /^export MYACCOUNT_PROCESS_CONFIG='(.*)'\n$/.exec(processUpdate.stdout);
    expect(assignment).not.toBeNull();
    const withProcess = await runCli(dir, ['get-config', '--login-experience-v2'], { env: { ...env, MYACCOUNT_PROCESS_CONFIG: assignment![1] } });
    expect(withProcess.json[0]).toMatchObject({ Value: 'Off', Scope: 'Process' });
    const stored = await runCli(dir, ['get-config', '--scope', 'CurrentUser']);
    expect(stored.json.map((c: any) => c.Key)).toEqual(['LoginExperienceV2']);
  });

  test('a saved value that an environment variable overrides gets a warning', async () => {
    const r = await runCli(dir, ['update-config', '--enable-login-by-wam', 'true'], { env: { MYACCOUNT_ENABLE_LOGIN_BY_WAM: 'false' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('MYACCOUNT_ENABLE_LOGIN_BY_WAM overrides it here');
  });

  test('a malformed environment variable is ignored with a warning; a malformed Process config is an error', async () => {
    const bad = await runCli(dir, ['get-config', '--enable-login-by-wam'], { env: { MYACCOUNT_ENABLE_LOGIN_BY_WAM: 'maybe' } });
    expect(bad.json[0]).toMatchObject({ Value: false, Scope: 'Default' });
    expect(bad.stderr).toContain('Ignoring MYACCOUNT_ENABLE_LOGIN_BY_WAM');
    const broken = await runCli(dir, ['get-config'], { env: { MYACCOUNT_PROCESS_CONFIG: '{nope' } });
    expect([broken.code, broken.json.error.code]).toEqual([2, 'InvalidProcessConfig']);
  });

  test('update-config rejects a missing setting and wrong values without touching the file', async () => {
    await runCli(dir, ['update-config', '--login-experience-v2', 'Off']);
    const before = readFileSync(join(dir, 'settings.json'), 'utf8');
    for (const args of [[], ['--enable-login-by-wam', 'maybe'], ['--login-experience-v2', 'Sideways'], ['--scope', 'Machine', '--enable-login-by-wam', 'true']]) {
      const r = await runCli(dir, ['update-config', ...args]);
      expect(r.code).toBe(2);
      expect(r.json.error.category).toBe('InvalidArgument');
    }
    const json = await runCli(dir, ['update-config', '--input-json', '{"EnableLoginByWam":"yes"}']);
    expect(json.json.error.message).toBe('EnableLoginByWam (--enable-login-by-wam) must be true or false.');
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(before);
  });

  test('clear-config clears one key, or all, per scope', async () => {
    await runCli(dir, ['update-config', '--enable-login-by-wam', 'true', '--login-experience-v2', 'Off']);
    const one = await runCli(dir, ['clear-config', '--enable-login-by-wam']);
    expect(one.json).toEqual([expect.objectContaining({ Key: 'EnableLoginByWam', Value: false, Scope: 'Default' })]);
    const proc = await runCli(dir, ['clear-config', '--scope', 'Process', '--output', 'env'], { env: { MYACCOUNT_PROCESS_CONFIG: '{"DisableInstanceDiscovery":true}' } });
    expect(proc.stdout).toBe('unset MYACCOUNT_PROCESS_CONFIG\n');
    const all = await runCli(dir, ['clear-config']);
    expect(all.json).toHaveLength(5);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).settings).toEqual({});
  });

  test('export-config and import-config round-trip, refuse to overwrite, and reject bad files whole', async () => {
    await runCli(dir, ['update-config', '--enable-login-by-wam', 'true', '--default-subscription-for-login', 'Prod']);
    const file = join(dir, '..', 'export.json');
    const exported = await runCli(dir, ['export-config', file]);
    expect(exported.json).toEqual({ Path: file, Settings: { EnableLoginByWam: true, DefaultSubscriptionForLogin: 'Prod' } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = await runCli(dir, ['export-config', file]);
    expect([again.code, again.json.error.code]).toEqual([1, 'FileExists']);
    expect((await runCli(dir, ['export-config', file, '--force'])).code).toBe(0);

    const other = tempConfigDir();
    try {
      const imported = await runCli(other.dir, ['import-config', file]);
      expect(imported.json.map((c: any) => [c.Key, c.Value])).toEqual([
        ['EnableLoginByWam', true],
        ['DefaultSubscriptionForLogin', 'Prod'],
      ]);
      const bad = join(dir, '..', 'bad.json');
      for (const body of ['{', '[]', '{"version":1,"settings":{"Nope":true}}', '{"version":1,"settings":{"EnableLoginByWam":"yes","LoginExperienceV2":"Off"}}', '{"version":99,"settings":{}}']) {
        writeFileSync(bad, body);
        const before = readFileSync(join(other.dir, 'settings.json'), 'utf8');
        const r = await runCli(other.dir, ['import-config', bad]);
        expect([r.code, r.json.error.code]).toEqual([2, 'InvalidConfigFile']);
        expect(readFileSync(join(other.dir, 'settings.json'), 'utf8')).toBe(before);
      }
      const missing = await runCli(other.dir, ['import-config', join(dir, 'nope.json')]);
      expect([missing.code, missing.json.error.category]).toEqual([1, 'ObjectNotFound']);
    } finally {
      other.cleanup();
    }
  });
});
