/** get-subscription's input, shared by its declaration and its runner. */
export interface GetSubscriptionInput {
  SubscriptionId?: string;
  SubscriptionName?: string;
  TenantId?: string;
  ContextName?: string;
}
