/**
 * `myaccount account …`: az's account commands, for people who know az. Each is a thin layer
 * over MyAccount's own commands and profile (set-context, disconnect, get-access-token,
 * get-subscription, get-tenant) that prints what azure-cli 2.45 prints for the same question.
 * CLI-only: PowerShell has the Az-shaped cmdlets.
 */
import { defineCommand, type CommandDefinition, type JsonSchema } from '../../core/command.js';
import type { CommandContext } from '../../core/context.js';
import { fail } from '../../core/errors.js';
import { resolveDefault } from '../../profile/contexts.js';
import { isGuid, openProfile, sameName, type Profile } from '../../profile/profile.js';
import disconnect from '../disconnect/command.js';
import getAccessToken from '../get-access-token/command.js';
import type { GetAccessTokenInput } from '../get-access-token/types.js';
import setContext from '../set-context/command.js';
import { flag, text } from '../schema/common.js';
import { azAccount, azAccounts, azAccountSchema, azAccountTable, azSubscriptions, type AzAccount } from './views.js';

const NOTHING: JsonSchema = { type: 'null' };
const example = (cli: string, description: string) => [{ description, cli, powershell: '' }];
const subscriptionFlag = (description: string, mandatory = false): JsonSchema =>
  text(description, { flagAliases: ['s', 'name', 'n'], completer: 'Subscription', ...(mandatory ? { mandatory: true } : {}) });

async function readProfile(ctx: CommandContext): Promise<Profile> {
  return openProfile(ctx.configDir, ctx.clock).read();
}

const notSignedIn = () => fail.SignInRequired("Please run 'myaccount login' to setup account.");

export const accountShow = defineCommand<{ Subscription?: string }, AzAccount>({
  name: 'account show',
  summary: 'Show the current subscription, or one by id or name, as az account show prints it.',
  description: 'The subscription of the default context (or --subscription, by id or name, among every signed-in account) in az 2.45\'s shape: environmentName, homeTenantId, id, isDefault, managedByTenants, name, state, tenantId, user{name,type}. No network.',
  examples: example('myaccount account show --query id -o tsv', 'The id of the current subscription, as az prints it.'),
  input: { type: 'object', additionalProperties: false, properties: { Subscription: subscriptionFlag('The subscription id or name. Default: the current one.') } },
  output: azAccountSchema('environmentName'),
  outputType: 'MyAccount.AzAccount',
  table: azAccountTable.map((c) => (c.path === 'cloudName' ? { header: 'EnvironmentName', path: 'environmentName' } : c)),
  tsvEveryField: true,
  async handler(input, ctx) {
    const profile = await readProfile(ctx);
    const current = resolveDefault(profile, ctx.env);
    if (input.Subscription === undefined) {
      const context = current?.context;
      const account = context && profile.accounts.find((a) => sameName(a.id, context.accountId));
      if (!context || !account) throw notSignedIn();
      if (!context.subscription) throw fail.SubscriptionIdNotFound(`The current context "${context.name}" has no subscription (a tenant-level sign-in).`, { target: 'Subscription' });
      return azAccount(account, context.subscription, true, 'environmentName');
    }
    if (profile.accounts.length === 0) throw notSignedIn();
    const value = input.Subscription;
    const byId = isGuid(value);
    // The default context's account first, as az looks in its own list in order.
    const accounts = [...profile.accounts].sort((a, b) => Number(sameName(b.id, current?.context.accountId ?? '')) - Number(sameName(a.id, current?.context.accountId ?? '')));
    for (const account of accounts) {
      // The copy account list shows, where the account reaches the subscription through two tenants.
      const found = azSubscriptions(account, current).find(({ sub }) => (byId ? sameName(sub.id, value) : sameName(sub.name, value)));
      if (found) return azAccount(account, found.sub, found.isDefault, 'environmentName');
    }
    throw fail[byId ? 'SubscriptionIdNotFound' : 'SubscriptionNameNotFound'](`Subscription '${value}' not found. Check the spelling and casing and try again.`, { target: 'Subscription' });
  },
});

export const accountList = defineCommand<{ All?: boolean; Refresh?: boolean }, AzAccount[]>({
  name: 'account list',
  summary: 'List the subscriptions of every signed-in account, as az account list prints them.',
  description:
    'Every subscription of every signed-in account in az 2.45\'s shape (cloudName, homeTenantId, id, isDefault, managedByTenants, name, state, tenantId, user). ' +
    'Without --all, only enabled subscriptions in the current context\'s cloud. --refresh lists them again from Resource Manager for the current account and stores the new list.',
  examples: example('myaccount account list --query "[].name" -o tsv', 'The names of the subscriptions, one a line.'),
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      All: flag('Also subscriptions that are not enabled, and those of other clouds.'),
      Refresh: flag('List the subscriptions again from Resource Manager (the current account).'),
    },
  },
  output: { type: 'array', items: azAccountSchema('cloudName') },
  outputType: 'MyAccount.AzAccount',
  table: azAccountTable,
  tsvEveryField: true,
  async handler(input, ctx) {
    let profile = await readProfile(ctx);
    if (input.Refresh) profile = await refreshSubscriptions(profile, ctx);
    const current = resolveDefault(profile, ctx.env);
    if (profile.accounts.length === 0) ctx.report.warning('Please run "myaccount login" to access your accounts.');
    const cloud = current?.context.environment;
    return azAccounts(profile, current).filter((a) => input.All || (a.state === 'Enabled' && (!cloud || sameName(a.cloudName!, cloud))));
  },
});

/** az account list --refresh: get-subscription's live listing, stored as the current account's list. */
async function refreshSubscriptions(profile: Profile, ctx: CommandContext): Promise<Profile> {
  const current = resolveDefault(profile, ctx.env);
  if (!current) throw notSignedIn();
  const { runGetSubscription } = await import('../get-subscription/run.js');
  const live = await runGetSubscription({}, ctx);
  const accountId = current.context.accountId;
  return openProfile(ctx.configDir, ctx.clock).update((p) => {
    const accounts = p.accounts.map((a) =>
      sameName(a.id, accountId)
        ? { ...a, subscriptions: live.map((s) => ({ id: s.Id, name: s.Name, state: s.State, tenantId: s.TenantId, homeTenantId: s.HomeTenantId, managedByTenantIds: [...s.ManagedByTenantIds] })) }
        : a,
    );
    const next = { ...p, accounts };
    return { next, result: next };
  });
}

export const accountSet = defineCommand<{ Subscription: string }, null>({
  name: 'account set',
  summary: 'Make a subscription the current one, as az account set does (prints null).',
  description: 'Makes the subscription (id or name) of the current account the default, through set-context: its context is created or reused and becomes the default for every new shell. Prints null, as az prints nothing.',
  examples: example('myaccount account set --subscription "My Subscription"', 'Switch to a subscription by name.'),
  input: { type: 'object', additionalProperties: false, required: ['Subscription'], properties: { Subscription: subscriptionFlag('The subscription id or name.', true) } },
  output: NOTHING,
  outputType: 'MyAccount.AzNothing',
  async handler(input, ctx) {
    await setContext.handler({ Subscription: input.Subscription }, ctx);
    return null;
  },
});

export const accountClear = defineCommand<Record<string, never>, null>({
  name: 'account clear',
  summary: 'Sign every account out, as az account clear does (prints null).',
  description: 'disconnect --all: every account\'s tokens leave the token cache, kept secrets the secure store, and every context the profile.',
  examples: example('myaccount account clear', 'Forget every account.'),
  input: { type: 'object', additionalProperties: false, properties: {} },
  output: NOTHING,
  outputType: 'MyAccount.AzNothing',
  confirmImpact: 'High',
  async handler(_input, ctx) {
    if ((await readProfile(ctx)).accounts.length > 0) await disconnect.handler({ All: true }, ctx);
    return null;
  },
});

/** az's --resource-type names, as MyAccount's resource type names. */
const AZ_RESOURCE_TYPES: Record<string, string> = { arm: 'Arm', 'aad-graph': 'AadGraph', 'ms-graph': 'MSGraph', batch: 'Batch', 'data-lake': 'DataLake' };

interface AzTokenInput {
  Resource?: string;
  Scope?: string[];
  ResourceType?: string;
  Tenant?: string;
  Subscription?: string;
}

interface AzToken {
  accessToken: string;
  expiresOn: string;
  subscription?: string;
  tenant: string;
  tokenType: 'Bearer';
}

export const accountGetAccessToken = defineCommand<AzTokenInput, AzToken>({
  name: 'account get-access-token',
  summary: 'Get an access token, as az account get-access-token prints it (accessToken, expiresOn, subscription, tenant, tokenType).',
  description:
    'get-access-token in az 2.45\'s shape. --resource, --scope (one scope, "<resource>/.default") or --resource-type names what the token is for (default Resource Manager); ' +
    '--subscription uses the context of that subscription, --tenant another tenant of the account (then az prints no subscription).',
  examples: example('myaccount account get-access-token --query accessToken -o tsv', 'The bare token, for a bearer header.'),
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      Resource: text('The resource (audience) the token is for.', {}, 2048),
      Scope: { type: 'array', minItems: 1, maxItems: 1, items: { type: 'string', minLength: 1, maxLength: 2048 }, description: 'The scope, "<resource>/.default" (MyAccount takes one).', 'x-ps': {} },
      ResourceType: { type: 'string', enum: Object.keys(AZ_RESOURCE_TYPES), description: 'The service the token is for, by az\'s name.', 'x-ps': {} },
      Tenant: text('The tenant (id or domain) the token is for.', { flagAliases: ['t'], completer: 'Tenant' }),
      Subscription: text('Use the account and tenant of this subscription\'s context.', { flagAliases: ['s'], completer: 'Subscription' }),
    },
  },
  validate(input) {
    const given = (['Resource', 'Scope', 'ResourceType'] as const).filter((k) => input[k] !== undefined);
    if (given.length > 1) throw fail.ParameterSetConflict(`Give only one of --resource, --scope and --resource-type; got ${given.map((k) => k.toLowerCase()).join(' and ')}.`, { target: given[1] });
    if (input.Tenant !== undefined && input.Subscription !== undefined) throw fail.ParameterSetConflict('Give either --subscription or --tenant, not both.', { target: 'Tenant' });
    if (input.Scope && !/\/\.default$/.test(input.Scope[0])) throw fail.InvalidResourceUrl(`The scope "${input.Scope[0]}" is not "<resource>/.default"; MyAccount gets tokens for a resource's default scope.`, { target: 'Scope' });
  },
  output: {
    type: 'object',
    properties: { accessToken: { type: 'string' }, expiresOn: { type: 'string' }, subscription: { type: 'string' }, tenant: { type: 'string' }, tokenType: { const: 'Bearer' } },
    required: ['accessToken', 'expiresOn', 'tenant', 'tokenType'],
  },
  outputType: 'MyAccount.AzAccessToken',
  tsvEveryField: true,
  table: [
    { header: 'ExpiresOn', path: 'expiresOn' },
    { header: 'Subscription', path: 'subscription' },
    { header: 'Tenant', path: 'tenant' },
    { header: 'TokenType', path: 'tokenType' },
  ],
  async handler(input, ctx) {
    const mine: GetAccessTokenInput = {};
    if (input.Resource !== undefined) mine.ResourceUrl = input.Resource;
    // "https://graph.microsoft.com//.default" → "https://graph.microsoft.com/": az's form keeps the resource's slash.
    if (input.Scope !== undefined) mine.ResourceUrl = input.Scope[0].replace(/\/\.default$/, '');
    if (input.ResourceType !== undefined) mine.ResourceTypeName = AZ_RESOURCE_TYPES[input.ResourceType];
    if (input.Tenant !== undefined) mine.TenantId = input.Tenant;
    if (input.Subscription !== undefined) mine.ContextName = await contextOfSubscription(input.Subscription, ctx);
    getAccessToken.validate?.(mine);
    const token = await getAccessToken.handler(mine, ctx);
    // az names the subscription unless --tenant was given (ours is null for another tenant); keys in az's order.
    const subscription = input.Tenant === undefined && token.subscription ? { subscription: token.subscription } : {};
    return { accessToken: token.accessToken, expiresOn: token.expiresOn, ...subscription, tenant: token.tenant, tokenType: 'Bearer' };
  },
});

/** The context of a subscription (id or name): the default account's first, else any. */
async function contextOfSubscription(value: string, ctx: CommandContext): Promise<string> {
  const profile = await readProfile(ctx);
  const current = resolveDefault(profile, ctx.env);
  const matches = profile.contexts.filter((c) => c.subscription && (isGuid(value) ? sameName(c.subscription.id, value) : sameName(c.subscription.name, value)));
  const context = matches.find((c) => sameName(c.accountId, current?.context.accountId ?? '')) ?? matches[0];
  if (!context) {
    if (profile.accounts.length === 0) throw notSignedIn();
    throw fail.SubscriptionIdNotFound(`Subscription '${value}' not found. Run myaccount account list to see the subscriptions, or myaccount account set first.`, { target: 'Subscription' });
  }
  return context.name;
}

interface AzTenant {
  defaultDomain: string | null;
  displayName: string | null;
  domains: string[];
  id: string;
  tenantCategory: string | null;
  tenantId: string;
}

export const accountTenantList = defineCommand<Record<string, never>, AzTenant[]>({
  name: 'account tenant list',
  summary: 'List the tenants of the current account, as az account tenant list prints them.',
  description: 'get-tenant (GET /tenants) in the shape of az\'s account extension: defaultDomain, displayName, domains, id (/tenants/<id>), tenantCategory, tenantId.',
  examples: example('myaccount account tenant list --query "[].tenantId" -o tsv', 'The tenant ids, one a line.'),
  input: { type: 'object', additionalProperties: false, properties: {} },
  output: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        defaultDomain: { type: ['string', 'null'] },
        displayName: { type: ['string', 'null'] },
        domains: { type: 'array', items: { type: 'string' } },
        id: { type: 'string' },
        tenantCategory: { type: ['string', 'null'] },
        tenantId: { type: 'string' },
      },
      required: ['defaultDomain', 'displayName', 'domains', 'id', 'tenantCategory', 'tenantId'],
    },
  },
  outputType: 'MyAccount.AzTenant',
  tsvEveryField: true,
  table: [
    { header: 'TenantId', path: 'tenantId' },
    { header: 'DisplayName', path: 'displayName' },
    { header: 'DefaultDomain', path: 'defaultDomain' },
  ],
  async handler(_input, ctx) {
    const { runGetTenant } = await import('../get-tenant/run.js');
    const tenants = await runGetTenant({}, ctx);
    return tenants.map((t) => ({ defaultDomain: t.DefaultDomain, displayName: t.Name, domains: t.Domains, id: `/tenants/${t.Id}`, tenantCategory: t.TenantCategory, tenantId: t.Id }));
  },
});

export const accountCommands: CommandDefinition<any, any>[] = [accountShow, accountList, accountSet, accountClear, accountGetAccessToken, accountTenantList];
