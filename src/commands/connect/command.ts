/**
 * connect: the declaration (inputs, parameter sets, output, help). The work is in
 * ./run.ts, loaded only when it runs.
 */
import { defineCommand, type JsonSchema } from '../../core/command.js';
import { DEFAULT_MAX_CONTEXTS, type ConnectResult } from './types.js';
import { checkSignInInput, type ConnectInput } from '../../sign-in/plan.js';
import { flag, scope, text } from '../schema/common.js';
import { contextOutput, subscriptionOutput } from '../schema/objects.js';

const USER = ['UserWithSubscriptionId', 'UserWithCredential'];
// PowerShell picks a set from the parameters given; each service-principal set has a parameter
// only it makes mandatory, so -ServicePrincipal alone resolves to the environment-variable set.
const SP = ['ServicePrincipalWithCredential', 'ServicePrincipalWithClientSecret', 'ServicePrincipalCertificateFile', 'ClientAssertion', 'ClientAssertionFile', 'ServicePrincipalFromEnvironment'];
const APP_ID_SETS = ['ServicePrincipalWithClientSecret', 'ServicePrincipalCertificateFile', 'ClientAssertion', 'ClientAssertionFile'];
const secret = (description: string, meta: Parameters<typeof text>[1] = {}): JsonSchema => text(description, { ...meta, secret: true }, 16384);

const output: JsonSchema = {
  type: 'object',
  // PowerShell shows a sign-in as its context (whose text is its name).
  'x-ps-string': 'Context',
  properties: {
    Context: contextOutput,
    Flow: { type: 'string' },
    Environment: { type: 'string' },
    TokenCache: { type: 'string' },
    Tenants: { type: 'array', items: { type: 'object' } },
    Subscriptions: { type: 'array', items: subscriptionOutput },
    ContextsCreated: { type: 'integer' },
    PickerSkipped: {
      type: 'boolean',
      description:
        'A person at a terminal would have picked the default subscription here (LoginExperienceV2 On, a user, several subscriptions, none asked for), but nobody could be asked (no terminal, CI, --no-prompt); the first active one was selected. The PowerShell module offers its own picker then.',
    },
  },
  required: ['Context', 'Flow', 'Environment', 'Tenants', 'Subscriptions', 'ContextsCreated', 'PickerSkipped'],
};

export default defineCommand<ConnectInput, ConnectResult>({
  name: 'connect',
  cmdlet: 'Connect-MyAccount',
  cmdletAliases: ['Login-MyAccount', 'Add-MyAccount'],
  summary: 'Sign in to Azure: a person (browser, device code, broker, password), a service principal, a managed identity, or an access token.',
  description:
    'Signs in through MSAL, lists the tenants the account can reach and every subscription in each (side by side, TenantConcurrency at a time), stores contexts and selects one as the default. ' +
    'People sign in in the browser; where no browser can open (no display, SSH, CI) a device code is used automatically, and with EnableLoginByWam the operating system broker where one is available. ' +
    'Tenants that need multi-factor authentication or fail are reported once, together. The default subscription is --subscription, else DefaultSubscriptionForLogin, else a picker when a person is at a terminal ' +
    '(LoginExperienceV2), else the first active subscription in its home tenant. Tokens go to the encrypted token cache every MyAccount process shares. ' +
    'Tools built on the Azure SDKs can then use this sign-in: run them with myaccount exec -- <command> (DefaultAzureCredential and ManagedIdentityCredential find a managed identity endpoint for the context), ' +
    'or, in Node.js code, use the npm package\'s MyAccountCredential (import { MyAccountCredential } from \'myaccount\') as the TokenCredential of any Azure SDK client.',
  examples: [
    { description: 'Sign in in the browser (or by device code where no browser can open).', cli: 'myaccount connect', powershell: 'Connect-MyAccount' },
    { description: 'Sign in with a device code, to one tenant.', cli: 'myaccount connect --use-device-authentication --tenant contoso.onmicrosoft.com', powershell: 'Connect-MyAccount -UseDeviceAuthentication -Tenant contoso.onmicrosoft.com' },
    { description: 'A service principal in CI, from AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET or AZURE_FEDERATED_TOKEN_FILE.', cli: 'myaccount connect --service-principal', powershell: 'Connect-MyAccount -ServicePrincipal' },
    { description: 'A service principal with a certificate.', cli: 'myaccount connect --service-principal --application-id $APP_ID --tenant $TENANT --certificate-path ./sp.pfx', powershell: 'Connect-MyAccount -ServicePrincipal -ApplicationId $appId -Tenant $tenant -CertificatePath ./sp.pfx -CertificatePassword $password' },
    { description: 'A managed identity (user-assigned, by client id).', cli: 'myaccount connect --identity --account-id 00000000-0000-0000-0000-000000000000', powershell: 'Connect-MyAccount -Identity -AccountId 00000000-0000-0000-0000-000000000000' },
    { description: 'The local cloud, for trying MyAccount offline.', cli: 'myaccount connect --environment LocalCloud --use-device-authentication', powershell: 'Connect-MyAccount -Environment LocalCloud -UseDeviceAuthentication' },
    { description: 'Then run a tool built on the Azure SDKs (DefaultAzureCredential) as the signed-in account.', cli: 'myaccount connect && myaccount exec -- node list-subscriptions.mjs', powershell: 'Connect-MyAccount; myaccount exec -- node list-subscriptions.mjs' },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      Environment: text('The cloud to sign in to: AzureCloud (default), AzureChinaCloud, AzureUSGovernment, LocalCloud or one you added.', { aliases: ['EnvironmentName'], completer: 'Environment' }),
      Tenant: text('The tenant id or domain. Required for service principals (or AZURE_TENANT_ID); for people, limits the sign-in to that tenant.', { aliases: ['Domain', 'TenantId'], completer: 'Tenant' }),
      Subscription: text('The subscription (id or name) to select. Default: DefaultSubscriptionForLogin, else the picker or the first active one.', { aliases: ['SubscriptionName', 'SubscriptionId'], completer: 'Subscription' }),
      AccountId: text('For people, the account to suggest (login hint); for a managed identity, the client id or resource id of a user-assigned identity; for an access token, whose token it is.', { sets: ['UserWithSubscriptionId', 'ManagedService', 'AccessToken'] }),
      UseDeviceAuthentication: flag('Sign in with a device code on another device instead of the browser.', { sets: ['UserWithSubscriptionId'], aliases: ['DeviceCode', 'DeviceAuth', 'Device'], flagAliases: ['device-code', 'device-auth', 'device'] }),
      Credential: {
        type: 'object',
        description: 'A user name and password (people; deprecated, no MFA), or with -ServicePrincipal an application id and client secret.',
        additionalProperties: false,
        required: ['UserName', 'Password'],
        properties: { UserName: { type: 'string', minLength: 1, maxLength: 256 }, Password: { type: 'string', minLength: 1, maxLength: 16384 } },
        'x-ps': { sets: ['UserWithCredential', 'ServicePrincipalWithCredential'], mandatory: ['UserWithCredential', 'ServicePrincipalWithCredential'], secret: true },
      },
      Username: text('The user name for a password sign-in (deprecated by Microsoft; cannot do MFA).', { cliOnly: true }),
      Password: secret('The password for --username. Prefer --input-json - so it stays off the command line.', { cliOnly: true }),
      ServicePrincipal: flag('Sign in as a service principal. Alone, it reads AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE.', {
        sets: SP,
        mandatory: ['ServicePrincipalFromEnvironment', 'ServicePrincipalWithCredential'],
      }),
      ApplicationId: text('The application (client) id of the service principal.', { sets: APP_ID_SETS, mandatory: APP_ID_SETS, aliases: ['ClientId'] }),
      ClientSecret: secret('The client secret of the service principal. Kept only in the secure store.', { sets: ['ServicePrincipalWithClientSecret'], mandatory: ['ServicePrincipalWithClientSecret'] }),
      CertificatePath: text('A certificate file of the service principal: PKCS#12 (.pfx) or PEM with its private key.', { sets: ['ServicePrincipalCertificateFile'], mandatory: ['ServicePrincipalCertificateFile'], path: true }, 4096),
      CertificatePassword: secret('The password of the certificate file.', { sets: ['ServicePrincipalCertificateFile'] }),
      SendCertificateChain: flag('Send the certificate with each request (subject name and issuer authentication).', { sets: ['ServicePrincipalCertificateFile'] }),
      FederatedToken: secret('A federated token (OIDC JWT from a CI system) to exchange for tokens. Prefer --federated-token-file, which is read again when the token is rotated.', { sets: ['ClientAssertion'], mandatory: ['ClientAssertion'], aliases: ['ClientAssertion'] }),
      FederatedTokenFile: text('A file holding a federated token; read again whenever a new token is needed, so long jobs keep working.', { sets: ['ClientAssertionFile'], mandatory: ['ClientAssertionFile'], path: true }, 4096),
      Identity: flag('Sign in as the managed identity of this machine, container or app (system-assigned, or user-assigned with --account-id).', { sets: ['ManagedService'], mandatory: ['ManagedService'], aliases: ['MSI', 'ManagedService'] }),
      AccessToken: secret('An Azure Resource Manager access token to use as it is. It cannot be refreshed.', { sets: ['AccessToken'], mandatory: ['AccessToken'] }),
      AuthScope: text(
        'The audience of the first token, for a service that demands more than Resource Manager (MFA for storage): a resource type (Storage, KeyVault, MSGraph...), an environment property such as MicrosoftGraphEndpointResourceId, or an https resource id. The Resource Manager token follows silently. Not with an access token.',
        { sets: [...USER, ...SP, 'ManagedService'], aliases: ['AuthScopeTypeName'] },
        2048,
      ),
      ContextName: text('The name of the default context this sign-in creates.'),
      SkipContextPopulation: flag('Store only the default context, not one per subscription.'),
      MaxContextPopulation: { type: 'integer', minimum: -1, maximum: 100000, default: DEFAULT_MAX_CONTEXTS, description: `How many subscriptions get a context (default ${DEFAULT_MAX_CONTEXTS}; -1 for all).`, 'x-ps': {} },
      Force: flag('Overwrite a context of the same name (--context-name) that points elsewhere.'),
      Scope: scope('Process: the new default context applies to this shell only. CurrentUser (default): to every new shell too.'),
      Timeout: { type: 'integer', minimum: 1, maximum: 3600, description: 'Seconds to wait for a person to finish signing in (device code, browser). Default: until the device code expires, 300 s for the browser.', 'x-ps': { sets: USER } },
    },
  },
  defaultParameterSet: 'UserWithSubscriptionId',
  output,
  outputType: 'MyAccount.Profile',
  // As Az: SupportsShouldProcess, so -WhatIf shows what would change; Low never asks by itself.
  confirmImpact: 'Low',
  powershell: { postProcess: 'Invoke-MyAccountSubscriptionPicker' },
  table: [
    { header: 'Account', path: 'Context.Account.Id' },
    { header: 'SubscriptionName', path: 'Context.Subscription.Name' },
    { header: 'TenantId', path: 'Context.Tenant.Id' },
    { header: 'Environment', path: 'Context.Environment.Name' },
  ],
  list: [
    { header: 'Account', path: 'Context.Account.Id' },
    { header: 'AccountType', path: 'Context.Account.Type' },
    { header: 'SubscriptionName', path: 'Context.Subscription.Name' },
    { header: 'SubscriptionId', path: 'Context.Subscription.Id' },
    { header: 'TenantId', path: 'Context.Tenant.Id' },
    { header: 'Environment', path: 'Context.Environment.Name' },
    { header: 'Context', path: 'Context.Name' },
    { header: 'Flow', path: 'Flow' },
    { header: 'TokenCache', path: 'TokenCache' },
    { header: 'ContextsCreated', path: 'ContextsCreated' },
  ],
  validate(input) {
    // The AZURE_* variables are read when connect runs; here only what the input alone decides.
    checkSignInInput(input);
  },
  async handler(input, ctx) {
    // MSAL and the sign-in code load only when someone signs in, never on other commands' cold start.
    const { runConnect } = await import('./run.js');
    return runConnect(input, ctx);
  },
});
