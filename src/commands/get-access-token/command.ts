/**
 * get-access-token: the declaration. The work (MSAL) is in ./run.ts, loaded only when it
 * runs (./warm.ts first: a cached token without MSAL). The one command whose stdout may carry a token.
 */
import { defineCommand, type JsonSchema } from '../../core/command.js';
import { fail } from '../../core/errors.js';
import { RESOURCE_TYPE_NAMES } from '../../profile/endpoints.js';
import { checkTenantText } from '../../profile/profile.js';
import { text } from '../schema/common.js';
import type { AccessTokenResult, GetAccessTokenInput } from './types.js';

const output: JsonSchema = {
  type: 'object',
  properties: {
    Token: { type: 'string', description: 'The access token (Az: Token). Shown only in JSON output.' },
    ExpiresOn: { type: 'string', description: 'When the token expires, ISO 8601 in UTC (Az: ExpiresOn).' },
    TenantId: { type: 'string' },
    UserId: { type: 'string', description: 'The account: user name, application id or managed identity id.' },
    Type: { const: 'Bearer' },
    accessToken: { type: 'string', description: 'The same token (az: accessToken).' },
    expiresOn: { type: 'string', description: 'Expiry in local time, "YYYY-MM-DD HH:MM:SS.ffffff" (az: expiresOn).' },
    expires_on: { type: 'integer', description: 'Expiry in seconds since 1970 (az: expires_on).' },
    subscription: { type: ['string', 'null'], description: "The context's subscription id; null when the token is for another tenant (az omits it then)." },
    tenant: { type: 'string' },
    tokenType: { const: 'Bearer' },
  },
  required: ['Token', 'ExpiresOn', 'TenantId', 'UserId', 'Type', 'accessToken', 'expiresOn', 'expires_on', 'subscription', 'tenant', 'tokenType'],
};

export default defineCommand<GetAccessTokenInput, AccessTokenResult>({
  name: 'get-access-token',
  cmdlet: 'Get-MyAccessToken',
  summary: 'Get an access token for Azure Resource Manager or another Azure service, for the signed-in account.',
  description:
    'Returns a token for the account of the default context (or --context-name), in the context\'s tenant or --tenant-id, silently: from the token cache, refreshed when it is about to expire. ' +
    'Nobody is asked to sign in; when a new sign-in is needed the command fails with exit code 3 and says what to run. ' +
    'The result carries both shapes: Az\'s Token, ExpiresOn (ISO 8601, UTC), TenantId, UserId, Type; and az\'s accessToken (= Token), expiresOn (local time, "YYYY-MM-DD HH:MM:SS.ffffff"), ' +
    'expires_on (= ExpiresOn in seconds since 1970), subscription (the context\'s subscription id, null for another tenant), tenant (= TenantId), tokenType (= Type). ' +
    'The token appears only in JSON output, never in --output table or tsv, and never on stderr.',
  examples: [
    { description: 'A Resource Manager token for the default context.', cli: 'myaccount get-access-token', powershell: 'Get-MyAccessToken' },
    { description: 'A Microsoft Graph token, for a bearer header.', cli: 'TOKEN=$(myaccount get-access-token --resource-type-name MSGraph | jq -r .Token)', powershell: 'Invoke-RestMethod https://graph.microsoft.com/v1.0/me -Authentication Bearer -Token (Get-MyAccessToken -ResourceTypeName MSGraph).Token' },
    { description: 'A token for any resource, in another tenant of the account.', cli: 'myaccount get-access-token --resource-url https://vault.azure.net --tenant-id fabrikam.onmicrosoft.com', powershell: 'Get-MyAccessToken -ResourceUrl https://vault.azure.net -TenantId fabrikam.onmicrosoft.com' },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ResourceTypeName: {
        type: 'string',
        enum: RESOURCE_TYPE_NAMES,
        description: 'The Azure service the token is for, by name (default Arm). Its audience comes from the account\'s environment.',
        'x-ps': { sets: ['KnownResourceTypeName'] },
      },
      ResourceUrl: text('The resource (audience) the token is for, as a URI or application id, e.g. https://vault.azure.net.', {
        sets: ['ResourceUrl'],
        mandatory: ['ResourceUrl'],
        aliases: ['Resource', 'ResourceUri'],
        flagAliases: ['resource'],
      }, 2048),
      TenantId: text("The tenant (id or domain) the token is for. Default: the tenant of the context.", { completer: 'Tenant', flagAliases: ['tenant'] }),
      ContextName: text('Use the account and tenant of this context instead of the default one.', { completer: 'Context', defaultProfile: true }),
    },
  },
  defaultParameterSet: 'KnownResourceTypeName',
  validate(input) {
    if (input.ResourceTypeName !== undefined && input.ResourceUrl !== undefined) {
      throw fail.ParameterSetConflict('Give either ResourceTypeName (--resource-type-name) or ResourceUrl (--resource-url), not both.', { target: 'ResourceUrl' });
    }
    // A scope is "<resource>/.default"; whitespace would make it several scopes.
    if (input.ResourceUrl !== undefined && /\s/.test(input.ResourceUrl)) {
      throw fail.InvalidResourceUrl(`The resource "${input.ResourceUrl}" contains whitespace. Give a URI such as https://vault.azure.net or an application id.`, { target: 'ResourceUrl' });
    }
    checkTenantText(input.TenantId, 'TenantId');
  },
  output,
  outputType: 'MyAccount.AccessToken',
  powershell: {
    properties: ['Token', 'ExpiresOn', 'TenantId', 'UserId', 'Type'],
    secureProperty: 'Token',
    description:
      'Returns a token for the account of the default context (or -ContextName), in the context\'s tenant or -TenantId, silently: from the token cache, refreshed when it is about to expire. ' +
      'Nobody is asked to sign in; when a new sign-in is needed it fails and says what to run. ' +
      'As in Az.Accounts, Token is a SecureString (Invoke-RestMethod -Authentication Bearer -Token takes it as it is); -AsPlainText returns it as a string. ExpiresOn is in UTC.',
  },
  // No Token column: tables are for people at a terminal (and their scrollback).
  table: [
    { header: 'ExpiresOn', path: 'ExpiresOn' },
    { header: 'TenantId', path: 'TenantId' },
    { header: 'UserId', path: 'UserId' },
    { header: 'Type', path: 'Type' },
  ],
  async handler(input, ctx) {
    // A warm cache answers without loading MSAL; anything else goes the full way.
    const { tryCachedAccessToken } = await import('./warm.js');
    const warm = await tryCachedAccessToken(input, ctx);
    if (warm) return warm;
    const { runGetAccessToken } = await import('./run.js');
    return runGetAccessToken(input, ctx);
  },
});
