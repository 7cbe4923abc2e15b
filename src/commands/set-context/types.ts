/** set-context's input, and what its live lookup (run.ts) hands back to the declaration. */
import type { SubscriptionRecord, TenantRecord } from '../../profile/profile.js';

export interface SetContextInput {
  Subscription?: string;
  Tenant?: string;
  Name?: string;
  Scope?: 'Process' | 'CurrentUser';
  Force?: boolean;
}

export interface Discovered {
  tenants: TenantRecord[];
  subscriptions: SubscriptionRecord[];
}
