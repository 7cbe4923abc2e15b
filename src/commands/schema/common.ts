/** Schema pieces several commands share, so a rule is written once. */
import type { JsonSchema, ParameterMeta } from '../../core/command.js';
import type { ContextView } from '../../profile/contexts.js';

/** No control characters: they break terminals, logs and file names. */
export const SAFE_TEXT = '^[^\\u0000-\\u001f\\u007f-\\u009f]*$';
export { GUID_PATTERN as GUID } from '../../core/names.js';

export function text(description: string, meta: ParameterMeta = {}, maxLength = 256): JsonSchema {
  return { type: 'string', description, minLength: 1, maxLength, pattern: SAFE_TEXT, 'x-ps': meta };
}

export function flag(description: string, meta: ParameterMeta = {}): JsonSchema {
  return { type: 'boolean', description, 'x-ps': { switch: true, ...meta } };
}

export function scope(description: string, meta: ParameterMeta = {}): JsonSchema {
  return { type: 'string', enum: ['Process', 'CurrentUser'], description, 'x-ps': meta };
}

export const passThru = flag('Return the affected object (or true) instead of nothing.');

const contextObject: JsonSchema = {
  type: 'object',
  properties: {
    Name: { type: 'string' },
    Account: { type: ['object', 'null'] },
    Subscription: { type: ['object', 'null'] },
    Tenant: { type: ['object', 'null'] },
    Environment: { type: 'string' },
    IsDefault: { type: 'boolean' },
  },
  required: ['Name', 'Account', 'Subscription', 'Tenant', 'Environment', 'IsDefault'],
};

export const contextOutput = contextObject;
export const CONTEXT_TYPE = 'MyAccount.Context';
export const contextTable = [
  // Context names are long ("<subscription> (<id>) - <tenant> - <account>"); as in Az, a fixed width keeps the other columns on screen.
  { header: 'Name', path: 'Name', width: 40 },
  { header: 'Account', path: 'Account.Id' },
  { header: 'SubscriptionName', path: 'Subscription.Name' },
  { header: 'Environment', path: 'Environment' },
  { header: 'TenantId', path: 'Tenant.Id' },
];

/** Format-List of a context: what the nested Account, Subscription and Tenant objects hold. */
export const contextList = [
  { header: 'Name', path: 'Name' },
  { header: 'Account', path: 'Account.Id' },
  { header: 'AccountType', path: 'Account.Type' },
  { header: 'SubscriptionName', path: 'Subscription.Name' },
  { header: 'SubscriptionId', path: 'Subscription.Id' },
  { header: 'SubscriptionState', path: 'Subscription.State' },
  { header: 'TenantId', path: 'Tenant.Id' },
  { header: 'TenantName', path: 'Tenant.Name' },
  { header: 'Environment', path: 'Environment' },
  { header: 'IsDefault', path: 'IsDefault' },
];

export type { ContextView };
