/**
 * Az's object shapes in real pwsh: Get-MyContext, Get-MySubscription and Get-MyTenant objects
 * carry Az's property names (PSAzureContext, PSAzureSubscription, PSAzureTenant, PSAzureRmAccount;
 * ../shared/reference/az-accounts.md), and nested objects show as text the way Az's do ("$ctx.Account"
 * is the account id, the environment its name) with no @{...} in views or strings.
 */
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { runPwsh } from '../helpers/pwsh.js';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud();
  const signedIn = await cloud.run(['connect', '--input-json', '-'], {
    stdin: JSON.stringify({ ServicePrincipal: true, Tenant: S.CONTOSO, Environment: 'LocalCloud', ApplicationId: S.CI_SECRET_APP.appId, ClientSecret: S.CI_SECRET_APP.secret }),
  });
  expect(signedIn.code).toBe(0);
});
afterAll(async () => {
  await cloud?.dispose();
});

async function ps(script: string): Promise<any> {
  const r = await runPwsh(cloud, script);
  if (r.code !== 0) throw new Error(`pwsh exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r.result;
}

// Az's properties (az-accounts.md), less those MyAccount does not carry, each for a reason:
// TokenCache and Account's AccessToken/Credential/TenantMap/CertificateThumbprint would put
// secrets or cache handles in an object people print and log; VersionProfile and
// ExtendedProperties have nothing to hold here; CurrentStorageAccount(Name) is an ASM-era field;
// TenantBrandingLogoUrl is not sent by Resource Manager's tenant list.
const AZ = {
  context: ['Name', 'Account', 'Environment', 'Subscription', 'Tenant'],
  account: ['Id', 'Type', 'Tenants'],
  subscription: ['Id', 'SubscriptionId', 'Name', 'State', 'TenantId', 'HomeTenantId', 'ManagedByTenantIds', 'Tags', 'AuthorizationSource', 'SubscriptionPolicies'],
  tenant: ['Id', 'TenantId', 'Name', 'Domains', 'TenantCategory', 'TenantType', 'DefaultDomain', 'CountryCode'],
  environment: ['Name', 'Type', 'ResourceManagerUrl', 'ActiveDirectoryAuthority', 'ActiveDirectoryServiceEndpointResourceId', 'GraphUrl', 'MicrosoftGraphUrl', 'StorageEndpointSuffix', 'AzureKeyVaultDnsSuffix'],
};

test("the objects carry Az's property names", async () => {
  const result = await ps(`
$names = { param($o) @($o.PSObject.Properties.Name) }
$context = Get-MyContext
[ordered]@{
    Context = & $names $context
    Account = & $names $context.Account
    Subscription = & $names $context.Subscription
    Tenant = & $names $context.Tenant
    Environment = & $names $context.Environment
    SubscriptionRow = & $names (Get-MySubscription | Select-Object -First 1)
    TenantRow = & $names (Get-MyTenant | Select-Object -First 1)
} | Out-Result
`);
  expect(result.Context).toEqual(expect.arrayContaining(AZ.context));
  expect(result.Account).toEqual(expect.arrayContaining(AZ.account));
  expect(result.Subscription).toEqual(expect.arrayContaining(AZ.subscription));
  expect(result.SubscriptionRow).toEqual(expect.arrayContaining(AZ.subscription));
  expect(result.Tenant).toEqual(expect.arrayContaining(AZ.tenant));
  expect(result.TenantRow).toEqual(expect.arrayContaining(AZ.tenant));
  expect(result.Environment).toEqual(expect.arrayContaining(AZ.environment));
});

test('nested objects show as their id or name: in strings, tables and lists, never @{...}', async () => {
  const result = await ps(`
$context = Get-MyContext
$subscription = Get-MySubscription | Select-Object -First 1
[ordered]@{
    Context = "$context"
    Account = "$($context.Account)"
    Environment = "$($context.Environment)"
    Subscription = "$($context.Subscription)"
    Tenant = "$($context.Tenant)"
    Row = "$subscription"
    Views = (($context | Format-Table | Out-String -Width 300) + ($context | Format-List | Out-String -Width 300) + ($context | Select-Object * | Format-List | Out-String -Width 300) + (Get-MySubscription | Format-Table | Out-String -Width 300))
    Types = @($context.Account, $context.Environment, $context.Subscription, $context.Tenant | ForEach-Object { $_.PSObject.TypeNames[0] })
} | Out-Result
`);
  expect(result.Context).toMatch(/Contoso/);
  expect(result.Account).toBe(S.CI_SECRET_APP.appId);
  expect(result.Environment).toBe('LocalCloud');
  expect(result.Tenant).toBe(S.CONTOSO);
  expect(result.Subscription).toMatch(/^Contoso /);
  expect(result.Row).toMatch(/^Contoso /);
  expect(result.Views).not.toContain('@{');
  expect(result.Views).toContain(S.CI_SECRET_APP.appId);
  expect(result.Types).toEqual(['MyAccount.Account', 'MyAccount.Environment', 'MyAccount.Subscription', 'MyAccount.Tenant']);
});
