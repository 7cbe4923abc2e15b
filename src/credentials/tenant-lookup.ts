/**
 * A tenant given as a domain (contoso.onmicrosoft.com) becomes its id through the v1 OpenID
 * configuration, as Az does: the token endpoint in that document carries the tenant's GUID.
 */
import { fail } from '../core/errors.js';
import type { EnvironmentView } from '../profile/environment-types.js';
import { checkTenantText, isGuid } from '../profile/profile.js';
import { authorityHost } from '../profile/endpoints.js';
import type { HttpClient } from '../http/http-client.js';

const GUID_IN_PATH = /\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\//i;


export async function resolveTenantId(value: string, environment: EnvironmentView, http: HttpClient, signal: AbortSignal): Promise<string> {
  if (isGuid(value)) return value.toLowerCase();
  checkTenantText(value, 'Tenant');
  const url = `${authorityHost(environment)}${encodeURIComponent(value)}/.well-known/openid-configuration`;
  let status = 0;
  let body: { token_endpoint?: string; issuer?: string } = {};
  try {
    const response = await http.fetch(url, { signal });
    status = response.status;
    body = JSON.parse(await response.text()) as typeof body;
  } catch {
    if (status === 0) {
      throw fail.AuthorityUnreachable(`Could not reach ${authorityHost(environment)} to look up the tenant "${value}". Check the network and --environment, or give the tenant id.`, { target: 'Tenant' });
    }
  }
  const id = GUID_IN_PATH.exec(body.token_endpoint ?? '')?.[1] ?? GUID_IN_PATH.exec(`${body.issuer ?? ''}/`)?.[1];
  if (status !== 200 || !id) {
    throw fail.TenantDomainNotFound(`No tenant has the domain "${value}" in ${environment.Name}. Check the spelling, or give the tenant id (a GUID).`, { target: 'Tenant' });
  }
  return id.toLowerCase();
}
