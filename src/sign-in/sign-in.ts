/**
 * Carries out a sign-in plan: the first token, and the account it belongs to, as a Credential
 * that can get more tokens silently (other tenants, other resources) for the rest of connect.
 */
import { readFederatedToken } from '../credentials/federated-token.js';
import { resolve as resolvePath } from 'node:path';
import type { AuthenticationResult } from '@azure/msal-node';
import type { CommandContext } from '../core/context.js';
import { fail } from '../core/errors.js';
import type { AccountType } from '../profile/profile.js';
import { loadCertificate } from '../credentials/certificate.js';
import { AccessTokenCredential, jwtClaims, ManagedIdentityCredential, ServicePrincipalCredential, UserCredential, type Credential, type ManagedIdentityId } from '../credentials/credential.js';
import { armResource, scopeFor } from '../profile/endpoints.js';
import type { SecretKind } from '../token-cache/secret-store.js';
import type { AuthSession } from '../credentials/session.js';
import { decideUserFlow } from './flow-choice.js';
import type { SignInPlan } from './plan.js';
import { signInWithBroker, signInWithBrowser, signInWithDeviceCode, signInWithPassword, type UserSignIn } from './user-flows.js';

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
}

async function userSignIn(r: SignInRequest, plan: Extract<SignInPlan, { kind: 'user' | 'password' }>): Promise<{ result: AuthenticationResult; flow: SignInFlow }> {
  const { session, ctx } = r;
  const base: UserSignIn = { session, ctx, tenant: r.tenant ?? 'organizations', scopes: [scopeFor(armResource(session.environment))], loginHint: plan.kind === 'user' ? plan.loginHint : undefined, timeoutSeconds: r.timeoutSeconds };
  if (plan.kind === 'password') {
    ctx.report.warning('Signing in with a user name and password is deprecated by Microsoft and cannot satisfy multi-factor authentication. Prefer the browser, a device code, or a service principal for automation.');
    return { result: await signInWithPassword(base, plan.username, plan.password), flow: 'Password' };
  }
  const choice = await decideUserFlow({ deviceCode: plan.deviceCode, wamEnabled: session.settings.EnableLoginByWam, authority: session.authority('organizations'), ctx });
  for (const notice of choice.notices) ctx.report.warning(notice);
  if (choice.flow === 'Broker') {
    session.setBroker(choice.broker);
    return { result: await signInWithBroker(base), flow: 'Broker' };
  }
  if (choice.flow === 'Browser') {
    let opened = true;
    const opener = async (url: string): Promise<void> => {
      try {
        await ctx.openBrowser(url);
      } catch {
        opened = false;
        throw fail.BrowserFailed('The browser could not be opened.');
      }
    };
    try {
      return { result: await signInWithBrowser(base, opener), flow: 'Browser' };
    } catch (error) {
      if (opened) throw error;
      // The promise Az.Accounts makes and does not keep: no browser, so a device code instead.
      ctx.report.warning('The browser could not be opened, so sign-in uses a device code instead. Add --use-device-authentication to choose this yourself.');
    }
  }
  return { result: await signInWithDeviceCode(base), flow: 'DeviceCode' };
}

function managedIdentityId(id: string | undefined): ManagedIdentityId {
  if (!id) return undefined;
  if (id.startsWith('/')) return { userAssignedResourceId: id };
  return { userAssignedClientId: id };
}

export async function signIn(r: SignInRequest): Promise<SignedIn> {
  const { plan, session, ctx } = r;
  const arm = armResource(session.environment);
  switch (plan.kind) {
    case 'user':
    case 'password': {
      const { result, flow } = await userSignIn(r, plan);
      if (!result.account) throw fail.NoAccount('The sign-in returned no account. Try again; if it keeps happening, run with --debug and report it.');
      const credential = new UserCredential(session, result.account);
      return {
        credential,
        accountId: result.account.username,
        type: 'User',
        homeAccountId: result.account.homeAccountId,
        properties: { homeTenantId: result.account.tenantId, clientId: session.clientId },
        flow,
        secrets: [],
      };
    }
    case 'secret':
    case 'certificate':
    case 'federated': {
      let credential: ServicePrincipalCredential;
      const properties: Record<string, string> = { homeTenantId: plan.tenant };
      const secrets: SignedIn['secrets'] = [];
      let flow: SignInFlow;
      if (plan.kind === 'secret') {
        credential = new ServicePrincipalCredential(session, plan.appId, plan.tenant, { kind: 'secret', secret: plan.secret });
        secrets.push({ kind: 'ClientSecret', value: plan.secret });
        flow = 'ClientSecret';
      } else if (plan.kind === 'certificate') {
        const certificate = await loadCertificate(plan.path, plan.password);
        if (certificate.notAfter.getTime() < ctx.clock.now().getTime()) ctx.report.warning(`The certificate ${plan.path} expired on ${certificate.notAfter.toISOString()}; Microsoft Entra ID will refuse it.`);
        credential = new ServicePrincipalCredential(session, plan.appId, plan.tenant, { kind: 'certificate', certificate: { thumbprintSha256: certificate.thumbprintSha256, privateKey: certificate.privateKey, x5c: plan.sendChain ? certificate.x5c : undefined } });
        // Kept absolute: later commands run from other folders.
        properties.certificatePath = resolvePath(plan.path);
        if (plan.sendChain) properties.sendCertificateChain = 'true';
        if (plan.password) secrets.push({ kind: 'CertificatePassword', value: plan.password });
        flow = 'Certificate';
      } else {
        const tokenFile = plan.tokenFile;
        const literal = plan.token;
        // A file is read again whenever MSAL needs a new assertion: CI systems rotate it (Az.Accounts #17346).
        const assertion = tokenFile ? () => readFederatedToken(tokenFile) : async () => literal!;
        credential = new ServicePrincipalCredential(session, plan.appId, plan.tenant, { kind: 'assertion', assertion }, 'ClientAssertion');
        if (tokenFile) properties.federatedTokenFile = resolvePath(tokenFile);
        else secrets.push({ kind: 'FederatedToken', value: literal! });
        flow = 'FederatedToken';
      }
      if (plan.fromEnvironment) properties.fromEnvironment = 'true';
      // Past the cache: a token cached by an earlier connect must not vouch for a wrong or expired credential.
      await credential.getToken(arm, plan.tenant, { forceRefresh: true });
      return { credential, accountId: plan.appId, type: credential.type, properties, flow, secrets };
    }
    case 'identity': {
      const credential = new ManagedIdentityCredential(session, managedIdentityId(plan.id));
      const first = await credential.getToken(arm);
      const properties: Record<string, string> = { homeTenantId: first.tenantId };
      if (plan.id) properties.managedIdentityId = plan.id;
      return { credential, accountId: plan.id ?? 'MSI@50342', type: 'ManagedService', properties, flow: 'ManagedIdentity', secrets: [] };
    }
    case 'accessToken': {
      const claims = jwtClaims(plan.token);
      const tenant = r.tenant ?? (typeof claims.tid === 'string' ? claims.tid : undefined);
      if (!tenant) throw fail.TenantRequired('The access token names no tenant (no tid claim): give --tenant.', { target: 'Tenant' });
      const accountId = plan.accountId ?? [claims.upn, claims.unique_name, claims.preferred_username, claims.appid].find((v) => typeof v === 'string') as string | undefined;
      if (!accountId) throw fail.AccountIdRequired('The access token does not say whose it is: give --account-id.', { target: 'AccountId' });
      const credential = new AccessTokenCredential(plan.token, tenant, () => ctx.clock.now(), [arm, session.environment.ResourceManagerUrl ?? arm]);
      await credential.getToken(arm, tenant);
      ctx.report.warning(`An access token cannot be refreshed: MyAccount uses it until it expires (${credential.expiresOn.toISOString()}), then you must connect again.`);
      return { credential, accountId, type: 'AccessToken', properties: { homeTenantId: tenant }, flow: 'AccessToken', secrets: [{ kind: 'AccessToken', value: plan.token }] };
    }
  }
}
