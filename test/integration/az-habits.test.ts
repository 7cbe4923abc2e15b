/**
 * Habits from az, through the real CLI against the local cloud: --query (JMESPath) and -o on
 * every command, did-you-mean for mistyped commands and flags, and the az-shaped commands whose
 * JSON must have the keys and types azure-cli 2.45 prints (reference/az-cli.md §5.1–5.2).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';

jest.setTimeout(90_000);

// az 2.45's keys, from az-cli.md: `az login` / `az account list` (§5.1, §5.2), `az account show`
// (environmentName, not cloudName), `az account get-access-token` (2.45: no expires_on).
const AZ_LIST_KEYS = ['cloudName', 'homeTenantId', 'id', 'isDefault', 'managedByTenants', 'name', 'state', 'tenantId', 'user'];
const AZ_SHOW_KEYS = ['environmentName', 'homeTenantId', 'id', 'isDefault', 'managedByTenants', 'name', 'state', 'tenantId', 'user'];
const AZ_USER_KEYS = ['name', 'type'];
const AZ_TOKEN_KEYS = ['accessToken', 'expiresOn', 'subscription', 'tenant', 'tokenType'];
const AZ_TENANT_LEVEL_NAME = 'N/A(tenant level account)';

/** Keys and the JSON type of each value, as az's shape would have them. */
function expectAzAccount(value: any, keys: string[]): void {
  expect(Object.keys(value)).toEqual(keys);
  const types: Record<string, string> = { cloudName: 'string', environmentName: 'string', homeTenantId: 'string', id: 'string', isDefault: 'boolean', name: 'string', state: 'string', tenantId: 'string' };
  for (const key of keys.filter((k) => types[k])) expect([key, typeof value[key]]).toEqual([key, types[key]]);
  expect(Array.isArray(value.managedByTenants)).toBe(true);
  for (const m of value.managedByTenants) expect(Object.keys(m)).toEqual(['tenantId']);
  expect(Object.keys(value.user)).toEqual(AZ_USER_KEYS);
  expect(['user', 'servicePrincipal']).toContain(value.user.type);
  expect(value.id).toMatch(/^[0-9a-f-]{36}$/);
}

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ settings: { deviceCodeIntervalSeconds: 1 } });
});
afterAll(async () => {
  await cloud?.dispose();
});

const profileText = (): string => readFileSync(join(cloud.configDir, 'profile.json'), 'utf8');

async function loginByDeviceCode(username: string, args: string[] = []) {
  const cli = cloud.spawnCli(['login', '--environment', 'LocalCloud', '--use-device-code', '--events', 'jsonl', ...args]);
  const code = await cli.event('deviceCode');
  cloud.emu.approveDeviceCode(code.userCode, username);
  return cli.done;
}

describe('before anyone signs in', () => {
  test('account show says to log in (exit 3); account list is [] with az\'s warning', async () => {
    const show = await cloud.run(['account', 'show']);
    expect([show.code, show.json.error.code]).toEqual([3, 'SignInRequired']);
    expect(show.json.error.message).toContain('myaccount login');
    const list = await cloud.run(['account', 'list']);
    expect([list.code, list.json]).toEqual([0, []]);
    expect(list.stderr).toContain('WARNING: Please run "myaccount login"');
  });
});

describe('az login, then the account commands', () => {
  let login: any[];
  test('login --use-device-code prints az\'s list of subscriptions', async () => {
    const r = await loginByDeviceCode(S.ALICE.username);
    expect(r.code).toBe(0);
    login = r.json;
    expect(Array.isArray(login)).toBe(true);
    expect(login.length).toBeGreaterThan(1);
    for (const account of login) expectAzAccount(account, AZ_LIST_KEYS);
    expect(login.filter((a) => a.isDefault)).toHaveLength(1);
    expect(login[0].user).toEqual({ name: S.ALICE.username, type: 'user' });
    expect(login.map((a) => a.id)).toContain(S.SUBSCRIPTIONS.production);
    expect(new Set(login.map((a) => a.cloudName))).toEqual(new Set(['LocalCloud']));
  });

  test('account show: az\'s keys, environmentName; --query id -o tsv prints the bare id', async () => {
    const r = await cloud.run(['account', 'show']);
    expect(r.code).toBe(0);
    expectAzAccount(r.json, AZ_SHOW_KEYS);
    expect(r.json.isDefault).toBe(true);
    const id = await cloud.run(['account', 'show', '--query', 'id', '-o', 'tsv']);
    expect([id.code, id.stdout]).toEqual([0, `${r.json.id}\n`]);
    const byName = await cloud.run(['account', 'show', '-s', r.json.name, '--query', 'id', '--output', 'tsv']);
    expect(byName.stdout).toBe(`${r.json.id}\n`);
    const missing = await cloud.run(['account', 'show', '--subscription', '99999999-9999-4999-8999-999999999999']);
    expect([missing.code, missing.json.error.code]).toEqual([1, 'SubscriptionIdNotFound']);
  });

  test('account list: only enabled ones without --all; --all adds the rest', async () => {
    const some = await cloud.run(['account', 'list']);
    const all = await cloud.run(['account', 'list', '--all']);
    expect([some.code, all.code]).toEqual([0, 0]);
    for (const a of all.json) expectAzAccount(a, AZ_LIST_KEYS);
    expect(some.json.every((a: any) => a.state === 'Enabled')).toBe(true);
    expect(all.json.length).toBeGreaterThanOrEqual(some.json.length);
    expect(all.json.map((a: any) => a.id).sort()).toEqual(login.map((a) => a.id).sort());
    const names = await cloud.run(['account', 'list', '--query', '[].name', '-o', 'tsv']);
    expect(names.stdout).toBe(some.json.map((a: any) => `${a.name}\n`).join(''));
  });

  test('account list: a subscription delegated to another tenant is listed once, in its home tenant, as az lists it', async () => {
    const all = await cloud.run(['account', 'list', '--all']);
    const ids = all.json.map((a: any) => a.id);
    expect(ids).toHaveLength(new Set(ids).size);
    // Contoso Development is Contoso's, managed by Fabrikam too: alice reaches it through both.
    const development = all.json.find((a: any) => a.id === S.SUBSCRIPTIONS.development);
    expect([development.tenantId, development.homeTenantId]).toEqual([S.CONTOSO, S.CONTOSO]);
    const contexts = await cloud.run(['get-context', '--list-available', '--query', `[?Subscription.Id=='${S.SUBSCRIPTIONS.development}'].Tenant.Id`]);
    expect(contexts.json.sort()).toEqual([S.CONTOSO, S.FABRIKAM].sort());
  });

  test("-o tsv is az's: every field in az's order, True/False, None, a list as its length, an object empty", async () => {
    const show = await cloud.run(['account', 'show']);
    const a = show.json;
    const tsv = await cloud.run(['account', 'show', '-o', 'tsv']);
    expect(tsv.stdout).toBe([a.environmentName, a.homeTenantId, a.id, a.isDefault ? 'True' : 'False', String(a.managedByTenants.length), a.name, a.state, a.tenantId, ''].join('\t') + '\n');
    const list = await cloud.run(['account', 'list']);
    const rows = await cloud.run(['account', 'list', '-o', 'tsv']);
    expect(rows.stdout.split('\n').filter(Boolean).map((line) => line.split('\t')[2])).toEqual(list.json.map((x: any) => x.id));
    const pairs = await cloud.run(['account', 'list', '--query', '[].[name, isDefault, nothing]', '-o', 'tsv']);
    expect(pairs.stdout).toBe(list.json.map((x: any) => `${x.name}\t${x.isDefault ? 'True' : 'False'}\tNone\n`).join(''));
    // A row that is one value prints as JSON spells it; a null result prints nothing.
    const flags = await cloud.run(['account', 'list', '--query', '[].isDefault', '-o', 'tsv']);
    expect(flags.stdout).toBe(list.json.map((x: any) => `${x.isDefault}\n`).join(''));
    const nothing = await cloud.run(['account', 'show', '--query', 'nothing', '-o', 'tsv']);
    expect([nothing.code, nothing.stdout]).toEqual([0, '']);
  });

  test('account list --refresh lists again from Resource Manager', async () => {
    const r = await cloud.run(['account', 'list', '--refresh', '--all']);
    expect(r.code).toBe(0);
    for (const a of r.json) expectAzAccount(a, AZ_LIST_KEYS);
    expect(r.json.map((a: any) => a.id)).toContain(S.SUBSCRIPTIONS.production);
  });

  test('account set switches the current subscription; show follows; a bad one changes nothing', async () => {
    const target = login.find((a) => !a.isDefault && a.state === 'Enabled');
    const set = await cloud.run(['account', 'set', '--subscription', target.id]);
    expect([set.code, set.stdout]).toEqual([0, 'null\n']);
    const show = await cloud.run(['account', 'show', '--query', '[id, isDefault]', '-o', 'json']);
    expect(show.json).toEqual([target.id, true]);
    const before = profileText();
    const bad = await cloud.run(['account', 'set', '-s', 'no such subscription']);
    expect(bad.code).toBe(1);
    expect(profileText()).toBe(before);
    await cloud.run(['account', 'set', '-s', S.SUBSCRIPTIONS.production]);
  });

  test('account get-access-token: az 2.45\'s keys; --tenant drops subscription; --query accessToken -o tsv is the bare token', async () => {
    const r = await cloud.run(['account', 'get-access-token']);
    expect(r.code).toBe(0);
    expect(Object.keys(r.json)).toEqual(AZ_TOKEN_KEYS);
    expect(r.json).toMatchObject({ subscription: S.SUBSCRIPTIONS.production, tenant: S.CONTOSO, tokenType: 'Bearer' });
    expect(r.json.expiresOn).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/);
    const other = await cloud.run(['account', 'get-access-token', '--tenant', S.FABRIKAM]);
    expect(other.code).toBe(0);
    expect(Object.keys(other.json)).toEqual(AZ_TOKEN_KEYS.filter((k) => k !== 'subscription'));
    expect(other.json.tenant).toBe(S.FABRIKAM);
    const bare = await cloud.run(['account', 'get-access-token', '--resource-type', 'ms-graph', '--query', 'accessToken', '-o', 'tsv']);
    expect(bare.code).toBe(0);
    expect(bare.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]*\n$/);
    const claims = JSON.parse(Buffer.from(bare.stdout.split('.')[1], 'base64url').toString('utf8'));
    expect(String(claims.aud).replace(/\/+$/, '')).toBe('https://graph.microsoft.com');
    const both = await cloud.run(['account', 'get-access-token', '--resource', 'https://vault.azure.net', '--resource-type', 'arm']);
    expect([both.code, both.json.error.code]).toEqual([2, 'ParameterSetConflict']);
  });

  test('account tenant list: id /tenants/<id> and tenantId for each tenant', async () => {
    const r = await cloud.run(['account', 'tenant', 'list']);
    expect(r.code).toBe(0);
    for (const t of r.json) {
      expect(Object.keys(t)).toEqual(['defaultDomain', 'displayName', 'domains', 'id', 'tenantCategory', 'tenantId']);
      expect(t.id).toBe(`/tenants/${t.tenantId}`);
    }
    expect(r.json.map((t: any) => t.tenantId)).toContain(S.CONTOSO);
  });
});

describe('--query and -o on every command', () => {
  test('get-access-token --query accessToken -o tsv prints the bare token line, the same as the JSON one', async () => {
    const r = await cloud.run(['get-access-token', '--query', 'accessToken', '-o', 'tsv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]*\n$/);
    const json = await cloud.run(['get-access-token', '--query', '{t: accessToken, e: expires_on}']);
    expect(Object.keys(json.json)).toEqual(['t', 'e']);
    expect(typeof json.json.e).toBe('number');
  });

  test('get-context --list-available --query "[].Name" -o tsv: one name a line', async () => {
    const all = await cloud.run(['get-context', '--list-available']);
    const r = await cloud.run(['get-context', '--list-available', '--query', '[].Name', '-o', 'tsv']);
    expect(r.code).toBe(0);
    expect(all.json.length).toBeGreaterThan(1);
    expect(r.stdout).toBe(all.json.map((c: any) => `${c.Name}\n`).join(''));
    const filtered = await cloud.run(['get-context', '--list-available', '--query', '[?IsDefault].Subscription.Id | [0]', '--output=json']);
    expect(filtered.json).toBe(S.SUBSCRIPTIONS.production);
  });

  test('-o none prints nothing; -o table after a query uses the query\'s shape', async () => {
    const none = await cloud.run(['get-context', '-o', 'none']);
    expect([none.code, none.stdout]).toEqual([0, '']);
    const table = await cloud.run(['account', 'list', '--query', '[].{Sub: name, Id: id}', '-o', 'table']);
    expect(table.stdout.split('\n')[0]).toMatch(/^Sub\s+Id$/);
  });

  test('a bad expression: exit 2, InvalidQuery naming the character, and the command did not run', async () => {
    const before = profileText();
    const r = await cloud.run(['account', 'set', '-s', S.SUBSCRIPTIONS.development, '--query', "[?name == 'x'"]);
    expect(r.code).toBe(2);
    expect(r.json.error).toMatchObject({ code: 'InvalidQuery', category: 'InvalidArgument', target: 'query' });
    expect(r.json.error.message).toMatch(/at character 14\b/);
    expect(r.json.error.details[0].position).toBe(13);
    expect(profileText()).toBe(before);
    const legacy = await cloud.run(['get-context', '--list-available', '--query', '[?Environment == `LocalCloud`] | length(@)']);
    expect([legacy.code, typeof legacy.json]).toEqual([0, 'number']);
    const middle = await cloud.run(['get-context', '--query', 'Name Account']);
    expect(middle.code).toBe(2);
    expect(middle.json.error.message).toMatch(/at character 6\b/);
    const fn = await cloud.run(['get-context', '--query', 'lenght(@)']);
    expect([fn.code, fn.json.error.code]).toEqual([2, 'InvalidQuery']);
    expect(fn.json.error.message).toContain('lenght()');
  });
});

describe('did you mean', () => {
  test.each([
    [['logn'], 'login', 'command'],
    [['account', 'shwo'], 'account show', 'command'],
    [['account', 'get-acess-token'], 'account get-access-token', 'command'],
    [['login', '--tenat', S.CONTOSO], '--tenant', 'tenat'],
    [['get-context', '--list-avaliable'], '--list-available', 'list-avaliable'],
    [['get-context', '--qeury', 'Name'], '--query', 'qeury'],
  ])('%j suggests %s, in the message and in details', async (args, suggestion, target) => {
    const r = await cloud.run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.json.error.code).toBe('InvalidArguments');
    expect(r.json.error.message).toContain(`Did you mean "${suggestion}"?`);
    expect(r.json.error).toMatchObject({ target, details: [{ suggestion }] });
  });

  test('nothing near: no suggestion', async () => {
    const r = await cloud.run(['frobnicate-everything']);
    expect(r.code).toBe(2);
    expect(r.json.error.details).toEqual([]);
    expect(r.json.error.message).not.toContain('Did you mean');
  });
});

describe('logout, service principal login, account clear', () => {
  test('logout signs the current account out and prints null', async () => {
    const r = await cloud.run(['logout']);
    expect([r.code, r.stdout]).toEqual([0, 'null\n']);
    expect((await cloud.run(['account', 'list'])).json).toEqual([]);
  });

  test('login --service-principal -u -p --tenant: az\'s list, user type servicePrincipal', async () => {
    const r = await cloud.run(['login', '--environment', 'LocalCloud', '--service-principal', '-u', S.CI_SECRET_APP.appId, '-p', S.CI_SECRET_APP.secret, '--tenant', S.CONTOSO]);
    expect(r.code).toBe(0);
    for (const a of r.json) {
      expectAzAccount(a, AZ_LIST_KEYS);
      expect(a.user).toEqual({ name: S.CI_SECRET_APP.appId, type: 'servicePrincipal' });
      expect(a.tenantId).toBe(S.CONTOSO);
    }
    const missing = await cloud.run(['login', '--service-principal', '-u', S.CI_SECRET_APP.appId, '-p', 'x']);
    expect([missing.code, missing.json.error.code]).toEqual([2, 'TenantRequired']);
  });

  test('login --tenant --allow-no-subscriptions lists a tenant without subscriptions as a tenant-level account', async () => {
    const r = await loginByDeviceCode(S.BOB.username, ['--allow-no-subscriptions']);
    expect(r.code).toBe(0);
    for (const a of r.json) expectAzAccount(a, AZ_LIST_KEYS);
    const tenantLevel = r.json.filter((a: any) => a.name === AZ_TENANT_LEVEL_NAME);
    for (const a of tenantLevel) expect([a.id, a.state]).toEqual([a.tenantId, 'Enabled']);
  });

  test('account clear forgets every account', async () => {
    const r = await cloud.run(['account', 'clear']);
    expect([r.code, r.stdout]).toEqual([0, 'null\n']);
    expect((await cloud.run(['account', 'list', '--all'])).json).toEqual([]);
    const show = await cloud.run(['account', 'show']);
    expect(show.code).toBe(3);
  });
});
