/**
 * The objects several commands return, in Az.Accounts' shapes (PSAzureContext, PSAzureRmAccount,
 * PSAzureSubscription, PSAzureTenant, PSAzureEnvironment), and their views for people.
 */
import type { JsonSchema, TableColumn } from '../../core/command.js';
import { environmentOutput } from './environment.js';

const text: JsonSchema = { type: 'string' };
const maybeText: JsonSchema = { type: ['string', 'null'] };
const texts: JsonSchema = { type: 'array', items: { type: 'string' } };

export const accountOutput: JsonSchema = {
  type: 'object',
  description: "Az's PSAzureRmAccount. PowerShell shows it as its Id.",
  'x-ps-type': 'MyAccount.Account',
  'x-ps-string': 'Id',
  properties: {
    Id: { type: 'string', description: 'The user name, application id or managed identity id.' },
    Type: { type: 'string', enum: ['User', 'ServicePrincipal', 'ClientAssertion', 'ManagedService', 'AccessToken'] },
    Tenants: { ...texts, description: 'The ids of the tenants the account reached at sign-in.' },
  },
  required: ['Id', 'Type', 'Tenants'],
};

export const subscriptionOutput: JsonSchema = {
  type: 'object',
  description: "Az's PSAzureSubscription. PowerShell shows it as its name.",
  'x-ps-type': 'MyAccount.Subscription',
  'x-ps-string': 'Name',
  properties: {
    Id: text,
    SubscriptionId: { type: 'string', description: 'The same as Id (Az keeps both).' },
    Name: text,
    State: { type: 'string', description: 'Enabled, Warned, PastDue, Disabled or Deleted.' },
    TenantId: { type: 'string', description: 'The tenant the subscription was read from.' },
    HomeTenantId: { type: 'string', description: 'The tenant the subscription belongs to.' },
    ManagedByTenantIds: texts,
    Tags: { type: 'object', additionalProperties: { type: 'string' } },
    SubscriptionPolicies: {
      type: ['object', 'null'],
      properties: { LocationPlacementId: maybeText, QuotaId: maybeText, SpendingLimit: maybeText },
    },
    AuthorizationSource: maybeText,
  },
  required: ['Id', 'SubscriptionId', 'Name', 'State', 'TenantId', 'HomeTenantId', 'ManagedByTenantIds', 'Tags', 'SubscriptionPolicies', 'AuthorizationSource'],
};

export const tenantOutput: JsonSchema = {
  type: 'object',
  description: "Az's PSAzureTenant. PowerShell shows it as its id.",
  'x-ps-type': 'MyAccount.Tenant',
  'x-ps-string': 'Id',
  properties: {
    Id: text,
    TenantId: { type: 'string', description: 'The same as Id (Az keeps both).' },
    Name: { ...maybeText, description: 'The display name.' },
    DefaultDomain: maybeText,
    Domains: texts,
    TenantCategory: { ...maybeText, description: 'Home, ProjectedBy or ManagedBy.' },
    TenantType: { ...maybeText, description: 'AAD, B2C, ... as Resource Manager says.' },
    CountryCode: maybeText,
  },
  required: ['Id', 'TenantId', 'Name', 'DefaultDomain', 'Domains', 'TenantCategory', 'TenantType', 'CountryCode'],
};

export const contextOutput: JsonSchema = {
  type: 'object',
  description: "Az's PSAzureContext. PowerShell shows it as its name.",
  'x-ps-type': 'MyAccount.Context',
  'x-ps-string': 'Name',
  properties: {
    Name: text,
    Account: accountOutput,
    Environment: {
      ...environmentOutput,
      description: "Az's PSAzureEnvironment (by name only when the environment was removed). PowerShell shows it as its name.",
      'x-ps-type': 'MyAccount.Environment',
      'x-ps-string': 'Name',
    },
    Subscription: { ...subscriptionOutput, type: ['object', 'null'] },
    Tenant: { ...tenantOutput, type: ['object', 'null'] },
    IsDefault: { type: 'boolean' },
  },
  required: ['Name', 'Account', 'Environment', 'Subscription', 'Tenant', 'IsDefault'],
};

export const CONTEXT_TYPE = 'MyAccount.Context';
export const contextTable: TableColumn[] = [
  // Context names are long ("<subscription> (<id>) - <tenant> - <account>"); as in Az, a fixed width keeps the other columns on screen.
  { header: 'Name', path: 'Name', width: 40 },
  { header: 'Account', path: 'Account.Id' },
  { header: 'SubscriptionName', path: 'Subscription.Name' },
  { header: 'Environment', path: 'Environment.Name' },
  { header: 'TenantId', path: 'Tenant.Id' },
];

/** Format-List of a context: what the nested Account, Subscription and Tenant objects hold. */
export const contextList: TableColumn[] = [
  { header: 'Name', path: 'Name' },
  { header: 'Account', path: 'Account.Id' },
  { header: 'AccountType', path: 'Account.Type' },
  { header: 'SubscriptionName', path: 'Subscription.Name' },
  { header: 'SubscriptionId', path: 'Subscription.Id' },
  { header: 'SubscriptionState', path: 'Subscription.State' },
  { header: 'TenantId', path: 'Tenant.Id' },
  { header: 'TenantName', path: 'Tenant.Name' },
  { header: 'Environment', path: 'Environment.Name' },
  { header: 'IsDefault', path: 'IsDefault' },
];
