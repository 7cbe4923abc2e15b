/**
 * A stored account (from the profile) back as a Credential, in a later process: users through
 * the shared token cache, service principals with the secret from the secure store (or the
 * AZURE_* variables), certificates from their path, federated tokens from their file, managed
 * identities by their id. What cannot be rebuilt says exactly what to run.
 */
import type { CommandContext } from '../core/context.js';
import { fail, MyAccountError } from '../core/errors.js';
import type { AccountRecord, Profile } from '../profile/profile.js';
import { loadCertificate } from './certificate.js';
import { AccessTokenCredential } from './access-token-credential.js';
import { ManagedIdentityCredential } from './managed-identity-credential.js';
import { ServicePrincipalCredential, type AppCredential } from './service-principal-credential.js';
import { UserCredential } from './user-credential.js';
import { type Credential } from './credential.js';
import { CachedTokensOnlyCredential, NO_ASSERTION } from './cached-app-credential.js';
import { armResource } from '../profile/endpoints.js';
import { AuthSession } from './session.js';
import { readSettings } from '../config/config-store.js';
import { resolveEnvironment } from '../profile/environments.js';
import { readFederatedToken } from './federated-token.js';
import { fromMsalError } from './msal-errors.js';
import { LOCAL_CLOUD_NAME, localBrokerServes } from '../local-cloud/index.js';
import { homeTenantOf } from './default-account.js';

function secretNeeded(account: AccountRecord, what: string): MyAccountError {
  return fail.CredentialNotStored(`A new token for ${account.id} needs its ${what}, which MyAccount did not keep (no secure store worked when it signed in). ` +
      `Run myaccount connect --service-principal again${what === 'client secret' ? ', or set AZURE_CLIENT_ID and AZURE_CLIENT_SECRET' : ''}.`);
}

/** The environment variables speak for this account only if they name it. */
function envFor(account: AccountRecord, ctx: CommandContext): NodeJS.ProcessEnv {
  const env = ctx.env;
  return env.AZURE_CLIENT_ID && env.AZURE_CLIENT_ID.toLowerCase() === account.id.toLowerCase() ? (env as NodeJS.ProcessEnv) : {};
}

async function appCredential(account: AccountRecord, session: AuthSession, ctx: CommandContext): Promise<AppCredential | { missing: string }> {
  const props = account.properties ?? {};
  const secrets = await session.secrets();
  const key = (kind: 'ClientSecret' | 'CertificatePassword' | 'FederatedToken') => ({ environment: account.environment, accountId: account.id, kind });
  const env = envFor(account, ctx);
  if (account.type === 'ClientAssertion') {
    const file = props.federatedTokenFile ?? env.AZURE_FEDERATED_TOKEN_FILE;
    if (file) return { kind: 'assertion', assertion: () => readFederatedToken(file) };
    const stored = await secrets.load(key('FederatedToken'));
    return stored ? { kind: 'assertion', assertion: async () => stored } : { missing: 'federated token' };
  }
  if (props.certificatePath) {
    const password = (await secrets.load(key('CertificatePassword'))) ?? env.AZURE_CLIENT_CERTIFICATE_PASSWORD ?? undefined;
    const certificate = await loadCertificate(props.certificatePath, password);
    return { kind: 'certificate', certificate: { thumbprintSha256: certificate.thumbprintSha256, privateKey: certificate.privateKey, x5c: props.sendCertificateChain === 'true' ? certificate.x5c : undefined } };
  }
  const secret = (await secrets.load(key('ClientSecret'))) ?? env.AZURE_CLIENT_SECRET;
  if (secret) return { kind: 'secret', secret };
  return { missing: 'client secret' };
}

const noticed = new Set<string>();

/**
 * A person who signed in through the broker: the broker holds the refresh token (MSAL's cache
 * never does), so every later token comes from it. Turning EnableLoginByWam off does not strand
 * such an account: it keeps using the broker until disconnected, and says so once per process.
 */
async function brokeredUser(account: AccountRecord, session: AuthSession, ctx: CommandContext): Promise<Credential> {
  const local = session.environment.Name === LOCAL_CLOUD_NAME;
  // The local cloud's authority goes only to its own broker double, never to a real broker on another bus.
  if (local && !localBrokerServes(ctx)) {
    throw fail.BrokerUnavailable(`${account.id} signed in through the local cloud's broker, which is not running on this session bus. Start it (myaccount emulator start --detach --broker, then eval "$(myaccount emulator env --output env)") or run myaccount connect again.`);
  }
  const loaded = await ctx.loadBroker();
  if (!loaded.plugin) {
    throw fail.BrokerUnavailable(`${account.id} signed in through the sign-in broker, which is not available here (${loaded.reason ?? 'unknown reason'}). Make the broker available, or run myaccount disconnect and connect again without it.`);
  }
  if (!session.settings.EnableLoginByWam && !noticed.has(account.id)) {
    noticed.add(account.id);
    ctx.report.warning(`EnableLoginByWam is off, but ${account.id} signed in through the broker; its tokens still come from the broker until you run myaccount disconnect.`);
  }
  session.setBroker(loaded.plugin);
  const app = session.publicApp();
  let accounts;
  try {
    accounts = await app.getAllAccounts();
  } catch (error) {
    throw fromMsalError(error, { action: `Finding ${account.id} at the sign-in broker`, authority: session.authority('organizations') });
  }
  const found = accounts.find((a) => account.homeAccountId && a.homeAccountId.toLowerCase() === account.homeAccountId.toLowerCase()) ?? accounts.find((a) => a.username.toLowerCase() === account.id.toLowerCase());
  if (!found) throw fail.SignInRequired(`${account.id} is no longer signed in at the sign-in broker. Run myaccount connect.`);
  return new UserCredential(session, found);
}

export async function credentialFor(account: AccountRecord, session: AuthSession, ctx: CommandContext): Promise<Credential> {
  const props = account.properties ?? {};
  const home = homeTenantOf(account);
  switch (account.type) {
    case 'User': {
      if (props.broker === 'true') return brokeredUser(account, session, ctx);
      const accounts = await session.publicApp().getTokenCache().getAllAccounts();
      const cached = accounts.find((a) => account.homeAccountId && a.homeAccountId.toLowerCase() === account.homeAccountId.toLowerCase()) ?? accounts.find((a) => a.username.toLowerCase() === account.id.toLowerCase());
      if (!cached) throw fail.SignInRequired(`The sign-in of ${account.id} is no longer in the token cache (it was cleared or signed out). Run myaccount connect.`);
      return new UserCredential(session, cached);
    }
    case 'ManagedService': {
      const id = props.managedIdentityId;
      const credential = new ManagedIdentityCredential(session, id ? (id.startsWith('/') ? { userAssignedResourceId: id } : { userAssignedClientId: id }) : undefined);
      credential.homeTenantId = home;
      return credential;
    }
    case 'AccessToken': {
      const token = await (await session.secrets()).load({ environment: account.environment, accountId: account.id, kind: 'AccessToken' });
      if (!token) throw fail.SignInRequired(`The access token of ${account.id} was not kept (no secure store worked), and it cannot be refreshed. Run myaccount connect --access-token again.`);
      const arm = armResource(session.environment);
      return new AccessTokenCredential(token, home, () => ctx.clock.now(), [arm, session.environment.ResourceManagerUrl ?? arm]);
    }
    default: {
      const app = await appCredential(account, session, ctx);
      if (!('missing' in app)) return new ServicePrincipalCredential(session, account.id, home, app, account.type);
      // Nothing to prove who it is: MSAL's cached tokens still serve (see cached-app-credential.ts).
      const inner = new ServicePrincipalCredential(session, account.id, home, { kind: 'assertion', assertion: async () => NO_ASSERTION }, account.type);
      const askOrFail = async (): Promise<Credential> => {
        // A person at a terminal is asked for the client secret (not echoed); everyone else is told what to supply.
        if (app.missing !== 'client secret' || !ctx.interactive) throw secretNeeded(account, app.missing);
        const secret = (await ctx.promptSecret(`The client secret of ${account.id} was not kept; type it to continue (it is not shown): `)).trim();
        if (!secret) throw secretNeeded(account, app.missing);
        return new ServicePrincipalCredential(session, account.id, home, { kind: 'secret', secret }, account.type);
      };
      return new CachedTokensOnlyCredential(inner, session, account.id, askOrFail, () => ctx.clock.now());
    }
  }
}

/** An auth session for the account's own environment and client id. */
export async function sessionFor(account: AccountRecord, profile: Profile, ctx: CommandContext): Promise<AuthSession> {
  const settings = await readSettings(ctx);
  const environment = resolveEnvironment(profile, ctx, account.environment);
  // People's tokens are cached under the client id they signed in with, whatever ClientId says now.
  const clientId = account.properties?.clientId ?? settings.ClientId;
  return AuthSession.open(ctx, { environment, settings: { ...settings, ClientId: clientId } });
}
