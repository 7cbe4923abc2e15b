/** get-access-token's input and result, shared by its declaration and its runners. */
export interface GetAccessTokenInput {
  ResourceTypeName?: string;
  ResourceUrl?: string;
  TenantId?: string;
  ContextName?: string;
}

export interface AccessTokenResult {
  Token: string;
  ExpiresOn: string;
  TenantId: string;
  UserId: string;
  Type: 'Bearer';
  accessToken: string;
  expiresOn: string;
  expires_on: number;
  subscription: string | null;
  tenant: string;
  tokenType: 'Bearer';
}
