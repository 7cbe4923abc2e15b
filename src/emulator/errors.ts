/**
 * Errors in the two shapes clients parse: Entra ID's OAuth error body (error, error_description
 * starting "AADSTSnnnnn:", error_codes, timestamp, trace_id, correlation_id, error_uri) and ARM's
 * `{"error":{"code","message"}}`. Handlers throw these; the server renders them with the
 * request's trace and correlation ids.
 */

export interface EntraExtra {
  suberror?: string;
  claims?: string;
  headers?: Record<string, string>;
}

export class EntraError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: number,
    readonly description: string,
    readonly extra: EntraExtra = {},
  ) {
    super(`AADSTS${code}: ${description}`);
    this.name = 'EntraError';
  }
}

export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ArmError';
  }
}

export interface ErrorContext {
  traceId: string;
  correlationId: string;
  now: Date;
  baseUrl: string;
}

/** "2026-11-22 13:05:22Z", the way Entra writes timestamps in errors. */
export function entraTimestamp(d: Date): string {
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

export function entraBody(e: EntraError, ctx: ErrorContext): Record<string, unknown> {
  const ts = entraTimestamp(ctx.now);
  return {
    error: e.error,
    error_description: `AADSTS${e.code}: ${e.description} Trace ID: ${ctx.traceId} Correlation ID: ${ctx.correlationId} Timestamp: ${ts}`,
    error_codes: [e.code],
    timestamp: ts,
    trace_id: ctx.traceId,
    correlation_id: ctx.correlationId,
    error_uri: `${ctx.baseUrl}/error?code=${e.code}`,
    ...(e.extra.suberror ? { suberror: e.extra.suberror } : {}),
    ...(e.extra.claims ? { claims: e.extra.claims } : {}),
  };
}

export function armBody(e: ArmError): Record<string, unknown> {
  return { error: { code: e.code, message: e.message } };
}

const q = (s: string) => `'${s}'`;

/** The AADSTS errors the local cloud answers, named by what went wrong. */
export const Aad = {
  missingParameter: (name: string) => new EntraError(400, 'invalid_request', 900144, `The request body must contain the following parameter: ${q(name)}.`),
  malformed: (why = 'Request is malformed or invalid.') => new EntraError(400, 'invalid_request', 9002313, `Invalid request. ${why}`),
  bodyTooLarge: () => new EntraError(413, 'invalid_request', 9002313, 'Invalid request. The request body is too large.'),
  unsupportedContentType: () => new EntraError(400, 'invalid_request', 9002313, "Invalid request. The token endpoint only accepts 'application/x-www-form-urlencoded' bodies."),
  postOnly: (method: string) => new EntraError(405, 'invalid_request', 900561, `The endpoint only accepts POST requests. Received a ${method} request.`),
  methodNotAllowed: (method: string) => new EntraError(405, 'invalid_request', 900561, `The endpoint does not accept ${method} requests.`),
  notFound: (path: string) => new EntraError(404, 'invalid_request', 90056, `The requested path ${q(path)} is not an endpoint of this service.`),
  unsupportedGrant: (grant: string) => new EntraError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type ${q(grant)}.`),
  tenantNotFound: (t: string) => new EntraError(400, 'invalid_tenant', 90002, `Tenant ${q(t)} not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`),
  tenantInvalid: (t: string) => new EntraError(400, 'invalid_tenant', 900023, `Specified tenant identifier ${q(t)} is neither a valid DNS name, nor a valid external domain.`),
  noTenant: () => new EntraError(400, 'invalid_request', 50059, 'No tenant-identifying information found in either the request or implied by any provided credentials.'),
  consumersNotSupported: () => new EntraError(400, 'invalid_request', 9002331, 'Application is configured for use by Microsoft Account users only... the local cloud has no Microsoft Account (consumers) users.'),
  appNotFound: (appId: string, tenant: string) => new EntraError(400, 'unauthorized_client', 700016, `Application with identifier ${q(appId)} was not found in the directory ${q(tenant)}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`),
  userNotFound: (user: string, tenant: string) => new EntraError(400, 'invalid_grant', 50034, `The user account ${user} does not exist in the ${tenant} directory. To sign into this application, the account must be added to the directory.`),
  userNotInTenant: (user: string, tenant: string) => new EntraError(400, 'invalid_grant', 50020, `User account ${q(user)} from identity provider does not exist in tenant ${q(tenant)} and cannot access the application in that tenant. The account needs to be added as an external user in the tenant first.`),
  badPassword: () => new EntraError(400, 'invalid_grant', 50126, 'Error validating credentials due to invalid username or password.'),
  userDisabled: () => new EntraError(400, 'invalid_grant', 50057, 'The user account is disabled.'),
  // Entra answers a grant that conditional access stops for MFA with invalid_grant (not
  // interaction_required); the suberror and the claims challenge are what tell clients to go interactive.
  mfaRequired: (resource: string, claims: string) =>
    new EntraError(400, 'invalid_grant', 50076, `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access ${q(resource)}.`, { suberror: 'basic_action', claims }),
  badSecret: (appId: string) => new EntraError(401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app ${q(appId)}.`),
  expiredSecret: (appId: string) => new EntraError(401, 'invalid_client', 7000222, `The provided client secret keys for app ${q(appId)} are expired. Visit the Azure portal to create new keys for your app.`),
  credentialRequired: () => new EntraError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
  publicClientWithCredential: () => new EntraError(401, 'invalid_client', 700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented."),
  notPublicClient: (appId: string) => new EntraError(400, 'invalid_client', 7000218, `The request body must contain the following parameter: 'client_assertion' or 'client_secret'. Application ${q(appId)} is not a public client.`),
  assertionType: () => new EntraError(400, 'invalid_request', 9002313, "Invalid request. 'client_assertion_type' must be 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'."),
  assertionMalformed: () => new EntraError(401, 'invalid_client', 50027, 'JWT token is invalid or malformed.'),
  assertionAppMismatch: () => new EntraError(401, 'invalid_client', 700021, "Client assertion application identifier doesn't match 'client_id' parameter."),
  assertionAudience: (aud: string) => new EntraError(401, 'invalid_client', 700212, `The audience ${q(aud)} of the client assertion does not match the token endpoint of this tenant.`),
  assertionKeyNotFound: (thumb: string) => new EntraError(401, 'invalid_client', 700027, `Client assertion failed signature validation. The key was not found. Thumbprint of key used by client: ${q(thumb)}.`),
  assertionSignature: () => new EntraError(401, 'invalid_client', 700027, 'Client assertion failed signature validation.'),
  assertionTime: () => new EntraError(401, 'invalid_client', 700024, 'Client assertion is not within its valid time range.'),
  federatedIssuer: (iss: string) => new EntraError(400, 'invalid_client', 700211, `No matching federated identity record found for presented assertion issuer ${q(iss)}.`),
  federatedSubject: (sub: string) => new EntraError(400, 'invalid_client', 700213, `No matching federated identity record found for presented assertion subject ${q(sub)}.`),
  federatedAudience: (aud: string) => new EntraError(400, 'invalid_client', 700212, `No matching federated identity record found for presented assertion audience ${q(aud)}.`),
  invalidScope: (scope: string) => new EntraError(400, 'invalid_scope', 70011, `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${q(scope)} is not valid.`),
  multipleResources: () => new EntraError(400, 'invalid_scope', 28000, 'Provided value for the input parameter scope is not valid because it contains more than one resource. Scope openid profile offline_access is not valid.'),
  defaultScopeRequired: (scope: string) => new EntraError(400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`),
  resourceNotFound: (resource: string, tenant: string) => new EntraError(400, 'invalid_resource', 500011, `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`),
  codeInvalid: () => new EntraError(400, 'invalid_grant', 9002313, 'Invalid request. The provided authorization code is not valid.'),
  codeRedeemed: () => new EntraError(400, 'invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.'),
  codeExpired: () => new EntraError(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.'),
  grantClientMismatch: (what: string) => new EntraError(400, 'invalid_grant', 70000, `The provided value for the ${q(what)} parameter is not valid. The grant was issued to a different client.`),
  redirectMismatch: () => new EntraError(400, 'invalid_grant', 70000, "The provided value for the 'redirect_uri' parameter does not match the redirect_uri of the authorization request."),
  grantTenantMismatch: () => new EntraError(400, 'invalid_grant', 70000, 'The provided grant was issued for another tenant.'),
  pkceMismatch: () => new EntraError(400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.'),
  refreshTokenBad: (why: 'revoked' | 'expired' | 'unknown') =>
    why === 'revoked'
      ? new EntraError(400, 'invalid_grant', 50173, 'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.', { suberror: 'bad_token' })
      : new EntraError(400, 'invalid_grant', 700082, 'The refresh token has expired due to inactivity. The token was issued earlier and was inactive for too long.', { suberror: 'bad_token' }),
  authorizationPending: () => new EntraError(400, 'authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.'),
  deviceCodeExpired: () => new EntraError(400, 'expired_token', 70019, 'Verification code expired.'),
  deviceDeclined: () => new EntraError(400, 'authorization_declined', 70000, 'The user declined the authorization request.'),
  deviceCodeInvalid: () => new EntraError(400, 'invalid_grant', 70000, "The provided value for the 'device_code' parameter is not valid."),
  deviceCodeRedeemed: () => new EntraError(400, 'invalid_grant', 70000, "The provided value for the 'device_code' parameter has already been redeemed."),
  redirectUriMismatch: (uri: string, appId: string) => new EntraError(400, 'invalid_request', 50011, `The redirect URI ${q(uri)} specified in the request does not match the redirect URIs configured for the application ${q(appId)}. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`),
  unsupportedResponseType: (t: string) => new EntraError(400, 'unsupported_response_type', 700054, `response_type ${q(t)} is not enabled for the application.`),
  unsupportedResponseMode: (m: string) => new EntraError(400, 'invalid_request', 900144, `The response_mode ${q(m)} is not supported.`),
  pkceRequired: () => new EntraError(400, 'invalid_request', 9002325, "Proof Key for Code Exchange is required for authorization requests of public clients. The request must contain 'code_challenge' (with code_challenge_method 'S256')."),
  pkceMethod: () => new EntraError(400, 'invalid_request', 501491, "Invalid size of Code_Challenge parameter or unsupported code_challenge_method; only 'S256' is supported."),
  loginRequired: () => new EntraError(400, 'login_required', 50058, 'A silent sign-in request was sent but no user is signed in.'),
  userCancelled: () => new EntraError(400, 'access_denied', 65004, 'User declined to consent to access the app.'),
  throttled: (retryAfter: number) => new EntraError(429, 'temporarily_unavailable', 90055, 'TenantThrottlingError - There are too many incoming requests. This exception is thrown for blocked tenants.', { headers: { 'Retry-After': String(retryAfter) } }),
  serverError: () => new EntraError(500, 'server_error', 50000, 'There was an error issuing a token or an issue with our sign-in service.'),
  unavailable: (retryAfter: number) => new EntraError(503, 'temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.', { headers: { 'Retry-After': String(retryAfter) } }),
};

export const Arm = {
  missingApiVersion: () => new ArmError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests."),
  notFound: (path: string) => new ArmError(404, 'NotFound', `The requested path '${path}' was not found.`),
  methodNotAllowed: (method: string) => new ArmError(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}'.`),
  subscriptionNotFound: (id: string) => new ArmError(404, 'SubscriptionNotFound', `The subscription '${id}' could not be found.`),
  authorizationFailed: (who: string, oid: string, id: string) =>
    new ArmError(403, 'AuthorizationFailed', `The client '${who}' with object id '${oid}' does not have authorization to perform action 'Microsoft.Resources/subscriptions/read' over scope '/subscriptions/${id}' or the scope is invalid. If access was recently granted, please refresh your credentials.`),
  throttled: (retryAfter: number) => new ArmError(429, 'TooManyRequests', 'The request is being throttled as the limit has been reached for operation type - Read.', { 'Retry-After': String(retryAfter) }),
  serverError: () => new ArmError(500, 'InternalServerError', 'Encountered an internal server error.'),
  unavailable: (retryAfter: number) => new ArmError(503, 'ServiceUnavailable', 'The server is currently unable to handle the request due to a temporary overloading or maintenance of the server.', { 'Retry-After': String(retryAfter) }),
  bodyTooLarge: () => new ArmError(413, 'RequestEntityTooLarge', 'The request content length exceeds the limit.'),
};
