/**
 * connect, step by step: sign in, find tenants and subscriptions, choose the default, keep the
 * credential (secure store only) and store the account and its contexts.
 */
import type { CommandContext } from '../../core/context.js';
import { fail, MyAccountError } from '../../core/errors.js';
import { AuthSession } from '../../credentials/session.js';
import { readSettings } from '../../config/config-store.js';
import type { Settings } from '../../config/settings.js';
import { resolveEnvironment } from '../../profile/environments.js';
import { loadProfile } from '../../profile/profile.js';
import { signIn, type SignedIn } from '../../sign-in/sign-in.js';
import { planSignIn, type ConnectInput, type SignInPlan } from '../../sign-in/plan.js';
import { authScopeResource } from '../../profile/endpoints.js';
import { resolveTenantId } from '../../credentials/tenant-lookup.js';
import type { ArmTenant } from '../../cloud/arm-client.js';
import { subscriptionRecord, subscriptionView, tenantRecord } from '../../cloud/views.js';
import { findRequested, firstChoice, isActive, pickerRows, readAnswer, renderPicker, type Requested } from '../../cloud/default-subscription.js';
import { populate, populationOptionsFor, reachableTenants, summarizeSkipped, type TenantOutcome } from '../../cloud/population.js';
import { contextName, findContext, makeDefault, resolveDefault, sameTarget, toContextView } from '../../profile/contexts.js';
import { openProfile, sameName, type AccountRecord, type ContextRecord, type Profile, type SubscriptionRecord, type TenantRecord } from '../../profile/profile.js';
import { DEFAULT_MAX_CONTEXTS, type ConnectResult } from './types.js';
import { localCloudPortWhenAsked } from '../../local-cloud/index.js';

async function pick(ctx: CommandContext, subscriptions: SubscriptionRecord[], tenants: TenantRecord[], marked: SubscriptionRecord | null): Promise<SubscriptionRecord> {
  const names = new Map(tenants.map((t) => [t.id, t.displayName ?? t.id]));
  const tenantName = (id: string): string => names.get(id) ?? id;
  const rows = pickerRows(subscriptions, tenantName);
  ctx.report.information(renderPicker(rows, tenantName, marked));
  for (let attempt = 0; attempt < 5; attempt++) {
    const answer = readAnswer(await ctx.prompt(`\nSelect a subscription by its number${marked ? ' (Enter for the one marked *)' : ' (Enter for the first)'}: `), rows, marked);
    if (answer.kind === 'chosen') return answer.subscription;
    ctx.report.warning(answer.message);
  }
  throw fail.NoSubscriptionSelected('No subscription was selected. Run connect again with --subscription, or set DefaultSubscriptionForLogin.');
}

/** Which contexts to store: the default one, and up to the limit of the others in list order. */
function contextsToStore(input: ConnectInput, all: SubscriptionRecord[], chosen: SubscriptionRecord | null, picked: boolean): SubscriptionRecord[] {
  if (input.SkipContextPopulation) return chosen ? [chosen] : [];
  const limit = picked || input.MaxContextPopulation === -1 ? all.length : (input.MaxContextPopulation ?? DEFAULT_MAX_CONTEXTS);
  const out = all.slice(0, limit);
  if (chosen && !out.some((s) => s.id === chosen.id && s.tenantId === chosen.tenantId)) out.push(chosen);
  return out;
}

function contextExists(existing: ContextRecord): MyAccountError {
  return fail.ContextExists(`A context named "${existing.name}" already exists for another subscription or account. Add --force to overwrite it, or choose another --context-name.`, { target: 'ContextName' });
}

/** After sign-in, when the target is known: the name may be reused only for the same target, or with --force. */
function checkContextName(profile: Profile, input: ConnectInput, target: Omit<ContextRecord, 'name'>): void {
  if (input.ContextName === undefined || input.Force) return;
  const existing = findContext(profile, input.ContextName);
  if (existing && !sameTarget(existing, target)) throw contextExists(existing);
}

/**
 * Before sign-in, refuse what is already certain to clash (another account, another subscription),
 * so nobody signs in only to be refused; reconnecting to the same target keeps working.
 */
function checkContextNameEarly(profile: Profile, input: ConnectInput, plan: SignInPlan): void {
  if (input.ContextName === undefined || input.Force) return;
  const existing = findContext(profile, input.ContextName);
  if (!existing) return;
  const account = plan.kind === 'password' ? plan.username : plan.kind === 'identity' ? (plan.id ?? 'MSI@50342') : plan.kind === 'accessToken' ? plan.accountId : plan.kind === 'user' ? undefined : plan.appId;
  const wanted = input.Subscription;
  const otherAccount = account !== undefined && !sameName(existing.accountId, account);
  const otherSubscription = wanted !== undefined && !(existing.subscription && (sameName(existing.subscription.id, wanted) || sameName(existing.subscription.name, wanted)));
  if (otherAccount || otherSubscription) throw contextExists(existing);
}

interface Reached {
  outcomes: TenantOutcome[];
  subscriptions: SubscriptionRecord[];
  tenantRecords: TenantRecord[];
}

/** Every tenant the account reaches and every subscription in each; the skipped ones in one warning. */
async function findSubscriptions(ctx: CommandContext, session: AuthSession, signedIn: SignedIn, tenant: string | undefined): Promise<Reached> {
  const population = populationOptionsFor({ credential: signedIn.credential, environment: session.environment, fetch: session.http.fetch, concurrency: session.settings.TenantConcurrency }, ctx);
  // People without --tenant reach every tenant their home token lists; everyone else one tenant.
  const tenants = await reachableTenants(population, tenant ?? signedIn.credential.homeTenantId, !tenant && signedIn.type === 'User');
  const outcomes = await populate(population, tenants);
  const skipped = summarizeSkipped(outcomes);
  if (skipped) ctx.report.warning(skipped);
  const reached = outcomes.filter((o) => o.status === 'Succeeded');
  if (reached.length === 0) {
    const mfa = outcomes[0]?.status === 'MfaRequired';
    throw fail[mfa ? 'MfaRequired' : 'NoTenantReachable'](`Signed in as ${signedIn.accountId}, but no tenant could be read. ${skipped ?? ''}`.trim());
  }
  return {
    outcomes,
    subscriptions: reached.flatMap((o) => o.subscriptions.map((s) => subscriptionRecord(s, o.tenant.tenantId))),
    tenantRecords: reached.map((o) => tenantRecord(o.tenant)),
  };
}

interface Selection {
  chosen: SubscriptionRecord | null;
  picked: boolean;
  /** The picker was due but nobody could be asked here (see PickerSkipped in the result). */
  pickerSkipped: boolean;
}

/** The default subscription by Az's rules: asked for, else the picker for a person at a terminal, else the first active one. */
async function selectDefault(ctx: CommandContext, input: ConnectInput, settings: Settings, before: Profile, signedIn: SignedIn, found: Reached): Promise<Selection> {
  const { subscriptions, tenantRecords } = found;
  const requested: Requested | null = input.Subscription
    ? { value: input.Subscription, source: 'parameter' }
    : settings.DefaultSubscriptionForLogin
      ? { value: settings.DefaultSubscriptionForLogin, source: 'setting' }
      : null;
  if (requested) return { chosen: findRequested(subscriptions, requested), picked: false, pickerSkipped: false };
  const pickerDue = signedIn.type === 'User' && subscriptions.length > 1 && settings.LoginExperienceV2 === 'On';
  if (pickerDue && ctx.interactive) {
    const previous = resolveDefault(before, ctx.env)?.context.subscription ?? null;
    const marked = previous ? (subscriptions.find((s) => s.id === previous.id && s.tenantId === previous.tenantId) ?? null) : null;
    return { chosen: await pick(ctx, subscriptions, tenantRecords, marked), picked: true, pickerSkipped: false };
  }
  if (signedIn.type !== 'User' && subscriptions.filter(isActive).length > 1) {
    ctx.report.information(`Tenant ${tenantRecords[0]?.id} has more than one active subscription; the first one was selected. Choose with --subscription, or set DefaultSubscriptionForLogin with update-config.`);
  }
  return { chosen: firstChoice(subscriptions), picked: false, pickerSkipped: pickerDue };
}

/**
 * The sign-in plan; a service principal with no credential anywhere (flags, input, AZURE_*) is
 * asked for its client secret at a terminal, without echo, as az login and Connect-AzAccount ask,
 * so a person never needs to put it on the command line. Scripts and CI still get the error.
 */
async function planOrAsk(input: ConnectInput, ctx: CommandContext): Promise<SignInPlan> {
  try {
    return planSignIn(input, ctx.env);
  } catch (error) {
    if (!(error instanceof MyAccountError) || error.code !== 'ServicePrincipalCredentialRequired' || !ctx.interactive) throw error;
    const appId = input.ApplicationId ?? input.Credential?.UserName ?? ctx.env.AZURE_CLIENT_ID;
    const secret = (await ctx.promptSecret(`The client secret of application ${appId} (it is not shown): `)).trim();
    if (!secret) throw error;
    return planSignIn({ ...input, ClientSecret: secret }, ctx.env);
  }
}

export async function runConnect(input: ConnectInput, ctx: CommandContext): Promise<ConnectResult> {
  const settings = await readSettings(ctx);
  const before = await loadProfile(ctx);
  const environment = resolveEnvironment(before, ctx, input.Environment);
  // Checked before anything goes over the network: a wrong -AuthScope is input, not a failed sign-in.
  if (input.AuthScope !== undefined && input.AccessToken !== undefined) {
    throw fail.ConflictingSignInOptions('AuthScope (--auth-scope) chooses the first token a sign-in asks for; an access token (--access-token) is given, not asked for. Leave one out.', { target: 'AuthScope' });
  }
  const firstResource = input.AuthScope !== undefined ? authScopeResource(environment, input.AuthScope) : undefined;
  const plan = await planOrAsk(input, ctx);
  checkContextNameEarly(before, input, plan);
  const session = await AuthSession.open(ctx, { environment, settings });
  try {
    const tenantInput = input.Tenant ?? ('tenant' in plan ? plan.tenant : undefined);
    const tenant = tenantInput && !['organizations', 'common'].includes(tenantInput.toLowerCase()) ? await resolveTenantId(tenantInput, environment, session.http, ctx.signal) : undefined;
    if (tenant && 'tenant' in plan) plan.tenant = tenant;
    const signedIn = await signIn({ plan, session, ctx, tenant, timeoutSeconds: input.Timeout, firstResource });
    ctx.report.verbose(`Signed in as ${signedIn.accountId} (${signedIn.flow}).`);

    // Discovery writes a token per tenant: keep them in memory and write the cache once, merged
    // under its lock with what other processes wrote meanwhile (token-cache/cache-plugin.ts).
    const deferred = signedIn.type === 'User' && (await session.deferCacheWrites());
    let found: Reached;
    try {
      found = await findSubscriptions(ctx, session, signedIn, tenant);
    } finally {
      if (deferred) await session.flushCacheWrites();
    }
    const selection = await selectDefault(ctx, input, settings, before, signedIn, found);
    const { chosen } = selection;
    if (chosen && chosen.state !== 'Enabled') ctx.report.warning(`The selected subscription "${chosen.name}" is ${chosen.state}; requests to it may fail.`);

    await keepSecrets(session, ctx, signedIn);
    return await store(ctx, input, environment.Name, session, signedIn, { ...found, ...selection });
  } finally {
    session.close();
  }
}

async function keepSecrets(session: AuthSession, ctx: CommandContext, signedIn: SignedIn): Promise<void> {
  if (signedIn.secrets.length === 0) return;
  const store = await session.secrets();
  let kept = true;
  for (const s of signedIn.secrets) kept = (await store.save({ environment: session.environment.Name, accountId: signedIn.accountId, kind: s.kind }, s.value)) && kept;
  if (!kept && signedIn.properties.fromEnvironment !== 'true') {
    ctx.report.warning(
      'No secure store works here, so the credential was not kept (MyAccount never writes secrets in plain text). ' +
        'Commands that need a new token for this account will ask for it again: connect again, or set AZURE_CLIENT_SECRET / AZURE_FEDERATED_TOKEN_FILE.',
    );
  }
}

type Found = Reached & Selection;

async function store(ctx: CommandContext, input: ConnectInput, environmentName: string, session: AuthSession, signedIn: SignedIn, found: Found): Promise<ConnectResult> {
  const { subscriptions, tenantRecords, chosen, outcomes } = found;
  const account: AccountRecord = {
    id: signedIn.accountId,
    type: signedIn.type,
    environment: environmentName,
    tenants: tenantRecords,
    subscriptions,
    ...(signedIn.homeAccountId ? { homeAccountId: signedIn.homeAccountId } : {}),
    properties: signedIn.properties,
  };
  const homeTenant = tenantRecords.find((t) => t.id === signedIn.credential.homeTenantId) ?? tenantRecords[0];
  const tenantOf = (s: SubscriptionRecord): TenantRecord => tenantRecords.find((t) => t.id === s.tenantId) ?? { id: s.tenantId };
  const targets = contextsToStore(input, subscriptions, chosen, found.picked);
  let created = 0;
  const result = await openProfile(ctx.configDir, ctx.clock).update((profile) => {
    const accounts = profile.accounts.filter((a) => !sameName(a.id, account.id));
    accounts.push(account);
    let contexts = [...profile.contexts];
    const upsert = (target: Omit<ContextRecord, 'name'>, name?: string): string => {
      const equivalent = contexts.find((c) => sameTarget(c, target));
      const finalName = name ?? equivalent?.name ?? contextName(account.id, target.tenant, target.subscription);
      if (!equivalent || (name && !sameName(equivalent.name, name))) created += contexts.some((c) => sameName(c.name, finalName)) ? 0 : 1;
      contexts = contexts.filter((c) => !sameName(c.name, finalName) && !(name === undefined && c === equivalent));
      contexts.push({ name: finalName, ...target });
      return finalName;
    };
    const targetOf = (s: SubscriptionRecord | null): Omit<ContextRecord, 'name'> => ({ accountId: account.id, environment: environmentName, tenant: s ? tenantOf(s) : homeTenant, subscription: s });
    for (const s of targets) if (s !== chosen) upsert(targetOf(s));
    checkContextName({ ...profile, contexts }, input, targetOf(chosen));
    const defaultName = upsert(targetOf(chosen), input.ContextName);
    const next = makeDefault({ ...profile, accounts, contexts }, defaultName, input.Scope, ctx);
    const view = toContextView(next, contexts.find((c) => sameName(c.name, defaultName))!, defaultName, localCloudPortWhenAsked(ctx));
    return { next, result: view };
  });
  return {
    Context: result,
    Flow: signedIn.flow,
    Environment: environmentName,
    TokenCache: session.cache.store,
    Tenants: outcomes.map((o) => ({
      Id: o.tenant.tenantId,
      Name: o.tenant.displayName ?? null,
      DefaultDomain: o.tenant.defaultDomain ?? null,
      Status: o.status,
      Reason: o.reason ?? null,
    })),
    Subscriptions: subscriptions.map(subscriptionView),
    ContextsCreated: created,
    PickerSkipped: found.pickerSkipped,
  };
}
