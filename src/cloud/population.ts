/**
 * After the first token: which tenants the account can reach and every subscription in each,
 * tenants queried side by side up to a limit. A tenant that needs MFA or fails is recorded, not
 * thrown, so one bad tenant never costs the others; the caller reports them once, together.
 */
import pLimit from 'p-limit';
import type { Credential } from '../credentials/credential.js';
import { isMfaError } from '../credentials/msal-errors.js';
import type { CommandContext, FetchLike } from '../core/context.js';
import type { EnvironmentView } from '../profile/environment-types.js';
import { armResource, resourceManagerUrl } from '../profile/endpoints.js';
import { MyAccountError } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';
import { ArmClient, type ArmSubscription, type ArmTenant, type RetryPolicy } from './arm-client.js';

export type TenantStatus = 'Succeeded' | 'MfaRequired' | 'Failed';

export interface TenantOutcome {
  tenant: ArmTenant;
  status: TenantStatus;
  subscriptions: ArmSubscription[];
  /** Why it failed, without secrets. */
  reason?: string;
}

export interface PopulationOptions {
  credential: Credential;
  resourceManagerUrl: string;
  /** Audience of ARM tokens. */
  armResource: string;
  fetch: FetchLike;
  report: Reporter;
  signal: AbortSignal;
  concurrency: number;
  retry?: RetryPolicy;
  onRequest?: () => void;
}

/** An ARM client whose bearer tokens are this credential's, for one tenant. */
export function armFor(o: PopulationOptions, tenantId: string | undefined): ArmClient {
  return new ArmClient({
    resourceManagerUrl: o.resourceManagerUrl,
    token: async () => (await o.credential.getToken(o.armResource, tenantId)).token,
    fetch: o.fetch,
    report: o.report,
    signal: o.signal,
    retry: o.retry,
    onRequest: o.onRequest,
  });
}

/** Tenants the account's home-tenant token can see. */
export function listTenants(o: PopulationOptions, tenantId?: string): Promise<ArmTenant[]> {
  return armFor(o, tenantId).listTenants();
}

/**
 * The tenants to read, as Az reads them: for a person, every tenant the home tenant's token
 * lists; for an application (or a person limited to one tenant), just `home`, with the details
 * ARM gives for it.
 */
export async function reachableTenants(o: PopulationOptions, home: string | undefined, everyTenant: boolean): Promise<ArmTenant[]> {
  const listed = await listTenants(o, home);
  if (everyTenant) return listed.length ? listed : home ? [{ tenantId: home }] : [];
  const match = home ? listed.find((t) => t.tenantId.toLowerCase() === home.toLowerCase()) : listed[0];
  return match ? [match] : home ? [{ tenantId: home }] : [];
}

export async function subscriptionsOfTenant(o: PopulationOptions, tenant: ArmTenant): Promise<TenantOutcome> {
  try {
    const subscriptions = await armFor(o, tenant.tenantId).listSubscriptions();
    return { tenant, status: 'Succeeded', subscriptions };
  } catch (error) {
    if (o.signal.aborted) throw error;
    const mfa = (error instanceof MyAccountError && error.code === 'MfaRequired') || isMfaError(error);
    const reason = error instanceof MyAccountError ? error.message : 'unexpected error';
    return { tenant, status: mfa ? 'MfaRequired' : 'Failed', subscriptions: [], reason };
  }
}

const PROGRESS_INTERVAL_MS = 100;

/** Every tenant's subscriptions, at most `concurrency` tenants at a time, in the tenants' order. */
export async function populate(o: PopulationOptions, tenants: ArmTenant[]): Promise<TenantOutcome[]> {
  const limit = pLimit(Math.max(1, o.concurrency));
  let done = 0;
  let shownAt = -Infinity;
  const activity = 'Listing subscriptions';
  const outcomes = await Promise.all(
    tenants.map((tenant) =>
      limit(async () => {
        const outcome = await subscriptionsOfTenant(o, tenant);
        done += 1;
        // At most one progress event per PROGRESS_INTERVAL_MS (and the last): one per tenant was
        // a blocking stderr write each, 1,000 of them for 1,000 tenants, and as many progress
        // records for PowerShell to draw.
        const now = performance.now();
        if (done === tenants.length || now - shownAt >= PROGRESS_INTERVAL_MS) {
          shownAt = now;
          o.report.progress({ activity, status: `${done} of ${tenants.length} tenants`, percentComplete: Math.floor((done * 100) / tenants.length) });
        }
        return outcome;
      }),
    ),
  );
  o.report.progress({ activity, completed: true });
  return outcomes;
}

/** One warning for every tenant left out, instead of one per tenant. */
export function summarizeSkipped(outcomes: TenantOutcome[]): string | null {
  const name = (t: ArmTenant) => (t.displayName ? `${t.displayName} (${t.tenantId})` : t.tenantId);
  const mfa = outcomes.filter((o) => o.status === 'MfaRequired');
  const failed = outcomes.filter((o) => o.status === 'Failed');
  if (mfa.length === 0 && failed.length === 0) return null;
  const parts: string[] = [];
  if (mfa.length > 0) {
    parts.push(
      `${mfa.length} tenant${mfa.length > 1 ? 's need' : ' needs'} multi-factor authentication: ${mfa.map((o) => name(o.tenant)).join(', ')}. ` +
        `To use ${mfa.length > 1 ? 'one' : 'it'}, run myaccount connect --tenant ${mfa[0].tenant.tenantId}${mfa.length > 1 ? ' (with its id)' : ''}.`,
    );
  }
  if (failed.length > 0) {
    const first = failed[0].reason ? ` First error: ${failed[0].reason}` : '';
    parts.push(`${failed.length} tenant${failed.length > 1 ? 's' : ''} could not be read: ${failed.map((o) => name(o.tenant)).join(', ')}.${first}`);
  }
  return `Subscriptions were not listed from ${mfa.length + failed.length} of ${outcomes.length} tenants. ${parts.join(' ')}`;
}

/** What population needs of an account: its credential, its environment, HTTP, and how many tenants at once. */
export interface TokenUser {
  credential: Credential;
  environment: EnvironmentView;
  fetch: FetchLike;
  concurrency: number;
}

/** Population over an account's credential, environment and settings. */
export function populationOptionsFor(user: TokenUser, ctx: Pick<CommandContext, 'report' | 'signal'>): PopulationOptions {
  return {
    credential: user.credential,
    resourceManagerUrl: resourceManagerUrl(user.environment),
    armResource: armResource(user.environment),
    fetch: user.fetch,
    report: ctx.report,
    signal: ctx.signal,
    concurrency: user.concurrency,
  };
}
