/**
 * get-tenant: the declaration. The work (MSAL, Resource Manager) is in
 * ./run.ts, loaded only when it runs.
 */
import { defineCommand, type JsonSchema } from '../../core/command.js';
import { checkTenantText } from '../../profile/profile.js';
import { text } from '../schema/common.js';
import { tenantOutput } from '../schema/objects.js';
import type { TenantInfo } from '../../cloud/views.js';
import type { GetTenantInput } from './types.js';

export default defineCommand<GetTenantInput, TenantInfo[]>({
  name: 'get-tenant',
  cmdlet: 'Get-MyTenant',
  cmdletAliases: ['Get-MyDomain'],
  summary: 'List the tenants the signed-in account can reach, live from Azure Resource Manager.',
  description:
    "Asks Resource Manager (GET /tenants, with a token from the account's home tenant) which tenants the account of the default context can reach, sorted by display name as Az does. " +
    '--tenant-id keeps the tenant with that id or domain (ignoring case); finding none is an error (exit code 1). The result is always a list.',
  examples: [
    { description: 'Every tenant of the account.', cli: 'myaccount get-tenant --output table', powershell: 'Get-MyTenant' },
    { description: 'One tenant by domain.', cli: 'myaccount get-tenant contoso.onmicrosoft.com', powershell: 'Get-MyTenant contoso.onmicrosoft.com' },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      TenantId: text('The tenant to show, by id or by any of its domains.', { position: 0, aliases: ['Domain', 'Tenant'], completer: 'Tenant', pipeline: 'ByPropertyName', flagAliases: ['domain', 'tenant'] }),
      ContextName: text('List for the account of this context instead of the default one.', { completer: 'Context', defaultProfile: true }),
    },
  },
  validate(input) {
    checkTenantText(input.TenantId, 'TenantId');
  },
  output: { type: 'array', items: tenantOutput },
  outputType: 'MyAccount.Tenant',
  table: [
    { header: 'Id', path: 'Id' },
    { header: 'Name', path: 'Name' },
    { header: 'DefaultDomain', path: 'DefaultDomain' },
    { header: 'TenantCategory', path: 'TenantCategory' },
  ],
  async handler(input, ctx) {
    const { runGetTenant } = await import('./run.js');
    return runGetTenant(input, ctx);
  },
});
