/**
 * Carries out a sign-in plan: the first token, and the account it belongs to, as a Credential
 * that can get more tokens silently (other tenants, other resources) for the rest of connect.
 * Each kind of sign-in has its own module; this one only dispatches.
 */
import { signInWithAccessToken } from './access-token.js';
import { signInManagedIdentity } from './managed-identity.js';
import { signInServicePrincipal } from './service-principal.js';
import type { SignedIn, SignInRequest } from './types.js';
import { signInUser } from './user.js';

export type { SignedIn, SignInFlow, SignInRequest } from './types.js';

export function signIn(r: SignInRequest): Promise<SignedIn> {
  const { plan } = r;
  switch (plan.kind) {
    case 'user':
    case 'password':
      return signInUser(r, plan);
    case 'secret':
    case 'certificate':
    case 'federated':
      return signInServicePrincipal(r, plan);
    case 'identity':
      return signInManagedIdentity(r, plan);
    case 'accessToken':
      return signInWithAccessToken(r, plan);
  }
}
