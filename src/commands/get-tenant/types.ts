/** get-tenant's input, shared by its declaration and its runner. */
export interface GetTenantInput {
  TenantId?: string;
  ContextName?: string;
}
