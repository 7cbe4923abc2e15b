/**
 * get-subscription: the declaration. The work (MSAL, Resource Manager) is in
 * ./run.ts, loaded only when it runs.
 */
import { defineCommand, type JsonSchema } from '../../core/command.js';
import { fail } from '../../core/errors.js';
import type { SubscriptionView } from '../../cloud/views.js';
import type { GetSubscriptionInput } from './types.js';
import { checkTenantText } from '../../profile/profile.js';
import { GUID, text } from '../schema/common.js';
import { subscriptionOutput } from '../schema/objects.js';


export default defineCommand<GetSubscriptionInput, SubscriptionView[]>({
  name: 'get-subscription',
  cmdlet: 'Get-MySubscription',
  summary: 'List the subscriptions the signed-in account can use, live from Azure Resource Manager.',
  description:
    'Asks Resource Manager, not the stored contexts, so the list is current. Without --tenant-id it reads every tenant of the account of the default context (TenantConcurrency at a time); ' +
    'tenants that need multi-factor authentication or fail are left out and reported in one warning. ' +
    '--subscription-id is looked up directly in each tenant; --subscription-name is matched ignoring case. Finding nothing for either is an error (exit code 1). ' +
    'The result is always a list, in the order Resource Manager returns it, tenant by tenant.',
  examples: [
    { description: 'Every subscription in every tenant of the account.', cli: 'myaccount get-subscription --output table', powershell: 'Get-MySubscription' },
    { description: 'One subscription by name.', cli: 'myaccount get-subscription --subscription-name "Contoso Production"', powershell: "Get-MySubscription -SubscriptionName 'Contoso Production'" },
    { description: 'The subscriptions of one tenant.', cli: 'myaccount get-subscription --tenant-id contoso.onmicrosoft.com', powershell: 'Get-MySubscription -TenantId contoso.onmicrosoft.com' },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      SubscriptionId: { ...text('The id of the subscription to get.', { sets: ['ListByIdInTenant'], completer: 'SubscriptionId', pipeline: 'ByPropertyName' }), pattern: GUID },
      SubscriptionName: text('The name of the subscription to get, ignoring case.', { sets: ['ListByNameInTenant'], mandatory: ['ListByNameInTenant'], completer: 'Subscription', pipeline: 'ByPropertyName' }),
      TenantId: text('Only this tenant (id or domain). Default: every tenant of the account.', { aliases: ['Tenant'], completer: 'Tenant', pipeline: 'ByPropertyName', flagAliases: ['tenant'] }),
      ContextName: text('List for the account of this context instead of the default one.', { completer: 'Context', defaultProfile: true }),
    },
  },
  defaultParameterSet: 'ListByIdInTenant',
  validate(input) {
    if (input.SubscriptionId !== undefined && input.SubscriptionName !== undefined) {
      throw fail.ParameterSetConflict('Give either SubscriptionId (--subscription-id) or SubscriptionName (--subscription-name), not both.', { target: 'SubscriptionName' });
    }
    checkTenantText(input.TenantId, 'TenantId');
  },
  output: { type: 'array', items: subscriptionOutput },
  outputType: 'MyAccount.Subscription',
  table: [
    { header: 'Name', path: 'Name' },
    { header: 'Id', path: 'Id' },
    { header: 'TenantId', path: 'TenantId' },
    { header: 'State', path: 'State' },
  ],
  async handler(input, ctx) {
    const { runGetSubscription } = await import('./run.js');
    return runGetSubscription(input, ctx);
  },
});
