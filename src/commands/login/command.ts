/**
 * `myaccount login`: az login's flags and output over connect. The sign-in itself is connect's
 * (same flows, same runner, same stored contexts); only the spelling of the flags and the printed
 * list of subscriptions (az 2.45's shape) are az's. CLI-only.
 */
import { existsSync, statSync } from 'node:fs';
import { defineCommand } from '../../core/command.js';
import { fail } from '../../core/errors.js';
import { resolveDefault } from '../../profile/contexts.js';
import { openProfile, sameName } from '../../profile/profile.js';
import { checkSignInInput, type ConnectInput } from '../../sign-in/plan.js';
import connect from '../connect/command.js';
import { azAccountSchema, azAccountTable, azAccounts, azTenantLevelAccount, type AzAccount } from '../account/views.js';
import { flag, text } from '../schema/common.js';

interface LoginInput {
  UseDeviceCode?: boolean;
  ServicePrincipal?: boolean;
  Identity?: boolean;
  Username?: string;
  Password?: string;
  Tenant?: string;
  FederatedToken?: string;
  AllowNoSubscriptions?: boolean;
  Environment?: string;
}

/** az login's flags as connect's input. -p is a secret, or the path of a PEM certificate (az 2.45 has no --certificate). */
export function toConnectInput(input: LoginInput): ConnectInput {
  const out: ConnectInput = { Environment: input.Environment, Tenant: input.Tenant };
  if (input.ServicePrincipal) {
    out.ServicePrincipal = true;
    out.ApplicationId = input.Username;
    if (input.FederatedToken !== undefined) out.FederatedToken = input.FederatedToken;
    else if (input.Password !== undefined && existsSync(input.Password) && statSync(input.Password).isFile()) out.CertificatePath = input.Password;
    else out.ClientSecret = input.Password;
  } else if (input.Identity) {
    out.Identity = true;
    out.AccountId = input.Username;
  } else if (input.Username !== undefined || input.Password !== undefined) {
    out.Username = input.Username;
    out.Password = input.Password;
  } else if (input.UseDeviceCode) {
    out.UseDeviceAuthentication = true;
  }
  // az lists every subscription; a context for each is what account set then switches between.
  out.MaxContextPopulation = -1;
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as ConnectInput;
}

export default defineCommand<LoginInput, AzAccount[]>({
  name: 'login',
  summary: 'Sign in with az login\'s flags; prints the subscriptions as az login does.',
  description:
    'connect, spelled as az login: --use-device-code, --service-principal -u <app id> -p <secret or PEM file> --tenant <tenant>, -u/-p for a password, --identity [-u <id>], --federated-token, --tenant, --allow-no-subscriptions. ' +
    'Prints az 2.45\'s list of accounts (cloudName, homeTenantId, id, isDefault, managedByTenants, name, state, tenantId, user). --environment (not an az flag: az uses its active cloud) names the cloud.',
  examples: [
    { description: 'Sign in with a device code.', cli: 'myaccount login --use-device-code', powershell: '' },
    { description: 'A service principal with a secret.', cli: 'myaccount login --service-principal -u $APP_ID -p $SECRET --tenant $TENANT', powershell: '' },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      UseDeviceCode: flag('Sign in with a device code on another device.'),
      ServicePrincipal: flag('Sign in as a service principal: -u is its application id, -p its secret or a PEM certificate file; needs --tenant.'),
      Identity: flag('Sign in as the managed identity of this machine; -u names a user-assigned one.', { flagAliases: ['i'] }),
      Username: text('The user name, the application id (--service-principal) or a managed identity id (--identity).', { flagAliases: ['u'] }),
      Password: text('The password, or for --service-principal the client secret or the path of a PEM file (key and certificate).', { flagAliases: ['p'], secret: true }, 16384),
      Tenant: text('The tenant id or domain.', { flagAliases: ['t'], completer: 'Tenant' }),
      FederatedToken: text('A federated token (OIDC JWT) for --service-principal.', { secret: true }, 16384),
      AllowNoSubscriptions: flag('List tenants without subscriptions too, as tenant-level accounts.'),
      Environment: text('The cloud (az uses its active cloud): AzureCloud (default), AzureChinaCloud, AzureUSGovernment, LocalCloud or one you added.', { completer: 'Environment' }),
    },
  },
  validate(input) {
    if (input.UseDeviceCode && (input.Username !== undefined || input.Password !== undefined || input.Identity || input.ServicePrincipal)) {
      throw fail.ConflictingSignInOptions('--use-device-code cannot be used with --username, --password, --identity or --service-principal.', { target: 'UseDeviceCode' });
    }
    if (input.ServicePrincipal && input.Identity) throw fail.ConflictingSignInOptions('Give either --service-principal or --identity, not both.', { target: 'Identity' });
    if (input.ServicePrincipal && input.Username === undefined) throw fail.ApplicationIdRequired('--service-principal needs -u/--username: the application id.', { target: 'Username' });
    if (input.ServicePrincipal && input.Tenant === undefined) throw fail.TenantRequired('--service-principal needs --tenant.', { target: 'Tenant' });
    if (input.ServicePrincipal && input.Password === undefined && input.FederatedToken === undefined) {
      throw fail.ServicePrincipalCredentialRequired('--service-principal needs -p/--password (a secret or a PEM file) or --federated-token.', { target: 'Password' });
    }
    if (input.FederatedToken !== undefined && !input.ServicePrincipal) throw fail.ConflictingSignInOptions('--federated-token goes with --service-principal.', { target: 'FederatedToken' });
    if (!input.ServicePrincipal && !input.Identity && (input.Username === undefined) !== (input.Password === undefined)) {
      throw fail[input.Username === undefined ? 'UsernameRequired' : 'PasswordRequired']('A password sign-in needs both -u/--username and -p/--password.', { target: input.Username === undefined ? 'Username' : 'Password' });
    }
  },
  output: { type: 'array', items: azAccountSchema('cloudName') },
  outputType: 'MyAccount.AzAccount',
  table: azAccountTable,
  tsvEveryField: true,
  async handler(input, ctx) {
    const connectInput = toConnectInput(input);
    checkSignInInput(connectInput);
    const result = await connect.handler(connectInput, ctx);
    const profile = await openProfile(ctx.configDir, ctx.clock).read();
    const account = profile.accounts.find((a) => sameName(a.id, result.Context.Account?.Id ?? ''));
    if (!account) return [];
    const current = resolveDefault(profile, ctx.env);
    const listed = azAccounts({ ...profile, accounts: [account] }, current);
    if (input.AllowNoSubscriptions) {
      const empty = account.tenants.filter((t) => !account.subscriptions.some((s) => s.tenantId === t.id));
      const defaultTenant = current?.context.subscription ? null : current?.context.tenant?.id;
      listed.push(...empty.map((t) => azTenantLevelAccount(account, t.id, t.id === defaultTenant)));
    } else if (listed.length === 0) {
      throw fail.NoSubscriptionsFound(`No subscriptions found for ${account.id}. Sign in again with --allow-no-subscriptions to use the tenants without subscriptions.`, { target: 'AllowNoSubscriptions' });
    }
    return listed;
  },
});
