import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempConfigDir } from '../helpers/cli.js';
import { PROD_CONTEXT, SUB_B, SUB_DEV, SUB_DISABLED, SUB_PROD, TENANT_A, TENANT_B, seedSignedIn } from '../helpers/seed.js';
import { expectMode } from '../helpers/modes.js';

describe('contexts through the real CLI', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(async () => {
    ({ dir, cleanup } = tempConfigDir());
    await seedSignedIn(dir);
  });
  afterEach(() => cleanup());

  const profileText = (): string => readFileSync(join(dir, 'profile.json'), 'utf8');

  test('get-context shows the default context, like Az', async () => {
    const r = await runCli(dir, ['get-context']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.json).toMatchObject({
      Name: PROD_CONTEXT,
      Account: { Id: 'alice@contoso.example', Type: 'User', Tenants: [TENANT_A, TENANT_B] },
      Subscription: { Id: SUB_PROD, SubscriptionId: SUB_PROD, Name: 'Production', State: 'Enabled', TenantId: TENANT_A, HomeTenantId: TENANT_A, Tags: {} },
      Tenant: { Id: TENANT_A, TenantId: TENANT_A, Name: 'Contoso', Domains: ['contoso.example'] },
      // Az's PSAzureEnvironment, not just its name.
      Environment: { Name: 'AzureCloud', Type: 'Built-in', ResourceManagerUrl: 'https://management.azure.com/', ActiveDirectoryAuthority: 'https://login.microsoftonline.com/' },
      IsDefault: true,
    });
    // Az's property names (PSAzureContext, PSAzureSubscription, PSAzureTenant), each present even when empty.
    expect(Object.keys(r.json.Subscription).sort()).toEqual(['AuthorizationSource', 'HomeTenantId', 'Id', 'ManagedByTenantIds', 'Name', 'State', 'SubscriptionId', 'SubscriptionPolicies', 'Tags', 'TenantId']);
    expect(Object.keys(r.json.Tenant).sort()).toEqual(['CountryCode', 'DefaultDomain', 'Domains', 'Id', 'Name', 'TenantCategory', 'TenantId', 'TenantType']);
  });

  test('get-context prints null when nothing is signed in', async () => {
    const empty = tempConfigDir();
    try {
      const r = await runCli(empty.dir, ['get-context']);
      expect([r.code, r.stdout]).toEqual([0, 'null\n']);
    } finally {
      empty.cleanup();
    }
  });

  test('set-context by name makes the Az-named context the default and keeps the first', async () => {
    const r = await runCli(dir, ['set-context', '--subscription', 'development']);
    expect(r.code).toBe(0);
    expect(r.json.Name).toBe(`Development (${SUB_DEV}) - ${TENANT_A} - alice@contoso.example`);
    const list = await runCli(dir, ['get-context', '--list-available']);
    expect(list.json.map((c: any) => [c.Name.split(' ')[0], c.IsDefault])).toEqual([
      ['Production', false],
      ['Development', true],
    ]);
  });

  test('set-context by id, by tenant domain, and de-duplication', async () => {
    await runCli(dir, ['set-context', SUB_DEV]);
    const again = await runCli(dir, ['set-context', '--subscription', SUB_DEV.toUpperCase()]);
    expect(again.code).toBe(0);
    const byTenant = await runCli(dir, ['set-context', '--tenant', 'fabrikam.example']);
    expect(byTenant.json.Subscription.Id).toBe(SUB_B);
    expect(byTenant.json.Tenant.Id).toBe(TENANT_B);
    const list = await runCli(dir, ['get-context', '--list-available']);
    expect(list.json).toHaveLength(3);
  });

  test('set-context with --name creates or updates by name, and --force is needed to repoint', async () => {
    const created = await runCli(dir, ['set-context', SUB_DEV, '--name', 'dev']);
    expect(created.json).toMatchObject({ Name: 'dev', IsDefault: true });
    const clash = await runCli(dir, ['set-context', SUB_PROD, '--name', 'DEV']);
    expect(clash.code).toBe(1);
    expect(clash.json.error).toMatchObject({ code: 'ContextExists', category: 'ResourceExists', target: 'Name' });
    const forced = await runCli(dir, ['set-context', SUB_PROD, '--name', 'DEV', '--force']);
    expect(forced.json).toMatchObject({ Name: 'dev', Subscription: { Id: SUB_PROD } });
  });

  test('set-context warns about a disabled subscription on stderr, not stdout', async () => {
    const r = await runCli(dir, ['set-context', SUB_DISABLED]);
    expect(r.code).toBe(0);
    expect(r.json.Subscription.State).toBe('Disabled');
    expect(r.stderr).toMatch(/^WARNING: The subscription "Old" is Disabled/);
  });

  test('set-context errors: unknown subscription, unknown tenant, nothing given, not signed in', async () => {
    const before = profileText();
    const unknown = await runCli(dir, ['set-context', 'Nope']);
    expect([unknown.code, unknown.json.error.code, unknown.json.error.category]).toEqual([1, 'SubscriptionNameNotFound', 'ObjectNotFound']);
    const tenant = await runCli(dir, ['set-context', '--tenant', 'nowhere.example']);
    expect(tenant.json.error.code).toBe('TenantNotFound');
    const none = await runCli(dir, ['set-context']);
    expect([none.code, none.json.error.code]).toEqual([2, 'SubscriptionOrTenantRequired']);
    expect(profileText()).toBe(before);
    const empty = tempConfigDir();
    try {
      const r = await runCli(empty.dir, ['set-context', SUB_PROD]);
      expect([r.code, r.json.error.code, r.json.error.category]).toEqual([3, 'SignInRequired', 'AuthenticationError']);
    } finally {
      empty.cleanup();
    }
  });

  test('Process scope: select-context returns the variable instead of changing the stored default', async () => {
    await runCli(dir, ['set-context', SUB_DEV, '--name', 'dev']);
    await runCli(dir, ['select-context', PROD_CONTEXT]);
    const before = profileText();
    const env = await runCli(dir, ['select-context', 'dev', '--scope', 'Process', '--output', 'env']);
    expect(env.code).toBe(0);
    expect(env.stdout).toBe("export MYACCOUNT_CONTEXT='dev'\n");
    expect(profileText()).toBe(before);
    const events = await runCli(dir, ['select-context', 'dev', '--scope', 'Process', '--events', 'jsonl']);
    expect(events.json.Name).toBe('dev');
    expect(events.stderr.trim().split('\n').map((l: string) => JSON.parse(l))).toEqual([{ type: 'environment', variables: { MYACCOUNT_CONTEXT: 'dev' } }]);
    // A shell that applied the variable sees "dev"; every other shell still sees the stored default.
    const inShell = await runCli(dir, ['get-context'], { env: { MYACCOUNT_CONTEXT: 'dev' } });
    expect(inShell.json.Name).toBe('dev');
    const elsewhere = await runCli(dir, ['get-context']);
    expect(elsewhere.json.Name).toBe(PROD_CONTEXT);
    const stale = await runCli(dir, ['get-context'], { env: { MYACCOUNT_CONTEXT: 'gone' } });
    expect([stale.code, stale.json.error.code, stale.json.error.target]).toEqual([1, 'ProcessContextNotFound', 'MYACCOUNT_CONTEXT']);
  });

  test('select-context with CurrentUser scope persists; unknown names fail', async () => {
    await runCli(dir, ['set-context', SUB_DEV, '--name', 'dev']);
    const r = await runCli(dir, ['select-context', PROD_CONTEXT.toUpperCase()]);
    expect(r.json).toMatchObject({ Name: PROD_CONTEXT, IsDefault: true });
    expect(JSON.parse(profileText()).defaultContext).toBe(PROD_CONTEXT);
    const missing = await runCli(dir, ['select-context', 'nope']);
    expect([missing.code, missing.json.error.code]).toEqual([1, 'ContextNotFound']);
  });

  test('rename-context keeps the default, refuses clashes without --force, and follows the Process variable', async () => {
    await runCli(dir, ['set-context', SUB_DEV, '--name', 'dev']);
    const renamed = await runCli(dir, ['rename-context', 'dev', 'development', '--pass-thru']);
    expect(renamed.json).toMatchObject({ Name: 'development', IsDefault: true });
    const quiet = await runCli(dir, ['rename-context', 'development', 'dev2']);
    expect(quiet.stdout).toBe('null\n');
    const clash = await runCli(dir, ['rename-context', 'dev2', PROD_CONTEXT]);
    expect([clash.code, clash.json.error.code]).toEqual([1, 'ContextExists']);
    const followed = await runCli(dir, ['rename-context', 'dev2', 'd3', '--output', 'env'], { env: { MYACCOUNT_CONTEXT: 'dev2' } });
    expect(followed.code).toBe(2);
    const withEvents = await runCli(dir, ['rename-context', 'dev2', 'd3', '--events', 'jsonl'], { env: { MYACCOUNT_CONTEXT: 'dev2' } });
    expect(JSON.parse(withEvents.stderr.trim())).toEqual({ type: 'environment', variables: { MYACCOUNT_CONTEXT: 'd3' } });
  });

  test('remove-context needs --force for the default, then the first remaining one becomes default', async () => {
    await runCli(dir, ['set-context', SUB_DEV, '--name', 'dev']);
    const refused = await runCli(dir, ['remove-context', 'dev']);
    expect([refused.code, refused.json.error.code]).toEqual([2, 'DefaultContextRemoval']);
    const removed = await runCli(dir, ['remove-context', 'dev', '--force', '--pass-thru']);
    expect(removed.json.Name).toBe('dev');
    const now = await runCli(dir, ['get-context']);
    expect(now.json.Name).toBe(PROD_CONTEXT);
    const missing = await runCli(dir, ['remove-context', 'dev']);
    expect([missing.code, missing.json.error.category]).toEqual([1, 'ObjectNotFound']);
  });

  test('clear-context: Process forgets the shell choice only; CurrentUser removes everything', async () => {
    const before = profileText();
    const processScope = await runCli(dir, ['clear-context', '--scope', 'Process', '--output', 'env'], { env: { MYACCOUNT_CONTEXT: PROD_CONTEXT } });
    expect(processScope.stdout).toBe('unset MYACCOUNT_CONTEXT\n');
    expect(profileText()).toBe(before);
    const all = await runCli(dir, ['clear-context', '--pass-thru']);
    expect(all.json).toBe(true);
    expect(JSON.parse(profileText())).toMatchObject({ contexts: [], accounts: [], defaultContext: null });
    expect((await runCli(dir, ['get-context'])).stdout).toBe('null\n');
  });

  test('state files are private: folder 0700, files 0600', async () => {
    await runCli(dir, ['set-context', SUB_DEV]);
    expectMode(dir, 0o700);
    expectMode(join(dir, 'profile.json'), 0o600);
  });

  test('--output table and tsv are views of the same result', async () => {
    const table = await runCli(dir, ['get-context', '--list-available', '--output', 'table']);
    expect(table.stdout.split('\n')[0]).toMatch(/^Name\s+Account\s+SubscriptionName\s+Environment\s+TenantId$/);
    expect(table.stdout).toContain('alice@contoso.example');
    const tsv = await runCli(dir, ['get-context', '--output', 'tsv']);
    expect(tsv.stdout).toBe(`${PROD_CONTEXT}\talice@contoso.example\tProduction\tAzureCloud\t${TENANT_A}\n`);
  });
});
