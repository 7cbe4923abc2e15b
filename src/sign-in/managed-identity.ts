/** A managed identity (connect --identity): system-assigned, or user-assigned by client or resource id. */
import { ManagedIdentityCredential, type ManagedIdentityId } from '../credentials/managed-identity-credential.js';
import { armResource } from '../profile/endpoints.js';
import type { PlanOf, SignedIn, SignInRequest } from './types.js';

function managedIdentityId(id: string | undefined): ManagedIdentityId {
  if (!id) return undefined;
  if (id.startsWith('/')) return { userAssignedResourceId: id };
  return { userAssignedClientId: id };
}

export async function signInManagedIdentity(r: SignInRequest, plan: PlanOf<'identity'>): Promise<SignedIn> {
  const arm = armResource(r.session.environment);
  const credential = new ManagedIdentityCredential(r.session, managedIdentityId(plan.id));
  const first = await credential.getToken(r.firstResource ?? arm);
  const properties: Record<string, string> = { homeTenantId: first.tenantId };
  if (plan.id) properties.managedIdentityId = plan.id;
  return { credential, accountId: plan.id ?? 'MSI@50342', type: 'ManagedService', properties, flow: 'ManagedIdentity', secrets: [] };
}
