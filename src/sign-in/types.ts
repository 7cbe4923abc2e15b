/** What every sign-in flow takes and gives back. */
import type { CommandContext } from '../core/context.js';
import type { Credential } from '../credentials/credential.js';
import type { AuthSession } from '../credentials/session.js';
import type { AccountType } from '../profile/profile.js';
import type { SecretKind } from '../token-cache/secret-store.js';
import type { SignInPlan } from './plan.js';

export type SignInFlow = 'DeviceCode' | 'Browser' | 'Broker' | 'Password' | 'ClientSecret' | 'Certificate' | 'FederatedToken' | 'ManagedIdentity' | 'AccessToken';

export interface SignedIn {
  credential: Credential;
  accountId: string;
  type: AccountType;
  homeAccountId?: string;
  /** Non-secret facts later commands need to get tokens again. */
  properties: Record<string, string>;
  flow: SignInFlow;
  /** Secrets worth keeping in the secure store for later tokens. */
  secrets: { kind: SecretKind; value: string }[];
}

export interface SignInRequest {
  plan: SignInPlan;
  session: AuthSession;
  ctx: CommandContext;
  /** The tenant id asked for (resolved from a domain), if any. */
  tenant?: string;
  timeoutSeconds?: number;
  /** -AuthScope: the audience of the first token (default: Resource Manager's). */
  firstResource?: string;
}

/** The plan of one kind of sign-in. */
export type PlanOf<K extends SignInPlan['kind']> = Extract<SignInPlan, { kind: K }>;
