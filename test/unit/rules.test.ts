import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toFlag } from '../../src/core/names.js';
import { contextName, resolveDefault, repairDefault } from '../../src/profile/contexts.js';
import { profileSpec, type Profile } from '../../src/profile/profile.js';
import { readSettings, resolveSetting, settingsSpec, readProcessConfig } from '../../src/config/config-store.js';
import { SETTINGS, findSetting, isValidSettingValue, parseSettingText } from '../../src/config/settings.js';
import { environmentFromArmMetadata, normaliseEndpoint } from '../../src/profile/environments.js';
import { commands } from '../../src/commands/index.js';
import { validateInput } from '../../src/core/validate.js';
import { MyAccountError } from '../../src/core/errors.js';
import { createReporter } from '../../src/core/reporter.js';

const tenant = { id: 't-1' };
const sub = { id: 's-1', name: 'Prod', state: 'Enabled', tenantId: 't-1', homeTenantId: 't-1', managedByTenantIds: [] };

describe('naming rules', () => {
  test('flags are the kebab-case of PowerShell parameter names', () => {
    expect(['EnableLoginByWam', 'ARMEndpoint', 'LoginExperienceV2', 'TenantId', 'ListAvailable'].map(toFlag)).toEqual([
      'enable-login-by-wam',
      'arm-endpoint',
      'login-experience-v2',
      'tenant-id',
      'list-available',
    ]);
  });

  test("context names follow Az's TryGetContextName, in order", () => {
    expect(contextName('a@x', tenant, sub)).toBe('Prod (s-1) - t-1 - a@x');
    expect(contextName('a@x', null, sub)).toBe('Prod (s-1) - a@x');
    expect(contextName('a@x', tenant, null)).toBe('t-1 - a@x');
    expect(contextName(null, tenant, sub)).toBe('Default');
  });

  test('every cmdlet uses an approved verb and every command has help and examples', () => {
    const approved = ['Get', 'Set', 'Select', 'Rename', 'Remove', 'Clear', 'Update', 'Export', 'Import', 'Add', 'Connect', 'Disconnect', 'Start', 'Stop', 'Reset', 'Invoke', 'Enable', 'Disable', 'Save'];
    for (const c of commands) {
      if (c.cmdlet) expect(approved).toContain(c.cmdlet.split('-')[0]);
      expect(c.summary.length).toBeGreaterThan(10);
      expect(c.examples.length).toBeGreaterThan(0);
      for (const [name, schema] of Object.entries(c.input.properties)) {
        expect([name, typeof schema.description]).toEqual([name, 'string']);
        expect(name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      }
    }
  });
});

describe('settings precedence', () => {
  const wam = findSetting('enableloginbywam')!;
  const stored = { version: 1, settings: { EnableLoginByWam: true } };
  test('Process > environment variable > CurrentUser > default', () => {
    expect(resolveSetting(wam, { version: 1, settings: {} }, {}, {})).toMatchObject({ Value: false, Scope: 'Default' });
    expect(resolveSetting(wam, stored, {}, {})).toMatchObject({ Value: true, Scope: 'CurrentUser' });
    expect(resolveSetting(wam, stored, { MYACCOUNT_ENABLE_LOGIN_BY_WAM: 'off' }, {})).toMatchObject({ Value: false, Scope: 'Environment' });
    expect(resolveSetting(wam, stored, { MYACCOUNT_ENABLE_LOGIN_BY_WAM: 'off' }, { EnableLoginByWam: true })).toMatchObject({ Value: true, Scope: 'Process' });
  });

  test('environment text is read by type', () => {
    expect(parseSettingText(wam, 'YES')).toBe(true);
    expect(parseSettingText(wam, 'nah')).toBeUndefined();
    expect(parseSettingText(findSetting('LoginExperienceV2')!, 'off')).toBe('Off');
    expect(parseSettingText(findSetting('DefaultSubscriptionForLogin')!, 'a\u0007b')).toBeUndefined();
  });

  test('integer settings read digits only, within their bounds', () => {
    const concurrency = findSetting('TenantConcurrency')!;
    expect(['1', ' 12 ', '64'].map((t) => parseSettingText(concurrency, t))).toEqual([1, 12, 64]);
    for (const text of ['0', '65', '-1', 'abc', '12.0', '1e1', '0x8', '']) expect([text, parseSettingText(concurrency, text)]).toEqual([text, undefined]);
    expect([16, '16', 16.5, 0, 65, true, null].map((v) => isValidSettingValue(concurrency, v))).toEqual([true, false, false, false, false, false, false]);
    expect(resolveSetting(concurrency, { version: 1, settings: { TenantConcurrency: 16 } }, { MYACCOUNT_TENANT_CONCURRENCY: '4' }, {})).toMatchObject({ Value: 4, Scope: 'Environment', DefaultValue: 8 });
    expect(settingsSpec.upgrade({ settings: { TenantConcurrency: 99 } }, 1)).toEqual({ version: 1, settings: {} });
  });

  test('readSettings gives every effective value, typed, with the usual precedence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'myaccount-unit-'));
    const clock = { now: () => new Date() };
    const lines: string[] = [];
    const report = createReporter({ format: 'text', verbose: false, debug: false, write: (line) => lines.push(line) });
    const read = (env: Record<string, string>) => readSettings({ configDir: dir, clock, env, report });
    try {
      expect(await read({})).toEqual(Object.fromEntries(SETTINGS.map((s) => [s.key, s.default])));
      expect((await read({ MYACCOUNT_TENANT_CONCURRENCY: '12' })).TenantConcurrency).toBe(12);
      expect((await read({ MYACCOUNT_TENANT_CONCURRENCY: '12', MYACCOUNT_PROCESS_CONFIG: '{"TenantConcurrency":2}' })).TenantConcurrency).toBe(2);
      expect((await read({ MYACCOUNT_TENANT_CONCURRENCY: 'lots' })).TenantConcurrency).toBe(8);
      expect(lines).toEqual([expect.stringContaining('Ignoring MYACCOUNT_TENANT_CONCURRENCY="lots"')]);
      expect((await read({ MYACCOUNT_ENABLE_LOGIN_BY_WAM: 'on' })).EnableLoginByWam).toBe(true);
      // Reading never creates state.
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('Process config must name known settings with valid values', () => {
    expect(readProcessConfig({ MYACCOUNT_PROCESS_CONFIG: '{"LoginExperienceV2":"Off"}' })).toEqual({ LoginExperienceV2: 'Off' });
    expect(() => readProcessConfig({ MYACCOUNT_PROCESS_CONFIG: '{"Nope":1}' })).toThrow(MyAccountError);
  });

  test('every setting has a MYACCOUNT_ variable and help', () => {
    for (const s of SETTINGS) {
      expect(s.envVar).toMatch(/^MYACCOUNT_[A-Z0-9_]+$/);
      expect(s.help.length).toBeGreaterThan(20);
    }
  });
});

describe('state file versions', () => {
  test('an unversioned profile upgrades to version 1', () => {
    expect(profileSpec.upgrade({ contexts: [] }, 0)).toEqual({ version: 1, defaultContext: null, accounts: [], contexts: [], environments: [] });
    expect(profileSpec.upgrade({ contexts: {} }, 1)).toBe('its "contexts" is not a list');
  });

  test('settings drop unknown or mistyped keys instead of failing', () => {
    expect(settingsSpec.upgrade({ settings: { EnableLoginByWam: true, Gone: 1, LoginExperienceV2: 'Sideways' } }, 1)).toEqual({ version: 1, settings: { EnableLoginByWam: true } });
  });
});

describe('contexts', () => {
  const profile: Profile = {
    version: 1,
    defaultContext: 'gone',
    accounts: [],
    contexts: [
      { name: 'a', accountId: 'x', environment: 'AzureCloud', tenant, subscription: sub },
      { name: 'b', accountId: 'x', environment: 'AzureCloud', tenant, subscription: null },
    ],
    environments: [],
  };
  test('a stored default that no longer exists falls back to the first context', () => {
    expect(resolveDefault(profile, {})?.context.name).toBe('a');
    expect(repairDefault(profile).defaultContext).toBe('a');
  });
  test('MYACCOUNT_CONTEXT wins, ignoring case', () => {
    expect(resolveDefault(profile, { MYACCOUNT_CONTEXT: 'B' })).toMatchObject({ scope: 'Process', context: { name: 'b' } });
  });
});

describe('environments', () => {
  test('ARM metadata in the 2022-09-01 array shape picks the entry for the given endpoint', () => {
    const doc = [
      { name: 'Other', resourceManager: 'https://other.test/', authentication: { loginEndpoint: 'https://login.other.test/', audiences: ['https://other.test/'] } },
      { name: 'Mine', resourceManager: 'https://arm.mine.test', authentication: { loginEndpoint: 'https://login.mine.test', audiences: ['https://arm.mine.test/'], identityProvider: 'ADFS' }, suffixes: { sqlServerHostname: 'db.mine.test' } },
    ];
    expect(environmentFromArmMetadata('Mine', 'https://arm.mine.test/', doc)).toMatchObject({
      Name: 'Mine',
      ActiveDirectoryAuthority: 'https://login.mine.test/',
      ResourceManagerUrl: 'https://arm.mine.test/',
      SqlDatabaseDnsSuffix: '.db.mine.test',
      EnableAdfsAuthentication: true,
    });
  });
  test('normalisation matches Az', () => {
    expect(normaliseEndpoint('ServiceManagementUrl', 'https://x.test')).toBe('https://x.test/');
    expect(normaliseEndpoint('SqlDatabaseDnsSuffix', 'database.x')).toBe('.database.x');
  });
});

describe('validation messages', () => {
  const setContext = commands.find((c) => c.name === 'set-context')!;
  test('name the parameter, its flag, and what it accepts', async () => {
    await expect(validateInput(setContext, { Scope: 'Machine', Tenant: 't' })).rejects.toThrow('Scope (--scope) must be one of: Process, CurrentUser.');
    await expect(validateInput(setContext, { Subscription: 'x'.repeat(300) })).rejects.toThrow('Subscription (--subscription) is too long: at most 256 characters are allowed.');
    await expect(validateInput(setContext, { Name: 'a\nb', Tenant: 't' })).rejects.toThrow(/Name \(--name\) is not in the expected form/);
    await expect(validateInput(setContext, { constructor: 'x' })).rejects.toThrow('set-context has no parameter named "constructor"');
  });
});
