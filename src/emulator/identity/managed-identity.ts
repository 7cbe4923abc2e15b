/**
 * Managed identity endpoints in the two styles clients know: the VM's Instance Metadata Service
 * (GET with `Metadata: true`) and App Service's identity endpoint (GET with the
 * `X-IDENTITY-HEADER` secret). Errors use those services' own shapes, not Entra's.
 */
import type { Cloud } from '../cloud.js';
import type { ManagedIdentity } from '../directory.js';
import { readForm, header, sendJson, type Ctx } from '../http.js';
import { isKnownResource } from '../scopes.js';
import { managedIdentityToken } from '../tokens.js';

function fail(ctx: Ctx, status: number, error: string, description: string): void {
  ctx.log.error = error;
  sendJson(ctx, status, { error, error_description: description });
}

function pickIdentity(cloud: Cloud, params: URLSearchParams, resourceIdKey: 'msi_res_id' | 'mi_res_id'): ManagedIdentity | undefined {
  return cloud.directory.managedIdentity({
    clientId: params.get('client_id') ?? params.get('clientid') ?? undefined,
    objectId: params.get('object_id') ?? params.get('principal_id') ?? undefined,
    resourceId: params.get(resourceIdKey) ?? params.get('mi_res_id') ?? params.get('msi_res_id') ?? undefined,
  });
}

function audience(resource: string): string {
  return resource.replace(/\/\.default$/i, '');
}

/** GET /metadata/identity/oauth2/token (IMDS). The Azure CLI's MSI_ENDPOINT variant POSTs a form. */
export async function imdsToken(cloud: Cloud, ctx: Ctx): Promise<void> {
  let params = ctx.query;
  if (ctx.method === 'POST') {
    const form = await readForm(ctx, cloud.bodyLimit).catch(() => new URLSearchParams());
    params = new URLSearchParams([...ctx.query, ...form]);
  } else if (ctx.method !== 'GET') return fail(ctx, 405, 'invalid_request', `The method ${ctx.method} is not allowed.`);
  if ((header(ctx, 'metadata') ?? '').toLowerCase() !== 'true') return fail(ctx, 400, 'invalid_request', 'Required metadata header not specified');
  if (ctx.method === 'GET' && !params.get('api-version')) return fail(ctx, 400, 'invalid_request', "Required query variable 'api-version' is missing");
  const resource = params.get('resource');
  if (!resource) return fail(ctx, 400, 'invalid_request', 'Required audience parameter not specified');
  const mi = pickIdentity(cloud, params, 'msi_res_id');
  if (!mi) return fail(ctx, 400, 'invalid_request', 'Identity not found');
  const aud = audience(resource);
  if (!isKnownResource(aud, (id) => !!cloud.directory.app(id))) return fail(ctx, 400, 'invalid_resource', `AADSTS500011: The resource principal named ${aud} was not found in the tenant named ${mi.tenantId}.`);
  ctx.log.clientId = mi.clientId;
  const t = managedIdentityToken(cloud.issue, mi, aud);
  sendJson(ctx, 200, {
    access_token: t.token,
    client_id: mi.clientId,
    expires_in: String(t.expiresIn),
    expires_on: String(t.iat + t.expiresIn),
    ext_expires_in: String(t.expiresIn),
    not_before: String(t.iat),
    resource: aud,
    token_type: 'Bearer',
  });
}

/** GET /msi/token (App Service, api-version 2019-08-01). */
export async function appServiceToken(cloud: Cloud, ctx: Ctx): Promise<void> {
  if (ctx.method !== 'GET') return fail(ctx, 405, 'invalid_request', `The method ${ctx.method} is not allowed.`);
  const secret = header(ctx, 'x-identity-header');
  if (!secret) return fail(ctx, 400, 'invalid_request', 'The X-IDENTITY-HEADER header is missing.');
  if (secret !== cloud.settings.managedIdentityHeader) return fail(ctx, 401, 'invalid_request', 'The X-IDENTITY-HEADER header is not valid.');
  const resource = ctx.query.get('resource');
  if (!resource) return fail(ctx, 400, 'invalid_request', 'The resource parameter is missing.');
  const mi = pickIdentity(cloud, ctx.query, 'mi_res_id');
  if (!mi) return fail(ctx, 400, 'invalid_request', 'Identity not found');
  const aud = audience(resource);
  if (!isKnownResource(aud, (id) => !!cloud.directory.app(id))) return fail(ctx, 400, 'invalid_resource', `AADSTS500011: The resource principal named ${aud} was not found in the tenant named ${mi.tenantId}.`);
  ctx.log.clientId = mi.clientId;
  const t = managedIdentityToken(cloud.issue, mi, aud);
  sendJson(ctx, 200, { access_token: t.token, expires_on: String(t.iat + t.expiresIn), resource: aud, token_type: 'Bearer', client_id: mi.clientId });
}
