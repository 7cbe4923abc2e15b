/**
 * From connect's input (and, for service principals, the usual AZURE_* variables) to one sign-in
 * plan. Every contradiction is an input error here, before anything touches the network.
 */
import type { Env } from '../core/context.js';
import { fail } from '../core/errors.js';
import { toFlag } from '../core/names.js';

// Connect's inputs are plain PascalCase names: the CLI parser's own rule gives their flags.
const flagName = (name: string): string => `--${toFlag(name)}`;

export interface ConnectInput {
  Environment?: string;
  Tenant?: string;
  Subscription?: string;
  AccountId?: string;
  UseDeviceAuthentication?: boolean;
  Credential?: { UserName: string; Password: string };
  Username?: string;
  Password?: string;
  ServicePrincipal?: boolean;
  ApplicationId?: string;
  ClientSecret?: string;
  CertificatePath?: string;
  CertificatePassword?: string;
  SendCertificateChain?: boolean;
  FederatedToken?: string;
  FederatedTokenFile?: string;
  Identity?: boolean;
  AccessToken?: string;
  ContextName?: string;
  SkipContextPopulation?: boolean;
  MaxContextPopulation?: number;
  Force?: boolean;
  Scope?: 'Process' | 'CurrentUser';
  Timeout?: number;
  AuthScope?: string;
}

export type SignInPlan =
  | { kind: 'user'; deviceCode: boolean; loginHint?: string }
  | { kind: 'password'; username: string; password: string }
  | { kind: 'secret'; appId: string; tenant: string; secret: string; fromEnvironment: boolean }
  | { kind: 'certificate'; appId: string; tenant: string; path: string; password?: string; sendChain: boolean; fromEnvironment: boolean }
  | { kind: 'federated'; appId: string; tenant: string; token?: string; tokenFile?: string; fromEnvironment: boolean }
  | { kind: 'identity'; id?: string }
  | { kind: 'accessToken'; token: string; accountId?: string };

const SP_ONLY = ['ApplicationId', 'ClientSecret', 'CertificatePath', 'CertificatePassword', 'SendCertificateChain', 'FederatedToken', 'FederatedTokenFile'] as const;

function given(input: ConnectInput, names: readonly (keyof ConnectInput)[]): string[] {
  return names.filter((n) => input[n] !== undefined && input[n] !== false);
}


function conflict(a: string, others: string[]): never {
  throw fail.ConflictingSignInOptions(`${flagName(a)} cannot be combined with ${others.map(flagName).join(', ')}: they choose different ways to sign in. Run myaccount connect --help for the ways and their options.`, { target: a });
}

function servicePrincipalPlan(input: ConnectInput, env: Env): SignInPlan {
  const fromCredential = input.Credential;
  const explicit = input.ApplicationId ?? fromCredential?.UserName;
  const fromEnvironment = explicit === undefined;
  const appId = explicit ?? env.AZURE_CLIENT_ID;
  const tenant = input.Tenant ?? env.AZURE_TENANT_ID;
  if (!appId) throw fail.ApplicationIdRequired('A service principal sign-in needs the application (client) id: give --application-id, or set AZURE_CLIENT_ID.', { target: 'ApplicationId' });
  if (!tenant) throw fail.TenantRequired('A service principal signs in to one tenant: give --tenant (id or domain), or set AZURE_TENANT_ID.', { target: 'Tenant' });
  const secret = input.ClientSecret ?? fromCredential?.Password;
  const kinds = [secret !== undefined && 'ClientSecret', input.CertificatePath !== undefined && 'CertificatePath', (input.FederatedToken ?? input.FederatedTokenFile) !== undefined && 'FederatedToken'].filter(Boolean) as string[];
  if (kinds.length > 1) conflict(kinds[0], kinds.slice(1));
  if (input.FederatedToken !== undefined && input.FederatedTokenFile !== undefined) conflict('FederatedToken', ['FederatedTokenFile']);
  if (secret !== undefined) return { kind: 'secret', appId, tenant, secret, fromEnvironment: false };
  if (input.CertificatePath !== undefined) return { kind: 'certificate', appId, tenant, path: input.CertificatePath, password: input.CertificatePassword, sendChain: !!input.SendCertificateChain, fromEnvironment: false };
  if (input.FederatedToken !== undefined || input.FederatedTokenFile !== undefined) return { kind: 'federated', appId, tenant, token: input.FederatedToken, tokenFile: input.FederatedTokenFile, fromEnvironment: false };
  // Nothing on the command line: the variables CI systems and Azure SDKs use.
  if (env.AZURE_CLIENT_SECRET) return { kind: 'secret', appId, tenant, secret: env.AZURE_CLIENT_SECRET, fromEnvironment };
  if (env.AZURE_CLIENT_CERTIFICATE_PATH) {
    return { kind: 'certificate', appId, tenant, path: env.AZURE_CLIENT_CERTIFICATE_PATH, password: env.AZURE_CLIENT_CERTIFICATE_PASSWORD || undefined, sendChain: !!input.SendCertificateChain || env.AZURE_CLIENT_SEND_CERTIFICATE_CHAIN === 'true', fromEnvironment };
  }
  if (env.AZURE_FEDERATED_TOKEN_FILE) return { kind: 'federated', appId, tenant, tokenFile: env.AZURE_FEDERATED_TOKEN_FILE, fromEnvironment };
  throw fail.ServicePrincipalCredentialRequired('A service principal needs a credential: --client-secret, --certificate-path or --federated-token/--federated-token-file, or the variables AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE.', { target: 'ServicePrincipal' });
}

export function planSignIn(input: ConnectInput, env: Env): SignInPlan {
  const spGiven = given(input, SP_ONLY);
  const password = input.Credential ?? (input.Username !== undefined || input.Password !== undefined ? { UserName: input.Username ?? '', Password: input.Password ?? '' } : undefined);
  if (input.Credential && (input.Username !== undefined || input.Password !== undefined)) conflict('Credential', ['Username', 'Password']);
  if (input.Identity) {
    const others = given(input, ['ServicePrincipal', 'AccessToken', 'Credential', 'Username', 'UseDeviceAuthentication', ...SP_ONLY]);
    if (others.length) conflict('Identity', others);
    return { kind: 'identity', id: input.AccountId };
  }
  if (input.AccessToken !== undefined) {
    const others = given(input, ['ServicePrincipal', 'Credential', 'Username', 'UseDeviceAuthentication', ...SP_ONLY]);
    if (others.length) conflict('AccessToken', others);
    return { kind: 'accessToken', token: input.AccessToken, accountId: input.AccountId };
  }
  if (input.ServicePrincipal || spGiven.length > 0) {
    const others = given(input, ['UseDeviceAuthentication', 'Username', 'Password']);
    if (others.length) conflict('ServicePrincipal', others);
    if (input.Credential && input.ApplicationId) conflict('Credential', ['ApplicationId']);
    return servicePrincipalPlan(input, env);
  }
  if (password) {
    if (input.UseDeviceAuthentication) conflict('UseDeviceAuthentication', ['Credential']);
    if (!password.UserName) throw fail.UsernameRequired('A password sign-in needs the user name: give --username (or Credential.UserName).', { target: 'Username' });
    if (!password.Password) throw fail.PasswordRequired('A password sign-in needs the password: give --password, or pass it as JSON on stdin (--input-json -) to keep it off the command line.', { target: 'Password' });
    return { kind: 'password', username: password.UserName, password: password.Password };
  }
  return { kind: 'user', deviceCode: !!input.UseDeviceAuthentication, loginHint: input.AccountId };
}

/** Stands in for every AZURE_* value a service principal may take from the environment. */
const ANY_ENVIRONMENT: Env = { AZURE_CLIENT_ID: 'environment', AZURE_TENANT_ID: 'environment', AZURE_CLIENT_SECRET: 'environment' };

/**
 * The checks input alone can decide (conflicting options, a missing password), for schema-time
 * validation where the caller's environment is not known yet: whatever the AZURE_* variables
 * could supply counts as supplied, and runConnect checks it again with the real environment.
 */
export function checkSignInInput(input: ConnectInput): void {
  planSignIn(input, ANY_ENVIRONMENT);
}
