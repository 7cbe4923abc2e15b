import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempConfigDir } from '../helpers/cli.js';
import { expectMode } from '../helpers/modes.js';

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
    expect(Object.keys(all)).toEqual(['EnableLoginByWam', 'DefaultSubscriptionForLogin', 'LoginExperienceV2', 'DisableInstanceDiscovery', 'AllowPlaintextTokenCache', 'TenantConcurrency', 'ClientId']);
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
    expectMode(join(dir, 'settings.json'), 0o600);
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
    const one = await runCli(dir, ['clear-config', '--enable-login-by-wam', '--pass-thru']);
    expect(one.json).toEqual([expect.objectContaining({ Key: 'EnableLoginByWam', Value: false, Scope: 'Default' })]);
    const proc = await runCli(dir, ['clear-config', '--scope', 'Process', '--output', 'env'], { env: { MYACCOUNT_PROCESS_CONFIG: '{"DisableInstanceDiscovery":true}' } });
    expect(proc.stdout).toBe('unset MYACCOUNT_PROCESS_CONFIG\n');
    const all = await runCli(dir, ['clear-config', '--pass-thru']);
    expect((await runCli(dir, ['clear-config'])).json).toBeNull();
    expect(all.json).toHaveLength(7);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).settings).toEqual({});
  });

  describe('TenantConcurrency, an integer setting', () => {
    const view = async (env: Record<string, string> = {}) => (await runCli(dir, ['get-config', '--tenant-concurrency'], { env })).json[0];

    test('update-config persists a number, and get-config shows it as one', async () => {
      expect(await view()).toMatchObject({ Value: 8, Scope: 'Default', DefaultValue: 8 });
      const r = await runCli(dir, ['update-config', '--tenant-concurrency', '16']);
      expect([r.code, r.json]).toEqual([0, [expect.objectContaining({ Key: 'TenantConcurrency', Value: 16, Scope: 'CurrentUser' })]]);
      expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).settings).toEqual({ TenantConcurrency: 16 });
      expect(await view()).toMatchObject({ Value: 16, Scope: 'CurrentUser' });
    });

    test('values out of range or not whole numbers are rejected with exit 2 and change nothing', async () => {
      await runCli(dir, ['update-config', '--tenant-concurrency', '16']);
      const before = readFileSync(join(dir, 'settings.json'), 'utf8');
      const cases: [string[], string][] = [
        [['--tenant-concurrency', '0'], 'TenantConcurrency (--tenant-concurrency) must be at least 1.'],
        [['--tenant-concurrency', '65'], 'TenantConcurrency (--tenant-concurrency) must be at most 64.'],
        [['--tenant-concurrency', 'abc'], 'TenantConcurrency (--tenant-concurrency) must be a whole number; got "abc".'],
        [['--tenant-concurrency', '2.5'], 'TenantConcurrency (--tenant-concurrency) must be a whole number; got "2.5".'],
        [['--input-json', '{"TenantConcurrency":"12"}'], 'TenantConcurrency (--tenant-concurrency) must be a whole number.'],
        [['--input-json', '{"TenantConcurrency":2.5}'], 'TenantConcurrency (--tenant-concurrency) must be a whole number.'],
      ];
      for (const [args, message] of cases) {
        const r = await runCli(dir, ['update-config', ...args]);
        expect([args, r.code, r.json.error.category, r.json.error.message]).toEqual([args, 2, 'InvalidArgument', message]);
      }
      expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(before);
    });

    test('MYACCOUNT_TENANT_CONCURRENCY overrides the saved value; a bad one is ignored with a warning', async () => {
      await runCli(dir, ['update-config', '--tenant-concurrency', '16']);
      expect(await view({ MYACCOUNT_TENANT_CONCURRENCY: '12' })).toMatchObject({ Value: 12, Scope: 'Environment' });
      expect(await view({ MYACCOUNT_TENANT_CONCURRENCY: ' 12 ' })).toMatchObject({ Value: 12, Scope: 'Environment' });
      for (const text of ['0', '65', 'abc', '12.0', '1e1', '-3']) {
        const r = await runCli(dir, ['get-config', '--tenant-concurrency'], { env: { MYACCOUNT_TENANT_CONCURRENCY: text } });
        expect([text, r.code, r.json[0].Value, r.json[0].Scope]).toEqual([text, 0, 16, 'CurrentUser']);
        expect(r.stderr).toContain(`Ignoring MYACCOUNT_TENANT_CONCURRENCY="${text}": it is not a valid value for TenantConcurrency (a whole number from 1 to 64).`);
      }
    });

    test('Process scope carries the number, wins over the environment, and rejects a bad one', async () => {
      const env = { MYACCOUNT_TENANT_CONCURRENCY: '12' };
      const update = await runCli(dir, ['update-config', '--tenant-concurrency', '3', '--scope', 'Process', '--output', 'env'], { env });
      const assignment = /^export MYACCOUNT_PROCESS_CONFIG='(.*)'\n$/.exec(update.stdout);
      expect(JSON.parse(assignment![1])).toEqual({ TenantConcurrency: 3 });
      expect(await view({ ...env, MYACCOUNT_PROCESS_CONFIG: assignment![1] })).toMatchObject({ Value: 3, Scope: 'Process' });
      expect(existsSync(join(dir, 'settings.json'))).toBe(false);
      for (const json of ['{"TenantConcurrency":"3"}', '{"TenantConcurrency":0}', '{"TenantConcurrency":3.5}']) {
        const r = await runCli(dir, ['get-config'], { env: { MYACCOUNT_PROCESS_CONFIG: json } });
        expect([json, r.code, r.json.error.code]).toEqual([json, 2, 'InvalidProcessConfig']);
        expect(r.json.error.message).toContain('a wrong value for TenantConcurrency (it must be a whole number from 1 to 64)');
      }
    });

    test('export-config and import-config keep the number; a string or out-of-range number is refused', async () => {
      await runCli(dir, ['update-config', '--tenant-concurrency', '32']);
      const file = join(dir, '..', 'export.json');
      expect((await runCli(dir, ['export-config', file])).json.Settings).toEqual({ TenantConcurrency: 32 });
      expect(JSON.parse(readFileSync(file, 'utf8')).settings).toEqual({ TenantConcurrency: 32 });
      const other = tempConfigDir();
      try {
        const imported = await runCli(other.dir, ['import-config', file]);
        expect(imported.json).toEqual([expect.objectContaining({ Key: 'TenantConcurrency', Value: 32, Scope: 'CurrentUser' })]);
        expect(JSON.parse(readFileSync(join(other.dir, 'settings.json'), 'utf8')).settings).toEqual({ TenantConcurrency: 32 });
        const before = readFileSync(join(other.dir, 'settings.json'), 'utf8');
        for (const value of ['"32"', '0', '65', '2.5']) {
          writeFileSync(file, `{"version":1,"settings":{"TenantConcurrency":${value}}}`);
          const r = await runCli(other.dir, ['import-config', file]);
          expect([value, r.code, r.json.error.code]).toEqual([value, 2, 'InvalidConfigFile']);
          expect(r.json.error.message).toContain('TenantConcurrency: it must be a whole number from 1 to 64');
        }
        expect(readFileSync(join(other.dir, 'settings.json'), 'utf8')).toBe(before);
      } finally {
        other.cleanup();
      }
    });
  });

  test('export-config and import-config round-trip, refuse to overwrite, and reject bad files whole', async () => {
    await runCli(dir, ['update-config', '--enable-login-by-wam', 'true', '--default-subscription-for-login', 'Prod']);
    const file = join(dir, '..', 'export.json');
    const exported = await runCli(dir, ['export-config', file]);
    expect(exported.json).toEqual({ Path: file, Settings: { EnableLoginByWam: true, DefaultSubscriptionForLogin: 'Prod' } });
    expectMode(file, 0o600);
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
