/** What connect's declaration and its runner share: the result's shape and input defaults. */
import type { TenantView, SubscriptionView } from '../../cloud/views.js';
import type { ContextView } from '../../profile/contexts.js';

/** How many subscriptions get a context when MaxContextPopulation is not given. */
export const DEFAULT_MAX_CONTEXTS = 25;

export interface ConnectResult {
  Context: ContextView;
  Flow: string;
  Environment: string;
  TokenCache: string;
  Tenants: TenantView[];
  Subscriptions: SubscriptionView[];
  ContextsCreated: number;
  PickerSkipped: boolean;
}
